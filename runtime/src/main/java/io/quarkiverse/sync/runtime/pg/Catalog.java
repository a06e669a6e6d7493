package io.quarkiverse.sync.runtime.pg;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a table's description from {@code pg_catalog}. Nothing is cached here: a table dropped and created again under
 * the same name must be seen as it is now.
 */
public final class Catalog {

    // Generated columns are left out: pgoutput does not send them, so a shape could not keep them up to date.
    // Names are bound as parameters. indkey is an int2vector, whose array form starts at subscript 0. attndims is what Electric reports as "dims"; the element type's name and kind
    // stand in for an array's own (typname "_int4" becomes "int4").
    // The base type follows typbasetype from the (element) type through every domain (a domain may be over a domain):
    // bt is the type under all of them, bet its element type when that is an array (a domain over int4[]).
    private static final String TABLE_COLUMNS = """
            SELECT c.oid, a.attname, a.attnum, a.atttypid, a.attnotnull, a.atttypmod, a.attndims,
                   (t.typcategory = 'A' AND t.typelem <> 0) AS is_array,
                   COALESCE(et.typname, t.typname) AS type_name,
                   COALESCE(et.typtype, t.typtype) AS type_kind,
                   COALESCE(bet.typname, bt.typname) AS base_type_name,
                   COALESCE(bet.typtype, bt.typtype) AS base_type_kind,
                   (t.typcategory = 'A' AND t.typelem <> 0 OR bet.oid IS NOT NULL) AS base_is_array,
                   COALESCE(array_position(i.indkey::int2[], a.attnum) - array_lower(i.indkey::int2[], 1), -1) AS pk_index
            FROM pg_catalog.pg_class c
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                                        AND a.attgenerated = ''
            JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
            LEFT JOIN pg_catalog.pg_type et ON t.typcategory = 'A' AND et.oid = t.typelem
            JOIN LATERAL (
                WITH RECURSIVE chain(oid, depth) AS (
                    SELECT COALESCE(et.oid, t.oid), 0
                    UNION ALL
                    SELECT d.typbasetype, chain.depth + 1
                    FROM chain JOIN pg_catalog.pg_type d ON d.oid = chain.oid AND d.typtype = 'd'
                )
                SELECT chain.oid FROM chain ORDER BY chain.depth DESC LIMIT 1
            ) base ON true
            JOIN pg_catalog.pg_type bt ON bt.oid = base.oid
            LEFT JOIN pg_catalog.pg_type bet ON bt.typcategory = 'A' AND bt.typelem <> 0 AND bet.oid = bt.typelem
            LEFT JOIN pg_catalog.pg_index i ON i.indrelid = c.oid AND i.indisprimary
            WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p')
            ORDER BY a.attnum
            """;

    private Catalog() {
    }

    /** The table, or empty when no ordinary or partitioned table has that exact (case-sensitive) name. */
    public static Optional<TableSchema> table(Connection connection, String schema, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(TABLE_COLUMNS)) {
            statement.setString(1, schema);
            statement.setString(2, name);
            try (ResultSet rs = statement.executeQuery()) {
                long oid = 0;
                List<TableSchema.Column> columns = new ArrayList<>();
                while (rs.next()) {
                    oid = rs.getLong("oid");
                    columns.add(new TableSchema.Column(rs.getString("attname"), rs.getInt("attnum"),
                            rs.getString("type_name"), rs.getBoolean("is_array"), rs.getInt("attndims"),
                            rs.getInt("atttypmod"), rs.getBoolean("attnotnull"), rs.getInt("pk_index"),
                            rs.getString("type_kind").charAt(0), (int) rs.getLong("atttypid"),
                            new TableSchema.BaseType(rs.getString("base_type_name"),
                                    rs.getString("base_type_kind").charAt(0), rs.getBoolean("base_is_array"))));
                }
                return columns.isEmpty() ? Optional.empty() : Optional.of(new TableSchema(oid, schema, name, columns));
            }
        }
    }
}
