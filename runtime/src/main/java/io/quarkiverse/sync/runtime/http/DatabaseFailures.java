package io.quarkiverse.sync.runtime.http;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/** Tells a lost or refused database connection from other failures: clients retry a 503, not a 400 or 500. */
public final class DatabaseFailures {

    private DatabaseFailures() {
    }

    /** SQLState class 08 is "connection exception"; a pool timeout is a transient connection failure. */
    public static boolean isConnectionFailure(SQLException e) {
        return e instanceof SQLTransientConnectionException
                || (e.getSQLState() != null && e.getSQLState().startsWith("08"));
    }

    /** True when {@code error} or one of its causes is a connection failure. */
    public static boolean isConnectionFailure(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if ((t instanceof SQLException sql && isConnectionFailure(sql)) || t instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }
}
