package io.quarkiverse.sync.runtime.engine;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.quarkiverse.sync.runtime.pg.Change;
import io.quarkiverse.sync.runtime.pg.TableSchema;
import io.quarkiverse.sync.runtime.pg.TupleData;
import io.quarkiverse.sync.runtime.where.PgType;
import io.quarkiverse.sync.runtime.where.WhereClause;

/**
 * The shapes of one table, and which of them a row change can concern (as Electric's {@code EqualityIndex},
 * performance.md §2.2): a shape whose where-clause has a top-level conjunct {@code column = constant} (or
 * {@code column IN (constants)}) is found by one hash lookup of the row's text value of that column; the other shapes
 * are candidates for every change. The shape's own filter still decides for each candidate: the index only narrows.
 * <p>
 * The narrowing is exact because a conjunct of a clause that is TRUE is TRUE, so a matching row's value is SQL-equal
 * to one of the constants; it is indexed only for column types where SQL equality is equality of the text pgoutput
 * prints (integers, bool, uuid, enums, text and varchar with the evaluator's codepoint comparison). {@code '01'} for an
 * int column is no problem: the constant's text is the type's output of the parsed value ({@code 1}), as Postgres
 * prints the column. Numeric ({@code 1.0 = 1.00}), floats ({@code -0 = 0}), bpchar (trailing blanks) and the date/time
 * types are not indexed.
 * <p>
 * Positions are those of the shapes' table schema: the engine checks every shape against a relation message before it
 * routes a change with it ({@link #toCheck}), so all shapes still here have the relation's columns, in its order.
 * Not thread-safe: the engine guards it with its routing lock.
 *
 * @param <S> the shape type (the engine's {@link ActiveShape}; anything in tests)
 */
final class EqualityIndex<S> {

    /** A row's text values by column position; null for SQL NULL. */
    @FunctionalInterface
    interface RowText {
        String text(int position);
    }

    /** Where a shape is indexed: a column position and its values' texts. */
    private record Key(int position, String[] values) {
    }

    /** The shapes sharing one value: a set, so that adding and removing stay O(1) however many there are. */
    private static final class Bucket extends LinkedHashSet<Object> {
    }

    /** Every shape, in registration order; the value is where it is indexed, or null when it is not. */
    private final Map<S, Key> shapes = new LinkedHashMap<>();
    private final Set<S> unindexed = new LinkedHashSet<>();
    /** Column position → value text → the shape, or a {@link Bucket} of shapes when several share the value. */
    private final Map<Integer, Map<String, Object>> byColumn = new HashMap<>();
    private int[] indexedPositions = new int[0];
    private Object checkedRelation;
    /** A set, not a list: removing many shapes before the first change (a truncate after a restart) stays linear. */
    private Set<S> unchecked = new LinkedHashSet<>();

    /** Adds a shape of this table; {@code where} empty for a shape without a where-clause. */
    void add(S shape, Optional<WhereClause> where, TableSchema table) {
        if (shapes.containsKey(shape)) {
            return;
        }
        Key key = where.map(w -> keyOf(w, table)).orElse(null);
        shapes.put(shape, key);
        unchecked.add(shape);
        if (key == null) {
            unindexed.add(shape);
            return;
        }
        Map<String, Object> values = byColumn.computeIfAbsent(key.position(), p -> new HashMap<>());
        for (String value : key.values()) {
            Object present = values.get(value);
            if (present == null) {
                values.put(value, shape);
            } else if (present instanceof Bucket several) {
                several.add(shape);
            } else {
                Bucket several = new Bucket();
                several.add(present);
                several.add(shape);
                values.put(value, several);
            }
        }
        indexedPositions = byColumn.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    /** Removes a shape; false when it was not here. */
    boolean remove(S shape) {
        if (!shapes.containsKey(shape)) {
            return false;
        }
        Key key = shapes.remove(shape);
        unchecked.remove(shape);
        if (key == null) {
            unindexed.remove(shape);
            return true;
        }
        Map<String, Object> values = byColumn.get(key.position());
        for (String value : key.values()) {
            Object present = values.get(value);
            if (present instanceof Bucket several) {
                several.remove(shape);
                if (several.size() == 1) {
                    values.put(value, several.iterator().next());
                }
            } else if (present.equals(shape)) {
                values.remove(value);
            }
        }
        if (values.isEmpty()) {
            byColumn.remove(key.position());
            indexedPositions = byColumn.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
        }
        return true;
    }

    /** Every shape of the table, in registration order (a copy: the caller may remove shapes while iterating). */
    List<S> shapes() {
        return List.copyOf(shapes.keySet());
    }

    int size() {
        return shapes.size();
    }

    /**
     * The shapes to check against a relation message before changes are routed with it: all of them when it is not
     * the relation last checked (a new replication session, or the table changed), else those added since.
     */
    List<S> toCheck(Object relation) {
        List<S> out;
        if (relation != checkedRelation) {
            out = List.copyOf(shapes.keySet());
            checkedRelation = relation;
        } else if (unchecked.isEmpty()) {
            return List.of();
        } else {
            out = List.copyOf(unchecked);
        }
        unchecked = new LinkedHashSet<>();
        return out;
    }

    /**
     * Adds to {@code out} the shapes a change can concern: for an update those of the old and of the new row, since
     * the row may move into or out of a shape. The rows are read as the engine's encoder reads them: an unchanged TOAST
     * value is the old row's, an old row that is only the key is no old row at all.
     */
    void candidates(Change change, Collection<? super S> out) {
        if (change instanceof Change.Insert insert) {
            candidates(row(insert.newTuple(), null), out);
        } else if (change instanceof Change.Delete delete) {
            candidates(row(delete.oldTuple(), null), out);
        } else if (change instanceof Change.Update update) {
            TupleData old = update.oldTuple() != null && update.oldTuple().kind() == TupleData.Kind.OLD
                    ? update.oldTuple() : null;
            candidates(row(update.newTuple(), old), out);
            if (old != null) {
                candidates(row(old, null), out);
            }
        }
    }

    /** Adds to {@code out} the shapes one row can belong to. */
    @SuppressWarnings("unchecked")
    void candidates(RowText row, Collection<? super S> out) {
        out.addAll(unindexed);
        for (int position : indexedPositions) {
            String text = row.text(position);
            if (text == null) {
                continue; // NULL = anything is never TRUE
            }
            Object found = byColumn.get(position).get(text);
            if (found instanceof Bucket several) {
                for (Object shape : several) {
                    out.add((S) shape);
                }
            } else if (found != null) {
                out.add((S) found);
            }
        }
    }

    private static RowText row(TupleData tuple, TupleData old) {
        return position -> {
            if (position >= tuple.size()) {
                return null;
            }
            TupleData.Value value = tuple.get(position);
            if (value instanceof TupleData.Text text) {
                return text.text();
            }
            if (value instanceof TupleData.UnchangedToast && old != null && old.get(position) instanceof TupleData.Text text) {
                return text.text();
            }
            return null;
        };
    }

    /**
     * The conjunct the index uses, or null when none can be: of those it can use, the one whose values currently
     * have the fewest shapes. With {@code project_id = 1 AND user_id = $1} per user, the second shape onwards is then
     * indexed by user, not all in one bucket of project 1 (the first of equal ones wins).
     */
    private Key keyOf(WhereClause where, TableSchema table) {
        Key best = null;
        long bestCost = Long.MAX_VALUE;
        for (WhereClause.EqualityTerm term : where.equalityTerms()) {
            List<TableSchema.Column> columns = table.columns();
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).name().equals(term.column()) && textEqualityIsExact(columns.get(i))) {
                    Key key = new Key(i, new LinkedHashSet<>(term.values()).toArray(String[]::new));
                    long cost = cost(key);
                    if (cost < bestCost) {
                        best = key;
                        bestCost = cost;
                    }
                }
            }
        }
        return best;
    }

    /** How many shapes a row with one of the key's values reaches through the index today. */
    private long cost(Key key) {
        Map<String, Object> values = byColumn.get(key.position());
        long cost = 0;
        for (String value : key.values()) {
            Object present = values == null ? null : values.get(value);
            cost += present == null ? 0 : present instanceof Bucket several ? several.size() : 1;
        }
        return cost;
    }

    /** Whether two values of the column are SQL-equal exactly when their output texts are equal. */
    static boolean textEqualityIsExact(TableSchema.Column column) {
        // A domain's values are its base type's, and so is its equality (a CHECK only restricts which values exist).
        TableSchema.BaseType type = column.baseType();
        if (type.array()) {
            return false;
        }
        if (type.typeKind() == 'e') {
            return true; // labels are unique within an enum
        }
        if (type.typeKind() != 'b') {
            return false; // ranges, composites: not worth the risk
        }
        switch (PgType.of(type.typeName()).name()) {
            case "int2": case "int4": case "int8": case "bool": case "uuid": case "text": case "varchar":
                return true;
            default:
                return false;
        }
    }
}
