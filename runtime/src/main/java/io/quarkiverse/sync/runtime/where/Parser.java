package io.quarkiverse.sync.runtime.where;

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

    private static final Set<String> RESERVED = Set.of("all", "analyse", "analyze", "and", "any", "array", "as", "asc",
            "asymmetric", "both", "case", "cast", "check", "collate", "column", "constraint", "create",
            "current_catalog", "current_date", "current_role", "current_time", "current_timestamp", "current_user",
            "default", "deferrable", "desc", "distinct", "do", "else", "end", "except", "false", "fetch", "for",
            "foreign", "from", "grant", "group", "having", "in", "initially", "intersect", "into", "lateral", "leading",
            "limit", "localtime", "localtimestamp", "not", "null", "offset", "on", "only", "or", "order", "placing",
            "primary", "references", "returning", "select", "session_user", "some", "symmetric", "system_user",
            "table", "then", "to", "trailing", "true", "union", "unique", "user", "using", "variadic", "when", "where",
            "window", "with");
    /** type_func_name_keyword: a function name, never a column. */
    private static final Set<String> TYPE_FUNC_NAME = Set.of("authorization", "binary", "collation", "concurrently",
            "cross", "current_schema", "freeze", "full", "ilike", "inner", "is", "isnull", "join", "left", "like",
            "natural", "notnull", "outer", "overlaps", "right", "similar", "tablesample", "verbose");
    /** col_name_keyword that start a type name: {@code int 'x'} is a typed literal, {@code int} alone a column. */
    private static final Set<String> TYPE_KEYWORDS = Set.of("bigint", "bit", "boolean", "char", "character", "dec",
            "decimal", "double", "float", "int", "integer", "interval", "national", "nchar", "numeric", "real",
            "smallint", "time", "timestamp", "varchar");
    /** col_name_keyword with a function syntax of their own. */
    private static final Set<String> SPECIAL_FUNCS = Set.of("coalesce", "greatest", "least", "nullif", "extract",
            "substring", "position", "trim", "overlay", "normalize", "treat", "grouping", "exists", "row", "values",
            "between", "setof", "none", "inout", "out", "xmlconcat", "xmlelement", "xmlexists", "xmlforest",
            "xmlparse", "xmlpi", "xmlroot", "xmlserialize", "xmlattributes", "xmlnamespaces", "xmltable",
            "json_array", "json_object", "json_scalar", "json_serialize", "json_arrayagg", "json_objectagg",
            "json_exists", "json_query", "json_value", "json_table", "json", "merge_action");
    private static final Set<String> SQL_VALUE_FUNCS = Set.of("current_date", "current_time", "current_timestamp",
            "localtime", "localtimestamp", "current_role", "current_user", "session_user", "user", "system_user",
            "current_catalog", "current_schema");
    private static final Set<String> NOT_PREFIX = Set.of("*", "/", "%", "^", "<", ">", "=", "<=", ">=", "<>", "=>");
    private static final Set<String> TRAILING_CLAUSES = Set.of("group", "having", "window", "order", "limit",
            "offset", "fetch", "for", "union", "intersect", "except");
    /** col_name_keyword without a call syntax: a column name, never followed by {@code (}. */
    private static final Set<String> COL_NAME_ONLY = Set.of("between", "setof", "none", "inout", "out", "values",
            "precision", "national");
    /** Type keywords that take no modifier: {@code int(5)} is a syntax error at {@code (}. */
    private static final Set<String> NO_TYPMOD = Set.of("int", "integer", "smallint", "bigint", "real", "boolean",
            "double");
    /** Type keywords whose modifier is one integer ({@code '(' Iconst ')'}), not an expression list. */
    private static final Set<String> ICONST_TYPMOD = Set.of("char", "character", "nchar", "varchar", "national",
            "time", "timestamp", "interval", "float");

    private final List<Token> tokens;
    private int p;
    private int depth;
    /** Parsing gram.y's b_expr (a BETWEEN lower bound): no AND/OR/NOT/LIKE/IN/BETWEEN/IS tests but DISTINCT. */
    private boolean bExpr;

    private Parser(List<Token> tokens) {
        this.tokens = tokens;
    }

    static Ast parse(String where) throws WhereException {
        Parser parser = new Parser(Lexer.tokenize(where));
        if (parser.peek().kind() == Kind.EOF) {
            throw parser.syntaxError(parser.peek());
        }
        Ast ast = parser.expr(OR);
        Token t = parser.peek();
        if (t.kind() != Kind.EOF) {
            if (t.isPunct(";")) {
                throw WhereException.where("unescaped \";\" causing statement split");
            }
            if (t.kind() == Kind.IDENT && TRAILING_CLAUSES.contains(t.value())) {
                throw WhereException.where("malformed query ending with SQL clauses");
            }
            throw parser.syntaxError(t);
        }
        return ast;
    }

    private Token peek() throws WhereException {
        return checked(tokens.get(p));
    }

    private Token peek(int ahead) throws WhereException {
        return checked(tokens.get(Math.min(p + ahead, tokens.size() - 1)));
    }

    private static Token checked(Token t) throws WhereException {
        if (t.kind() == Kind.ERROR) {
            throw WhereException.where(t.value());
        }
        return t;
    }

    private Token advance() throws WhereException {
        Token t = checked(tokens.get(p));
        if (t.kind() != Kind.EOF) {
            p++;
        }
        return t;
    }

    WhereException syntaxError(Token t) {
        int at = tokens.indexOf(t);
        if (t.kind() == Kind.IDENT && Set.of("not", "nulls", "with", "without").contains(t.value()) && at >= 0
                && at + 1 < tokens.size() && tokens.get(at + 1).kind() == Kind.ERROR) {
            // Postgres' scanner reads the token after these keywords before the parser sees them.
            return WhereException.where(tokens.get(at + 1).value());
        }
        if (t.kind() == Kind.EOF) {
            return Lexer.syntaxError("syntax error at end of input", t.pos());
        }
        return Lexer.syntaxError("syntax error at or near \"" + t.text() + "\"", t.pos());
    }

    private Token expectPunct(String v) throws WhereException {
        Token t = peek();
        if (!t.isPunct(v)) {
            throw syntaxError(t);
        }
        return advance();
    }

    private Token expectWord(String v) throws WhereException {
        Token t = peek();
        if (!t.isWord(v)) {
            throw syntaxError(t);
        }
        return advance();
    }

    private void enter() throws WhereException {
        if (++depth > MAX_DEPTH) {
            throw WhereException.at(peek().pos(), "stack depth limit exceeded: expression nested more than "
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
            Token t = peek();
            int prec = infixPrecedence(t);
            if (prec < 0 || prec < minPrec) {
                break;
            }
            if (prec == lastNonAssoc) {
                throw syntaxError(t);
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
                        Token n = peek(1);
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
            advance();
            return new Ast.TypeCast(t.pos(), left, typeName());
        }
        if (t.kind() == Kind.OP) {
            advance();
            Token q = peek();
            if (q.kind() == Kind.IDENT && (q.value().equals("any") || q.value().equals("some")
                    || q.value().equals("all"))) {
                if (bExpr) {
                    throw syntaxError(q); // b_expr has no subquery_Op form
                }
                return quantified(t, t.value(), left);
            }
            return new Ast.Op(t.pos(), t.value(), left, expr(prec + 1));
        }
        advance();
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
                expectWord("time");
                expectWord("zone");
                Ast zone = expr(AT + 1);
                return new Ast.FuncCall(t.pos(), "timezone", List.of(zone, left));
            }
            case "collate": {
                advance();
                return new Ast.Unsupported(t.pos(), "CollateClause is not supported in this context");
            }
            case "not":
                return likeInBetween(advance(), left, true, t.pos());
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
        if (peek().isWord("not")) {
            Token n = peek(1);
            if (n.kind() == Kind.IDENT && Set.of("in", "between", "like", "ilike", "similar").contains(n.value())) {
                throw syntaxError(peek()); // the scanner made this NOT a NOT_LA, which IS cannot take
            }
            advance();
            not = true;
        }
        Token t = advance();
        if (bExpr && !t.isWord("distinct") && !t.isWord("document")) {
            throw syntaxError(t); // b_expr only has IS [NOT] DISTINCT FROM and IS [NOT] DOCUMENT
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
                    expectWord("from");
                    return new Ast.DistinctFrom(is.pos(), left, expr(IS + 1), not);
                }
                case "document":
                    return new Ast.Unsupported(is.pos(), "XmlExpr is not supported in this context");
                default:
                    break;
            }
        }
        throw syntaxError(t);
    }

    private Ast likeInBetween(Token t, Ast left, boolean not, int pos) throws WhereException {
        switch (t.value()) {
            case "like":
            case "ilike": {
                String op = (not ? "!" : "") + (t.value().equals("like") ? "~~" : "~~*");
                Token q = peek();
                if (q.kind() == Kind.IDENT && Set.of("any", "some", "all").contains(q.value())) {
                    return quantified(t, op, left);
                }
                Ast right = expr(LIKE + 1);
                if (peek().isWord("escape")) {
                    advance();
                    expr(LIKE + 1);
                    return new Ast.Unsupported(pos, "unknown or unsupported function like_escape/2");
                }
                return new Ast.Op(pos, op, left, right);
            }
            case "similar": {
                expectWord("to");
                expr(LIKE + 1);
                if (peek().isWord("escape")) {
                    advance();
                    expr(LIKE + 1);
                }
                return new Ast.Unsupported(pos, "unknown or unsupported function similar_to_escape/1");
            }
            case "in": {
                Token open = expectPunct("(");
                if (startsSubquery()) {
                    throw WhereException.at(open.pos(), "subqueries are not supported in this context");
                }
                List<Ast> list = exprList(")");
                return new Ast.InList(pos, left, list, not);
            }
            case "between": {
                boolean symmetric = false;
                if (peek().isWord("symmetric")) {
                    advance();
                    symmetric = true;
                } else if (peek().isWord("asymmetric")) {
                    advance();
                }
                boolean saved = bExpr;
                bExpr = true;
                Ast lower;
                try {
                    lower = expr(IS);
                } finally {
                    bExpr = saved;
                }
                expectWord("and");
                Ast upper = expr(LIKE + 1);
                return new Ast.Between(pos, left, lower, upper, not, symmetric);
            }
            default:
                throw syntaxError(t);
        }
    }

    private Ast quantified(Token opToken, String op, Ast left) throws WhereException {
        boolean all = advance().value().equals("all");
        Token open = expectPunct("(");
        if (startsSubquery()) {
            throw WhereException.at(open.pos(), "only `value IN (SELECT ...)` sublinks are supported right now");
        }
        Ast array = nested();
        expectPunct(")");
        return new Ast.Quantified(opToken.pos(), op, left, array, all);
    }

    private boolean startsSubquery() throws WhereException {
        Token t = peek();
        while (t.isPunct("(")) {
            t = peek(1);
            break;
        }
        return t.kind() == Kind.IDENT && Set.of("select", "values", "with", "table").contains(t.value());
    }

    private List<Ast> exprList(String close) throws WhereException {
        List<Ast> list = new ArrayList<>();
        list.add(nested());
        while (peek().isPunct(",")) {
            advance();
            list.add(nested());
        }
        expectPunct(close);
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
        Token t = peek();
        if (t.kind() == Kind.IDENT && t.value().equals("not") && !bExpr) {
            advance();
            return new Ast.Not(t.pos(), expr(NOT));
        }
        if (t.kind() == Kind.OP) {
            if (NOT_PREFIX.contains(t.value())) {
                // gram.y: only + - and the generic Op class (not * / % ^ < > = <= >= <> =>) may start an expression
                throw syntaxError(t);
            }
            advance();
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
        Token t = advance();
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
                    if (peek().isPunct(",")) {
                        advance();
                        exprList(")");
                        return new Ast.Unsupported(t.pos(), "RowExpr is not supported in this context");
                    }
                    expectPunct(")");
                    return indirection(inner);
                }
                throw syntaxError(t);
            case QUOTED_IDENT:
                return identifier(t, true);
            case IDENT:
                return keywordOrIdentifier(t);
            default:
                throw syntaxError(t);
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
                expectPunct("(");
                Ast arg = nested();
                expectWord("as");
                Ast.TypeName type = typeName();
                expectPunct(")");
                return new Ast.TypeCast(t.pos(), arg, type);
            }
            case "case":
                return caseExpr(t);
            case "exists":
                if (peek().isPunct("(")) {
                    throw WhereException.at(t.pos(), "only `value IN (SELECT ...)` sublinks are supported right now");
                }
                break;
            case "row":
                if (peek().isPunct("(")) {
                    advance();
                    if (!peek().isPunct(")")) {
                        exprList(")");
                    } else {
                        advance();
                    }
                    return new Ast.Unsupported(t.pos(), "RowExpr is not supported in this context");
                }
                break;
            default:
                break;
        }
        if (SQL_VALUE_FUNCS.contains(w)) {
            if (peek().isPunct("(") && (w.startsWith("current_t") || w.startsWith("local"))) {
                advance();
                expectNumber();
                expectPunct(")");
            }
            return new Ast.Unsupported(t.pos(), "SQLValueFunction is not supported in this context");
        }
        if (RESERVED.contains(w)) {
            throw syntaxError(t);
        }
        if (w.equals("nchar") && t.text().length() == 1 && peek().kind() == Kind.STRING) {
            // N'…' (Postgres types it bpchar; we keep it an unknown-typed string)
            Token lit = advance();
            return new Ast.Const(t.pos(), ConstKind.STRING, lit.value());
        }
        if (TYPE_KEYWORDS.contains(w) && !(w.equals("double") && !peek().isWord("precision"))) {
            Token next = peek();
            if (NO_TYPMOD.contains(w) && next.isPunct("(")) {
                throw syntaxError(next);
            }
            if (next.kind() == Kind.STRING || next.isPunct("(") || (w.equals("double") && next.isWord("precision"))
                    || (w.equals("character") || w.equals("char") || w.equals("national")) && next.kind() == Kind.IDENT
                    || (w.equals("timestamp") || w.equals("time")) && (next.isWord("with") && peek(1).isWord("time")
                            || next.isWord("without"))) {
                p--;
                Ast.TypeName type = typeName(false);
                Token lit = peek();
                if (lit.kind() != Kind.STRING) {
                    throw syntaxError(lit);
                }
                advance();
                if (w.equals("interval") && peek().kind() == Kind.IDENT
                        && Set.of("year", "month", "day", "hour", "minute", "second").contains(peek().value())) {
                    throw syntaxError(peek());
                }
                return new Ast.TypeCast(t.pos(), new Ast.Const(lit.pos(), ConstKind.STRING, lit.value()), type);
            }
            return indirection(new Ast.ColumnRef(t.pos(), w, false));
        }
        if (TYPE_FUNC_NAME.contains(w)) {
            if (peek().isPunct("(") || peek().kind() == Kind.STRING) {
                return identifier(t, false);
            }
            // Postgres shifts the keyword as a possible function or type name and fails on what follows.
            throw syntaxError(peek());
        }
        if (COL_NAME_ONLY.contains(w)) {
            if (peek().isPunct("(")) {
                throw syntaxError(peek());
            }
            return indirection(new Ast.ColumnRef(t.pos(), w, false));
        }
        if (SPECIAL_FUNCS.contains(w)) {
            if (!peek().isPunct("(")) {
                return indirection(new Ast.ColumnRef(t.pos(), w, false));
            }
            if (w.equals("nullif")) {
                advance();
                exprList(")");
                return new Ast.Unsupported(t.pos(), "expression \"=\" of :AEXPR_NULLIF is not currently supported");
            }
            return functionCall(t, w, false);
        }
        return identifier(t, false);
    }

    /** An Iconst: an integer literal that fits int4 (larger ones are FCONST to the grammar). */
    /** A NOT the scanner turns into NOT_LA (followed by IN, BETWEEN, LIKE, ILIKE, SIMILAR): not a label. */
    private boolean isNotLa(Token t) {
        int at = tokens.indexOf(t);
        if (!t.isWord("not") || at < 0 || at + 1 >= tokens.size()) {
            return false;
        }
        Token n = tokens.get(at + 1);
        return n.kind() == Kind.IDENT && Set.of("in", "between", "like", "ilike", "similar").contains(n.value());
    }

    private void expectNumber() throws WhereException {
        Token t = peek();
        if (t.kind() != Kind.INTEGER || t.value().length() > 10 || Long.parseLong(t.value()) > Integer.MAX_VALUE) {
            throw syntaxError(t);
        }
        advance();
    }

    private Ast identifier(Token t, boolean quoted) throws WhereException {
        String name = t.value();
        Token next = peek();
        if (next.isPunct("(")) {
            return functionCall(t, name);
        }
        if (next.kind() == Kind.STRING) {
            // GenericType Sconst: a typed literal such as date '2024-01-01'.
            advance();
            return new Ast.TypeCast(t.pos(), new Ast.Const(next.pos(), ConstKind.STRING, next.value()),
                    new Ast.TypeName(t.pos(), TypeNames.canonical(name), 0, false));
        }
        if (next.isPunct(".")) {
            StringBuilder qualified = new StringBuilder(quoted ? "\"" + name + "\"" : name);
            while (peek().isPunct(".")) {
                advance();
                Token part = advance();
                if ((part.kind() == Kind.IDENT || part.kind() == Kind.QUOTED_IDENT) && !isNotLa(part)) {
                    qualified.append('.').append(part.kind() == Kind.QUOTED_IDENT ? "\"" + part.value() + "\"" : part.value());
                } else if (part.kind() == Kind.OP && part.value().equals("*")) {
                    qualified.append(".*");
                } else {
                    throw syntaxError(part);
                }
            }
            if (peek().isPunct("(")) {
                return functionCall(t, qualified.toString());
            }
            if (peek().kind() == Kind.STRING) {
                // func_name Sconst: a typed literal of a qualified type
                Token lit = advance();
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
        expectPunct("(");
        List<Ast> args = new ArrayList<>();
        String unsupported = null;
        Token t = peek();
        if (t.isPunct(")")) {
            advance();
        } else if (t.isOp("*")) {
            advance();
            expectPunct(")");
            unsupported = "aggregation is not supported in this context";
        } else {
            if (t.isWord("distinct") || t.isWord("all")) {
                advance();
                unsupported = "aggregation is not supported in this context";
            }
            while (true) {
                if (peek().isWord("variadic")) {
                    advance();
                    unsupported = unsupported != null ? unsupported
                            : "explicit VARIADIC function calls are not currently supported";
                }
                if ((peek().kind() == Kind.IDENT || peek().kind() == Kind.QUOTED_IDENT)
                        && (peek(1).isOp("=>") || peek(1).isPunct(":="))) {
                    advance();
                    advance();
                    unsupported = unsupported != null ? unsupported : "NamedArgExpr is not supported in this context";
                }
                args.add(nested());
                if (peek().isPunct(",")) {
                    advance();
                    continue;
                }
                if (peek().isWord("order")) {
                    advance();
                    expectWord("by");
                    exprList(")");
                    unsupported = "aggregation is not supported in this context";
                    break;
                }
                expectPunct(")");
                break;
            }
        }
        if (peek().isWord("within") || peek().isWord("filter") || peek().isWord("over")) {
            Token w = advance();
            if (w.value().equals("within")) {
                expectWord("group");
            }
            skipParenthesized(w.value().equals("over"));
            unsupported = "aggregation is not supported in this context";
        }
        if (genericName && unsupported == null && peek().kind() == Kind.STRING) {
            // AexprConst: func_name '(' args ')' Sconst is a typed literal with type modifiers, e.g. varchar(3) 'x'
            Token lit = advance();
            return new Ast.TypeCast(nameToken.pos(), new Ast.Const(lit.pos(), ConstKind.STRING, lit.value()),
                    new Ast.TypeName(nameToken.pos(), TypeNames.canonical(name), 0, true));
        }
        if (unsupported != null) {
            return new Ast.Unsupported(nameToken.pos(), unsupported);
        }
        return new Ast.FuncCall(nameToken.pos(), name, args);
    }

    /** Skips a balanced ( … ) such as a window or FILTER clause, which is rejected anyway. */
    private void skipParenthesized(boolean allowName) throws WhereException {
        if (allowName && (peek().kind() == Kind.IDENT || peek().kind() == Kind.QUOTED_IDENT)) {
            advance();
            return;
        }
        expectPunct("(");
        int level = 1;
        while (level > 0) {
            Token t = advance();
            if (t.kind() == Kind.EOF) {
                throw syntaxError(t);
            }
            if (t.isPunct("(")) {
                level++;
            } else if (t.isPunct(")")) {
                level--;
            }
        }
    }

    private Ast caseExpr(Token t) throws WhereException {
        if (!peek().isWord("when")) {
            nested();
        }
        if (!peek().isWord("when")) {
            throw syntaxError(peek());
        }
        while (peek().isWord("when")) {
            advance();
            nested();
            expectWord("then");
            nested();
        }
        if (peek().isWord("else")) {
            advance();
            nested();
        }
        expectWord("end");
        return new Ast.Unsupported(t.pos(), "CaseExpr is not supported in this context");
    }

    private Ast arrayConstructor(Token t) throws WhereException {
        Token open = peek();
        if (open.isPunct("(")) {
            throw WhereException.at(t.pos(), "only `value IN (SELECT ...)` sublinks are supported right now");
        }
        expectPunct("[");
        return new Ast.ArrayCtor(t.pos(), arrayElements());
    }

    /** After {@code [}: elements up to {@code ]}; nested {@code [ … ]} are sub-arrays (multi-dimensional). */
    private List<Ast> arrayElements() throws WhereException {
        List<Ast> elements = new ArrayList<>();
        if (peek().isPunct("]")) {
            advance();
            return elements;
        }
        // gram.y: either all elements are expressions or all are [ … ] sub-arrays.
        boolean subArrays = peek().isPunct("[");
        while (true) {
            enter();
            if (peek().isPunct("[") != subArrays) {
                throw syntaxError(peek());
            }
            if (subArrays) {
                Token open = advance();
                elements.add(new Ast.ArrayCtor(open.pos(), arrayElements()));
            } else {
                elements.add(nested());
            }
            depth--;
            if (peek().isPunct(",")) {
                advance();
                continue;
            }
            expectPunct("]");
            return elements;
        }
    }

    /** Subscripts after a column, a parameter or a parenthesised expression. */
    private Ast indirection(Ast base) throws WhereException {
        Ast result = base;
        while (peek().isPunct("[") || peek().isPunct(".")) {
            Token open = advance();
            if (open.isPunct(".")) {
                Token field = advance();
                if (field.kind() != Kind.IDENT && field.kind() != Kind.QUOTED_IDENT && !field.isOp("*")) {
                    throw syntaxError(field);
                }
                result = new Ast.Unsupported(open.pos(), "field selection is not supported in this context");
                continue;
            }
            enter();
            Ast lower = null;
            Ast upper = null;
            boolean slice = false;
            if (!peek().isPunct(":")) {
                lower = nested();
            }
            if (peek().isPunct(":")) {
                advance();
                slice = true;
                if (!peek().isPunct("]")) {
                    upper = nested();
                }
            }
            expectPunct("]");
            result = new Ast.Subscript(open.pos(), result, lower, upper, slice);
        }
        return result;
    }

    /** A type name after {@code ::}, {@code AS} or before a typed literal, in any SQL spelling. */
    private Ast.TypeName typeName() throws WhereException {
        return typeName(true);
    }

    /** {@code arrayBounds}: false before a typed literal (ConstTypename takes no {@code []}). */
    private Ast.TypeName typeName(boolean arrayBounds) throws WhereException {
        Token t = advance();
        String name;
        boolean typmod = false;
        if (t.kind() == Kind.QUOTED_IDENT) {
            name = t.value();
        } else if (t.kind() == Kind.IDENT && !RESERVED.contains(t.value())
                && !(SPECIAL_FUNCS.contains(t.value()) || COL_NAME_ONLY.contains(t.value()) && !t.value().equals("national"))) {
            String w = t.value();
            switch (w) {
                case "double":
                    expectWord("precision");
                    name = "float8";
                    break;
                case "national":
                    if (!peek().isWord("character") && !peek().isWord("char")) {
                        throw syntaxError(peek());
                    }
                    advance();
                    name = varying() ? "varchar" : "bpchar";
                    break;
                case "character":
                case "char":
                case "nchar":
                    name = varying() ? "varchar" : "bpchar";
                    break;
                case "timestamp":
                case "time":
                    typmod = iconstTypmod();
                    name = withTimeZone() ? w + "tz" : w;
                    break;
                case "interval":
                    if (peek().kind() == Kind.IDENT && Set.of("year", "month", "day", "hour", "minute", "second")
                            .contains(peek().value())) {
                        advance();
                        if (peek().isWord("to")) {
                            advance();
                            advance();
                        }
                        typmod = true;
                    }
                    name = "interval";
                    break;
                default:
                    name = TypeNames.canonical(w);
                    while (!TYPE_KEYWORDS.contains(w) && peek().isPunct(".")) {
                        advance();
                        Token part = advance();
                        if (part.kind() != Kind.IDENT && part.kind() != Kind.QUOTED_IDENT || isNotLa(part)) {
                            throw syntaxError(part);
                        }
                        name = name.equals("pg_catalog") ? TypeNames.canonical(part.value()) : name + "." + part.value();
                    }
            }
        } else {
            throw syntaxError(t);
        }
        if (t.kind() == Kind.IDENT && NO_TYPMOD.contains(t.value())) {
            // no modifier allowed; a following ( is the caller's syntax error
        } else if (t.kind() == Kind.IDENT && ICONST_TYPMOD.contains(t.value())) {
            typmod |= iconstTypmod();
        } else {
            typmod |= typmod();
        }
        int dims = 0;
        while (arrayBounds) {
            if (peek().isPunct("[")) {
                advance();
                if (peek().kind() == Kind.INTEGER) {
                    advance();
                }
                expectPunct("]");
                dims++;
            } else if (dims == 0 && peek().isWord("array")) {
                advance();
                if (peek().isPunct("[")) {
                    advance();
                    expectNumber();
                    expectPunct("]");
                }
                dims++;
                break;
            } else {
                break;
            }
        }
        return new Ast.TypeName(t.pos(), name, dims, typmod);
    }

    private boolean varying() throws WhereException {
        if (peek().isWord("varying")) {
            advance();
            return true;
        }
        return false;
    }

    private boolean typmod() throws WhereException {
        if (!peek().isPunct("(")) {
            return false;
        }
        advance();
        exprList(")");
        return true;
    }

    private boolean iconstTypmod() throws WhereException {
        if (!peek().isPunct("(")) {
            return false;
        }
        advance();
        expectNumber();
        expectPunct(")");
        return true;
    }

    private boolean withTimeZone() throws WhereException {
        if (peek().isWord("with") && peek(1).isWord("time") || peek().isWord("without")) {
            boolean with = advance().value().equals("with");
            expectWord("time");
            expectWord("zone");
            return with;
        }
        return false;
    }
}
