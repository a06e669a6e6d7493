package io.quarkiverse.sync.runtime.where;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class WhereClauseTest {

    static final WhereSchema SCHEMA = WhereSchema.builder()
            .column("id", "int4").column("i2", "int2").column("i8", "int8").column("t", "text")
            .column("owner_id", "text").column("title", "text").column("b", "bool").column("f8", "float8")
            .column("n", "numeric").column("d", "date").column("ts", "timestamp").column("tz", "timestamptz")
            .column("iv", "interval").column("tm", "time").column("u", "uuid").column("ia", "int4[]")
            .column("ta", "text[]").column("Foo", "text").column("mood", PgType.enumType("mood"))
            .column("v", "varchar").column("bp", "bpchar")
            .build();

    static WhereClause compile(String where, String... params) throws WhereException {
        Map<String, String> p = new HashMap<>();
        for (int i = 0; i < params.length; i++) {
            p.put(Integer.toString(i + 1), params[i]);
        }
        return WhereClause.compile(where, SCHEMA, p);
    }

    static String error(String where, String... params) {
        try {
            compile(where, params);
            return "(accepted)";
        } catch (WhereException e) {
            return e.getMessage();
        }
    }

    static Boolean eval(String where, Map<String, String> row, String... params) throws WhereException {
        return compile(where, params).evaluate(row::get);
    }

    @Test
    void syntaxErrorsMatchLibpgQuery() {
        assertThat(error("1 x 1")).isEqualTo("At location 17: syntax error at or near \"x\"");
        assertThat(error("id = ")).isEqualTo("At location 20: syntax error at end of input");
        assertThat(error("id = 1 ORDER BY id")).isEqualTo("malformed query ending with SQL clauses");
        assertThat(error("id = 1 LIMIT 1")).isEqualTo("malformed query ending with SQL clauses");
        assertThat(error("id = 1; SELECT 1")).isEqualTo("unescaped \";\" causing statement split");
        assertThat(error("id = 1 UNION SELECT 1")).isEqualTo("malformed query ending with SQL clauses");
        assertThat(error("a < b < c")).isEqualTo("At location 21: syntax error at or near \"<\"");
    }

    @Test
    void referenceErrorsUseByteOffsetsOfTheUserText() {
        assertThat(error("t = 'é' AND nope = 1")).isEqualTo("At location 13: unknown reference nope");
        assertThat(error("\"Nope\" = 1")).isEqualTo("At location 0: unknown reference \"Nope\"");
        assertThat(error("now() > ts")).isEqualTo("At location 0: unknown or unsupported function now/0");
        assertThat(error("CASE WHEN b THEN true END")).isEqualTo("At location 0: CaseExpr is not supported in this context");
        assertThat(error("id = $2", "1")).isEqualTo("At location 5: parameter $2 was not provided");
        assertThat(error("id")).isEqualTo("WHERE clause must return a boolean");
        assertThat(error("id::numeric = 1")).isEqualTo("At location 4: unsupported type numeric");
        assertThat(error("$1 = id AND $1 = t", "1")).isEqualTo("At location 15: Could not select an operator overload");
        assertThat(error("id @@ 1")).isEqualTo("At location 3: unknown binary operator \"@@\"");
        assertThat(error("1 / 0 = id")).isEqualTo("At location 2: Failed to apply function to constant arguments");
        assertThat(error("B'101' = id")).isEqualTo("At location 0: BitString values are not supported");
    }

    @Test
    void paramKeys() {
        assertThatThrownBy(() -> WhereClause.compile("id = $1", SCHEMA, Map.of("a", "1")))
                .isInstanceOfSatisfying(WhereException.class, e -> {
                    assertThat(e.kind()).isEqualTo(WhereException.Kind.PARAMS);
                    assertThat(e.getMessage()).isEqualTo("Parameters can only use numbers as keys");
                });
        assertThatThrownBy(() -> WhereClause.compile("id = $1", SCHEMA, Map.of("2", "1")))
                .hasMessage("Parameters must be numbered sequentially, starting from 1");
    }

    @Test
    void evaluates() throws Exception {
        Map<String, String> row = new HashMap<>();
        row.put("id", "5");
        row.put("t", "Hello");
        row.put("owner_id", "alice");
        row.put("title", "Xylophone");
        row.put("b", "t");
        row.put("ia", "{1,2,NULL}");
        row.put("ts", "2024-01-31 10:00:00");
        row.put("iv", "P1D");
        row.put("n", "1.50");
        assertThat(eval("owner_id = $1 AND title ILIKE 'x%'", row, "alice")).isTrue();
        assertThat(eval("id + 1 = 6", row)).isTrue();
        assertThat(eval("id IN (1, 2, NULL)", row)).isNull();
        assertThat(eval("id BETWEEN 1 AND 10", row)).isTrue();
        assertThat(eval("2 = ANY(ia)", row)).isTrue();
        assertThat(eval("3 = ANY(ia)", row)).isNull();
        assertThat(eval("ts + interval '1 month' = '2024-02-29 10:00:00'", row)).isTrue();
        assertThat(eval("iv = '24 hours'", row)).isTrue();
        assertThat(eval("n / 3 = 0.5", row)).isTrue();
        assertThat(eval("(n / 3)::text = '0.50000000000000000000'", row)).isTrue();
        assertThatThrownBy(() -> eval("id * 1000000000 > 0", row)).isInstanceOf(EvalError.class)
                .hasMessage("integer out of range");
        assertThat(compile("id * 1000000000 > 0").evaluator().matches(row::get)).isFalse();
        assertThat(eval("ia[2] = 2 AND ia[2:3] = '{2,NULL}'", row)).isTrue();
        assertThat(eval("lower(t) = 'hello' AND upper(t) || 'x' = 'HELLOx'", row)).isTrue();
        assertThat(eval("coalesce(i2, 7) = 7 AND greatest(1, id, 3) = 5", row)).isTrue();
        assertThat(eval("b IS TRUE AND i2 IS NULL AND i2 IS DISTINCT FROM 1", row)).isTrue();
    }

    @Test
    void normalizedSqlQuotesEverything() throws Exception {
        assertThat(compile("owner_id = $1 AND \"Foo\" ILIKE 'x''%'", "o'k").normalizedSql())
                .isEqualTo("((\"owner_id\" = 'o''k'::text) AND (\"Foo\" ~~* 'x''%'::text))");
    }

    @Test
    void equalityTerms() throws Exception {
        assertThat(compile("owner_id = $1 AND id IN (1, 2) AND t LIKE 'a%'", "bob").equalityTerms())
                .containsExactly(new WhereClause.EqualityTerm("owner_id", java.util.List.of("bob")),
                        new WhereClause.EqualityTerm("id", java.util.List.of("1", "2")));
    }

    @Test
    void equalityTermsAcrossTypesThatCompareAlikeCarryTheColumnsText() throws Exception {
        // An int4 literal against int8 (cast to int8), against int2 (the column cast to int4), params and IN lists.
        assertThat(compile("i8 = 1").equalityTerms()).containsExactly(term("i8", "1"));
        assertThat(compile("1 = i8").equalityTerms()).containsExactly(term("i8", "1"));
        assertThat(compile("i2 = 7").equalityTerms()).containsExactly(term("i2", "7"));
        assertThat(compile("id = 5000000000").equalityTerms()).containsExactly(term("id", "5000000000"));
        assertThat(compile("i8 = $1::int4", "+007").equalityTerms()).containsExactly(term("i8", "7"));
        assertThat(compile("id = '07'::int2").equalityTerms()).containsExactly(term("id", "7"));
        assertThat(compile("i8 IN (1, -2)").equalityTerms()).containsExactly(term("i8", "1", "-2"));
        assertThat(compile("i2 IN (1, $1)", "3").equalityTerms()).containsExactly(term("i2", "1", "3"));
        // varchar compared as text, either way round.
        assertThat(compile("v = 'x'").equalityTerms()).containsExactly(term("v", "x"));
        assertThat(compile("v = $1", "x y").equalityTerms()).containsExactly(term("v", "x y"));
        assertThat(compile("t = 'x'::varchar").equalityTerms()).containsExactly(term("t", "x"));
        // Not alike: numeric and floats against integers, bpchar against text (trailing blanks), NULL.
        assertThat(compile("id = 1.0").equalityTerms()).isEmpty();
        assertThat(compile("n = 1").equalityTerms()).isEmpty();
        assertThat(compile("f8 = 1").equalityTerms()).isEmpty();
        assertThat(compile("bp = 'x'::text").equalityTerms()).isEmpty();
        assertThat(compile("i8 = NULL").equalityTerms()).isEmpty();
        assertThat(compile("i8 IN (1, 1.5)").equalityTerms()).isEmpty();
        // The evaluator agrees: the column's text equal to the term is exactly the rows that match.
        assertThat(eval("i8 = 1", Map.of("i8", "1"))).isTrue();
        assertThat(eval("i2 = 7", Map.of("i2", "7"))).isTrue();
        assertThat(eval("v = 'x'", Map.of("v", "x"))).isTrue();
        assertThat(eval("v = 'x'", Map.of("v", "x "))).isFalse();
    }

    private static WhereClause.EqualityTerm term(String column, String... values) {
        return new WhereClause.EqualityTerm(column, java.util.List.of(values));
    }

    @Test
    void pathologicalInputIsRejectedNotCrashed() {
        assertThat(error("(".repeat(100_000) + "1" + ")".repeat(100_000))).contains("bigger than maximum size");
        assertThat(error("(".repeat(30_000) + "b" + ")".repeat(30_000))).contains("stack depth limit exceeded");
        assertThat(error("id = 1" + " + 1".repeat(10_000))).contains("stack depth limit exceeded");
        assertThat(error("x".repeat(70_000))).contains("bigger than maximum size");
    }
}
