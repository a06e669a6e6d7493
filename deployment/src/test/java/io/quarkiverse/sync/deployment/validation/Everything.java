package io.quarkiverse.sync.deployment.validation;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Transient;

/**
 * One attribute of each kind the entity model maps; Hibernate creates its table in the test, and the model's column
 * names and types must be what the catalog then holds.
 */
@Entity
public class Everything {

    public enum Status {
        OPEN,
        DONE
    }

    @Embeddable
    public static class Address {
        public String street;
        public String zipCode;
    }

    @Id
    @GeneratedValue
    public Long id;
    public int count;
    public Integer boxedCount;
    public short small;
    public byte tiny;
    public long big;
    public boolean flag;
    public Boolean boxedFlag;
    public double ratio;
    public float ratio4;
    public BigDecimal amount;
    public String name;
    public char initial;
    public UUID uid;
    public Instant instant;
    public OffsetDateTime offsetDateTime;
    public ZonedDateTime zonedDateTime;
    public LocalDateTime localDateTime;
    public LocalDate day;
    public LocalTime time;
    public byte[] bytes;
    public Status ordinalStatus;
    @Enumerated(EnumType.STRING)
    public Status status;
    @Column(name = "due_on")
    public LocalDate dueDate;
    public LocalDate camelCase;
    @ManyToOne
    public Todo todo;
    @Embedded
    public Address address;

    @Transient
    public String notMapped;
    public transient String notMappedEither;
    public static String constant = "not a column";
}
