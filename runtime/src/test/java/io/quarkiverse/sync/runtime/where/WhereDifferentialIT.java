package io.quarkiverse.sync.runtime.where;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkiverse.sync.localpg.LocalPostgres;

/**
 * Differential test: our evaluator against PostgreSQL on the same rows, for a hand-written corpus and for
 * {@code where.cases} (default 10,000) generated expressions from a seed ({@link WhereSeeds}: fixed in the build,
 * {@code -Dwhere.seed=random} to explore).
 * <p>
 * The rule compared for every row: we match the row (result TRUE) exactly when Postgres' result is TRUE. A row on
 * which Postgres raises (overflow, division by zero, bad input) must not match, and where Postgres gives a value we
 * must give the same TRUE/FALSE/NULL (or, for constructs we document as unsupported, no match). Accept/reject must
 * agree: a clause we reject, Postgres must reject at plan time, and vice versa. Our normalized SQL is also run and
 * must give Postgres' own results.
 */
class WhereDifferentialIT {

    private static final int ROWS = 24;
    private static final int BATCH = 40;

    private static LocalPostgres pg;
    private static Connection conn;
    private static List<Map<String, String>> rows;
    private static WhereSchema schema;
    private static PgOracle oracle;
    /** Clauses both sides reject (constant folds that raise, bad literals): counted, not failures. */
    private static int bothRejected;

    @BeforeAll
    static void start() throws Exception {
        pg = LocalPostgres.builder().dataRoot(Path.of("target", "pg-where")).build().start();
        conn = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
        try (Statement s = conn.createStatement()) {
            s.execute("SET DateStyle='ISO, DMY'");
            s.execute("SET TimeZone='UTC'");
            s.execute("SET extra_float_digits=1");
            s.execute("SET IntervalStyle='iso_8601'");
            s.execute("SET bytea_output='hex'");
            // Postgres' own lexer and parser on a text passed as a value: pgjdbc, given the text as SQL, first runs
            // its own scanner, which differs from Postgres' (it takes $f$ after a non-ASCII identifier character
            // for a dollar quote). EXPLAIN parses and plans without running.
            s.execute("CREATE FUNCTION pg_temp.explain_only(q text) RETURNS void LANGUAGE plpgsql"
                    + " AS $$ BEGIN EXECUTE 'EXPLAIN ' || q; END $$");
        }
        rows = DifferentialTable.create(conn, 42, ROWS);
        schema = DifferentialTable.schema();
        oracle = new PgOracle(conn, ROWS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (conn != null) {
            conn.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    /** The outcome of one expression on our side, in the oracle's vocabulary. */
    private static PgOracle.Outcome ours(String where) {
        WhereClause w;
        try {
            w = WhereClause.compile(where, schema, Map.of());
        } catch (WhereException e) {
            return new PgOracle.Outcome(e.getMessage(), null);
        }
        String[] out = new String[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> row = rows.get(i);
            try {
                Boolean b = w.evaluate(row::get);
                out[i] = b == null ? "null" : b ? "t" : "f";
            } catch (EvalError e) {
                out[i] = PgOracle.ERROR;
            } catch (RuntimeException e) {
                // Only EvalError is an expected runtime outcome; anything else is a bug to report.
                out[i] = "crash:" + e;
            }
        }
        return new PgOracle.Outcome(null, out);
    }

    /** Compares a list of expressions; returns the mismatches as readable lines. */
    static List<String> compare(List<String> exprs, boolean expectAccepted) throws Exception {
        List<String> failures = new ArrayList<>();
        List<String> sqls = new ArrayList<>();
        for (int from = 0; from < exprs.size(); from += BATCH) {
            List<String> batch = exprs.subList(from, Math.min(exprs.size(), from + BATCH));
            List<PgOracle.Outcome> theirs = oracle.run(batch);
            List<String> normalized = new ArrayList<>();
            List<Integer> normalizedIndex = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                String e = batch.get(i);
                PgOracle.Outcome o = ours(e);
                PgOracle.Outcome p = theirs.get(i);
                String diff = diff(o, p, topLevelAnd(e));
                if (o.rejected() != null && p.rejected() != null) {
                    bothRejected++;
                }
                if (diff != null) {
                    failures.add(e + "\n    " + diff);
                }
                if (o.rejected() == null) {
                    normalized.add(WhereClause.compile(e, schema, Map.of()).normalizedSql());
                    normalizedIndex.add(i);
                }
            }
            List<PgOracle.Outcome> norm = oracle.run(normalized);
            for (int k = 0; k < norm.size(); k++) {
                PgOracle.Outcome p = theirs.get(normalizedIndex.get(k));
                PgOracle.Outcome n = norm.get(k);
                if (p.rejected() == null && (n.rejected() != null || !java.util.Arrays.equals(p.rows(), n.rows()))) {
                    failures.add(batch.get(normalizedIndex.get(k)) + "\n    normalized SQL differs: "
                            + normalized.get(k) + "\n    pg " + str(p) + "\n    normalized " + str(n));
                }
            }
        }
        failures.stream().limit(40).forEach(f -> System.out.println("MISMATCH " + f));
        return failures;
    }

    private static String str(PgOracle.Outcome o) {
        return o.rejected() != null ? "rejected: " + o.rejected() : String.join(",", o.rows());
    }

    /** Null when we agree with Postgres by the rules in the class comment. */
    private static boolean topLevelAnd(String where) {
        try {
            return WhereClause.compile(where, schema, Map.of()).expr() instanceof Expr.And;
        } catch (WhereException e) {
            return false;
        }
    }

    private static String diff(PgOracle.Outcome ours, PgOracle.Outcome pg, boolean topLevelAnd) {
        // We fold every immutable-in-UTC constant; Postgres does not fold stable ones (timestamptz casts,
        // date/time output), so it raises on each row where we reject the clause: the same verdict for a shape.
        if (ours.rejected() != null && ours.rejected().endsWith("Failed to apply function to constant arguments")
                && pg.rows() != null && java.util.Arrays.stream(pg.rows()).allMatch(PgOracle.ERROR::equals)) {
            return null;
        }
        if ((ours.rejected() == null) != (pg.rejected() == null)) {
            return "accept/reject differs: ours " + str(ours) + " | pg " + str(pg);
        }
        if (ours.rejected() != null) {
            return null;
        }
        for (int i = 0; i < ours.rows().length; i++) {
            String a = ours.rows()[i];
            String b = pg.rows()[i];
            // Where Postgres raises, any outcome but a match is right; elsewhere the values must be equal. The
            // planner evaluates top-level AND terms cheapest first, so there an error of ours against Postgres'
            // FALSE/NULL (a term we reached first) is the same verdict: no match.
            boolean reordered = topLevelAnd && a.equals(PgOracle.ERROR) && !b.equals("t");
            if (!a.equals(b) && !(b.equals(PgOracle.ERROR) && !a.equals("t")) && !reordered) {
                return "row " + (i + 1) + ": ours " + a + " pg " + b + "\n    row " + rows.get(i)
                        + "\n    ours " + str(ours) + "\n    pg   " + str(pg);
            }
        }
        return null;
    }

    /**
     * Params: {@code $n} are unknown-typed and typed by their first use, as in a statement Postgres prepares
     * without parameter types ({@code PREPARE … AS}, then {@code EXECUTE} with the values as literals); our
     * normalized SQL, with the values inlined as typed literals, must give the same rows too.
     */
    @Test
    void paramsAgreeWithPostgres() throws Exception {
        long seed = WhereSeeds.seed();
        java.util.Random r = new java.util.Random(seed);
        List<String> failures = new ArrayList<>();
        int cases = 0;
        {
            for (int k = 0; k < 400; k++) {
                String[] c = WhereCorpus.PARAM_TEMPLATES.get(r.nextInt(WhereCorpus.PARAM_TEMPLATES.size()));
                String where = c[0];
                Map<String, String> params = new java.util.HashMap<>();
                for (int i = 1; i < c.length; i++) {
                    String[] choices = c[i].split("\\|", -1);
                    params.put(Integer.toString(i), choices[r.nextInt(choices.length)]);
                }
                cases++;
                String ours;
                String[] ourRows = null;
                WhereClause w = null;
                try {
                    w = WhereClause.compile(where, schema, params);
                    ourRows = new String[rows.size()];
                    for (int i = 0; i < rows.size(); i++) {
                        try {
                            Boolean b = w.evaluate(rows.get(i)::get);
                            ourRows[i] = b == null ? "null" : b ? "t" : "f";
                        } catch (EvalError e) {
                            ourRows[i] = PgOracle.ERROR;
                        }
                    }
                    ours = String.join(",", ourRows);
                } catch (WhereException e) {
                    ours = "rejected: " + e.getMessage();
                }
                String theirs;
                // PREPARE without parameter types: Postgres infers each $n from its first use, as we must.
                try (Statement st = conn.createStatement()) {
                    st.execute("DEALLOCATE ALL");
                    st.execute("PREPARE pq AS SELECT id, (" + where + "\n)::bool FROM t ORDER BY id");
                    StringBuilder exec = new StringBuilder("EXECUTE pq(");
                    for (int i = 1; i < c.length; i++) {
                        exec.append(i > 1 ? ", " : "").append(SqlRenderer.quoteLiteral(params.get(Integer.toString(i))));
                    }
                    List<String> out = new ArrayList<>();
                    try (java.sql.ResultSet rs = st.executeQuery(exec.append(")").toString())) {
                        while (rs.next()) {
                            boolean v = rs.getBoolean(2);
                            out.add(rs.wasNull() ? "null" : v ? "t" : "f");
                        }
                    }
                    theirs = String.join(",", out);
                } catch (java.sql.SQLException e) {
                    // A failing EXECUTE is a bad param value (rejected) unless it is a row's runtime error.
                    String m = String.valueOf(e.getMessage());
                    boolean runtime = !m.contains("for type")
                            && (m.contains("out of range") || m.contains("division by zero"));
                    theirs = runtime ? "" : "rejected: " + m;
                }
                boolean agree = ours.startsWith("rejected") == theirs.startsWith("rejected")
                        && (ours.startsWith("rejected") || ours.equals(theirs) || runtimeErrorsOnly(ourRows, theirs));
                if (!agree) {
                    failures.add(where + " " + params + "\n    ours " + ours + "\n    pg   " + theirs);
                }
                if (w != null && !theirs.startsWith("rejected") && !theirs.isEmpty()) {
                    PgOracle.Outcome n = oracle.run(List.of(w.normalizedSql())).get(0);
                    if (n.rejected() != null || !String.join(",", n.rows()).equals(theirs)) {
                        failures.add(where + " " + params + "\n    normalized " + w.normalizedSql() + " gives "
                                + str(n) + "\n    pg " + theirs);
                    }
                }
            }
        }
        failures.stream().limit(40).forEach(f -> System.out.println("PARAM MISMATCH " + f));
        System.out.printf("where params: %d cases, seed %d, %d mismatches%n", cases, seed, failures.size());
        assertThat(failures).as("seed %d", seed).isEmpty();
    }

    /** The whole query failed in Postgres on some row: ours must then have an error (or no match) there. */
    private static boolean runtimeErrorsOnly(String[] ours, String theirs) {
        return ours != null && java.util.Arrays.asList(ours).contains(PgOracle.ERROR) && theirs.isEmpty();
    }

    @Test
    void corpusAgreesWithPostgres() throws Exception {
        List<String> failures = compare(WhereCorpus.VALID, true);
        assertThat(failures).as("corpus mismatches (%d)", failures.size()).isEmpty();
    }

    @Test
    void invalidCorpusIsRejectedByBoth() throws Exception {
        List<String> failures = new ArrayList<>();
        for (String e : WhereCorpus.INVALID) {
            PgOracle.Outcome o = ours(e);
            PgOracle.Outcome p = oracle.run(List.of(e)).get(0);
            if (o.rejected() == null || p.rejected() == null) {
                failures.add(e + "\n    ours " + str(o) + " | pg " + str(p));
            }
        }
        assertThat(failures).isEmpty();
    }

    /**
     * Syntax: for {@link WhereCorpus#SYNTAX} and for mutated clauses and token soup, Postgres' parser (on
     * {@code SELECT 1 WHERE <clause>}) and ours must agree on whether there is a syntax error, and when there is, on
     * its message and location.
     */
    @Test
    void syntaxErrorsAgreeWithPostgres() throws Exception {
        long seed = WhereSeeds.seed();
        int cases = Integer.getInteger("where.syntax.cases", 4000);
        java.util.Random r = new java.util.Random(seed);
        ExprGenerator gen = new ExprGenerator(seed);
        List<String> failures = new ArrayList<>();
        int[] syntaxErrors = { 0 };
        for (String input : WhereCorpus.SYNTAX) {
            String failure = syntaxMismatch(input, syntaxErrors);
            if (failure != null) {
                failures.add(failure);
            }
        }
        for (int i = 0; i < cases; i++) {
            String input = WhereFuzzTest.input(r, gen);
            // ';' splits statements in JDBC; a vertical tab is whitespace for PostgreSQL 16+ (and libpg_query 17,
            // which Electric uses, and so for us) but not for the PostgreSQL 15 this test may run against; other
            // control characters only make Postgres quote odd tokens. A lone surrogate (a cut emoji) is no text at
            // all: pgjdbc would send '?'.
            if (input.indexOf(';') >= 0 || input.chars().anyMatch(c -> c < 0x20 && c != '\t' && c != '\n'
                    && c != '\r' && c != '\f') || input.length() > 2000
                    || !input.equals(new String(input.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                            java.nio.charset.StandardCharsets.UTF_8))) {
                continue;
            }
            String failure = syntaxMismatch(input, syntaxErrors);
            if (failure != null) {
                failures.add(failure);
            }
        }
        failures.stream().limit(40).forEach(f -> System.out.println("SYNTAX MISMATCH " + f));
        System.out.printf("where syntax: %d + %d inputs, seed %d, %d Postgres syntax errors, %d mismatches%n",
                WhereCorpus.SYNTAX.size(), cases, seed, syntaxErrors[0], failures.size());
        assertThat(failures).as("seed %d", seed).isEmpty();
    }

    /** Null when we and Postgres agree on the syntax of {@code input}, else what differs. */
    private static String syntaxMismatch(String input, int[] syntaxErrors) throws java.sql.SQLException {
        String ours;
        try {
            WhereClause.compile(input, schema, Map.of("1", "1", "2", "2"));
            ours = null;
        } catch (WhereException e) {
            ours = e.getMessage();
        }
        String theirs = null;
        String wrapped = "SELECT 1 WHERE " + input;
        try (java.sql.PreparedStatement s = conn.prepareStatement("SELECT pg_temp.explain_only(?)")) {
            s.setString(1, wrapped);
            s.execute();
        } catch (java.sql.SQLException e) {
            if ("42601".equals(e.getSQLState()) && e instanceof org.postgresql.util.PSQLException pe
                    && pe.getServerErrorMessage() != null) {
                // Postgres counts characters (code points) from 1 in the EXECUTEd text; we count bytes from 0.
                int cps = pe.getServerErrorMessage().getInternalPosition() - 1 - "EXPLAIN ".length();
                int chars = wrapped.offsetByCodePoints(0,
                        Math.max(0, Math.min(cps, wrapped.codePointCount(0, wrapped.length()))));
                int bytePos = wrapped.substring(0, chars).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
                theirs = "At location " + bytePos + ": " + pe.getServerErrorMessage().getMessage();
            }
        }
        if ("malformed query ending with SQL clauses".equals(ours) && theirs != null) {
            // We stop at the first trailing clause keyword; libpg_query would first report a syntax error
            // inside the clause. Either way the clause is rejected.
            return null;
        }
        boolean oursSyntax = ours != null && isSyntaxError(ours);
        if (theirs != null) {
            syntaxErrors[0]++;
        }
        if (theirs == null && oursSyntax) {
            return printable(input) + "\n    ours " + printable(ours) + " | pg parses it";
        } else if (theirs != null && oursSyntax && !theirs.equals(ours)) {
            return printable(input) + "\n    ours " + printable(ours) + " | pg " + printable(theirs);
        } else if (theirs != null && ours == null) {
            return printable(input) + "\n    ours accepted | pg " + printable(theirs);
        }
        return null;
    }

    /** Control and non-ASCII characters as Java escapes, so that a failure can be pasted into the corpus. */
    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        s.chars().forEach(c -> out.append(c >= 0x20 && c < 0x7F && c != '\\' ? String.valueOf((char) c)
                : c == '\\' ? "\\\\" : String.format("\\u%04X", c)));
        return out.toString();
    }

    private static int location(String message) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^At location (\\d+):").matcher(message);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static boolean isSyntaxError(String message) {
        return message.contains("syntax error") || message.contains("unterminated") || message.contains("trailing junk")
                || message.contains("zero-length delimited identifier");
    }

    @Test
    void generatedExpressionsAgreeWithPostgres() throws Exception {
        long seed = WhereSeeds.seed();
        int cases = Integer.getInteger("where.cases", 10_000);
        ExprGenerator gen = new ExprGenerator(seed);
        List<String> exprs = new ArrayList<>();
        for (int i = 0; i < cases; i++) {
            exprs.add(gen.bool());
        }
        long started = System.nanoTime();
        bothRejected = 0;
        List<String> failures = compare(exprs, true);
        System.out.printf("where differential: %d generated cases x %d rows, seed %d, %d rejected by both,"
                + " %d mismatches, %.1f s%n", cases, ROWS, seed, bothRejected, failures.size(),
                (System.nanoTime() - started) / 1e9);
        assertThat(failures).as("seed %d (rerun with -Dwhere.seed=%d): %d mismatches", seed, seed, failures.size())
                .isEmpty();
    }
}
