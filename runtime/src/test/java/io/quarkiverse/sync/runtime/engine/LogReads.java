package io.quarkiverse.sync.runtime.engine;

import java.util.ArrayList;
import java.util.List;

import io.quarkiverse.sync.runtime.protocol.JsonElements;
import io.quarkiverse.sync.runtime.protocol.LogOffset;
import io.quarkiverse.sync.runtime.storage.Page;
import io.quarkiverse.sync.runtime.storage.ShapeLog;

/** What the engine tests read back from shape logs, paging as a client does. */
final class LogReads {

    private LogReads() {
    }

    /** Every stored message of the shape: the snapshot chunks, then the change log. */
    static List<String> everything(ShapeLog log) {
        List<String> messages = new ArrayList<>();
        for (int k = 0; k < log.snapshotChunkCount(); k++) {
            messages.addAll(JsonElements.split(log.readSnapshotChunk(k).orElseThrow().json()));
        }
        messages.addAll(changes(log));
        return messages;
    }

    /** The change log's messages, chunk by chunk from its start. */
    static List<String> changes(ShapeLog log) {
        List<String> messages = new ArrayList<>();
        LogOffset offset = LogOffset.snapshotChunk(log.snapshotChunkCount() - 1);
        while (true) {
            Page page = log.readAfter(offset);
            if (page.count() == 0) {
                return messages;
            }
            List<String> elements = JsonElements.split(page.json());
            if (elements.size() != page.count()) {
                throw new AssertionError("a page of " + page.count() + " entries split into " + elements.size());
            }
            messages.addAll(elements);
            offset = page.end();
        }
    }
}
