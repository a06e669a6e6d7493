package io.quarkiverse.sync.runtime.where;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.jboss.logging.Logger;

/**
 * The where clauses compiled at build time: a generated {@link CompiledWhereFactory} per where text and types of the
 * columns it references. {@link WhereClause#compile} uses one when the text and the actual column types match, and
 * the interpreter otherwise (text built at run time, a column whose type changed since the build).
 */
public final class CompiledWheres {

    private static final Logger LOG = Logger.getLogger(CompiledWheres.class);

    private static final Map<String, CompiledWhereFactory> FACTORIES = new ConcurrentHashMap<>();
    /**
     * Per text with a generated class, the column types of each class: tells a type mismatch from a text never seen,
     * and says which types differ.
     */
    private static final Map<String, Set<String>> TYPES_BY_TEXT = new ConcurrentHashMap<>();
    /** Mismatches already logged (once each: every shape of the clause would repeat it). */
    private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();

    private static final LongAdder COMPILED = new LongAdder();
    private static final LongAdder UNSEEN = new LongAdder();
    private static final LongAdder OTHER_TYPES = new LongAdder();
    private static final LongAdder OTHER_FOLDING = new LongAdder();

    private CompiledWheres() {
    }

    /** How the where clauses compiled so far were evaluated. */
    public record Stats(long compiled, long unseenText, long otherColumnTypes, long otherFolding) {
    }

    /**
     * The registry key: the where text and each referenced column's type ({@code name[]} for arrays); an enum type is
     * {@code (enum)} whatever its name: the evaluator treats every enum alike (its values as text), and the build
     * knows a Java enum attribute's column may be one, not the name a migration gave the type.
     */
    public static String key(String where, Map<String, PgType> referencedColumnTypes) {
        StringBuilder sb = new StringBuilder(where).append('\0');
        new TreeMap<>(referencedColumnTypes).forEach((column, type) -> sb.append(column).append(':')
                .append(type.isEnum() ? "(enum)" : type.name()).append(';'));
        return sb.toString();
    }

    /** Called by the recorder at startup, once per generated class. */
    public static void register(String key, CompiledWhereFactory factory) {
        FACTORIES.put(key, factory);
        int end = key.indexOf('\0');
        TYPES_BY_TEXT.computeIfAbsent(key.substring(0, end), t -> ConcurrentHashMap.newKeySet())
                .add(key.substring(end + 1));
    }

    /**
     * Forgets every registered class. Called at each start before the registrations: in dev mode a restart keeps the
     * extension's static state, and the previous application's classes must neither serve nor stay reachable.
     */
    public static void clear() {
        FACTORIES.clear();
        TYPES_BY_TEXT.clear();
        LOGGED.clear();
    }

    /** Counts since the JVM started, of compiles while at least one class was registered. */
    public static Stats stats() {
        return new Stats(COMPILED.sum(), UNSEEN.sum(), OTHER_TYPES.sum(), OTHER_FOLDING.sum());
    }

    /** {@code owner:varchar;title:text;} keys' type parts as {@code owner varchar, title text}, alternatives by "or". */
    private static String describe(Set<String> typeParts) {
        return typeParts.stream().sorted()
                .map(p -> String.join(", ", java.util.Arrays.stream(p.split(";")).filter(t -> !t.isEmpty())
                        .map(t -> t.replace(':', ' ')).toArray(String[]::new)))
                .collect(java.util.stream.Collectors.joining(" or "));
    }

    /** The generated evaluator for a compiled clause, or null when the interpreter must evaluate it. */
    static CompiledWhereEvaluator evaluator(String where, Map<String, PgType> referencedColumnTypes, Expr root,
            Interpreter interpreter) {
        if (FACTORIES.isEmpty()) {
            return null;
        }
        String key = key(where, referencedColumnTypes);
        CompiledWhereFactory factory = FACTORIES.get(key);
        if (factory == null) {
            Set<String> built = TYPES_BY_TEXT.get(where);
            if (built == null) {
                UNSEEN.increment();
            } else {
                OTHER_TYPES.increment();
                if (LOGGED.add(key)) {
                    LOG.infof("where \"%s\" is interpreted: its class was generated at build time for the column "
                            + "types %s, the database has %s", where, describe(built), describe(Set.of(
                                    key.substring(key.indexOf('\0') + 1))));
                }
            }
            return null;
        }
        CompiledWhereEvaluator evaluator;
        try {
            evaluator = factory.create(new WhereBindings(root, interpreter));
        } catch (RuntimeException | LinkageError e) {
            // A generated class that cannot bind or load is a bug, but the interpreter still gives the right answer.
            evaluator = null;
        }
        (evaluator != null ? COMPILED : OTHER_FOLDING).increment();
        return evaluator;
    }
}
