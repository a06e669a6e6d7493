package io.quarkiverse.sync.runtime.where;

import static io.quarkiverse.sync.runtime.where.Keywords.COL_NAME_ONLY;
import static io.quarkiverse.sync.runtime.where.Keywords.ICONST_TYPMOD;
import static io.quarkiverse.sync.runtime.where.Keywords.NO_TYPMOD;
import static io.quarkiverse.sync.runtime.where.Keywords.RESERVED;
import static io.quarkiverse.sync.runtime.where.Keywords.SPECIAL_FUNCS;
import static io.quarkiverse.sync.runtime.where.Keywords.TYPE_KEYWORDS;

import java.util.Set;

import io.quarkiverse.sync.runtime.where.Token.Kind;

/** The {@code Typename} part of the grammar: every SQL spelling of a type, with modifiers and array bounds. */
final class TypeNameParser {

    private final TokenCursor c;
    private final Parser exprs;

    TypeNameParser(TokenCursor c, Parser exprs) {
        this.c = c;
        this.exprs = exprs;
    }

    /** A type name after {@code ::}, {@code AS} or before a typed literal, in any SQL spelling. */
    Ast.TypeName typeName() throws WhereException {
        return typeName(true);
    }

    /** {@code arrayBounds}: false before a typed literal (ConstTypename takes no {@code []}). */
    Ast.TypeName typeName(boolean arrayBounds) throws WhereException {
        Token t = c.advance();
        String name;
        boolean typmod = false;
        if (t.kind() == Kind.QUOTED_IDENT) {
            name = t.value();
        } else if (t.kind() == Kind.IDENT && !RESERVED.contains(t.value())
                && !(SPECIAL_FUNCS.contains(t.value()) || COL_NAME_ONLY.contains(t.value()) && !t.value().equals("national"))) {
            String w = t.value();
            switch (w) {
                case "double":
                    // DOUBLE is an unreserved keyword: without PRECISION it is a GenericType named "double".
                    if (c.peek().isWord("precision")) {
                        c.advance();
                        name = "float8";
                    } else {
                        name = "double";
                    }
                    break;
                case "national":
                    if (!c.peek().isWord("character") && !c.peek().isWord("char")) {
                        throw c.syntaxError(c.peek());
                    }
                    c.advance();
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
                    if (c.peek().kind() == Kind.IDENT && Set.of("year", "month", "day", "hour", "minute", "second")
                            .contains(c.peek().value())) {
                        c.advance();
                        if (c.peek().isWord("to")) {
                            c.advance();
                            c.advance();
                        }
                        typmod = true;
                    }
                    name = "interval";
                    break;
                default:
                    name = TypeNames.canonical(w);
                    while (!TYPE_KEYWORDS.contains(w) && c.peek().isPunct(".")) {
                        c.advance();
                        Token part = c.advance();
                        if (part.kind() != Kind.IDENT && part.kind() != Kind.QUOTED_IDENT || c.isNotLa(part)) {
                            throw c.syntaxError(part);
                        }
                        name = name.equals("pg_catalog") ? TypeNames.canonical(part.value()) : name + "." + part.value();
                    }
            }
        } else {
            throw c.syntaxError(t);
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
            if (c.peek().isPunct("[")) {
                c.advance();
                if (c.peek().kind() == Kind.INTEGER) {
                    c.advance();
                }
                c.expectPunct("]");
                dims++;
            } else if (dims == 0 && c.peek().isWord("array")) {
                c.advance();
                if (c.peek().isPunct("[")) {
                    c.advance();
                    c.expectNumber();
                    c.expectPunct("]");
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
        if (c.peek().isWord("varying")) {
            c.advance();
            return true;
        }
        return false;
    }

    private boolean typmod() throws WhereException {
        if (!c.peek().isPunct("(")) {
            return false;
        }
        c.advance();
        exprs.exprList(")");
        return true;
    }

    private boolean iconstTypmod() throws WhereException {
        if (!c.peek().isPunct("(")) {
            return false;
        }
        c.advance();
        c.expectNumber();
        c.expectPunct(")");
        return true;
    }

    private boolean withTimeZone() throws WhereException {
        if (c.peek().isWord("with") && c.peek(1).isWord("time") || c.peek().isWord("without")) {
            boolean with = c.advance().value().equals("with");
            c.expectWord("time");
            c.expectWord("zone");
            return with;
        }
        return false;
    }
}
