package io.quarkiverse.sync.deployment;

import io.quarkus.builder.item.SimpleBuildItem;

/**
 * Marks that every shape passed build-time validation. The routes of declarative shapes consume it, which also makes
 * sure validation runs in every build.
 */
public final class ValidatedShapesBuildItem extends SimpleBuildItem {
}
