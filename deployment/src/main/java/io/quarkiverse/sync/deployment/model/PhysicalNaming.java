package io.quarkiverse.sync.deployment.model;

import java.util.Locale;
import java.util.Optional;

/**
 * Turns a logical name (a field name, {@code @Column(name)}, {@code @Table(name)}) into the name PostgreSQL stores, as
 * the persistence unit's physical naming strategy and PostgreSQL's case folding do. Quarkus 3.33 leaves Hibernate
 * ORM 7's default, {@code PhysicalNamingStrategyStandardImpl} (names unchanged, so {@code ownerId} becomes
 * {@code ownerid} once PostgreSQL folds it); {@code quarkus.hibernate-orm.physical-naming-strategy} may select the snake
 * case one ({@code ownerId} → {@code owner_id}). Quoted names ({@code "\"Todo\""}, backticks) are kept as written.
 */
public enum PhysicalNaming {
    /** Hibernate's default: the logical name. */
    STANDARD,
    /** {@code PhysicalNamingStrategySnakeCaseImpl}, formerly {@code CamelCaseToUnderscoresNamingStrategy}. */
    SNAKE_CASE;

    static final String CONFIG_KEY = "quarkus.hibernate-orm.physical-naming-strategy";

    /** The naming of {@code quarkus.hibernate-orm.physical-naming-strategy}; empty for a strategy of the application. */
    public static Optional<PhysicalNaming> of(Optional<String> strategyClass) {
        if (strategyClass.isEmpty() || strategyClass.get().isBlank()) {
            return Optional.of(STANDARD);
        }
        switch (strategyClass.get().strip()) {
            case "org.hibernate.boot.model.naming.PhysicalNamingStrategyStandardImpl":
                return Optional.of(STANDARD);
            case "org.hibernate.boot.model.naming.PhysicalNamingStrategySnakeCaseImpl":
            case "org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy":
                return Optional.of(SNAKE_CASE);
            default:
                return Optional.empty();
        }
    }

    /** The stored name of an identifier, quoted or not. */
    public String physical(String logical) {
        if (isQuoted(logical)) {
            return logical.substring(1, logical.length() - 1);
        }
        String name = this == SNAKE_CASE ? snakeCase(logical) : logical;
        return name.toLowerCase(Locale.ROOT);
    }

    static boolean isQuoted(String identifier) {
        return identifier.length() >= 2
                && ((identifier.startsWith("\"") && identifier.endsWith("\""))
                        || (identifier.startsWith("`") && identifier.endsWith("`")));
    }

    /** Hibernate's rule: an underscore before an upper-case letter between a lower-case letter or digit and another. */
    static String snakeCase(String name) {
        StringBuilder builder = new StringBuilder(name.replace('.', '_'));
        for (int i = 1; i < builder.length() - 1; i++) {
            char before = builder.charAt(i - 1);
            char current = builder.charAt(i);
            char after = builder.charAt(i + 1);
            if ((Character.isLowerCase(before) || Character.isDigit(before)) && Character.isUpperCase(current)
                    && (Character.isLowerCase(after) || Character.isDigit(after))) {
                builder.insert(i++, '_');
            }
        }
        return builder.toString();
    }
}
