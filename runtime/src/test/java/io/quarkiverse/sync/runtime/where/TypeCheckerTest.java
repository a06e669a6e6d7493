package io.quarkiverse.sync.runtime.where;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class TypeCheckerTest {

    private static final WhereSchema SCHEMA = WhereClauseTest.SCHEMA;

    private static Expr typed(String where, String... params) throws WhereException {
        return WhereClauseTest.compile(where, params).expr();
    }

    @Test
    void arrayElementsTakeTheCommonTypeWhateverTheOrder() throws Exception {
        Expr.Call eq = (Expr.Call) typed("ARRAY[id, i2] = ARRAY[i2, id]");
        assertThat(eq.args().get(0).type()).isEqualTo(PgType.arrayOf(PgType.INT4));
        assertThat(eq.args().get(1).type()).isEqualTo(PgType.arrayOf(PgType.INT4));
    }

    @Test
    void unknownLiteralsTakeTheirTypeFromContext() throws Exception {
        Expr.Call eq = (Expr.Call) typed("ts = '2024-01-01'");
        assertThat(eq.args().get(1)).isInstanceOf(Expr.Const.class);
        assertThat(eq.args().get(1).type()).isEqualTo(PgType.TIMESTAMP);
        assertThat(((Expr.Call) typed("'a' || 'b' = t")).args().get(0).type()).isEqualTo(PgType.TEXT);
        assertThat(((Expr.Call) typed("f8 > 1")).args().get(1).type()).isEqualTo(PgType.FLOAT8);
    }

    @Test
    void aParamKeepsTheTypeOfItsFirstUse() throws Exception {
        WhereClause w = WhereClauseTest.compile("$1 = id AND $1 < 10", "5");
        assertThat(w.normalizedSql()).isEqualTo("(('5'::int4 = \"id\") AND ('5'::int4 < '10'::int4))");
        assertThat(WhereClauseTest.error("id = ANY($1)", "{1,x}"))
                .isEqualTo("At location 9: invalid input syntax for type integer: \"x\"");
        assertThat(WhereClauseTest.compile("id = ANY($1)", "{1,2}").normalizedSql())
                .isEqualTo("(\"id\" = ANY ('{1,2}'::int4[]))");
    }

    @Test
    void enumsCompareOnlyWithEnumsOrAsText() throws Exception {
        assertThat(WhereClauseTest.error("mood = 'happy'"))
                .isEqualTo("At location 7: invalid syntax for type enum mood: happy");
        assertThat(WhereClauseTest.compile("mood::text = 'happy'").evaluate(Map.of("mood", "happy")::get)).isTrue();
        assertThat(WhereClauseTest.compile("mood = mood").evaluate(Map.of("mood", "happy")::get)).isTrue();
        assertThat(WhereClauseTest.error("mood < mood")).isEqualTo("At location 5: Could not select an operator overload");
    }

    @Test
    void typeErrorsUseTheProtocolsWording() {
        assertThat(WhereClauseTest.error("id IS TRUE")).isEqualTo("At location 3: argument of IS TRUE must be bool, not int4");
        assertThat(WhereClauseTest.error("id = ANY(id)")).isEqualTo("At location 3: argument of ANY must be an array");
        assertThat(WhereClauseTest.error("ARRAY[1, t] IS NULL"))
                .isEqualTo("At location 0: ARRAY types int4 and text cannot be matched");
        assertThat(WhereClauseTest.error("lower(id) = 'x'"))
                .isEqualTo("At location 0: Could not select a function overload for lower(int4)");
        assertThat(WhereClauseTest.error("length(t) > 1")).isEqualTo("At location 0: unknown or unsupported function length/1");
        assertThat(WhereClauseTest.error("int4out(id) IS NULL"))
                .isEqualTo("At location 0: unknown or unsupported function int4out/1");
        assertThat(WhereClauseTest.error("t LIKE 'a' ESCAPE '!'"))
                .isEqualTo("At location 2: unknown or unsupported function like_escape/2");
        assertThat(WhereClauseTest.error("NULLIF(id, 1) = 1"))
                .isEqualTo("At location 0: expression \"=\" of :AEXPR_NULLIF is not currently supported");
        assertThat(WhereClauseTest.error("count(*) > 1")).isEqualTo("At location 0: aggregation is not supported in this context");
        assertThat(WhereClauseTest.error("concat(VARIADIC ta) = ''"))
                .isEqualTo("At location 0: explicit VARIADIC function calls are not currently supported");
        assertThat(WhereClauseTest.error("EXISTS (SELECT 1)"))
                .isEqualTo("At location 0: only `value IN (SELECT ...)` sublinks are supported right now");
        assertThat(WhereClauseTest.error("id IN (SELECT 1)"))
                .isEqualTo("At location 6: subqueries are not supported in this context");
        assertThat(WhereClauseTest.error("now() > ts")).isEqualTo("At location 0: unknown or unsupported function now/0");
        assertThat(WhereClauseTest.error("random() > 0.5")).isEqualTo("At location 0: unknown or unsupported function random/0");
        assertThat(WhereClauseTest.error("id::bytea IS NULL")).isEqualTo("At location 2: unknown cast from type int4 to type bytea");
    }

    @Test
    void referencedColumnsAreListedOnce() throws Exception {
        assertThat(WhereClauseTest.compile("id > 1 AND (t = 'a' OR id < 5) AND \"Foo\" IS NULL").referencedColumns())
                .containsExactly("id", "t", "Foo");
        assertThat(SCHEMA.type("ia")).isEqualTo(PgType.of("_int4"));
    }
}
