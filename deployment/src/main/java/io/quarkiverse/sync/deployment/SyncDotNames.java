package io.quarkiverse.sync.deployment;

import org.jboss.jandex.DotName;

/** Every Jandex name the build steps look for, in one place. */
final class SyncDotNames {

    static final DotName SYNC_SHAPE = DotName.createSimple("io.quarkiverse.sync.SyncShape");
    static final DotName UNI = DotName.createSimple("io.smallrye.mutiny.Uni");
    static final DotName ENTITY = DotName.createSimple("jakarta.persistence.Entity");

    private SyncDotNames() {
    }
}
