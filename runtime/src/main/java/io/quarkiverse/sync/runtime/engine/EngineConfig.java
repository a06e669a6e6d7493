package io.quarkiverse.sync.runtime.engine;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What the engine needs to run.
 *
 * @param jdbcUrl the database, for the replication connection (the snapshot and catalog connections come from the
 *        application's datasource)
 * @param storageDir where shape logs live; one directory per shape
 * @param chunkBytesThreshold a log chunk closes once its entries' JSON reaches this many bytes
 * @param slotName the logical replication slot
 * @param temporarySlot a slot dropped when the connection ends (tests), instead of a permanent one
 * @param publicationName the publication the engine manages
 * @param flushInterval how often shape logs are synced to disk and the slot acknowledged
 */
public record EngineConfig(String jdbcUrl, String username, String password, Path storageDir, long chunkBytesThreshold,
        String slotName, boolean temporarySlot, String publicationName, Duration flushInterval) {

    @Override
    public String toString() { // never the password
        return "EngineConfig[" + jdbcUrl + ", storage=" + storageDir + ", slot=" + slotName + ", publication="
                + publicationName + "]";
    }
}
