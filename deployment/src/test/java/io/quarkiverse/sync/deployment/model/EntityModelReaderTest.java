package io.quarkiverse.sync.deployment.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;

import org.jboss.jandex.Index;
import org.junit.jupiter.api.Test;

/** The mappings the model reads from annotations alone, and those it leaves to run time. */
class EntityModelReaderTest {

    @MappedSuperclass
    public static class Audited {
        @Column(name = "created_by")
        public String createdBy;
    }

    @Entity(name = "Tasks")
    public static class Task extends Audited {
        @Id
        public Long id;
        @ManyToOne
        public Task parent;
        @OneToMany(mappedBy = "parent")
        public List<Task> children;
        @Convert(converter = jakarta.persistence.AttributeConverter.class)
        public String converted;
    }

    @Entity
    @Table(schema = "app", name = "\"Steps\"")
    public static class Step {
        private Long id;

        @Id
        public Long getId() {
            return id;
        }
    }

    @Entity
    public static class SpecialTask extends Task {
    }

    private static EntityModel read(Optional<String> naming, Class<?>... classes) throws Exception {
        return new EntityModelReader(Index.of(classes), naming, Optional.empty()).read();
    }

    @Test
    void fieldsOfTheEntityAndItsMappedSuperclasses() throws Exception {
        EntityModel.Entity task = read(Optional.empty(), Audited.class, Task.class).byClass(Task.class.getName())
                .orElseThrow();
        assertThat(task.schema()).isEqualTo("public");
        assertThat(task.table()).as("the entity name, folded").isEqualTo("tasks");
        assertThat(task.columns()).containsExactly(
                new EntityModel.Column("created_by", "varchar", false),
                new EntityModel.Column("id", "int8", true),
                new EntityModel.Column("parent_id", "int8", false),
                new EntityModel.Column("converted", null, false));
        assertThat(task.primaryKey()).containsExactly("id");
        assertThat(task.columnTypes()).as("columns of unknown type left out").doesNotContainKey("converted");
    }

    @Test
    void whatOnlyRunTimeCanTell() throws Exception {
        EntityModel model = read(Optional.empty(), Audited.class, Task.class, Step.class, SpecialTask.class);
        EntityModel.Entity step = model.byClass(Step.class.getName()).orElseThrow();
        assertThat(step.schema()).isEqualTo("app");
        assertThat(step.table()).as("quoted: case kept").isEqualTo("Steps");
        assertThat(step.unknownReason()).isEqualTo("it uses property access (@Id on a getter)");
        assertThat(model.byClass(SpecialTask.class.getName()).orElseThrow().unknownReason())
                .startsWith("it extends the entity");
        assertThat(read(Optional.of("com.acme.Naming"), Audited.class, Task.class).byClass(Task.class.getName())
                .orElseThrow().columnsKnown()).isFalse();
    }

    @Test
    void theDefaultSchemaHoldsTheTablesOfEntitiesThatNameNone() throws Exception {
        EntityModel model = new EntityModelReader(Index.of(Audited.class, Task.class, Step.class),
                Optional.of("org.hibernate.boot.model.naming.PhysicalNamingStrategySnakeCaseImpl"),
                Optional.of("salesData")).read();
        assertThat(model.byClass(Task.class.getName()).orElseThrow().schema()).as("named as Hibernate names it")
                .isEqualTo("sales_data");
        assertThat(model.byClass(Step.class.getName()).orElseThrow().schema()).as("its own schema").isEqualTo("app");
        assertThat(model.byTable("sales_data", "tasks")).isPresent();
    }

    @Test
    void tablesByName() throws Exception {
        EntityModel model = read(Optional.empty(), Audited.class, Task.class, Step.class);
        assertThat(model.byTable("public", "tasks")).map(EntityModel.Entity::className).contains(Task.class.getName());
        assertThat(model.byTable("public", "Steps")).isEmpty();
        assertThat(model.tableNames()).containsEntry(Step.class.getName(), List.of("app", "Steps"));
    }
}
