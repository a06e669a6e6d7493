package io.quarkiverse.sync.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkiverse.sync.runtime.pg.Change;
import io.quarkiverse.sync.runtime.pg.PgMessage;
import io.quarkiverse.sync.runtime.pg.TableSchema;
import io.quarkiverse.sync.runtime.pg.TupleData;
import io.quarkiverse.sync.runtime.where.WhereClause;

class EqualityIndexTest {

    private static final TableSchema TABLE = new TableSchema(1, "public", "t", List.of(
            column("id", "int4", 'b', 0), column("big", "int8", 'b', -1), column("title", "text", 'b', -1),
            column("price", "numeric", 'b', -1), column("flag", "bool", 'b', -1), column("mood", "mood", 'e', -1),
            column("small", "int2", 'b', -1), column("name", "varchar", 'b', -1),
            // a domain over int4, as the catalog describes it
            new TableSchema.Column("posint", 9, "posint", false, 0, -1, false, -1, 'd', 16385,
                    new TableSchema.BaseType("int4", 'b', false))));
    private static final PgMessage.Relation RELATION = new PgMessage.Relation(1, "public", "t", 'f',
            TABLE.columns().stream().map(c -> new PgMessage.Relation.Column(c.isPrimaryKey(), c.name(), c.typeOid(), -1))
                    .toList());

    private static TableSchema.Column column(String name, String type, char kind, int pk) {
        return new TableSchema.Column(name, 1, type, false, 0, -1, false, pk, kind, 23);
    }

    private static Optional<WhereClause> where(String where, String... params) throws Exception {
        Map<String, String> map = new java.util.HashMap<>();
        for (int i = 0; i < params.length; i++) {
            map.put(Integer.toString(i + 1), params[i]);
        }
        return Optional.of(WhereClause.compile(where, WhereFilters.schemaOf(TABLE), map));
    }

    /** A row of text values in column order, null for NULL. */
    private static Set<String> route(EqualityIndex<String> index, String... row) {
        Set<String> out = new LinkedHashSet<>();
        index.candidates(position -> position < row.length ? row[position] : null, out);
        return out;
    }

    private static TupleData tuple(TupleData.Kind kind, Object... values) {
        List<TupleData.Value> out = new ArrayList<>();
        for (Object v : values) {
            out.add(v == null ? TupleData.Value.NULL : v instanceof TupleData.Value value ? value : TupleData.Value.text((String) v));
        }
        while (out.size() < TABLE.columns().size()) {
            out.add(TupleData.Value.NULL);
        }
        return new TupleData(kind, out);
    }

    @Test
    void aRowReachesOnlyTheShapesOfItsValueAndTheUnindexedOnes() throws Exception {
        EqualityIndex<String> index = new EqualityIndex<>();
        for (int k = 1; k <= 1000; k++) {
            index.add("id" + k, where("id = " + k), TABLE);
        }
        index.add("all", Optional.empty(), TABLE);
        index.add("like", where("title ILIKE 'x%'"), TABLE);
        assertThat(route(index, "7")).containsExactlyInAnyOrder("id7", "all", "like");
        assertThat(route(index, "1001")).containsExactlyInAnyOrder("all", "like");
        assertThat(route(index, (String) null)).containsExactlyInAnyOrder("all", "like");
        assertThat(index.size()).isEqualTo(1002);
    }

    @Test
    void constantsAreNormalisedAsPostgresPrintsTheColumn() throws Exception {
        EqualityIndex<String> index = new EqualityIndex<>();
        index.add("quoted", where("id = '07'"), TABLE);
        index.add("param", where("id = $1", "+7"), TABLE);
        index.add("reversed", where("7 = id"), TABLE);
        index.add("big", where("big = 9000000000"), TABLE);
        index.add("flag", where("flag = 'yes'"), TABLE);
        assertThat(route(index, "7")).containsExactlyInAnyOrder("quoted", "param", "reversed");
        assertThat(route(index, null, "9000000000")).containsExactly("big");
        assertThat(route(index, null, null, null, null, "t")).containsExactly("flag");
    }

    @Test
    void constantsOfAnotherIntegerTypeOrTextAgainstVarcharAreIndexedByTheColumnsText() throws Exception {
        EqualityIndex<String> index = new EqualityIndex<>();
        index.add("big", where("big = 1"), TABLE); // an int4 literal against int8
        index.add("big-param", where("big = $1::int4", "2"), TABLE);
        index.add("small", where("small = 3"), TABLE); // int2 column compared as int4
        index.add("small-in", where("small IN (3, 4)"), TABLE);
        index.add("name", where("name = 'ann'"), TABLE); // varchar compared as text
        index.add("domain", where("posint = 5"), TABLE); // the domain's base type int4
        assertThat(route(index, null, "1")).containsExactly("big");
        assertThat(route(index, null, "2")).containsExactly("big-param");
        assertThat(route(index, null, "3")).isEmpty();
        assertThat(route(index, null, null, null, null, null, null, "3")).containsExactlyInAnyOrder("small", "small-in");
        assertThat(route(index, null, null, null, null, null, null, "4")).containsExactly("small-in");
        assertThat(route(index, null, null, null, null, null, null, null, "ann")).containsExactly("name");
        assertThat(route(index, null, null, null, null, null, null, null, "Ann")).isEmpty();
        assertThat(route(index, null, null, null, null, null, null, null, null, "5")).containsExactly("domain");
        assertThat(route(index, null, null, null, null, null, null, null, null, "6")).isEmpty();
    }

    @Test
    void inListsAndConjunctionsAreIndexedOnTheirEqualityTerm() throws Exception {
        EqualityIndex<String> index = new EqualityIndex<>();
        index.add("in", where("id IN (1, 2, 2)"), TABLE);
        index.add("and", where("title ILIKE 'x%' AND id = 2"), TABLE);
        index.add("text", where("title = $1", "Ann"), TABLE);
        assertThat(route(index, "1")).containsExactly("in");
        assertThat(route(index, "2")).containsExactlyInAnyOrder("in", "and");
        assertThat(route(index, "3", null, "Ann")).containsExactly("text");
        assertThat(route(index, "3", null, "ann")).isEmpty();
    }

    @Test
    void typesWhoseEqualTextsAreNotEqualValuesAreNotIndexed() throws Exception {
        EqualityIndex<String> index = new EqualityIndex<>();
        index.add("numeric", where("price = 1.0"), TABLE);
        index.add("or", where("id = 1 OR id = 2"), TABLE);
        index.add("not-in", where("id NOT IN (1)"), TABLE);
        // numeric 1.00 = 1.0 in SQL: the shape must be a candidate for any row
        assertThat(route(index, "5", null, null, "1.00")).containsExactlyInAnyOrder("numeric", "or", "not-in");
    }

    @Test
    void removedShapesAreNoLongerCandidates() throws Exception {
        EqualityIndex<String> index = new EqualityIndex<>();
        index.add("a", where("id = 1"), TABLE);
        index.add("b", where("id IN (1, 2)"), TABLE);
        index.add("c", where("id = 1"), TABLE);
        index.add("all", Optional.empty(), TABLE);
        assertThat(index.remove("a")).isTrue();
        assertThat(index.remove("a")).isFalse();
        assertThat(route(index, "1")).containsExactlyInAnyOrder("b", "c", "all");
        index.remove("c");
        index.remove("all");
        assertThat(route(index, "1")).containsExactly("b");
        index.remove("b");
        assertThat(route(index, "1")).isEmpty();
        assertThat(index.shapes()).isEmpty();
    }

    @Test
    void ofTwoEqualityTermsTheLessCrowdedOneIsUsed() throws Exception {
        EqualityIndex<String> index = new EqualityIndex<>();
        for (int user = 1; user <= 1000; user++) {
            index.add("u" + user, where("title = 'x' AND id = $1", Integer.toString(user)), TABLE);
        }
        // the first shape went to title = 'x' (nothing to choose between), every other one to its id
        assertThat(route(index, "7", null, "x")).containsExactlyInAnyOrder("u1", "u7");
        assertThat(route(index, "7", null, "y")).containsExactly("u7");
        for (int user = 1; user <= 1000; user++) {
            index.remove("u" + user);
        }
        assertThat(route(index, "7", null, "x")).isEmpty();
    }

    @Test
    void updatesReachTheShapesOfTheOldAndOfTheNewRow() throws Exception {
        EqualityIndex<String> index = new EqualityIndex<>();
        index.add("one", where("id = 1"), TABLE);
        index.add("two", where("id = 2"), TABLE);
        index.add("ann", where("title = 'ann'"), TABLE);
        Set<String> out = new LinkedHashSet<>();
        index.candidates(new Change.Update(RELATION, tuple(TupleData.Kind.OLD, "1"), tuple(TupleData.Kind.NEW, "2")), out);
        assertThat(out).containsExactlyInAnyOrder("one", "two");

        out.clear(); // unchanged TOAST: the old row's value, as the encoder takes it
        index.candidates(new Change.Update(RELATION, tuple(TupleData.Kind.OLD, "3", null, "ann"),
                tuple(TupleData.Kind.NEW, "3", null, TupleData.Value.UNCHANGED_TOAST)), out);
        assertThat(out).containsExactly("ann");

        out.clear(); // only the key as old row: the encoder judges by the new row alone
        index.candidates(new Change.Update(RELATION, tuple(TupleData.Kind.KEY, "1"), tuple(TupleData.Kind.NEW, "2")), out);
        assertThat(out).containsExactly("two");

        out.clear();
        index.candidates(new Change.Delete(RELATION, tuple(TupleData.Kind.OLD, "1")), out);
        assertThat(out).containsExactly("one");
        out.clear();
        index.candidates(new Change.Insert(RELATION, tuple(TupleData.Kind.NEW, "2")), out);
        assertThat(out).containsExactly("two");
    }

    @Test
    void everyShapeIsCheckedOncePerRelationAndEachNewOneOnce() throws Exception {
        EqualityIndex<String> index = new EqualityIndex<>();
        index.add("a", where("id = 1"), TABLE);
        Object first = new Object();
        assertThat(index.toCheck(first)).containsExactly("a");
        assertThat(index.toCheck(first)).isEmpty();
        index.add("b", Optional.empty(), TABLE);
        assertThat(index.toCheck(first)).containsExactly("b");
        assertThat(index.toCheck(new Object())).containsExactly("a", "b");
        assertThat(Arrays.asList(index.shapes().toArray())).containsExactly("a", "b");
    }
}
