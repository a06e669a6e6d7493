package io.quarkiverse.sync;

import java.util.function.Predicate;

import io.quarkus.arc.Arc;

/**
 * Interrupts: makes waiting live requests of {@link SyncShape#dynamic dynamic} shapes re-evaluate their shape now,
 * instead of at their next request. A request whose shape is unchanged goes on waiting; one whose shape changed
 * answers 409 and its client refetches. Each call returns how many requests of this application instance it
 * interrupted, and is also published on the Vert.x event bus (address {@value SyncInterrupts#ADDRESS}), so that on a
 * clustered event bus the other instances interrupt theirs too (predicates, which cannot travel, stay local).
 * <p>
 * The same methods are on the injectable {@link SyncInterrupts} bean.
 */
public final class Sync {

    private Sync() {
    }

    /** The waiting requests whose shape is this entity's table. */
    public static int interrupt(Class<?> entity) {
        return interrupts().interrupt(entity);
    }

    /** The waiting requests whose shape is on this table. */
    public static int interrupt(String table) {
        return interrupts().interrupt(table);
    }

    /** The waiting requests whose shape matches every part of the target. */
    public static int interrupt(InterruptTarget target) {
        return interrupts().interrupt(target);
    }

    /** The waiting requests whose shape is exactly this one (table, where, params, columns). */
    public static int interrupt(SyncShape shape) {
        return interrupts().interrupt(shape);
    }

    /** The waiting requests of this instance whose current (concrete) shape the predicate accepts. */
    public static int interrupt(Predicate<SyncShape> matcher) {
        return interrupts().interrupt(matcher);
    }

    private static SyncInterrupts interrupts() {
        return Arc.container().instance(SyncInterrupts.class).get();
    }
}
