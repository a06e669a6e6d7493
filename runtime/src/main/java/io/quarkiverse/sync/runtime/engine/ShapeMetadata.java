package io.quarkiverse.sync.runtime.engine;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import java.util.Properties;

import io.quarkiverse.sync.LogMode;
import io.quarkiverse.sync.Replica;
import io.quarkiverse.sync.runtime.pg.TableSchema;

/**
 * What must survive a restart for a shape besides its log: its definition, handle, the table it was made for, and
 * the snapshot's visibility (so replayed transactions that the snapshot already holds are not applied twice).
 * Written once the snapshot is complete, as {@code shape.properties} in the shape's directory; a directory without it
 * holds an unfinished snapshot and is discarded on start.
 */
record ShapeMetadata(String handle, ShapeDefinition definition, long tableOid, String tableSignature,
        Snapshotter.Visibility visibility) {

    static final String FILE = "shape.properties";

    /** Identifies the table's shape: its oid and each column's name and type; any change means a new shape. */
    static String signature(TableSchema table) {
        StringBuilder out = new StringBuilder().append(table.oid());
        table.columns().forEach(c -> out.append('|').append(c.name()).append(':').append(c.typeOid()));
        return out.toString();
    }

    void write(Path dir) throws IOException {
        Properties p = new Properties();
        p.setProperty("handle", handle);
        p.setProperty("schema", definition.schema());
        p.setProperty("table", definition.table());
        definition.columns().ifPresent(columns -> {
            p.setProperty("columns.count", Integer.toString(columns.size()));
            for (int i = 0; i < columns.size(); i++) {
                p.setProperty("columns." + i, columns.get(i));
            }
        });
        definition.where().ifPresent(where -> p.setProperty("where", where));
        definition.params().forEach((key, value) -> p.setProperty("params." + key, value));
        p.setProperty("replica", definition.replica().name());
        p.setProperty("log", definition.log().name());
        p.setProperty("table.oid", Long.toString(tableOid));
        p.setProperty("table.signature", tableSignature);
        p.setProperty("snapshot.xmin", Long.toString(visibility.xmin()));
        p.setProperty("snapshot.xmax", Long.toString(visibility.xmax()));
        StringBuilder xip = new StringBuilder();
        visibility.xip().forEach(x -> xip.append(xip.length() > 0 ? "," : "").append(x));
        p.setProperty("snapshot.xip", xip.toString());
        Path temp = dir.resolve(FILE + ".tmp");
        try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            p.store(out, "Quarkus Sync shape");
        }
        Files.move(temp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static Optional<ShapeMetadata> read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        Optional<List<String>> columns = Optional.empty();
        if (p.getProperty("columns.count") != null) {
            List<String> list = new ArrayList<>();
            int count = Integer.parseInt(p.getProperty("columns.count"));
            for (int i = 0; i < count; i++) {
                list.add(p.getProperty("columns." + i));
            }
            columns = Optional.of(list);
        }
        Map<String, String> params = new TreeMap<>();
        for (String name : p.stringPropertyNames()) {
            if (name.startsWith("params.")) {
                params.put(name.substring("params.".length()), p.getProperty(name));
            }
        }
        ShapeDefinition definition = new ShapeDefinition(p.getProperty("schema"), p.getProperty("table"), columns,
                Replica.valueOf(p.getProperty("replica")), LogMode.valueOf(p.getProperty("log")),
                Optional.ofNullable(p.getProperty("where")), params);
        List<Long> xip = new ArrayList<>();
        String xipText = p.getProperty("snapshot.xip", "");
        if (!xipText.isEmpty()) {
            for (String x : xipText.split(",")) {
                xip.add(Long.parseLong(x));
            }
        }
        Snapshotter.Visibility visibility = new Snapshotter.Visibility(Long.parseLong(p.getProperty("snapshot.xmin")),
                Long.parseLong(p.getProperty("snapshot.xmax")), xip);
        return Optional.of(new ShapeMetadata(p.getProperty("handle"), definition,
                Long.parseLong(p.getProperty("table.oid")), p.getProperty("table.signature"), visibility));
    }
}
