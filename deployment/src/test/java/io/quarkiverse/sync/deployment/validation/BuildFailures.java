package io.quarkiverse.sync.deployment.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import io.quarkus.test.QuarkusUnitTest;

/** An application whose build must fail on its shapes, and the check of the problem lines the build prints. */
final class BuildFailures {

    private static final String HEADER = " in shape definitions:\n";

    private BuildFailures() {
    }

    /**
     * The application: these classes, no database (the build fails before anything connects).
     */
    static QuarkusUnitTest app(Class<?>... classes) {
        return new QuarkusUnitTest()
                .withApplicationRoot(jar -> jar.addClasses(classes))
                .overrideConfigKey("quarkus.sync.devservices.enabled", "false")
                .overrideConfigKey("quarkus.devservices.enabled", "false")
                .overrideConfigKey("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:1/none");
    }

    /** Checks that the build failed with exactly these problem lines. */
    static Consumer<Throwable> problems(String... lines) {
        return e -> assertThat(problemLines(e)).containsExactlyInAnyOrder(lines);
    }

    static List<String> problemLines(Throwable e) {
        Throwable cause = e;
        while (cause != null && (cause.getMessage() == null || !cause.getMessage().contains(HEADER))) {
            cause = cause.getCause();
        }
        assertThat(cause).as("a shape validation failure in %s", e).isNotNull();
        String message = cause.getMessage();
        return Arrays.asList(message.substring(message.indexOf(HEADER) + HEADER.length()).split("\n"));
    }
}
