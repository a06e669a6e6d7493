package io.quarkiverse.sync.runtime.engine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.quarkiverse.sync.runtime.pg.Change;
import io.quarkiverse.sync.runtime.pg.PgMessage;
import io.quarkiverse.sync.runtime.pg.TableSchema;
import io.quarkiverse.sync.runtime.pg.TupleData;
import io.quarkiverse.sync.runtime.where.WhereClause;

/**
 * The routing decision of the engine (performance.md S2, "route ≤ 1 µs at 100k shapes"): for one replicated change,
 * the relation check and the candidate shapes from the {@link EqualityIndex}, as {@code SyncEngine.onTransaction} does
 * them, at N shapes {@code id = k} on one table. No Postgres, no encoding, no log writes. Not run by the build.
 * Arguments: {@code [shapes=100000] [seconds=5]}.
 */
public final class RoutingBenchmark {

    public static void main(String[] args) throws Exception {
        int shapes = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        TableSchema table = new TableSchema(1, "public", "items", List.of(
                new TableSchema.Column("id", 1, "int8", false, 0, -1, true, 0, 'b', 20),
                new TableSchema.Column("title", 2, "text", false, 0, -1, true, -1, 'b', 25),
                new TableSchema.Column("done", 3, "bool", false, 0, -1, true, -1, 'b', 16)));
        PgMessage.Relation relation = new PgMessage.Relation(1, "public", "items", 'f', List.of(
                new PgMessage.Relation.Column(true, "id", 20, -1), new PgMessage.Relation.Column(false, "title", 25, -1),
                new PgMessage.Relation.Column(false, "done", 16, -1)));

        long t0 = System.nanoTime();
        EqualityIndex<Object> index = new EqualityIndex<>();
        for (int k = 0; k < shapes; k++) {
            Optional<WhereClause> where = Optional.of(
                    WhereClause.compile("id = $1", WhereFilters.schemaOf(table), Map.of("1", Integer.toString(k))));
            index.add(new Object(), where, table);
        }
        long addNanos = System.nanoTime() - t0;
        index.toCheck(relation);

        // Changes as the decoder makes them: fresh strings per change (their hash is not cached yet).
        int distinct = 4096;
        List<Change> changes = new ArrayList<>(distinct);
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < distinct; i++) {
            String id = Long.toString(random.nextInt(shapes));
            TupleData row = new TupleData(TupleData.Kind.NEW, List.of(TupleData.Value.text(id),
                    TupleData.Value.text("title " + i), TupleData.Value.text("f")));
            if (i % 2 == 0) {
                changes.add(new Change.Insert(relation, row));
            } else {
                TupleData old = new TupleData(TupleData.Kind.OLD, List.of(TupleData.Value.text(id),
                        TupleData.Value.text("title"), TupleData.Value.text("t")));
                changes.add(new Change.Update(relation, old, row));
            }
        }
        System.out.printf("%d shapes `id = k` on one table (built in %.1f s), %d CPUs, %s%n", shapes, addNanos / 1e9,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"));
        Set<Object> candidates = new LinkedHashSet<>();
        long found = 0;
        for (int round = 0; round < 5; round++) {
            long deadline = System.nanoTime() + seconds * 1_000_000_000L / 5;
            long n = 0;
            long start = System.nanoTime();
            while (System.nanoTime() < deadline) {
                for (int i = 0; i < 1024; i++) {
                    // Fresh text per change, as decoding gives: hashing it is part of the routing cost.
                    Change change = fresh(changes.get((int) (n & (distinct - 1))));
                    if (!index.toCheck(relation).isEmpty()) {
                        throw new AssertionError();
                    }
                    candidates.clear();
                    index.candidates(change, candidates);
                    found += candidates.size();
                    n++;
                }
            }
            long elapsed = System.nanoTime() - start;
            System.out.printf("round %d: %,d changes routed, %.3f µs per change (inserts and updates, half each)%n",
                    round + 1, n, elapsed / 1e3 / n);
        }
        System.out.println("(candidates found: " + found + ")");
    }

    private static Change fresh(Change change) {
        if (change instanceof Change.Insert insert) {
            return new Change.Insert(insert.relation(), copy(insert.newTuple()));
        }
        Change.Update update = (Change.Update) change;
        return new Change.Update(update.relation(), copy(update.oldTuple()), copy(update.newTuple()));
    }

    private static TupleData copy(TupleData tuple) {
        List<TupleData.Value> values = new ArrayList<>(tuple.size());
        for (int i = 0; i < tuple.size(); i++) {
            values.add(TupleData.Value.text(new String(tuple.text(i))));
        }
        return new TupleData(tuple.kind(), values);
    }
}
