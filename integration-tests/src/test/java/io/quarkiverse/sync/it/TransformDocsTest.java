package io.quarkiverse.sync.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The guide's examples are this application's code: every {@code // tag::x[]} region of {@link TransformResource}
 * appears verbatim (less its indentation) in {@code docs/.../transforms.adoc}, so the page only shows code that
 * compiles and is tested.
 */
class TransformDocsTest {

    @Test
    void theTransformsGuideQuotesTransformResource() throws Exception {
        String source = Files.readString(Path.of("src/main/java/io/quarkiverse/sync/it/TransformResource.java"));
        String guide = Files.readString(Path.of("../docs/modules/ROOT/pages/transforms.adoc"));
        Matcher region = Pattern.compile("// tag::(\\w+)\\[]\\n(.*?)\\n\\s*// end::\\1\\[]", Pattern.DOTALL)
                .matcher(source);
        int regions = 0;
        while (region.find()) {
            regions++;
            String code = region.group(2).stripIndent();
            assertThat(guide).as("the guide shows region %s as it is in TransformResource", region.group(1))
                    .contains(code);
        }
        assertThat(regions).isEqualTo(5);
    }
}
