package io.quarkiverse.sync.it;

import java.time.Duration;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A task: what {@code SyncShape.transform(Task.class)} writes in this class's JSON form. */
@Entity
@Table(name = "tasks")
public class Task extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String title;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Priority priority;

    /** Minutes in the table, a Duration here. */
    @Convert(converter = MinutesConverter.class)
    public Duration estimate;

    @Column(name = "due_on")
    @JsonProperty("due")
    public LocalDate dueOn;

    /** Never leaves the server: Jackson ignores it, so the entity form has no such property. */
    @JsonIgnore
    public String secret;
}
