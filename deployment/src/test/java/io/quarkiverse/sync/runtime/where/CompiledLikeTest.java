package io.quarkiverse.sync.runtime.where;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkiverse.sync.deployment.codegen.InMemoryClasses;
import io.quarkiverse.sync.deployment.codegen.WhereEvaluatorGenerator;

/**
 * The LIKE forms the generator turns into string tests ({@code x}, {@code x%}, {@code %x}, {@code %x%}, escapes,
 * ILIKE folding) and the ones it leaves to the matcher, against the interpreter on awkward texts.
 */
class CompiledLikeTest {

    private static final String[] PATTERNS = { "abc", "ab%", "%bc", "%b%", "%", "%%", "", "a%%", "%%c", "A_c", "\\%",
            "%\\%", "\\%%", "%\\_%", "😀%", "%😀", "%😀%", "é%", "%É", "a%c", "%\\", "ab\\", "_%", "%_" };
    private static final String[] TEXTS = { "", "abc", "ABC", "aBc", "abcabc", "xabcx", "ab", "bc", "%", "a%", "_",
            "😀", "😀x", "x😀", "é", "É", "a\\", "ab\\", "A_c" };

    @Test
    void everyFormGivesTheInterpretersAnswer() throws Exception {
        WhereSchema schema = WhereSchema.builder().column("t", "text").build();
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        for (String op : new String[] { "LIKE", "ILIKE", "NOT LIKE", "NOT ILIKE" }) {
            for (String pattern : PATTERNS) {
                String where = "t " + op + " " + SqlRenderer.quoteLiteral(pattern);
                InMemoryClasses classes = new InMemoryClasses();
                classes.register(WhereEvaluatorGenerator.generate(WherePlan.of(where, schema), classes));
                WhereClause w = WhereClause.compile(where, schema, Map.of());
                assertThat(w.isCompiled()).as(where).isTrue();
                for (String text : TEXTS) {
                    Map<String, String> row = new HashMap<>();
                    row.put("t", text);
                    String expected = outcome(() -> w.evaluate(row::get));
                    String actual = outcome(() -> ((CompiledWhereEvaluator) w.evaluator()).evaluate(row::get));
                    compared++;
                    if (!expected.equals(actual)) {
                        mismatches.add(where + " on '" + text + "': interpreter " + expected + ", compiled " + actual);
                    }
                }
            }
        }
        System.out.printf("compiled LIKE: %d cases compared%n", compared);
        assertThat(mismatches).isEmpty();
    }

    private static String outcome(java.util.function.Supplier<Boolean> eval) {
        try {
            return String.valueOf(eval.get());
        } catch (RuntimeException e) {
            return "error " + e.getMessage();
        }
    }
}
