/**
 * Postgres logical replication: pgjdbc's replication API and the pgoutput plugin (protocol version 1, text values).
 * <p>
 * Data flow: {@link io.quarkiverse.sync.runtime.pg.ReplicationClient} (own thread, the only user of pgjdbc's
 * replication API) reads XLogData payloads, {@link io.quarkiverse.sync.runtime.pg.PgOutputDecoder} turns each into a
 * {@link io.quarkiverse.sync.runtime.pg.PgMessage} (pure, no I/O), {@code TransactionAssembler} groups them into
 * {@link io.quarkiverse.sync.runtime.pg.Transaction}s whose {@link io.quarkiverse.sync.runtime.pg.Change}s carry their
 * relation, and the {@link io.quarkiverse.sync.runtime.pg.ReplicationListener} receives them in commit order. The
 * engine acknowledges {@link io.quarkiverse.sync.runtime.pg.Transaction#endLsn()} once every shape log has flushed it.
 * <p>
 * Setup: {@link io.quarkiverse.sync.runtime.pg.Publication} (empty, tables added one by one, replica identity FULL),
 * {@link io.quarkiverse.sync.runtime.pg.ReplicationSlot} (permanent; temporary ones are created by the client on its
 * own connection), {@link io.quarkiverse.sync.runtime.pg.ConnectionSettings} (applied to every connection so snapshot
 * and replication text is identical).
 * <p>
 * Behaviours worth knowing, all checked by the tests of this package:
 * <ul>
 * <li>pgjdbc sends the JVM's time zone as the {@code TimeZone} startup parameter and the server applies it after the
 * {@code options}; only a {@code SET} makes {@code TimeZone=UTC} hold (also on the replication connection, before
 * {@code START_REPLICATION}).</li>
 * <li>{@code bool::text} is {@code true}, but the type's output function (pgoutput, {@code COPY}) gives {@code t}: a
 * snapshot must read values the way {@code COPY ... TO STDOUT} does, not through {@code ::text} casts.</li>
 * <li>The server skips, on restart, every transaction whose commit record starts before the start position, so
 * acknowledging a transaction's {@code endLsn} (not its commit LSN) is what stops it from being sent again.</li>
 * <li>pgjdbc (42.7.x) defaults to "automatic flush": once everything received has been acknowledged, a server
 * keepalive's position is confirmed too, so an idle slot follows WAL written for tables outside the publication.
 * It never confirms past a message that was received but not acknowledged.</li>
 * <li>pgjdbc pastes the slot name and option values into {@code START_REPLICATION} unquoted: slot names are checked
 * against Postgres' rule and {@code publication_names} is quoted and escaped here.</li>
 * <li>A JDBC batch under autocommit is one transaction (one Sync), not one per statement.</li>
 * </ul>
 */
package io.quarkiverse.sync.runtime.pg;
