package io.quarkiverse.sync.runtime.where;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The table the differential tests evaluate on: one column per supported type, rows of random edge values
 * (NULLs, extremes, infinities, unicode), inserted into Postgres and read back as the text pgoutput would send.
 */
final class DifferentialTable {

    static final Map<String, String> COLUMNS = new LinkedHashMap<>();

    static {
        COLUMNS.put("b", "bool");
        COLUMNS.put("b2", "bool");
        COLUMNS.put("i2", "int2");
        COLUMNS.put("i4", "int4");
        COLUMNS.put("i4b", "int4");
        COLUMNS.put("i8", "int8");
        COLUMNS.put("f4", "float4");
        COLUMNS.put("f8", "float8");
        COLUMNS.put("n", "numeric");
        COLUMNS.put("t", "text");
        COLUMNS.put("v", "varchar");
        COLUMNS.put("u", "uuid");
        COLUMNS.put("d", "date");
        COLUMNS.put("tm", "time");
        COLUMNS.put("ts", "timestamp");
        COLUMNS.put("tz", "timestamptz");
        COLUMNS.put("iv", "interval");
        COLUMNS.put("ia", "int4[]");
        COLUMNS.put("ta", "text[]");
        COLUMNS.put("e", "mood");
    }

    private static final Map<String, String[]> VALUES = Map.ofEntries(
            Map.entry("bool", new String[] { "true", "false" }),
            Map.entry("int2", new String[] { "0", "1", "-1", "32767", "-32768", "7", "300" }),
            Map.entry("int4", new String[] { "0", "1", "-1", "2147483647", "-2147483648", "42", "3", "100000" }),
            Map.entry("int8", new String[] { "0", "-1", "9223372036854775807", "-9223372036854775808", "5",
                    "4294967296" }),
            Map.entry("float4", new String[] { "0", "1.5", "-2.25", "NaN", "Infinity", "3.4e38", "1e-30", "0.1" }),
            Map.entry("float8", new String[] { "0", "-0", "1.5", "0.1", "NaN", "Infinity", "-Infinity", "1e308",
                    "2.5e-300", "123456.789", "2" }),
            Map.entry("numeric", new String[] { "0", "1.50", "-2.5", "100", "0.001", "12345678901234567890.123",
                    "1.5", "3" }),
            Map.entry("text", new String[] { "", "abc", "Hello World", "é", "😀x", "a'b", "ZZ", "Ab_c", "hello world",
                    "%", "\\", "a b", "B" }),
            Map.entry("varchar", new String[] { "abc", "", "Zürich", "HELLO WORLD", "x" }),
            Map.entry("uuid", new String[] { "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
                    "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff" }),
            Map.entry("date", new String[] { "2024-02-29", "1999-12-31", "infinity", "-infinity", "0044-03-15 BC",
                    "2000-01-01", "5874897-12-31" }),
            Map.entry("time", new String[] { "00:00:00", "12:34:56", "23:59:59.999999", "24:00:00", "10:00:00.5" }),
            Map.entry("timestamp", new String[] { "2024-01-31 10:00:00", "2000-01-01 00:00:00", "infinity",
                    "-infinity", "1970-01-01 00:00:00.000001", "0044-03-15 12:00:00 BC", "294276-12-31 23:59:59" }),
            Map.entry("timestamptz", new String[] { "2024-01-31 10:00:00+00", "2024-06-01 12:00:00+00", "infinity",
                    "1999-12-31 23:59:59.5+00" }),
            Map.entry("interval", new String[] { "P1D", "PT0S", "P1M", "PT-3H", "P1Y2M3DT4H5M6.5S", "P30D", "PT24H",
                    "P-1DT2H" }),
            Map.entry("int4[]", new String[] { "{1,2,3}", "{}", "{NULL,1}", "{42}", "{{1,2},{3,4}}", "{2147483647}" }),
            Map.entry("text[]", new String[] { "{a,\"b c\",NULL}", "{}", "{abc}", "{\"\",x}", "{Hello World}" }),
            Map.entry("mood", new String[] { "sad", "ok", "happy" }));

    private DifferentialTable() {
    }

    static WhereSchema schema() {
        WhereSchema.Builder b = WhereSchema.builder();
        COLUMNS.forEach((name, type) -> b.column(name, type.equals("mood") ? PgType.enumType("mood") : PgType.of(type)));
        return b.build();
    }

    /** Creates and fills table {@code t}; returns the rows as text, in id order (ids 1..n). */
    static List<Map<String, String>> create(Connection c, long seed, int rows) throws SQLException {
        Random r = new Random(seed);
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS t");
            s.execute("DROP TYPE IF EXISTS mood");
            s.execute("CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')");
            StringBuilder ddl = new StringBuilder("CREATE TABLE t (id int4 PRIMARY KEY");
            COLUMNS.forEach((n, t) -> ddl.append(", ").append(n).append(' ').append(t));
            s.execute(ddl.append(")").toString());
            for (int id = 1; id <= rows; id++) {
                StringBuilder sql = new StringBuilder("INSERT INTO t VALUES (" + id);
                for (Map.Entry<String, String> col : COLUMNS.entrySet()) {
                    String[] vs = VALUES.get(col.getValue());
                    // Row 1 is all NULL; otherwise 15% NULLs.
                    if (id == 1 || r.nextInt(100) < 15) {
                        sql.append(", NULL");
                    } else {
                        sql.append(", ").append(SqlRenderer.quoteLiteral(vs[r.nextInt(vs.length)])).append("::")
                                .append(col.getValue());
                    }
                }
                s.execute(sql.append(")").toString());
            }
            StringBuilder q = new StringBuilder("SELECT id");
            COLUMNS.forEach((n, t) -> q.append(", ").append(t.equals("bool")
                    ? "CASE WHEN " + n + " THEN 't' WHEN NOT " + n + " THEN 'f' END" : n + "::text"));
            List<Map<String, String>> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery(q.append(" FROM t ORDER BY id").toString())) {
                while (rs.next()) {
                    Map<String, String> row = new LinkedHashMap<>();
                    int k = 2;
                    for (String n : COLUMNS.keySet()) {
                        row.put(n, rs.getString(k++));
                    }
                    out.add(row);
                }
            }
            return out;
        }
    }
}
