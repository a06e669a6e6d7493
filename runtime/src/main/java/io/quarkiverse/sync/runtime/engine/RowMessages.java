package io.quarkiverse.sync.runtime.engine;

import java.util.List;

import io.quarkiverse.sync.runtime.pg.TableSchema;
import io.quarkiverse.sync.runtime.pg.TableSchema.Column;
import io.quarkiverse.sync.runtime.protocol.Json;

/**
 * Builds the JSON of change messages (protocol §4.2–4.3) for one shape: the row key and the value object from
 * Postgres text values. Values come in table column order (the order the catalog and pgoutput use).
 */
public final class RowMessages {

    private final String relationJson;
    private final String keyPrefix;
    private final int[] keyPositions;
    private final int[] selectedPositions;
    private final String[] selectedNamesJson;

    /**
     * @param table the table
     * @param selected the shape's columns, a subset of the table's, which includes every key column
     */
    public RowMessages(TableSchema table, List<Column> selected) {
        List<Column> all = table.columns();
        this.relationJson = "[" + Json.quote(table.schema()) + "," + Json.quote(table.name()) + "]";
        this.keyPrefix = '"' + escapeRelationPart(table.schema()) + "\".\"" + escapeRelationPart(table.name()) + '"';
        this.keyPositions = table.keyColumns().stream().mapToInt(all::indexOf).toArray();
        this.selectedPositions = selected.stream().mapToInt(all::indexOf).toArray();
        this.selectedNamesJson = selected.stream().map(c -> Json.quote(c.name()) + ":").toArray(String[]::new);
    }

    /**
     * The row key: {@code "schema"."table"} then {@code /"value"} per key column, with {@code /} doubled inside
     * values and {@code /_} for a NULL component. The same text on the snapshot and replication paths, because both
     * give the type output function's text.
     */
    public String key(String[] row) {
        StringBuilder key = new StringBuilder(keyPrefix);
        for (int position : keyPositions) {
            String value = row[position];
            if (value == null) {
                key.append("/_");
            } else {
                key.append("/\"").append(value.replace("/", "//")).append('"');
            }
        }
        return key.toString();
    }

    /** A snapshot insert: {@code {"key":…,"value":{…},"headers":{"operation":"insert","relation":[…]}}}. */
    public void appendSnapshotInsert(StringBuilder out, String[] row) {
        appendSnapshotInsert(out, row, "");
    }

    /** A snapshot insert with more headers, e.g. {@code ,"snapshot_mark":42} for subset rows. */
    public void appendSnapshotInsert(StringBuilder out, String[] row, String extraHeaders) {
        out.append("{\"key\":");
        Json.string(out, key(row));
        out.append(",\"value\":");
        appendValues(out, row, null);
        out.append(",\"headers\":{\"operation\":\"insert\",\"relation\":").append(relationJson).append(extraHeaders)
                .append("}}");
    }

    /**
     * Appends {@code {"col":"text",…}} for the selected columns, in table order, keeping only those {@code include}
     * accepts (all when it is null).
     *
     * @param include by table column position
     */
    void appendValues(StringBuilder out, String[] row, boolean[] include) {
        out.append('{');
        boolean first = true;
        for (int i = 0; i < selectedPositions.length; i++) {
            int position = selectedPositions[i];
            if (include != null && !include[position]) {
                continue;
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append(selectedNamesJson[i]);
            Json.stringOrNull(out, row[position]);
        }
        out.append('}');
    }

    String relationJson() {
        return relationJson;
    }

    /** Table column positions of the selected columns. */
    int[] selectedPositions() {
        return selectedPositions;
    }

    /** Table column positions of the key columns. */
    int[] keyPositions() {
        return keyPositions;
    }

    /** The reference escapes the relation of a key this way on its replication path; we use it on both (§12). */
    private static String escapeRelationPart(String name) {
        return name.replace("/", "//").replace(".", "..");
    }
}
