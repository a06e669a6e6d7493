package io.quarkiverse.sync.deployment.validation;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import io.quarkiverse.sync.deployment.StaticShapeBuildItem;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Captures the {@link StaticShapeBuildItem}s of a test application's build. The build steps run in one class loader
 * and the test in another: a system property is what both see.
 */
final class StaticShapes {

    private static final String PROPERTY = "quarkus-sync.test.static-shapes";

    private StaticShapes() {
    }

    static QuarkusUnitTest capture(QuarkusUnitTest app) {
        return app.addBuildChainCustomizer(chain -> chain.addBuildStep(context -> {
            List<String> lines = new ArrayList<>();
            for (StaticShapeBuildItem shape : context.consumeMulti(StaticShapeBuildItem.class)) {
                lines.add(shape.location() + "|" + shape.schema() + "." + shape.table() + "|" + shape.entityClass()
                        + "|" + shape.where() + "|" + shape.paramCount() + "|" + shape.columnTypes());
            }
            System.setProperty(PROPERTY, String.join("\n", lines));
            context.produce(new FeatureBuildItem("static-shapes-captured"));
        }).consumes(StaticShapeBuildItem.class).produces(FeatureBuildItem.class).build());
    }

    /** One line per item: {@code location|schema.table|entity|where|paramCount|{column=type, ...}}. */
    static List<String> lines() {
        return Arrays.asList(System.getProperty(PROPERTY).split("\n"));
    }

    /** The column types of the shape found at this location, sorted by column name. */
    static Map<String, String> columnTypes(String location) {
        String line = lines().stream().filter(l -> l.startsWith(location + "|")).findFirst().orElseThrow();
        String map = line.substring(line.lastIndexOf('|') + 2, line.length() - 1);
        Map<String, String> sorted = new TreeMap<>();
        for (String entry : map.split(", ")) {
            String[] kv = entry.split("=");
            sorted.put(kv[0], kv[1]);
        }
        return sorted;
    }

    /** What PostgreSQL says of a table's columns: name → typname, sorted by name. */
    static Map<String, String> catalog(DataSource dataSource, String table) throws Exception {
        Map<String, String> columns = new TreeMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT a.attname, t.typname FROM pg_attribute a JOIN pg_type t "
                        + "ON t.oid = a.atttypid WHERE a.attrelid = 'public." + table + "'::regclass "
                        + "AND a.attnum > 0 AND NOT a.attisdropped")) {
            while (rs.next()) {
                columns.put(rs.getString(1), rs.getString(2));
            }
        }
        return columns;
    }
}
