package io.quarkiverse.sync.runtime.where;

import static io.quarkiverse.sync.runtime.where.Keywords.COL_NAME_ONLY;
import static io.quarkiverse.sync.runtime.where.Keywords.NOT_PREFIX;
import static io.quarkiverse.sync.runtime.where.Keywords.NO_TYPMOD;
import static io.quarkiverse.sync.runtime.where.Keywords.RESERVED;
import static io.quarkiverse.sync.runtime.where.Keywords.SPECIAL_FUNCS;
import static io.quarkiverse.sync.runtime.where.Keywords.SQL_VALUE_FUNCS;
import static io.quarkiverse.sync.runtime.where.Keywords.TRAILING_CLAUSES;
import static io.quarkiverse.sync.runtime.where.Keywords.TYPE_FUNC_NAME;
import static io.quarkiverse.sync.runtime.where.Keywords.TYPE_KEYWORDS;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.quarkiverse.sync.runtime.where.Ast.ConstKind;
import io.quarkiverse.sync.runtime.where.Token.Kind;

/**
 * Recursive-descent parser for the expression grammar of PostgreSQL ({@code a_expr} in {@code gram.y}), with its
 * precedence and associativity, so that the tree and the token named by a syntax error are Postgres'.
 */
final class Parser {

    /** Electric parses {@code SELECT 1 WHERE <where>}; syntax error locations count this prefix. */
    static final String PREFIX = "SELECT 1 WHERE ";

    /** Deeper trees are refused: keeps the checker's and evaluator's recursion far from the thread stack's end. */
    static final int MAX_DEPTH = 1000;

    // Precedence levels of gram.y, loosest first.
    private static final int OR = 1, AND = 2, NOT = 3, IS = 4, CMP = 5, LIKE = 6, OP = 7, ADD = 8, MUL = 9, POW = 10,
            AT = 11, COLLATE = 12, UMINUS = 13;

    private final TokenCursor c;
    private final TypeNameParser types;
    private int depth;
    /** Parsing gram.y's b_expr (a BETWEEN lower bound): no AND/OR/NOT/LIKE/IN/BETWEEN/IS tests but DISTINCT. */
    private boolean bExpr;

    private Parser(List<Token> tokens) {
        this.c = new TokenCursor(tokens);
        this.types = new TypeNameParser(c, this);
    }

    static Ast parse(String where) throws WhereException {
        Parser parser = new Parser(Lexer.tokenize(where));
        if (parser.c.peek().kind() == Kind.EOF) {
            throw parser.c.syntaxError(parser.c.peek());
        }
        Ast ast = parser.expr(OR);
        Token t = parser.c.peek();
        if (t.kind() != Kind.EOF) {
            if (t.isPunct(";")) {
                throw WhereException.where("unescaped \";\" causing statement split");
            }
            if (t.kind() == Kind.IDENT && TRAILING_CLAUSES.contains(t.value())) {
                throw WhereException.where("malformed query ending with SQL clauses");
            }
            throw parser.c.syntaxError(t);
        }
        return ast;
    }

    private void enter() throws WhereException {
        if (++depth > MAX_DEPTH) {
            throw WhereException.at(c.peek().pos(), "stack depth limit exceeded: expression nested more than "
                    + MAX_DEPTH + " levels deep");
        }
    }

    /** Parses operators binding at least as tightly as {@code minPrec}, by precedence climbing. */
    private Ast expr(int minPrec) throws WhereException {
        enter();
        int savedDepth = depth;
        Ast left = prefix();
        int lastNonAssoc = -1;
        while (true) {
            Token t = c.peek();
            int prec = infixPrecedence(t);
            if (prec < 0 || prec < minPrec) {
                break;
            }
            if (prec == lastNonAssoc) {
                throw c.syntaxError(t);
            }
            // A left-leaning chain (1+1+1…) deepens the tree without recursing here; count it too.
            if (prec != OR && prec != AND) {
                enter();
            }
            lastNonAssoc = -1;
            Ast next = infix(left, t, prec);
            if (next instanceof Ast.Quantified) {
                lastNonAssoc = -1;
            } else if (prec == IS || prec == CMP || prec == LIKE) {
                lastNonAssoc = prec;
            }
            left = next;
        }
        depth = savedDepth - 1;
        return left;
    }

    private int infixPrecedence(Token t) throws WhereException {
        int prec = infixPrecedence0(t);
        if (bExpr && (prec == OR || prec == AND || prec == LIKE || prec == AT || prec == COLLATE
                || prec == IS && !t.isWord("is"))) {
            return -1;
        }
        return prec;
    }

    private int infixPrecedence0(Token t) throws WhereException {
        switch (t.kind()) {
            case TYPECAST:
                return 100;
            case OP:
                switch (t.value()) {
                    case "<": case ">": case "=": case "<=": case ">=": case "<>":
                        return CMP;
                    case "+": case "-":
                        return ADD;
                    case "*": case "/": case "%":
                        return MUL;
                    case "^":
                        return POW;
                    case "=>":
                        return -1; // EQUALS_GREATER: named arguments only
                    default:
                        return OP;
                }
            case IDENT:
                switch (t.value()) {
                    case "or": return OR;
                    case "and": return AND;
                    case "is": case "isnull": case "notnull": return IS;
                    case "like": case "ilike": case "similar": case "in": case "between": return LIKE;
                    case "not": {
                        Token n = c.peek(1);
                        return n.kind() == Kind.IDENT && Set.of("like", "ilike", "similar", "in", "between")
                                .contains(n.value()) ? LIKE : -1;
                    }
                    case "at": return AT;
                    case "collate": return COLLATE;
                    default: return -1;
                }
            default:
                return -1;
        }
    }

    private Ast infix(Ast left, Token t, int prec) throws WhereException {
        if (t.kind() == Kind.TYPECAST) {
            c.advance();
            return new Ast.TypeCast(t.pos(), left, types.typeName());
        }
        if (t.kind() == Kind.OP) {
            c.advance();
            Token q = c.peek();
            if (q.kind() == Kind.IDENT && (q.value().equals("any") || q.value().equals("some")
                    || q.value().equals("all"))) {
                if (bExpr) {
                    throw c.syntaxError(q); // b_expr has no subquery_Op form
                }
                return quantified(t, t.value(), left);
            }
            return new Ast.Op(t.pos(), t.value(), left, expr(prec + 1));
        }
        c.advance();
        switch (t.value()) {
            case "or":
            case "and": {
                List<Ast> args = new ArrayList<>();
                flattenInto(args, left, prec);
                args.add(expr(prec + 1));
                return prec == OR ? new Ast.Or(t.pos(), args) : new Ast.And(t.pos(), args);
            }
            case "isnull":
                return new Ast.NullTest(t.pos(), left, false);
            case "notnull":
                return new Ast.NullTest(t.pos(), left, true);
            case "is":
                return isTest(t, left);
            case "at": {
                c.expectWord("time");
                c.expectWord("zone");
                Ast zone = expr(AT + 1);
                return new Ast.FuncCall(t.pos(), "timezone", List.of(zone, left));
            }
            case "collate": {
                c.advance();
                return new Ast.Unsupported(t.pos(), "CollateClause is not supported in this context");
            }
            case "not":
                return likeInBetween(c.advance(), left, true, t.pos());
            default:
                return likeInBetween(t, left, false, t.pos());
        }
    }

    private static void flattenInto(List<Ast> args, Ast left, int prec) {
        if (prec == OR && left instanceof Ast.Or or && !or.args().isEmpty() && or.args().size() > 1) {
            args.addAll(or.args());
        } else if (prec == AND && left instanceof Ast.And and) {
            args.addAll(and.args());
        } else {
            args.add(left);
        }
    }

    private Ast isTest(Token is, Ast left) throws WhereException {
        boolean not = false;
        if (c.peek().isWord("not")) {
            Token n = c.peek(1);
            if (n.kind() == Kind.IDENT && Set.of("in", "between", "like", "ilike", "similar").contains(n.value())) {
                throw c.syntaxError(c.peek()); // the scanner made this NOT a NOT_LA, which IS cannot take
            }
            c.advance();
            not = true;
        }
        Token t = c.advance();
        if (bExpr && !t.isWord("distinct") && !t.isWord("document")) {
            throw c.syntaxError(t); // b_expr only has IS [NOT] DISTINCT FROM and IS [NOT] DOCUMENT
        }
        if (t.kind() == Kind.IDENT) {
            switch (t.value()) {
                case "null":
                    return new Ast.NullTest(is.pos(), left, not);
                case "true":
                    return new Ast.BoolTest(is.pos(), left, not ? Ast.BoolTestKind.IS_NOT_TRUE : Ast.BoolTestKind.IS_TRUE);
                case "false":
                    return new Ast.BoolTest(is.pos(), left,
                            not ? Ast.BoolTestKind.IS_NOT_FALSE : Ast.BoolTestKind.IS_FALSE);
                case "unknown":
                    return new Ast.BoolTest(is.pos(), left,
                            not ? Ast.BoolTestKind.IS_NOT_UNKNOWN : Ast.BoolTestKind.IS_UNKNOWN);
                case "distinct": {
                    c.expectWord("from");
                    return new Ast.DistinctFrom(is.pos(), left, expr(IS + 1), not);
                }
                case "document":
                    return new Ast.Unsupported(is.pos(), "XmlExpr is not supported in this context");
                default:
                    break;
            }
        }
        throw c.syntaxError(t);
    }

    private Ast likeInBetween(Token t, Ast left, boolean not, int pos) throws WhereException {
        switch (t.value()) {
            case "like":
            case "ilike": {
                String op = (not ? "!" : "") + (t.value().equals("like") ? "~~" : "~~*");
                Token q = c.peek();
                if (q.kind() == Kind.IDENT && Set.of("any", "some", "all").contains(q.value())) {
                    return quantified(t, op, left);
                }
                Ast right = expr(LIKE + 1);
                if (c.peek().isWord("escape")) {
                    c.advance();
                    expr(LIKE + 1);
                    return new Ast.Unsupported(pos, "unknown or unsupported function like_escape/2");
                }
                return new Ast.Op(pos, op, left, right);
            }
            case "similar": {
                c.expectWord("to");
                expr(LIKE + 1);
                if (c.peek().isWord("escape")) {
                    c.advance();
                    expr(LIKE + 1);
                }
                return new Ast.Unsupported(pos, "unknown or unsupported function similar_to_escape/1");
            }
            case "in": {
                Token open = c.expectPunct("(");
                if (startsSubquery()) {
                    throw WhereException.at(open.pos(), "subqueries are not supported in this context");
                }
                List<Ast> list = exprList(")");
                return new Ast.InList(pos, left, list, not);
            }
            case "between": {
                boolean symmetric = false;
                if (c.peek().isWord("symmetric")) {
                    c.advance();
                    symmetric = true;
                } else if (c.peek().isWord("asymmetric")) {
                    c.advance();
                }
                boolean saved = bExpr;
                bExpr = true;
                Ast lower;
                try {
                    lower = expr(IS);
                } finally {
                    bExpr = saved;
                }
                c.expectWord("and");
                Ast upper = expr(LIKE + 1);
                return new Ast.Between(pos, left, lower, upper, not, symmetric);
            }
            default:
                throw c.syntaxError(t);
        }
    }

    private Ast quantified(Token opToken, String op, Ast left) throws WhereException {
        boolean all = c.advance().value().equals("all");
        Token open = c.expectPunct("(");
        if (startsSubquery()) {
            throw WhereException.at(open.pos(), "only `value IN (SELECT ...)` sublinks are supported right now");
        }
        Ast array = nested();
        c.expectPunct(")");
        return new Ast.Quantified(opToken.pos(), op, left, array, all);
    }

    private boolean startsSubquery() throws WhereException {
        Token t = c.peek();
        while (t.isPunct("(")) {
            t = c.peek(1);
            break;
        }
        return t.kind() == Kind.IDENT && Set.of("select", "values", "with", "table").contains(t.value());
    }

    List<Ast> exprList(String close) throws WhereException {
        List<Ast> list = new ArrayList<>();
        list.add(nested());
        while (c.peek().isPunct(",")) {
            c.advance();
            list.add(nested());
        }
        c.expectPunct(close);
        return list;
    }

    /** An expression inside brackets, where the full a_expr grammar applies again. */
    private Ast nested() throws WhereException {
        boolean saved = bExpr;
        bExpr = false;
        try {
            return expr(OR);
        } finally {
            bExpr = saved;
        }
    }

    private Ast prefix() throws WhereException {
        Token t = c.peek();
        if (t.kind() == Kind.IDENT && t.value().equals("not") && !bExpr) {
            c.advance();
            return new Ast.Not(t.pos(), expr(NOT));
        }
        if (t.kind() == Kind.OP) {
            if (NOT_PREFIX.contains(t.value())) {
                // gram.y: only + - and the generic Op class (not * / % ^ < > = <= >= <> =>) may start an expression
                throw c.syntaxError(t);
            }
            c.advance();
            if (t.value().equals("-") || t.value().equals("+")) {
                Ast arg = expr(UMINUS);
                if (t.value().equals("-") && arg instanceof Ast.Const c
                        && (c.kind() == ConstKind.INTEGER || c.kind() == ConstKind.DECIMAL)) {
                    // gram.y's doNegate: -2147483648 is one int4 constant, located at the minus.
                    String digits = c.text().startsWith("-") ? c.text().substring(1) : "-" + c.text();
                    return new Ast.Const(t.pos(), c.kind(), digits);
                }
                return new Ast.Op(t.pos(), t.value(), null, arg);
            }
            return new Ast.Op(t.pos(), t.value(), null, expr(OP + 1));
        }
        return primary();
    }

    private Ast primary() throws WhereException {
        Token t = c.advance();
        switch (t.kind()) {
            case INTEGER:
                return new Ast.Const(t.pos(), ConstKind.INTEGER, t.value());
            case DECIMAL:
                return new Ast.Const(t.pos(), ConstKind.DECIMAL, t.value());
            case STRING:
                return new Ast.Const(t.pos(), ConstKind.STRING, t.value());
            case BIT_STRING:
                return new Ast.Const(t.pos(), ConstKind.BIT_STRING, t.value());
            case PARAM: {
                int n;
                try {
                    n = Integer.parseInt(t.value());
                } catch (NumberFormatException e) {
                    throw WhereException.at(t.pos(), "parameter number too large");
                }
                return indirection(new Ast.Param(t.pos(), n));
            }
            case PUNCT:
                if (t.value().equals("(")) {
                    if (startsSubquery()) {
                        throw WhereException.at(t.pos(),
                                "only `value IN (SELECT ...)` sublinks are supported right now");
                    }
                    Ast inner = nested();
                    if (c.peek().isPunct(",")) {
                        c.advance();
                        exprList(")");
                        return new Ast.Unsupported(t.pos(), "RowExpr is not supported in this context");
                    }
                    c.expectPunct(")");
                    return indirection(inner);
                }
                throw c.syntaxError(t);
            case QUOTED_IDENT:
                return identifier(t, true);
            case IDENT:
                return keywordOrIdentifier(t);
            default:
                throw c.syntaxError(t);
        }
    }

    private Ast keywordOrIdentifier(Token t) throws WhereException {
        String w = t.value();
        switch (w) {
            case "true":
                return new Ast.Const(t.pos(), ConstKind.TRUE, "true");
            case "false":
                return new Ast.Const(t.pos(), ConstKind.FALSE, "false");
            case "null":
                return new Ast.Const(t.pos(), ConstKind.NULL, "null");
            case "array":
                return arrayConstructor(t);
            case "cast": {
                c.expectPunct("(");
                Ast arg = nested();
                c.expectWord("as");
                Ast.TypeName type = types.typeName();
                c.expectPunct(")");
                return new Ast.TypeCast(t.pos(), arg, type);
            }
            case "case":
                return caseExpr(t);
            case "exists":
                if (c.peek().isPunct("(")) {
                    throw WhereException.at(t.pos(), "only `value IN (SELECT ...)` sublinks are supported right now");
                }
                break;
            case "row":
                if (c.peek().isPunct("(")) {
                    c.advance();
                    if (!c.peek().isPunct(")")) {
                        exprList(")");
                    } else {
                        c.advance();
                    }
                    return new Ast.Unsupported(t.pos(), "RowExpr is not supported in this context");
                }
                break;
            default:
                break;
        }
        if (SQL_VALUE_FUNCS.contains(w)) {
            if (c.peek().isPunct("(") && (w.startsWith("current_t") || w.startsWith("local"))) {
                c.advance();
                c.expectNumber();
                c.expectPunct(")");
            }
            return new Ast.Unsupported(t.pos(), "SQLValueFunction is not supported in this context");
        }
        if (RESERVED.contains(w)) {
            throw c.syntaxError(t);
        }
        if (w.equals("nchar") && t.text().length() == 1 && c.peek().kind() == Kind.STRING) {
            // N'…' (Postgres types it bpchar; we keep it an unknown-typed string)
            Token lit = c.advance();
            return new Ast.Const(t.pos(), ConstKind.STRING, lit.value());
        }
        if (TYPE_KEYWORDS.contains(w) && !(w.equals("double") && !c.peek().isWord("precision"))) {
            Token next = c.peek();
            if (NO_TYPMOD.contains(w) && next.isPunct("(")) {
                throw c.syntaxError(next);
            }
            if (next.kind() == Kind.STRING || next.isPunct("(") || (w.equals("double") && next.isWord("precision"))
                    || (w.equals("character") || w.equals("char") || w.equals("national")) && next.kind() == Kind.IDENT
                    || (w.equals("timestamp") || w.equals("time")) && (next.isWord("with") && c.peek(1).isWord("time")
                            || next.isWord("without"))) {
                c.back();
                Ast.TypeName type = types.typeName(false);
                Token lit = c.peek();
                if (lit.kind() != Kind.STRING) {
                    throw c.syntaxError(lit);
                }
                c.advance();
                if (w.equals("interval") && c.peek().kind() == Kind.IDENT
                        && Set.of("year", "month", "day", "hour", "minute", "second").contains(c.peek().value())) {
                    // ConstInterval Sconst opt_interval: valid SQL (interval '1' day), but the fields are not
                    // evaluated here. Parsed as Postgres does, so that its syntax errors come at the same token.
                    optInterval();
                    return new Ast.Unsupported(t.pos(), "interval fields are not supported");
                }
                return new Ast.TypeCast(t.pos(), new Ast.Const(lit.pos(), ConstKind.STRING, lit.value()), type);
            }
            return columnOrQualifiedName(t);
        }
        if (TYPE_FUNC_NAME.contains(w)) {
            if (c.peek().isPunct("(") || c.peek().kind() == Kind.STRING) {
                return identifier(t, false);
            }
            // Postgres shifts the keyword as a possible function or type name and fails on what follows.
            throw c.syntaxError(c.peek());
        }
        if (COL_NAME_ONLY.contains(w)) {
            if (c.peek().isPunct("(")) {
                throw c.syntaxError(c.peek());
            }
            return columnOrQualifiedName(t);
        }
        if (SPECIAL_FUNCS.contains(w)) {
            if (!c.peek().isPunct("(")) {
                return columnOrQualifiedName(t);
            }
            if (w.equals("nullif")) {
                c.advance();
                exprList(")");
                return new Ast.Unsupported(t.pos(), "expression \"=\" of :AEXPR_NULLIF is not currently supported");
            }
            if (w.equals("coalesce") || w.equals("greatest") || w.equals("least")) {
                // gram.y: COALESCE '(' expr_list ')': no '*', DISTINCT, named or VARIADIC arguments, ORDER BY, OVER.
                c.advance();
                return new Ast.FuncCall(t.pos(), w, exprList(")"));
            }
            return functionCall(t, w, false);
        }
        return identifier(t, false);
    }

    /** gram.y's opt_interval after a typed interval literal: YEAR [TO MONTH], DAY [TO HOUR|MINUTE|SECOND], … */
    private void optInterval() throws WhereException {
        String unit = c.advance().value();
        if (unit.equals("second")) {
            secondPrecision();
            return;
        }
        if (unit.equals("month") || !c.peek().isWord("to")) {
            return;
        }
        c.advance();
        Set<String> ends = switch (unit) {
            case "year" -> Set.of("month");
            case "day" -> Set.of("hour", "minute", "second");
            case "hour" -> Set.of("minute", "second");
            default -> Set.of("second");
        };
        Token end = c.peek();
        if (end.kind() != Kind.IDENT || !ends.contains(end.value())) {
            throw c.syntaxError(end);
        }
        c.advance();
        if (end.value().equals("second")) {
            secondPrecision();
        }
    }

    /** interval_second: SECOND ['(' Iconst ')']. */
    private void secondPrecision() throws WhereException {
        if (c.peek().isPunct("(")) {
            c.advance();
            c.expectNumber();
            c.expectPunct(")");
        }
    }

    /**
     * A col_name_keyword used as a ColId: a column, or, followed by {@code .}, the start of a qualified name, which
     * like any {@code ColId indirection} may name a function or the type of a literal ({@code numeric.x 'lit'}).
     */
    private Ast columnOrQualifiedName(Token t) throws WhereException {
        if (c.peek().isPunct(".")) {
            return identifier(t, false);
        }
        return indirection(new Ast.ColumnRef(t.pos(), t.value(), false));
    }

    /** An Iconst: an integer literal that fits int4 (larger ones are FCONST to the grammar). */
    private Ast identifier(Token t, boolean quoted) throws WhereException {
        String name = t.value();
        Token next = c.peek();
        if (next.isPunct("(")) {
            return functionCall(t, name);
        }
        if (next.kind() == Kind.STRING) {
            // GenericType Sconst: a typed literal such as date '2024-01-01'.
            c.advance();
            return new Ast.TypeCast(t.pos(), new Ast.Const(next.pos(), ConstKind.STRING, next.value()),
                    new Ast.TypeName(t.pos(), TypeNames.canonical(name), 0, false));
        }
        if (next.isPunct(".")) {
            StringBuilder qualified = new StringBuilder(quoted ? "\"" + name + "\"" : name);
            while (c.peek().isPunct(".")) {
                c.advance();
                Token part = c.advance();
                if ((part.kind() == Kind.IDENT || part.kind() == Kind.QUOTED_IDENT) && !c.isNotLa(part)) {
                    qualified.append('.').append(part.kind() == Kind.QUOTED_IDENT ? "\"" + part.value() + "\"" : part.value());
                } else if (part.kind() == Kind.OP && part.value().equals("*")) {
                    qualified.append(".*");
                } else {
                    throw c.syntaxError(part);
                }
            }
            if (c.peek().isPunct("(")) {
                return functionCall(t, qualified.toString());
            }
            if (c.peek().kind() == Kind.STRING) {
                // func_name Sconst: a typed literal of a qualified type
                Token lit = c.advance();
                return new Ast.TypeCast(t.pos(), new Ast.Const(lit.pos(), ConstKind.STRING, lit.value()),
                        new Ast.TypeName(t.pos(), qualified.toString(), 0, false));
            }
            return indirection(new Ast.Unsupported(t.pos(), "unknown reference " + qualified));
        }
        return indirection(new Ast.ColumnRef(t.pos(), name, quoted));
    }

    private Ast functionCall(Token nameToken, String name) throws WhereException {
        return functionCall(nameToken, name, true);
    }

    /** {@code genericName}: a func_name, which may also start a typed literal {@code name(…) 'text'}. */
    private Ast functionCall(Token nameToken, String name, boolean genericName) throws WhereException {
        c.expectPunct("(");
        List<Ast> args = new ArrayList<>();
        String unsupported = null;
        Token t = c.peek();
        if (t.isPunct(")")) {
            c.advance();
        } else if (t.isOp("*")) {
            c.advance();
            c.expectPunct(")");
            unsupported = "aggregation is not supported in this context";
        } else {
            if (t.isWord("distinct") || t.isWord("all")) {
                c.advance();
                unsupported = "aggregation is not supported in this context";
            }
            while (true) {
                if (c.peek().isWord("variadic")) {
                    c.advance();
                    unsupported = unsupported != null ? unsupported
                            : "explicit VARIADIC function calls are not currently supported";
                }
                // Only a param_name needs the token after it to be read: Postgres rejects a reserved keyword that
                // cannot start an argument (ANY) before its scanner reaches the next token.
                if (isParamName(c.peek()) && (c.peek(1).isOp("=>") || c.peek(1).isPunct(":="))) {
                    c.advance();
                    c.advance();
                    unsupported = unsupported != null ? unsupported : "NamedArgExpr is not supported in this context";
                }
                args.add(nested());
                if (c.peek().isPunct(",")) {
                    c.advance();
                    continue;
                }
                if (c.peek().isWord("order")) {
                    c.advance();
                    c.expectWord("by");
                    exprList(")");
                    unsupported = "aggregation is not supported in this context";
                    break;
                }
                c.expectPunct(")");
                break;
            }
        }
        if (c.peek().isWord("within") || c.peek().isWord("filter") || c.peek().isWord("over")) {
            Token w = c.advance();
            if (w.value().equals("within")) {
                c.expectWord("group");
            }
            skipParenthesized(w.value().equals("over"));
            unsupported = "aggregation is not supported in this context";
        }
        if (genericName && unsupported == null && c.peek().kind() == Kind.STRING) {
            // AexprConst: func_name '(' args ')' Sconst is a typed literal with type modifiers, e.g. varchar(3) 'x'
            Token lit = c.advance();
            return new Ast.TypeCast(nameToken.pos(), new Ast.Const(lit.pos(), ConstKind.STRING, lit.value()),
                    new Ast.TypeName(nameToken.pos(), TypeNames.canonical(name), 0, true));
        }
        if (unsupported != null) {
            return new Ast.Unsupported(nameToken.pos(), unsupported);
        }
        return new Ast.FuncCall(nameToken.pos(), name, args);
    }

    /** gram.y's param_name (type_function_name): an identifier or keyword that is neither reserved nor col_name. */
    private static boolean isParamName(Token t) {
        if (t.kind() == Kind.QUOTED_IDENT) {
            return true;
        }
        return t.kind() == Kind.IDENT && !Keywords.RESERVED.contains(t.value())
                && !Keywords.TYPE_KEYWORDS.contains(t.value()) && !Keywords.SPECIAL_FUNCS.contains(t.value())
                && !Keywords.COL_NAME_ONLY.contains(t.value());
    }

    /** Skips a balanced ( … ) such as a window or FILTER clause, which is rejected anyway. */
    private void skipParenthesized(boolean allowName) throws WhereException {
        if (allowName && (c.peek().kind() == Kind.IDENT || c.peek().kind() == Kind.QUOTED_IDENT)) {
            c.advance();
            return;
        }
        c.expectPunct("(");
        int level = 1;
        while (level > 0) {
            Token t = c.advance();
            if (t.kind() == Kind.EOF) {
                throw c.syntaxError(t);
            }
            if (t.isPunct("(")) {
                level++;
            } else if (t.isPunct(")")) {
                level--;
            }
        }
    }

    private Ast caseExpr(Token t) throws WhereException {
        if (!c.peek().isWord("when")) {
            nested();
        }
        if (!c.peek().isWord("when")) {
            throw c.syntaxError(c.peek());
        }
        while (c.peek().isWord("when")) {
            c.advance();
            nested();
            c.expectWord("then");
            nested();
        }
        if (c.peek().isWord("else")) {
            c.advance();
            nested();
        }
        c.expectWord("end");
        return new Ast.Unsupported(t.pos(), "CaseExpr is not supported in this context");
    }

    private Ast arrayConstructor(Token t) throws WhereException {
        Token open = c.peek();
        if (open.isPunct("(")) {
            throw WhereException.at(t.pos(), "only `value IN (SELECT ...)` sublinks are supported right now");
        }
        c.expectPunct("[");
        return new Ast.ArrayCtor(t.pos(), arrayElements());
    }

    /** After {@code [}: elements up to {@code ]}; nested {@code [ … ]} are sub-arrays (multi-dimensional). */
    private List<Ast> arrayElements() throws WhereException {
        List<Ast> elements = new ArrayList<>();
        if (c.peek().isPunct("]")) {
            c.advance();
            return elements;
        }
        // gram.y: either all elements are expressions or all are [ … ] sub-arrays.
        boolean subArrays = c.peek().isPunct("[");
        while (true) {
            enter();
            if (c.peek().isPunct("[") != subArrays) {
                throw c.syntaxError(c.peek());
            }
            if (subArrays) {
                Token open = c.advance();
                elements.add(new Ast.ArrayCtor(open.pos(), arrayElements()));
            } else {
                elements.add(nested());
            }
            depth--;
            if (c.peek().isPunct(",")) {
                c.advance();
                continue;
            }
            c.expectPunct("]");
            return elements;
        }
    }

    /** Subscripts after a column, a parameter or a parenthesised expression. */
    private Ast indirection(Ast base) throws WhereException {
        Ast result = base;
        while (c.peek().isPunct("[") || c.peek().isPunct(".")) {
            Token open = c.advance();
            if (open.isPunct(".")) {
                Token field = c.advance();
                if (field.kind() != Kind.IDENT && field.kind() != Kind.QUOTED_IDENT && !field.isOp("*")) {
                    throw c.syntaxError(field);
                }
                result = new Ast.Unsupported(open.pos(), "field selection is not supported in this context");
                continue;
            }
            enter();
            Ast lower = null;
            Ast upper = null;
            boolean slice = false;
            if (!c.peek().isPunct(":")) {
                lower = nested();
            }
            if (c.peek().isPunct(":")) {
                c.advance();
                slice = true;
                if (!c.peek().isPunct("]")) {
                    upper = nested();
                }
            }
            c.expectPunct("]");
            result = new Ast.Subscript(open.pos(), result, lower, upper, slice);
        }
        return result;
    }

}
