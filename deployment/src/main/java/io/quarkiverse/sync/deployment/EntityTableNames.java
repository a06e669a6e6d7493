package io.quarkiverse.sync.deployment;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.IndexView;

/**
 * Finds the table each {@code @Entity} class maps to, the way Hibernate ORM's default naming does: {@code @Table(name,
 * schema)} when given, else the entity name ({@code @Entity(name)} or the simple class name). Unquoted names reach
 * PostgreSQL unquoted, so they are lower-cased here as PostgreSQL folds them; quoted ones ({@code "\"Todo\""} or
 * backticks) keep their case.
 */
final class EntityTableNames {

    private EntityTableNames() {
    }

    /** Entity class name → [schema, table]. */
    static Map<String, List<String>> find(IndexView index) {
        Map<String, List<String>> tables = new HashMap<>();
        for (AnnotationInstance entity : index.getAnnotations(SyncDotNames.ENTITY)) {
            if (entity.target().kind() != org.jboss.jandex.AnnotationTarget.Kind.CLASS) {
                continue;
            }
            ClassInfo type = entity.target().asClass();
            AnnotationInstance table = type.declaredAnnotation(SyncDotNames.TABLE);
            String name = stringValue(table, "name");
            if (name == null) {
                name = stringValue(entity, "name");
            }
            if (name == null) {
                name = type.simpleName();
            }
            String schema = stringValue(table, "schema");
            tables.put(type.name().toString(), List.of(schema == null ? "public" : fold(schema), fold(name)));
        }
        return tables;
    }

    private static String stringValue(AnnotationInstance annotation, String member) {
        if (annotation == null) {
            return null;
        }
        AnnotationValue value = annotation.value(member);
        return value == null || value.asString().isEmpty() ? null : value.asString();
    }

    static String fold(String identifier) {
        boolean quoted = identifier.length() >= 2
                && ((identifier.startsWith("\"") && identifier.endsWith("\""))
                        || (identifier.startsWith("`") && identifier.endsWith("`")));
        return quoted ? identifier.substring(1, identifier.length() - 1) : identifier.toLowerCase(Locale.ROOT);
    }
}
