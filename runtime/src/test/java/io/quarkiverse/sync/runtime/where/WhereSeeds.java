package io.quarkiverse.sync.runtime.where;

/**
 * The seed of the generated where-clause tests. The build uses a fixed one, so that CI is deterministic and a red
 * run always means a regression; {@code -Dwhere.seed=<n>} replays a seed, {@code -Dwhere.seed=random} explores new
 * cases (the seed is printed, and in every failure message).
 */
final class WhereSeeds {

    static final long DEFAULT = 20261125L;

    private WhereSeeds() {
    }

    static long seed() {
        String value = System.getProperty("where.seed");
        if (value == null || value.isBlank()) {
            return DEFAULT;
        }
        return "random".equals(value) ? System.nanoTime() : Long.parseLong(value);
    }
}
