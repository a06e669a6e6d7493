package io.quarkiverse.sync.deployment.codegen;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

import org.objectweb.asm.Opcodes;

import io.quarkiverse.sync.runtime.where.Ast;
import io.quarkiverse.sync.runtime.where.CompiledWhereEvaluator;
import io.quarkiverse.sync.runtime.where.CompiledWhereFactory;
import io.quarkiverse.sync.runtime.where.CompiledWhereSupport;
import io.quarkiverse.sync.runtime.where.Expr;
import io.quarkiverse.sync.runtime.where.PgType;
import io.quarkiverse.sync.runtime.where.RowValues;
import io.quarkiverse.sync.runtime.where.WhereBindings;
import io.quarkiverse.sync.runtime.where.WhereException;
import io.quarkiverse.sync.runtime.where.WherePlan;
import io.quarkiverse.sync.runtime.where.WhereSchema;
import io.quarkus.gizmo.AssignableResultHandle;
import io.quarkus.gizmo.BranchResult;
import io.quarkus.gizmo.BytecodeCreator;
import io.quarkus.gizmo.ClassCreator;
import io.quarkus.gizmo.ClassOutput;
import io.quarkus.gizmo.FieldDescriptor;
import io.quarkus.gizmo.MethodCreator;
import io.quarkus.gizmo.MethodDescriptor;
import io.quarkus.gizmo.ResultHandle;
import io.quarkus.gizmo.TryBlock;

/**
 * Generates, for one where clause and the types of the columns it references, an evaluator class that does per row
 * what the interpreter's tree does, as straight-line code: operators are called through fields (one call site per
 * generated class, so the JIT inlines them), a column read in several places is parsed once per row, and the common
 * forms are specialised: integers, dates and timestamps are computed as primitive longs ({@link PrimitiveLongs}), text
 * equality, constant LIKE patterns, {@code text[] @>} and {@code numeric * k op c} work on pgoutput's text
 * ({@link TextFastPaths}). The class reads a row by column name ({@link RowValues}) or, as the engine holds rows, at
 * column positions. Also generates its factory, which checks that the interpreter folded the clause as planned for
 * the actual param values ({@link WherePlan}).
 * <p>
 * The contract is the interpreter's answer on every row, three-valued, errors included: each node evaluates its
 * operands in the interpreter's order and with its NULL rules.
 */
public final class WhereEvaluatorGenerator {

    /** Package of the generated classes. */
    public static final String PACKAGE = "io.quarkiverse.sync.generated";
    /** Larger clauses stay interpreted: one method must stay far below the JVM's 64 KB and the JIT's limits. */
    static final int MAX_NODES = 250;

    /** A generated pair of classes and the registry key they serve. */
    public record Generated(String key, String evaluatorClass, String factoryClass) {
    }

    private static final MethodDescriptor ROW_TEXT = MethodDescriptor.ofMethod(RowValues.class, "text", String.class,
            String.class);
    private static final MethodDescriptor APPLY = MethodDescriptor.ofMethod(CompiledWhereSupport.Function.class,
            "apply", Object.class, Object.class, Object.class);
    private static final MethodDescriptor EVAL = MethodDescriptor.ofMethod(CompiledWhereSupport.Subexpression.class,
            "eval", Object.class, RowValues.class);
    private static final MethodDescriptor INPUT_APPLY = MethodDescriptor.ofMethod(Function.class, "apply",
            Object.class, Object.class);
    static final MethodDescriptor TEST = MethodDescriptor.ofMethod(Predicate.class, "test", boolean.class,
            Object.class);
    private static final MethodDescriptor BOOLEAN_VALUE = MethodDescriptor.ofMethod(Boolean.class, "booleanValue",
            boolean.class);
    static final MethodDescriptor STRING_EQUALS = MethodDescriptor.ofMethod(String.class, "equals",
            boolean.class, Object.class);
    static final FieldDescriptor TRUE = FieldDescriptor.of(Boolean.class, "TRUE", Boolean.class);
    static final FieldDescriptor FALSE = FieldDescriptor.of(Boolean.class, "FALSE", Boolean.class);

    private static final MethodDescriptor B_CONSTANT = bindings("constant", Object.class);
    private static final MethodDescriptor B_FUNCTION = bindings("function", CompiledWhereSupport.Function.class);
    private static final MethodDescriptor B_SUBEXPRESSION = bindings("subexpression",
            CompiledWhereSupport.Subexpression.class);
    private static final MethodDescriptor B_INPUT = bindings("input", Function.class);
    private static final MethodDescriptor B_IN_EQUALITY = MethodDescriptor.ofMethod(WhereBindings.class, "inEquality",
            CompiledWhereSupport.Function.class, int.class, int.class);
    private static final MethodDescriptor B_IS_COMPUTED = bindings("isComputed", boolean.class);
    private static final MethodDescriptor B_IS_CONSTANT = bindings("isConstant", boolean.class);

    private static MethodDescriptor bindings(String name, Class<?> result) {
        return MethodDescriptor.ofMethod(WhereBindings.class, name, result, int.class);
    }

    static MethodDescriptor support(String name, Class<?> result, Class<?>... params) {
        return MethodDescriptor.ofMethod(CompiledWhereSupport.class, name, result, params);
    }

    private final String className;
    private ClassCreator cc;
    private MethodCreator ctor;
    /** The row of the method being generated: a {@link RowValues}, or a String[] read at {@link #positions}. */
    private ResultHandle row;
    /** In the array form, the int[] of each {@link #columnSlots} column's index in the row; null in the other. */
    private ResultHandle positions;
    /** The columns the clause reads, numbered in the order the array form's positions give them. */
    private final Map<String, Integer> columnSlots = new java.util.LinkedHashMap<>();
    private final Set<String> fields = new HashSet<>();
    /** Nodes the generated code relies on being evaluated per row, and on being folded constants. */
    private final Set<Integer> mustBeComputed = new TreeSet<>();
    private final Set<Integer> mustBeConstant = new TreeSet<>();
    /** The code for integers, dates and timestamps computed as primitive longs. */
    private final PrimitiveLongs longs = new PrimitiveLongs(this);
    /** The code that works on pgoutput's text without parsing it. */
    private final TextFastPaths texts = new TextFastPaths(this);

    private WhereEvaluatorGenerator(String className) {
        this.className = className;
    }

    /**
     * Plans and generates the classes for {@code where} over a table with {@code columnTypes} (column name to
     * PostgreSQL type name, {@code _text} or {@code text[]} for arrays).
     *
     * @return null when the clause is too large to compile
     * @throws WhereException when the clause does not type-check
     */
    public static Generated generate(String where, Map<String, String> columnTypes, ClassOutput output)
            throws WhereException {
        return generate(plan(where, columnTypes), output);
    }

    /**
     * The column type, in {@link #plan}'s map, of a PostgreSQL enum type whose name the build does not know: the
     * registry key does not include an enum's name, and the generated code does not depend on it.
     */
    public static final String ENUM_TYPE = "(enum)";

    /** Type-checks and plans {@code where} over a table with {@code columnTypes}. */
    public static WherePlan plan(String where, Map<String, String> columnTypes) throws WhereException {
        WhereSchema.Builder schema = WhereSchema.builder();
        columnTypes.forEach((column, type) -> schema.column(column,
                type.equals(ENUM_TYPE) ? PgType.enumType("enum") : PgType.of(type)));
        return WherePlan.of(where, schema.build());
    }

    /** Generates the classes for a plan; null when the clause is too large to compile. */
    public static Generated generate(WherePlan plan, ClassOutput output) {
        if (plan.size() > MAX_NODES) {
            return null;
        }
        String key = plan.key();
        String base = PACKAGE + ".Where_" + hash(key);
        WhereEvaluatorGenerator g = new WhereEvaluatorGenerator(base);
        g.evaluatorClass(plan, output);
        g.factoryClass(base + "_Factory", output);
        return new Generated(key, base, base + "_Factory");
    }

    private static String hash(String key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 10; i++) {
                sb.append(String.format("%02x", d[i]));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void evaluatorClass(WherePlan plan, ClassOutput output) {
        try (ClassCreator c = ClassCreator.builder().classOutput(output).className(className).setFinal(true)
                .interfaces(CompiledWhereEvaluator.class).build()) {
            cc = c;
            ctor = c.getConstructorCreator(WhereBindings.class);
            ctor.setModifiers(Opcodes.ACC_PUBLIC);
            ctor.invokeSpecialMethod(MethodDescriptor.ofConstructor(Object.class), ctor.getThis());

            MethodCreator evaluate = c.getMethodCreator("evaluate", Boolean.class, RowValues.class);
            body(evaluate, plan, evaluate.getMethodParam(0), null);
            matches(c, RowValues.class);

            // The same code over the engine's rows (text per table column) when it reads them only itself: an
            // interpreted node reads its columns by name.
            boolean arrayForm = !hasInterpretedNode(plan.root());
            if (arrayForm) {
                MethodCreator evaluateArray = c.getMethodCreator("evaluate", Boolean.class, String[].class,
                        int[].class);
                body(evaluateArray, plan, evaluateArray.getMethodParam(0), evaluateArray.getMethodParam(1));
                matches(c, String[].class, int[].class);
            }
            MethodCreator columns = c.getMethodCreator("columns", String[].class);
            columns.setModifiers(Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL);
            if (arrayForm) {
                ResultHandle names = columns.newArray(String.class, columnSlots.size());
                columnSlots.forEach((name, slot) -> columns.writeArrayValue(names, slot, columns.load(name)));
                columns.returnValue(names);
            } else {
                columns.returnNull();
            }
            ctor.returnVoid();
        }
    }

    /** One {@code evaluate} method: the clause over {@code rowParam}, read by name or at {@code positionsParam}. */
    private void body(MethodCreator m, WherePlan plan, ResultHandle rowParam, ResultHandle positionsParam) {
        m.setModifiers(Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL);
        row = rowParam;
        positions = positionsParam;
        parsedColumns.clear();
        parseOnce(m, plan.root());
        longs.startMethod(m, plan.root());
        ResultHandle v = value(m, plan.root());
        m.returnValue(m.checkCast(v, Boolean.class));
    }

    /** {@code matches} over a row form, as the interpreter's evaluator: only TRUE matches, a row that raises does not. */
    private void matches(ClassCreator c, Class<?>... rowForm) {
        MethodCreator matches = c.getMethodCreator("matches", boolean.class, rowForm);
        matches.setModifiers(Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL);
        TryBlock t = matches.tryBlock();
        ResultHandle[] args = new ResultHandle[rowForm.length];
        for (int i = 0; i < args.length; i++) {
            args[i] = t.getMethodParam(i);
        }
        ResultHandle r = t.invokeVirtualMethod(MethodDescriptor.ofMethod(className, "evaluate", Boolean.class,
                rowForm), t.getThis(), args);
        BranchResult isTrue = t.ifReferencesEqual(r, t.readStaticField(TRUE));
        isTrue.trueBranch().returnBoolean(true);
        isTrue.falseBranch().returnBoolean(false);
        t.addCatch(RuntimeException.class).returnBoolean(false);
        matches.returnBoolean(false);
    }

    private static boolean hasInterpretedNode(WherePlan.Node n) {
        if (n.kind() == WherePlan.Kind.INTERPRETED) {
            return true;
        }
        for (WherePlan.Node child : n.children()) {
            if (hasInterpretedNode(child)) {
                return true;
            }
        }
        return false;
    }

    /** A column's text in the row (null for NULL). */
    ResultHandle text(BytecodeCreator bc, String column) {
        if (positions == null) {
            return bc.invokeInterfaceMethod(ROW_TEXT, row, bc.load(column));
        }
        int slot = columnSlots.computeIfAbsent(column, k -> columnSlots.size());
        return bc.readArrayValue(row, bc.readArrayValue(positions, slot));
    }

    private void factoryClass(String name, ClassOutput output) {
        try (ClassCreator c = ClassCreator.builder().classOutput(output).className(name).setFinal(true)
                .interfaces(CompiledWhereFactory.class).build()) {
            MethodCreator init = c.getConstructorCreator(new Class<?>[0]);
            init.setModifiers(Opcodes.ACC_PUBLIC);
            init.invokeSpecialMethod(MethodDescriptor.ofConstructor(Object.class), init.getThis());
            init.returnVoid();

            MethodCreator create = c.getMethodCreator("create", CompiledWhereEvaluator.class, WhereBindings.class);
            create.setModifiers(Opcodes.ACC_PUBLIC);
            ResultHandle b = create.getMethodParam(0);
            for (int node : mustBeComputed) {
                create.ifFalse(create.invokeVirtualMethod(B_IS_COMPUTED, b, create.load(node))).trueBranch()
                        .returnNull();
            }
            for (int node : mustBeConstant) {
                create.ifFalse(create.invokeVirtualMethod(B_IS_CONSTANT, b, create.load(node))).trueBranch()
                        .returnNull();
            }
            create.returnValue(create.newInstance(MethodDescriptor.ofConstructor(className, WhereBindings.class), b));
        }
    }

    // ---- fields, initialised from the bindings in the constructor

    FieldDescriptor field(String name, Class<?> type, Function<MethodCreator, ResultHandle> init) {
        FieldDescriptor f = FieldDescriptor.of(className, name, type);
        if (fields.add(name)) {
            cc.getFieldCreator(f).setModifiers(Opcodes.ACC_PRIVATE | Opcodes.ACC_FINAL);
            ctor.writeInstanceField(f, ctor.getThis(), init.apply(ctor));
        }
        return f;
    }

    ResultHandle read(BytecodeCreator bc, FieldDescriptor f) {
        return bc.readInstanceField(f, bc.getThis());
    }

    private ResultHandle bound(MethodCreator m, MethodDescriptor what, int node) {
        return m.invokeVirtualMethod(what, m.getMethodParam(0), m.load(node));
    }

    /** A folded constant's value. */
    FieldDescriptor constantField(WherePlan.Node n) {
        mustBeConstant.add(n.index());
        return field("k" + n.index(), Object.class, m -> bound(m, B_CONSTANT, n.index()));
    }

    private FieldDescriptor functionField(WherePlan.Node n) {
        return field("f" + n.index(), CompiledWhereSupport.Function.class, m -> bound(m, B_FUNCTION, n.index()));
    }

    // ---- values

    /** Emits the node's evaluation into {@code bc}; the handle holds its SQL value (null for NULL). */
    ResultHandle value(BytecodeCreator bc, WherePlan.Node n) {
        switch (n.kind()) {
            case CONSTANT:
                return read(bc, constantField(n));
            case INTERPRETED: {
                mustBeComputed.add(n.index());
                FieldDescriptor f = field("h" + n.index(), CompiledWhereSupport.Subexpression.class,
                        m -> bound(m, B_SUBEXPRESSION, n.index()));
                return bc.invokeInterfaceMethod(EVAL, read(bc, f), row);
            }
            default:
                mustBeComputed.add(n.index());
                return computed(bc, n);
        }
    }

    private ResultHandle computed(BytecodeCreator bc, WherePlan.Node n) {
        Expr e = n.expr();
        if (e instanceof Expr.Column c) {
            return column(bc, n, c);
        }
        if (e instanceof Expr.Call c) {
            return call(bc, n, c);
        }
        if (e instanceof Expr.And) {
            return andOr(bc, n, true);
        }
        if (e instanceof Expr.Or) {
            return andOr(bc, n, false);
        }
        if (e instanceof Expr.Not) {
            return bc.invokeStaticMethod(support("not", Object.class, Object.class), value(bc, n.child(0)));
        }
        if (e instanceof Expr.NullTest t) {
            ResultHandle v = value(bc, n.child(0));
            AssignableResultHandle out = bc.createVariable(Object.class);
            BranchResult isNull = bc.ifNull(v);
            isNull.trueBranch().assign(out, isNull.trueBranch().readStaticField(t.isNot() ? FALSE : TRUE));
            isNull.falseBranch().assign(out, isNull.falseBranch().readStaticField(t.isNot() ? TRUE : FALSE));
            return out;
        }
        if (e instanceof Expr.BoolTest t) {
            return boolTest(bc, n, t.kind());
        }
        if (e instanceof Expr.Distinct d) {
            ResultHandle a = value(bc, n.child(0));
            ResultHandle b = value(bc, n.child(1));
            return bc.invokeStaticMethod(support("distinct", Boolean.class, Object.class, Object.class,
                    CompiledWhereSupport.Function.class, boolean.class), a, b, read(bc, functionField(n)),
                    bc.load(d.isNot()));
        }
        if (e instanceof Expr.In in) {
            return in(bc, n, in);
        }
        if (e instanceof Expr.Quantified q) {
            ResultHandle v = value(bc, n.child(0));
            ResultHandle a = value(bc, n.child(1));
            return bc.invokeStaticMethod(support("quantified", Object.class, Object.class, Object.class,
                    CompiledWhereSupport.Function.class, boolean.class), v, a, read(bc, functionField(n)),
                    bc.load(q.all()));
        }
        if (e instanceof Expr.Variadic v) {
            return variadic(bc, n, v);
        }
        throw new IllegalStateException("not a computed node: " + e);
    }

    /** Types the interpreter hands over as pgoutput's text, unparsed. */
    private static boolean carriedAsText(PgType t) {
        String name = t.name();
        return !t.isArray() && (name.equals("text") || name.equals("varchar") || name.equals("name") || t.isEnum()
                || name.equals("bytea") || name.equals("jsonb"));
    }

    /** Per column read more than once and parsed: its value, and whether this row's value was parsed yet. */
    private final Map<String, AssignableResultHandle[]> parsedColumns = new java.util.HashMap<>();

    /**
     * A column the clause parses in several places is parsed once per row, at its first use. Parsing is a pure
     * function of the text, so the values are the interpreter's; an error is raised at the first use, as there.
     */
    private void parseOnce(MethodCreator m, WherePlan.Node root) {
        Map<String, Integer> uses = new java.util.HashMap<>();
        countParsedColumns(root, uses);
        uses.forEach((column, count) -> {
            if (count > 1) {
                AssignableResultHandle value = m.createVariable(Object.class);
                AssignableResultHandle parsed = m.createVariable(boolean.class);
                // The flag first: Gizmo keeps a value assigned just before its use on the operand stack, which
                // breaks the stack map when that use is a branch.
                m.assign(parsed, m.load(false));
                m.assign(value, m.loadNull());
                parsedColumns.put(column, new AssignableResultHandle[] { value, parsed });
            }
        });
    }

    private static void countParsedColumns(WherePlan.Node n, Map<String, Integer> uses) {
        if (n.kind() != WherePlan.Kind.COMPUTED) {
            return;
        }
        if (n.expr() instanceof Expr.Column c && !carriedAsText(c.type())) {
            uses.merge(c.name(), 1, Integer::sum);
        }
        for (WherePlan.Node child : n.children()) {
            countParsedColumns(child, uses);
        }
    }

    private ResultHandle column(BytecodeCreator bc, WherePlan.Node n, Expr.Column c) {
        AssignableResultHandle[] memo = carriedAsText(c.type()) ? null : parsedColumns.get(c.name());
        if (memo != null) {
            BytecodeCreator first = bc.ifFalse(memo[1]).trueBranch();
            first.assign(memo[0], parse(first, n, c));
            first.assign(memo[1], first.load(true));
            return memo[0];
        }
        return parse(bc, n, c);
    }

    private ResultHandle parse(BytecodeCreator bc, WherePlan.Node n, Expr.Column c) {
        ResultHandle s = text(bc, c.name());
        if (carriedAsText(c.type())) {
            return s;
        }
        FieldDescriptor in = field("in" + n.index(), Function.class, m -> bound(m, B_INPUT, n.index()));
        AssignableResultHandle out = bc.createVariable(Object.class);
        BranchResult isNull = bc.ifNull(s);
        isNull.trueBranch().assign(out, isNull.trueBranch().loadNull());
        BytecodeCreator f = isNull.falseBranch();
        f.assign(out, f.invokeInterfaceMethod(INPUT_APPLY, read(f, in), s));
        return out;
    }

    /** AND/OR: operands in order, the first deciding one (FALSE/TRUE) ends it, NULL makes an undecided result NULL. */
    private ResultHandle andOr(BytecodeCreator bc, WherePlan.Node n, boolean and) {
        AssignableResultHandle out = bc.createVariable(Object.class);
        AssignableResultHandle sawNull = bc.createVariable(boolean.class);
        bc.assign(sawNull, bc.load(false));
        BytecodeCreator scope = bc.createScope();
        for (WherePlan.Node arg : n.children()) {
            ResultHandle v = value(scope, arg);
            BranchResult isNull = scope.ifNull(v);
            isNull.trueBranch().assign(sawNull, isNull.trueBranch().load(true));
            BytecodeCreator notNull = isNull.falseBranch();
            ResultHandle b = notNull.invokeVirtualMethod(BOOLEAN_VALUE, notNull.checkCast(v, Boolean.class));
            BytecodeCreator decided = (and ? notNull.ifFalse(b) : notNull.ifTrue(b)).trueBranch();
            decided.assign(out, decided.readStaticField(and ? FALSE : TRUE));
            decided.breakScope(scope);
        }
        BranchResult anyNull = scope.ifTrue(sawNull);
        anyNull.trueBranch().assign(out, anyNull.trueBranch().loadNull());
        anyNull.falseBranch().assign(out, anyNull.falseBranch().readStaticField(and ? TRUE : FALSE));
        return out;
    }

    private ResultHandle boolTest(BytecodeCreator bc, WherePlan.Node n, Ast.BoolTestKind kind) {
        ResultHandle v = value(bc, n.child(0));
        return bc.invokeStaticMethod(support("boolTest", Boolean.class, Object.class, int.class), v,
                bc.load(kind.ordinal()));
    }

    /** {@code x IN (constants)}: the argument once, then each item in order (the interpreter's arms). */
    private ResultHandle in(BytecodeCreator bc, WherePlan.Node n, Expr.In in) {
        boolean lower = isLowerOfText(n.child(0), in);
        ResultHandle v;
        if (lower) {
            // lower(x) IN (texts): lower() folds ASCII letters only, so lower(x) = k is x equal to k with x's ASCII
            // letters folded (k with an upper-case ASCII letter never equals), without building lower(x).
            mustBeComputed.add(n.child(0).index());
            v = value(bc, n.child(0).child(0));
        } else {
            v = value(bc, n.child(0));
        }
        AssignableResultHandle out = bc.createVariable(Object.class);
        AssignableResultHandle sawNull = bc.createVariable(boolean.class);
        bc.assign(sawNull, bc.load(false));
        BytecodeCreator scope = bc.createScope();
        for (int i = 1; i < n.children().size(); i++) {
            int item = i - 1;
            ResultHandle x = read(scope, constantField(n.child(i)));
            FieldDescriptor eq = field("f" + n.index() + "_" + item, CompiledWhereSupport.Function.class,
                    m -> m.invokeVirtualMethod(B_IN_EQUALITY, m.getMethodParam(0), m.load(n.index()), m.load(item)));
            BytecodeCreator arm = scope.createScope();
            BranchResult argNull = arm.ifNull(v);
            argNull.trueBranch().assign(sawNull, argNull.trueBranch().load(true));
            argNull.trueBranch().breakScope(arm);
            BranchResult itemNull = arm.ifNull(x);
            itemNull.trueBranch().assign(sawNull, itemNull.trueBranch().load(true));
            itemNull.trueBranch().breakScope(arm);
            ResultHandle equal;
            if (lower) {
                equal = arm.invokeStaticMethod(support("equalsIgnoreAsciiCase", boolean.class, String.class,
                        String.class), arm.checkCast(v, String.class), arm.checkCast(x, String.class));
            } else {
                ResultHandle r = arm.invokeInterfaceMethod(APPLY, read(arm, eq), v, x);
                equal = arm.invokeVirtualMethod(BOOLEAN_VALUE, arm.checkCast(r, Boolean.class));
            }
            BytecodeCreator found = arm.ifTrue(equal).trueBranch();
            found.assign(out, found.readStaticField(in.isNot() ? FALSE : TRUE));
            found.breakScope(scope);
        }
        BranchResult anyNull = scope.ifTrue(sawNull);
        anyNull.trueBranch().assign(out, anyNull.trueBranch().loadNull());
        anyNull.falseBranch().assign(out, anyNull.falseBranch().readStaticField(in.isNot() ? TRUE : FALSE));
        return out;
    }

    /** {@code lower(text)} as the argument of an IN over text items (text equality is string equality). */
    private static boolean isLowerOfText(WherePlan.Node arg, Expr.In in) {
        if (arg.kind() != WherePlan.Kind.COMPUTED || !(arg.expr() instanceof Expr.Call c)
                || c.syntax() != Expr.Syntax.FUNCTION || !c.name().equals("lower") || c.args().size() != 1
                || arg.children().size() != 1 || !isText(c.args().get(0).type()) || !isText(c.type())) {
            return false;
        }
        for (Expr item : in.items()) {
            if (!isText(item.type())) {
                return false;
            }
        }
        return true;
    }

    private static boolean isText(PgType t) {
        return !t.isArray() && t.name().equals("text");
    }

    private ResultHandle variadic(BytecodeCreator bc, WherePlan.Node n, Expr.Variadic v) {
        AssignableResultHandle out = bc.createVariable(Object.class);
        bc.assign(out, bc.loadNull());
        if (v.name().equals("coalesce")) {
            BytecodeCreator scope = bc.createScope();
            for (WherePlan.Node arg : n.children()) {
                ResultHandle x = value(scope, arg);
                BytecodeCreator found = scope.ifNotNull(x).trueBranch();
                found.assign(out, x);
                found.breakScope(scope);
            }
            return out;
        }
        boolean greatest = v.name().equals("greatest");
        for (WherePlan.Node arg : n.children()) {
            ResultHandle x = value(bc, arg);
            bc.assign(out, bc.invokeStaticMethod(support("better", Object.class, Object.class, Object.class,
                    CompiledWhereSupport.Function.class, boolean.class), out, x, read(bc, functionField(n)),
                    bc.load(greatest)));
        }
        return out;
    }

    // ---- calls

    private ResultHandle call(BytecodeCreator bc, WherePlan.Node n, Expr.Call c) {
        if (n.children().size() == 1) {
            ResultHandle v = value(bc, n.child(0));
            return strict(bc, n, v, null);
        }
        if (CompiledWhereSupport.isNonStrict(c)) {
            ResultHandle a = value(bc, n.child(0));
            ResultHandle b = value(bc, n.child(1));
            return bc.invokeInterfaceMethod(APPLY, read(bc, functionField(n)), a, b);
        }
        if (TextFastPaths.isLike(c) && n.child(1).kind() == WherePlan.Kind.CONSTANT) {
            return texts.like(bc, n, c);
        }
        ResultHandle contains = texts.textArrayContains(bc, n, c);
        if (contains != null) {
            return contains;
        }
        ResultHandle product = texts.numericProductComparison(bc, n, c);
        if (product != null) {
            return product;
        }
        ResultHandle special = texts.textEquality(bc, n, c);
        if (special != null) {
            return special;
        }
        ResultHandle primitive = longs.comparison(bc, n, c);
        if (primitive != null) {
            return primitive;
        }
        // Both operands are evaluated before the NULL check, as the interpreter (and Postgres) does.
        ResultHandle a = value(bc, n.child(0));
        ResultHandle b = value(bc, n.child(1));
        return strict(bc, n, a, b);
    }

    static boolean isPlainColumn(WherePlan.Node n, String type, boolean array) {
        return n.kind() == WherePlan.Kind.COMPUTED && n.expr() instanceof Expr.Column col
                && col.type().isArray() == array
                && (array ? col.type().element().name().equals(type) : col.type().name().equals(type));
    }

    /** The general code of a strict binary call, as {@link #call} emits it. */
    ResultHandle general(BytecodeCreator bc, WherePlan.Node n) {
        ResultHandle a = value(bc, n.child(0));
        ResultHandle b = value(bc, n.child(1));
        return strict(bc, n, a, b);
    }

    /** A strict call: NULL when an operand is NULL, else the operator. */
    private ResultHandle strict(BytecodeCreator bc, WherePlan.Node n, ResultHandle a, ResultHandle b) {
        AssignableResultHandle out = bc.createVariable(Object.class);
        bc.assign(out, bc.loadNull());
        BytecodeCreator scope = bc.createScope();
        scope.ifNull(a).trueBranch().breakScope(scope);
        if (b != null) {
            scope.ifNull(b).trueBranch().breakScope(scope);
        }
        scope.assign(out, scope.invokeInterfaceMethod(APPLY, read(scope, functionField(n)), a,
                b == null ? scope.loadNull() : b));
        return out;
    }

    /** {@code Boolean} of a primitive boolean handle, negated if asked. */
    static ResultHandle bool(BytecodeCreator bc, ResultHandle b, boolean negate) {
        AssignableResultHandle out = bc.createVariable(Object.class);
        BranchResult br = bc.ifTrue(b);
        br.trueBranch().assign(out, br.trueBranch().readStaticField(negate ? FALSE : TRUE));
        br.falseBranch().assign(out, br.falseBranch().readStaticField(negate ? TRUE : FALSE));
        return out;
    }

    static final Set<String> COMPARISONS = Set.of("=", "<>", "<", ">", "<=", ">=");
    static final Set<String> TEXT_TYPES = Set.of("text", "varchar", "name");

    /** The generated code relies on the node being evaluated per row. */
    void computedPerRow(WherePlan.Node n) {
        mustBeComputed.add(n.index());
    }

    void markComputed(WherePlan.Node n) {
        mustBeComputed.add(n.index());
        for (WherePlan.Node c : n.children()) {
            markComputed(c);
        }
    }
}
