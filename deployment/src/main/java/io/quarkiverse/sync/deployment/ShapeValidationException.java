package io.quarkiverse.sync.deployment;

import java.util.List;

/** Shapes that cannot be served: the build stops with one line per problem. */
public final class ShapeValidationException extends RuntimeException {

    private final List<String> problems;

    public ShapeValidationException(List<String> problems) {
        super("Quarkus Sync found " + problems.size() + (problems.size() == 1 ? " problem" : " problems")
                + " in shape definitions:\n" + String.join("\n", problems), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
