package io.quarkiverse.sync.runtime.engine;

import java.util.List;

import io.quarkiverse.sync.runtime.pg.TableSchema.Column;
import io.quarkiverse.sync.runtime.protocol.Json;

/**
 * The {@code electric-schema} header (protocol §6): for each selected column its type and, where the type modifier
 * says something, its length, precision or fields. Clients use it to parse values (int8 to BigInt, arrays, JSON) and
 * to reject nulls in not-null columns.
 */
public final class SchemaHeader {

    private static final int INTERVAL_FULL_RANGE = 0x7FFF;
    private static final String[] INTERVAL_FIELDS = { "YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND" };
    private static final int[] INTERVAL_MASKS = { 1 << 2, 1 << 1, 1 << 3, 1 << 10, 1 << 11, 1 << 12 };

    private SchemaHeader() {
    }

    public static String of(List<Column> columns) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            Column column = columns.get(i);
            Json.string(out, column.name()).append(':');
            info(out, column);
        }
        return out.append('}').toString();
    }

    private static void info(StringBuilder out, Column column) {
        out.append("{\"type\":");
        Json.string(out, column.typeName());
        if (column.array()) {
            out.append(",\"dims\":").append(Math.max(1, column.dims()));
        }
        if (column.isPrimaryKey()) {
            out.append(",\"pk_index\":").append(column.pkIndex());
        }
        if (column.notNull()) {
            out.append(",\"not_null\":true");
        }
        typeModifier(out, column.typeName(), column.typeModifier());
        out.append('}');
    }

    private static void typeModifier(StringBuilder out, String type, int typmod) {
        switch (type) {
            case "varchar", "text" -> {
                if (typmod > 0) {
                    out.append(",\"max_length\":").append(typmod - 4);
                }
            }
            case "bpchar" -> {
                if (typmod > 0) {
                    out.append(",\"length\":").append(typmod - 4);
                }
            }
            case "bit", "varbit" -> out.append(",\"length\":").append(typmod);
            case "time", "timetz", "timestamp", "timestamptz", "date" -> {
                if (typmod > 0) {
                    out.append(",\"precision\":").append(typmod);
                } else if (typmod == 0) {
                    out.append(",\"type_mod\":0");
                }
            }
            case "numeric" -> {
                if (typmod >= 0) {
                    out.append(",\"precision\":").append((typmod - 4) >> 16)
                            .append(",\"scale\":").append((typmod - 4) & 0xFFFF);
                }
            }
            case "interval" -> {
                if (typmod >= 0) {
                    interval(out, typmod);
                }
            }
            default -> {
                if (typmod >= 0) {
                    out.append(",\"type_mod\":").append(typmod);
                }
            }
        }
    }

    private static void interval(StringBuilder out, int typmod) {
        int range = (typmod >> 16) & 0x7FFF;
        int precision = typmod & 0xFFFF;
        if (range != INTERVAL_FULL_RANGE) {
            String first = null;
            String last = null;
            for (int i = 0; i < INTERVAL_FIELDS.length; i++) {
                if ((range & INTERVAL_MASKS[i]) != 0) {
                    if (first == null) {
                        first = INTERVAL_FIELDS[i];
                    }
                    last = INTERVAL_FIELDS[i];
                }
            }
            if (first != null) {
                out.append(",\"fields\":");
                Json.string(out, first.equals(last) ? first : first + " TO " + last);
            }
        }
        if (precision != 0xFFFF) {
            out.append(",\"precision\":").append(precision);
        }
    }
}
