package io.quarkiverse.sync.runtime.where;

import java.util.List;

/**
 * Prints a typed {@link Expr} as SQL Postgres runs for the snapshot query. Every identifier is quoted, every
 * constant and {@code $n} is a quoted literal with an explicit cast, every operation is parenthesised: no user text
 * reaches the SQL unquoted, and precedence cannot change the meaning.
 */
final class SqlRenderer {

    private final StringBuilder sb = new StringBuilder();

    private SqlRenderer() {
    }

    static String render(Expr e) {
        SqlRenderer r = new SqlRenderer();
        r.expr(e);
        return r.sb.toString();
    }

    static String quoteIdent(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    static String quoteLiteral(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static String typeName(PgType t) {
        if (t.isArray()) {
            return typeName(t.element()) + "[]";
        }
        return t.isEnum() ? quoteIdent(t.name()) : t.name();
    }

    private void literal(PgType type, Object value) {
        if (value == null) {
            sb.append("NULL");
            if (!type.equals(PgType.UNKNOWN)) {
                sb.append("::").append(typeName(type));
            }
            return;
        }
        if (type.equals(PgType.UNKNOWN)) {
            sb.append(quoteLiteral((String) value)).append("::text");
            return;
        }
        sb.append(quoteLiteral(TypeIO.output(type).apply(value))).append("::").append(typeName(type));
    }

    private void list(List<Expr> es) {
        for (int i = 0; i < es.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            expr(es.get(i));
        }
    }

    private void joined(List<Expr> es, String sep) {
        sb.append('(');
        for (int i = 0; i < es.size(); i++) {
            if (i > 0) {
                sb.append(sep);
            }
            expr(es.get(i));
        }
        sb.append(')');
    }

    private void expr(Expr e) {
        if (e instanceof Expr.Const c) {
            literal(c.type(), c.value());
        } else if (e instanceof Expr.Column c) {
            sb.append(quoteIdent(c.name()));
        } else if (e instanceof Expr.Param p) {
            sb.append(quoteLiteral(p.text())).append("::").append(typeName(p.type()));
        } else if (e instanceof Expr.Call c) {
            call(c);
        } else if (e instanceof Expr.Variadic v) {
            sb.append(v.name().toUpperCase()).append('(');
            list(v.args());
            sb.append(')');
        } else if (e instanceof Expr.And a) {
            joined(a.args(), " AND ");
        } else if (e instanceof Expr.Or o) {
            joined(o.args(), " OR ");
        } else if (e instanceof Expr.Not n) {
            sb.append("(NOT ");
            expr(n.arg());
            sb.append(')');
        } else if (e instanceof Expr.NullTest n) {
            sb.append('(');
            expr(n.arg());
            sb.append(n.isNot() ? " IS NOT NULL)" : " IS NULL)");
        } else if (e instanceof Expr.BoolTest b) {
            sb.append('(');
            expr(b.arg());
            sb.append(' ').append(b.kind().name().replace('_', ' ')).append(')');
        } else if (e instanceof Expr.Distinct d) {
            sb.append('(');
            expr(d.left());
            sb.append(d.isNot() ? " IS NOT DISTINCT FROM " : " IS DISTINCT FROM ");
            expr(d.right());
            sb.append(')');
        } else if (e instanceof Expr.In in) {
            sb.append('(');
            expr(in.arg());
            sb.append(in.isNot() ? " NOT IN (" : " IN (");
            list(in.items());
            sb.append("))");
        } else if (e instanceof Expr.Quantified q) {
            sb.append('(');
            expr(q.left());
            sb.append(' ').append(q.op()).append(q.all() ? " ALL (" : " ANY (");
            expr(q.array());
            sb.append("))");
        } else if (e instanceof Expr.ArrayCtor a) {
            sb.append("ARRAY[");
            list(a.elements());
            sb.append("]::").append(typeName(a.type()));
        } else if (e instanceof Expr.Subscript s) {
            sb.append('(');
            expr(s.array());
            sb.append(")[");
            if (s.lower() != null) {
                expr(s.lower());
            }
            if (s.slice()) {
                sb.append(':');
                if (s.upper() != null) {
                    expr(s.upper());
                }
            }
            sb.append(']');
        } else {
            throw new IllegalStateException("unexpected node " + e);
        }
    }

    private void call(Expr.Call c) {
        switch (c.syntax()) {
            case INFIX:
                sb.append('(');
                expr(c.args().get(0));
                sb.append(' ').append(c.name()).append(' ');
                expr(c.args().get(1));
                sb.append(')');
                break;
            case PREFIX:
                sb.append('(').append(c.name()).append(' ');
                expr(c.args().get(0));
                sb.append(')');
                break;
            case CAST:
                sb.append("CAST(");
                expr(c.args().get(0));
                sb.append(" AS ").append(typeName(c.type())).append(')');
                break;
            default:
                sb.append("pg_catalog.").append(quoteIdent(c.name())).append('(');
                list(c.args());
                sb.append(')');
        }
    }
}
