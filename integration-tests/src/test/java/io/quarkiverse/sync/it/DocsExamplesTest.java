package io.quarkiverse.sync.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The guide shows only code that compiles and is tested: every line of every Java example in {@code docs/} stands in
 * this application's sources (main or test), and every {@code // tag::x[]} region of {@link TransformResource} appears
 * verbatim in the transforms page.
 */
class DocsExamplesTest {

    private static final Path PAGES = Path.of("../docs/modules/ROOT/pages");
    private static final Pattern JAVA_BLOCK = Pattern.compile("\\[source,java[^\\]]*\\]\\n----\\n(.*?)\\n----",
            Pattern.DOTALL);
    private static final Pattern CALLOUT = Pattern.compile("\\s*// <\\d+>$");

    @Test
    void everyJavaExampleOfTheGuideIsThisApplicationsCode() throws IOException {
        String sources = sources();
        List<String> missing = new ArrayList<>();
        int blocks = 0;
        try (Stream<Path> pages = Files.list(PAGES)) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".adoc")).sorted().toList()) {
                Matcher block = JAVA_BLOCK.matcher(Files.readString(page));
                while (block.find()) {
                    blocks++;
                    for (String line : block.group(1).split("\n")) {
                        String code = CALLOUT.matcher(line).replaceAll("").strip();
                        if (!code.isEmpty() && !sources.contains(code)) {
                            missing.add(page.getFileName() + ": " + code);
                        }
                    }
                }
            }
        }
        assertThat(blocks).as("Java examples found in the guide").isGreaterThan(10);
        assertThat(missing).as("example lines not found in integration-tests/src").isEmpty();
    }

    @Test
    void theTransformsGuideQuotesTransformResource() throws Exception {
        String source = Files.readString(Path.of("src/main/java/io/quarkiverse/sync/it/TransformResource.java"));
        String guide = Files.readString(PAGES.resolve("transforms.adoc"));
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

    private static String sources() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src"))) {
            return files.filter(p -> p.toString().endsWith(".java")).map(DocsExamplesTest::read)
                    .collect(Collectors.joining("\n"));
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
