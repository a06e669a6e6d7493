package io.quarkiverse.sync.runtime.where;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks Postgres what a where clause gives on each row of {@code t}. Many expressions go in one SELECT; only when
 * that statement fails are they retried one by one, then row by row, so that a row-level error (overflow, division
 * by zero) is attributed to its row and a parse/type error to the expression.
 */
final class PgOracle {

    /** What Postgres says about one expression: rejected (with its message) or one result per row. */
    record Outcome(String rejected, String[] rows) {
    }

    static final String ERROR = "error";

    private final Connection c;
    private final int rowCount;

    PgOracle(Connection c, int rowCount) {
        this.c = c;
        this.rowCount = rowCount;
    }

    List<Outcome> run(List<String> exprs) throws SQLException {
        List<Outcome> out = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT id");
        for (String e : exprs) {
            sql.append(",\n(").append(e).append("\n)::bool");
        }
        sql.append(" FROM t ORDER BY id");
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql.toString())) {
            String[][] rows = new String[exprs.size()][rowCount];
            int row = 0;
            while (rs.next()) {
                for (int i = 0; i < exprs.size(); i++) {
                    rows[i][row] = value(rs, i + 2);
                }
                row++;
            }
            for (String[] r : rows) {
                out.add(new Outcome(null, r));
            }
            return out;
        } catch (SQLException batchFailed) {
            if (exprs.size() == 1) {
                return List.of(single(exprs.get(0), batchFailed));
            }
            for (String e : exprs) {
                out.addAll(run(List.of(e)));
            }
            return out;
        }
    }

    private static String value(ResultSet rs, int col) throws SQLException {
        boolean v = rs.getBoolean(col);
        return rs.wasNull() ? "null" : v ? "t" : "f";
    }

    /** One expression whose query failed: a plan-time failure rejects it, otherwise find the failing rows. */
    private Outcome single(String e, SQLException failure) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("EXPLAIN SELECT (" + e + "\n)::bool FROM t");
        } catch (SQLException planFailed) {
            return new Outcome(planFailed.getSQLState() + " " + planFailed.getMessage(), null);
        }
        String[] rows = new String[rowCount];
        for (int id = 1; id <= rowCount; id++) {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT (" + e + "\n)::bool FROM t WHERE id = " + id)) {
                rs.next();
                rows[id - 1] = value(rs, 1);
            } catch (SQLException rowFailed) {
                rows[id - 1] = ERROR;
            }
        }
        return new Outcome(null, rows);
    }
}
