package io.quarkiverse.sync.runtime.storage;

import io.quarkiverse.sync.runtime.protocol.LogOffset;

/**
 * A page of stored JSON: the elements joined by {@code ,} WITHOUT the surrounding brackets, exactly as they were
 * stored; an empty array when there is nothing.
 *
 * @param json the elements, UTF-8
 * @param count how many elements
 * @param end the offset to report as {@code electric-offset}: the snapshot chunk ({@code 0_k}), the last returned
 *        change-log entry, or the requested offset itself when nothing follows it
 */
public record Page(byte[] json, int count, LogOffset end) {
}
