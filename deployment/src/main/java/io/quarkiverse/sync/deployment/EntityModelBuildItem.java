package io.quarkiverse.sync.deployment;

import io.quarkiverse.sync.deployment.model.EntityModel;
import io.quarkus.builder.item.SimpleBuildItem;

/** The tables and columns Hibernate ORM maps the application's entities to, read from the index. */
public final class EntityModelBuildItem extends SimpleBuildItem {

    private final EntityModel model;

    public EntityModelBuildItem(EntityModel model) {
        this.model = model;
    }

    public EntityModel model() {
        return model;
    }
}
