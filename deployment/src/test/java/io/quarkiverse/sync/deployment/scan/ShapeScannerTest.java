package io.quarkiverse.sync.deployment.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.quarkiverse.sync.Replica;
import io.quarkiverse.sync.SyncShape;
import io.smallrye.mutiny.Uni;

/** What the bytecode scan makes of the ways people write shapes. */
class ShapeScannerTest {

    @SuppressWarnings("unused")
    static class Shapes {
        static class Todo {
        }

        String field = "completed";

        SyncShape plain() {
            return SyncShape.of(Todo.class).where("owner_id = $1 AND title ILIKE $2", UUID.randomUUID(), "a%")
                    .columns("id", "title").replica(Replica.FULL);
        }

        SyncShape table() {
            return SyncShape.table("app", "steps").where("task_id = ANY($1)", List.of(1, 2));
        }

        SyncShape throughALocal(boolean full) {
            SyncShape base = SyncShape.of(Todo.class);
            if (full) {
                return base.replica(Replica.FULL);
            }
            return base.where("completed");
        }

        SyncShape dynamic(long user) {
            return SyncShape.dynamic(() -> SyncShape.table("steps").where("owner = $1", user));
        }

        Uni<SyncShape> uni() {
            return Uni.createFrom().item(1).map(n -> SyncShape.table("todos").where("id > $1", n));
        }

        SyncShape methodReference() {
            Supplier<SyncShape> supplier = this::helper;
            return SyncShape.dynamic(supplier);
        }

        private SyncShape helper() {
            return SyncShape.table("todos").columns("id");
        }

        SyncShape delegating() {
            return helper();
        }

        SyncShape delegatingThenChanging() {
            return helper().where("id = 1");
        }

        SyncShape computedWhere() {
            return SyncShape.of(Todo.class).where(field);
        }

        SyncShape paramsArray(Object[] params) {
            return SyncShape.of(Todo.class).where("id = $1", params);
        }

        SyncShape computedColumns(String column) {
            return SyncShape.of(Todo.class).columns("id", column);
        }

        SyncShape eitherEntity(boolean which) {
            return which ? SyncShape.table("a") : SyncShape.table("b");
        }

        SyncShape fromAField() {
            return stored;
        }

        SyncShape stored = SyncShape.table("stored");
    }

    private static final String TODO = Shapes.Todo.class.getName();

    @Test
    void constantArgumentsOfTheBuilderChain() {
        assertThat(scan("plain", "()Lio/quarkiverse/sync/SyncShape;").shapes()).containsExactly(new ShapeCall(TODO,
                null, null, "owner_id = $1 AND title ILIKE $2", 2, List.of("id", "title"), null));
        assertThat(scan("table", "()Lio/quarkiverse/sync/SyncShape;").shapes()).containsExactly(
                new ShapeCall(null, "app", "steps", "task_id = ANY($1)", 1, null, null));
    }

    @Test
    void everyReturnedShape() {
        assertThat(scan("throughALocal", "(Z)Lio/quarkiverse/sync/SyncShape;").shapes()).containsExactlyInAnyOrder(
                ShapeCall.ofEntity(TODO), ShapeCall.ofEntity(TODO).withWhere("completed", 0));
    }

    @Test
    void lambdasAndMethodReferences() {
        ShapeScanner.Result dynamic = scan("dynamic", "(J)Lio/quarkiverse/sync/SyncShape;");
        assertThat(dynamic.shapes()).containsExactly(ShapeCall.ofTable("public", "steps").withWhere("owner = $1", 1));
        assertThat(dynamic.unresolved()).isZero();
        assertThat(scan("uni", "()Lio/smallrye/mutiny/Uni;").shapes())
                .containsExactly(ShapeCall.ofTable("public", "todos").withWhere("id > $1", 1));
        assertThat(scan("methodReference", "()Lio/quarkiverse/sync/SyncShape;").shapes())
                .containsExactly(ShapeCall.ofTable("public", "todos").withColumns(List.of("id")));
    }

    @Test
    void methodsOfTheSameClassThatGiveTheShape() {
        ShapeScanner.Result delegating = scan("delegating", "()Lio/quarkiverse/sync/SyncShape;");
        assertThat(delegating.shapes()).containsExactly(ShapeCall.ofTable("public", "todos").withColumns(List.of("id")));
        assertThat(delegating.unresolved()).isZero();
        assertThat(scan("delegatingThenChanging", "()Lio/quarkiverse/sync/SyncShape;").unresolved())
                .as("the helper's shape is changed afterwards: not followed").isEqualTo(1);
    }

    @Test
    void whatIsComputedAtRunTime() {
        assertThat(scan("computedWhere", "()Lio/quarkiverse/sync/SyncShape;").shapes())
                .extracting(ShapeCall::notConstant).containsExactly("the where-clause");
        assertThat(scan("paramsArray", "([Ljava/lang/Object;)Lio/quarkiverse/sync/SyncShape;").shapes())
                .as("a parameter array from elsewhere: the where-clause is checked, not the count")
                .containsExactly(ShapeCall.ofEntity(TODO).withWhere("id = $1", -1));
        assertThat(scan("computedColumns", "(Ljava/lang/String;)Lio/quarkiverse/sync/SyncShape;").shapes())
                .extracting(ShapeCall::notConstant).containsExactly("the columns");
        assertThat(scan("fromAField", "()Lio/quarkiverse/sync/SyncShape;").unresolved()).isEqualTo(1);
    }

    @Test
    void twoPathsMeetingMakeTheShapeUnknown() {
        ShapeScanner.Result result = scan("eitherEntity", "(Z)Lio/quarkiverse/sync/SyncShape;");
        assertThat(result.shapes()).extracting(ShapeCall::isStatic).containsExactly(false);
    }

    private static ShapeScanner.Result scan(String method, String descriptor) {
        try (InputStream in = ShapeScannerTest.class.getResourceAsStream("ShapeScannerTest$Shapes.class")) {
            return new ShapeScanner(in.readAllBytes()).scan(method, descriptor);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
