package io.quarkiverse.sync.runtime.pg;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The session settings every connection of ours uses — the snapshot queries and the replication stream alike — so that
 * a value has the same text on both paths: the text that reaches a client must not depend on which path delivered the
 * row. They fix the output form of dates and times ({@code ISO}, UTC), floats (shortest exact form), bytea
 * ({@code \x...}) and intervals (ISO 8601 {@code P1DT2H}).
 */
public final class ConnectionSettings {

    /** Setting name to value, in the order they are applied. */
    public static final Map<String, String> SETTINGS = settings();

    private ConnectionSettings() {
    }

    private static Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        // pgjdbc requires a DateStyle that starts with ISO; DMY only matters for parsing ambiguous input.
        settings.put("DateStyle", "ISO, DMY");
        settings.put("TimeZone", "UTC");
        // 1 (the default since PostgreSQL 12) prints the shortest text that reads back as the same float.
        settings.put("extra_float_digits", "1");
        settings.put("bytea_output", "hex");
        settings.put("IntervalStyle", "iso_8601");
        return Collections.unmodifiableMap(settings);
    }

    /**
     * Applies the settings to an open session with {@code SET} (session scope, so they outlive transactions).
     * <p>
     * Startup options alone are not enough: pgjdbc also sends {@code DateStyle} and {@code TimeZone} (the JVM's zone)
     * as startup parameters, and the server applies those after the {@code options}, so a {@code SET} is what makes
     * the settings hold on every connection, the replication connection included (before it starts streaming).
     */
    public static void apply(Connection connection) throws SQLException {
        set(connection, "SET ");
    }

    /**
     * Applies the settings for the current transaction only ({@code SET LOCAL}): for pooled connections, which other
     * code of the application uses with its own settings afterwards.
     */
    public static void applyToTransaction(Connection connection) throws SQLException {
        set(connection, "SET LOCAL ");
    }

    private static void set(Connection connection, String command) throws SQLException {
        StringBuilder sql = new StringBuilder();
        SETTINGS.forEach((name, value) -> sql.append(command).append(PgQuoting.identifier(name))
                .append(" = ").append(PgQuoting.literal(value)).append(";"));
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql.toString());
        }
    }

    /**
     * The settings as the startup {@code options} of a connection: {@code -c DateStyle=ISO,DMY -c TimeZone=UTC ...}.
     * A replication connection cannot run {@code SET} once streaming, so it gets them at startup. The values contain
     * no spaces (the server splits options on spaces), which is why DateStyle is written {@code ISO,DMY}.
     */
    public static String asStartupOptions() {
        StringBuilder options = new StringBuilder();
        SETTINGS.forEach((name, value) -> {
            if (options.length() > 0) {
                options.append(' ');
            }
            options.append("-c ").append(name).append('=').append(value.replace(" ", ""));
        });
        return options.toString();
    }

    /** Adds {@link #asStartupOptions()} to pgjdbc connection properties (property {@code options}). */
    public static Properties addStartupOptions(Properties properties) {
        String existing = properties.getProperty("options");
        properties.setProperty("options", existing == null || existing.isBlank() ? asStartupOptions()
                : existing + " " + asStartupOptions());
        return properties;
    }
}
