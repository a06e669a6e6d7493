package io.quarkiverse.sync.deployment.validation;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntity;

/** The todo of the validation tests: a Panache entity, so its id comes from PanacheEntity's mapped superclass. */
@Entity
@Table(name = "todos")
public class Todo extends PanacheEntity {

    public String title;

    public boolean completed;

    @Column(name = "owner_id")
    public UUID ownerId;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}
