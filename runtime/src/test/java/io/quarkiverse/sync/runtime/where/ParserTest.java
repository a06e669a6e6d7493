package io.quarkiverse.sync.runtime.where;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class ParserTest {

    private static Ast parse(String where) throws WhereException {
        return Parser.parse(where);
    }

    /** Compact prefix rendering of a tree, to state precedence and associativity. */
    private static String tree(Ast a) {
        if (a instanceof Ast.Const c) {
            return c.kind() == Ast.ConstKind.STRING ? "'" + c.text() + "'" : c.text();
        }
        if (a instanceof Ast.ColumnRef c) {
            return c.name();
        }
        if (a instanceof Ast.Param p) {
            return "$" + p.number();
        }
        if (a instanceof Ast.Op o) {
            return "(" + o.op() + " " + (o.left() == null ? "" : tree(o.left()) + " ") + tree(o.right()) + ")";
        }
        if (a instanceof Ast.And x) {
            return "(AND " + String.join(" ", x.args().stream().map(ParserTest::tree).toList()) + ")";
        }
        if (a instanceof Ast.Or x) {
            return "(OR " + String.join(" ", x.args().stream().map(ParserTest::tree).toList()) + ")";
        }
        if (a instanceof Ast.Not n) {
            return "(NOT " + tree(n.arg()) + ")";
        }
        if (a instanceof Ast.TypeCast c) {
            return "(:: " + tree(c.arg()) + " " + c.type().name() + "[]".repeat(c.type().arrayDims()) + ")";
        }
        if (a instanceof Ast.NullTest n) {
            return "(" + (n.isNot() ? "NOTNULL " : "ISNULL ") + tree(n.arg()) + ")";
        }
        if (a instanceof Ast.Between b) {
            return "(BETWEEN " + tree(b.arg()) + " " + tree(b.lower()) + " " + tree(b.upper()) + ")";
        }
        if (a instanceof Ast.FuncCall f) {
            return "(" + f.name() + " " + String.join(" ", f.args().stream().map(ParserTest::tree).toList()) + ")";
        }
        if (a instanceof Ast.Subscript s) {
            return "([] " + tree(s.arg()) + " " + (s.lower() == null ? "_" : tree(s.lower()))
                    + (s.slice() ? ":" + (s.upper() == null ? "_" : tree(s.upper())) : "") + ")";
        }
        return a.getClass().getSimpleName();
    }

    @Test
    void precedenceAndAssociativityArePostgres() throws Exception {
        assertThat(tree(parse("1 + 2 * 3"))).isEqualTo("(+ 1 (* 2 3))");
        assertThat(tree(parse("2 ^ 3 ^ 2"))).isEqualTo("(^ (^ 2 3) 2)");
        assertThat(tree(parse("-2 ^ 2"))).isEqualTo("(^ -2 2)");
        assertThat(tree(parse("- a ^ 2"))).isEqualTo("(^ (- a) 2)");
        assertThat(tree(parse("-a::int8"))).isEqualTo("(- (:: a int8))");
        assertThat(tree(parse("a || b = c"))).isEqualTo("(= (|| a b) c)");
        assertThat(tree(parse("a = b IS NULL"))).isEqualTo("(ISNULL (= a b))"); // IS binds looser than = since 9.5
        assertThat(tree(parse("NOT a = b AND c OR d"))).isEqualTo("(OR (AND (NOT (= a b)) c) d)");
        assertThat(tree(parse("a AND b AND c"))).isEqualTo("(AND a b c)");
        assertThat(tree(parse("a BETWEEN 1 + 1 AND 3 = b"))).isEqualTo("(= (BETWEEN a (+ 1 1) 3) b)");
        assertThat(tree(parse("@ a + 1"))).isEqualTo("(@ (+ a 1))");
        assertThat(tree(parse("ts AT TIME ZONE 'UTC'"))).isEqualTo("(timezone 'UTC' ts)");
        assertThat(tree(parse("a[1][2:3]"))).isEqualTo("([] ([] a 1) 2:3)");
        assertThat(tree(parse("x::double precision[]"))).isEqualTo("(:: x float8[])");
        assertThat(tree(parse("CAST(x AS timestamp with time zone)"))).isEqualTo("(:: x timestamptz)");
        assertThat(tree(parse("date '2024-01-01'"))).isEqualTo("(:: '2024-01-01' date)");
        assertThat(tree(parse("-2147483648"))).isEqualTo("-2147483648");
        assertThat(tree(parse("\"Foo\" = FOO"))).isEqualTo("(= Foo foo)");
        assertThat(tree(parse("E'a\\'b' = 'a''b'"))).isEqualTo("(= 'a'b' 'a'b')");
    }

    @Test
    void nodesKeepByteOffsets() throws Exception {
        Ast.And and = (Ast.And) parse("t = 'é' AND nope = 1");
        Ast.Op second = (Ast.Op) and.args().get(1);
        assertThat(and.pos()).isEqualTo(9);
        assertThat(second.left().pos()).isEqualTo(13);
        assertThat(second.pos()).isEqualTo(18);
        Ast.NullTest test = (Ast.NullTest) parse("😀x::int4 IS NULL");
        assertThat(test.arg().pos()).isEqualTo(5); // the :: after a 4-byte emoji and x
        assertThat(test.pos()).isEqualTo(12);
    }

    @Test
    void syntaxErrorsNameThePostgresToken() {
        List<String[]> cases = List.of(
                new String[] { "1 x 1", "At location 17: syntax error at or near \"x\"" },
                new String[] { "a = ", "At location 19: syntax error at end of input" },
                new String[] { "a = 'x", "At location 19: unterminated quoted string at or near \"'x\"" },
                new String[] { "a IS NOT IN (1)", "At location 20: syntax error at or near \"NOT\"" },
                new String[] { "x > ALL", "At location 22: syntax error at end of input" },
                new String[] { "int(5) = 1", "At location 18: syntax error at or near \"(\"" },
                new String[] { "1x = 1", "At location 15: trailing junk after numeric literal at or near \"1x\"" },
                new String[] { "a = b = c", "At location 21: syntax error at or near \"=\"" });
        for (String[] c : cases) {
            assertThatThrownBy(() -> parse(c[0])).as(c[0]).hasMessage(c[1]);
        }
    }
}
