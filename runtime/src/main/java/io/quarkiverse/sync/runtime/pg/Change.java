package io.quarkiverse.sync.runtime.pg;

import java.util.List;
import java.util.Objects;

/**
 * One change of a {@link Transaction}, joined with the {@link PgMessage.Relation} it was decoded against: the column
 * names and types of its tuples are the relation's columns, in order.
 */
public sealed interface Change permits Change.Insert, Change.Update, Change.Delete, Change.Truncate {

    record Insert(PgMessage.Relation relation, TupleData newTuple) implements Change {
        public Insert {
            Objects.requireNonNull(relation, "relation");
            Objects.requireNonNull(newTuple, "newTuple");
        }
    }

    /** @param oldTuple {@code null}, or a {@link TupleData.Kind#KEY KEY} or {@link TupleData.Kind#OLD OLD} tuple */
    record Update(PgMessage.Relation relation, TupleData oldTuple, TupleData newTuple) implements Change {
        public Update {
            Objects.requireNonNull(relation, "relation");
            Objects.requireNonNull(newTuple, "newTuple");
        }
    }

    record Delete(PgMessage.Relation relation, TupleData oldTuple) implements Change {
        public Delete {
            Objects.requireNonNull(relation, "relation");
            Objects.requireNonNull(oldTuple, "oldTuple");
        }
    }

    record Truncate(List<PgMessage.Relation> relations, boolean cascade, boolean restartIdentity) implements Change {
        public Truncate {
            relations = List.copyOf(relations);
        }
    }
}
