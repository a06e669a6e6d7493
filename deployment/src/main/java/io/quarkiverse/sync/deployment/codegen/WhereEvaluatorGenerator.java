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
 * generated class, so the JIT inlines them), and the common forms are specialised: {@code col = $1} on text and
 * integer columns compares pgoutput's text without parsing it, {@code col < k} on integers parses without boxing,
 * {@code LIKE/ILIKE} with a constant pattern of one literal run ({@code 'x%'}, {@code '%x%'}, …) is a plain string
 * test. Also generates its factory, which checks that the interpreter folded the clause as planned for the actual
 * param values ({@link WherePlan}).
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
    private static final MethodDescriptor TEST = MethodDescriptor.ofMethod(Predicate.class, "test", boolean.class,
            Object.class);
    private static final MethodDescriptor BOOLEAN_VALUE = MethodDescriptor.ofMethod(Boolean.class, "booleanValue",
            boolean.class);
    private static final MethodDescriptor STRING_EQUALS = MethodDescriptor.ofMethod(String.class, "equals",
            boolean.class, Object.class);
    private static final FieldDescriptor TRUE = FieldDescriptor.of(Boolean.class, "TRUE", Boolean.class);
    private static final FieldDescriptor FALSE = FieldDescriptor.of(Boolean.class, "FALSE", Boolean.class);

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

    private static MethodDescriptor support(String name, Class<?> result, Class<?>... params) {
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

    /** Type-checks and plans {@code where} over a table with {@code columnTypes}. */
    public static WherePlan plan(String where, Map<String, String> columnTypes) throws WhereException {
        WhereSchema.Builder schema = WhereSchema.builder();
        columnTypes.forEach((column, type) -> schema.column(column, PgType.of(type)));
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
        longColumns.clear();
        parseOnce(m, plan.root());
        readLongColumnsOnce(m, plan.root());
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
    private ResultHandle text(BytecodeCreator bc, String column) {
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

    private FieldDescriptor field(String name, Class<?> type, Function<MethodCreator, ResultHandle> init) {
        FieldDescriptor f = FieldDescriptor.of(className, name, type);
        if (fields.add(name)) {
            cc.getFieldCreator(f).setModifiers(Opcodes.ACC_PRIVATE | Opcodes.ACC_FINAL);
            ctor.writeInstanceField(f, ctor.getThis(), init.apply(ctor));
        }
        return f;
    }

    private ResultHandle read(BytecodeCreator bc, FieldDescriptor f) {
        return bc.readInstanceField(f, bc.getThis());
    }

    private ResultHandle bound(MethodCreator m, MethodDescriptor what, int node) {
        return m.invokeVirtualMethod(what, m.getMethodParam(0), m.load(node));
    }

    /** A folded constant's value. */
    private FieldDescriptor constantField(WherePlan.Node n) {
        mustBeConstant.add(n.index());
        return field("k" + n.index(), Object.class, m -> bound(m, B_CONSTANT, n.index()));
    }

    private FieldDescriptor functionField(WherePlan.Node n) {
        return field("f" + n.index(), CompiledWhereSupport.Function.class, m -> bound(m, B_FUNCTION, n.index()));
    }

    // ---- values

    /** Emits the node's evaluation into {@code bc}; the handle holds its SQL value (null for NULL). */
    private ResultHandle value(BytecodeCreator bc, WherePlan.Node n) {
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
        if (isLike(c) && n.child(1).kind() == WherePlan.Kind.CONSTANT) {
            return like(bc, n, c);
        }
        ResultHandle contains = textArrayContains(bc, n, c);
        if (contains != null) {
            return contains;
        }
        ResultHandle product = numericProductComparison(bc, n, c);
        if (product != null) {
            return product;
        }
        ResultHandle special = comparison(bc, n, c);
        if (special != null) {
            return special;
        }
        ResultHandle primitive = longComparison(bc, n, c);
        if (primitive != null) {
            return primitive;
        }
        // Both operands are evaluated before the NULL check, as the interpreter (and Postgres) does.
        ResultHandle a = value(bc, n.child(0));
        ResultHandle b = value(bc, n.child(1));
        return strict(bc, n, a, b);
    }

    private static boolean isPlainColumn(WherePlan.Node n, String type, boolean array) {
        return n.kind() == WherePlan.Kind.COMPUTED && n.expr() instanceof Expr.Column col
                && col.type().isArray() == array
                && (array ? col.type().element().name().equals(type) : col.type().name().equals(type));
    }

    /** The general code of a strict binary call, as {@link #call} emits it. */
    private ResultHandle general(BytecodeCreator bc, WherePlan.Node n) {
        ResultHandle a = value(bc, n.child(0));
        ResultHandle b = value(bc, n.child(1));
        return strict(bc, n, a, b);
    }

    /**
     * {@code textArrayColumn @> constant}: scans pgoutput's array text without building the array when it is of the
     * simple form (see {@link CompiledWhereSupport#textArrayContains}), else the general code; null when the call is
     * not of that form.
     */
    private ResultHandle textArrayContains(BytecodeCreator bc, WherePlan.Node n, Expr.Call c) {
        if (c.syntax() != Expr.Syntax.INFIX || !c.name().equals("@>") || !isPlainColumn(n.child(0), "text", true)
                || n.child(1).kind() != WherePlan.Kind.CONSTANT || !c.args().get(1).type().isArray()
                || !c.args().get(1).type().element().name().equals("text")) {
            return null;
        }
        Expr.Column column = (Expr.Column) n.child(0).expr();
        FieldDescriptor constant = constantField(n.child(1));
        FieldDescriptor needles = field("e" + n.child(1).index(), String[].class, m -> m.invokeStaticMethod(
                support("textElements", String[].class, Object.class), m.readInstanceField(constant, m.getThis())));
        ResultHandle s = text(bc, column.name());
        ResultHandle r = bc.invokeStaticMethod(support("textArrayContains", int.class, String.class, String[].class),
                s, read(bc, needles));
        AssignableResultHandle out = bc.createVariable(Object.class);
        BranchResult fast = bc.ifIntegerGreaterEqual(r, bc.load(0));
        BytecodeCreator t = fast.trueBranch();
        t.assign(out, bool(t, t.invokeStaticMethod(support("isOne", boolean.class, int.class), r), false));
        BytecodeCreator f = fast.falseBranch();
        f.assign(out, general(f, n));
        return out;
    }

    /**
     * {@code numericColumn * k op c} with small integer constants {@code k} and {@code c}: on a plain decimal text
     * the product is compared as scaled longs (exact, as numeric is), else the general code; null when the call is
     * not of that form.
     */
    private ResultHandle numericProductComparison(BytecodeCreator bc, WherePlan.Node n, Expr.Call c) {
        if (c.syntax() != Expr.Syntax.INFIX || !COMPARISONS.contains(c.name())
                || !c.args().get(0).type().name().equals("numeric") || c.args().get(0).type().isArray()
                || !c.args().get(1).type().name().equals("numeric") || c.args().get(1).type().isArray()
                || n.child(1).kind() != WherePlan.Kind.CONSTANT || n.child(0).kind() != WherePlan.Kind.COMPUTED
                || !(n.child(0).expr() instanceof Expr.Call mul) || mul.syntax() != Expr.Syntax.INFIX
                || !mul.name().equals("*") || n.child(0).children().size() != 2
                || !isPlainColumn(n.child(0).child(0), "numeric", false)
                || n.child(0).child(1).kind() != WherePlan.Kind.CONSTANT
                || !mul.args().get(1).type().name().equals("numeric") || mul.args().get(1).type().isArray()) {
            return null;
        }
        WherePlan.Node product = n.child(0);
        Expr.Column column = (Expr.Column) product.child(0).expr();
        mustBeComputed.add(product.index());
        mustBeComputed.add(product.child(0).index());
        FieldDescriptor kField = constantField(product.child(1));
        FieldDescriptor cField = constantField(n.child(1));
        FieldDescriptor k = field("m" + product.child(1).index(), long.class, m -> m.invokeStaticMethod(
                support("smallInteger", long.class, Object.class, long.class),
                m.readInstanceField(kField, m.getThis()), m.load(999L)));
        FieldDescriptor bound = field("m" + n.child(1).index(), long.class, m -> m.invokeStaticMethod(
                support("smallInteger", long.class, Object.class, long.class),
                m.readInstanceField(cField, m.getThis()), m.load(999_999L)));
        AssignableResultHandle out = bc.createVariable(Object.class);
        ResultHandle s = text(bc, column.name());
        ResultHandle milli = bc.invokeStaticMethod(support("plainDecimalMilli", long.class, String.class), s);
        ResultHandle usable = bc.invokeStaticMethod(support("allNotMin", boolean.class, long.class, long.class,
                long.class), milli, read(bc, k), read(bc, bound));
        BranchResult fast = bc.ifTrue(usable);
        BytecodeCreator t = fast.trueBranch();
        ResultHandle cmp = t.invokeStaticMethod(support("compareMilliProduct", int.class, long.class, long.class,
                long.class), milli, read(t, k), read(t, bound));
        BranchResult r;
        switch (c.name()) {
            case "=": r = t.ifZero(cmp); break;
            case "<>": r = t.ifNonZero(cmp); break;
            case "<": r = t.ifLessThanZero(cmp); break;
            case ">": r = t.ifGreaterThanZero(cmp); break;
            case "<=": r = t.ifLessEqualZero(cmp); break;
            default: r = t.ifGreaterEqualZero(cmp); break;
        }
        r.trueBranch().assign(out, r.trueBranch().readStaticField(TRUE));
        r.falseBranch().assign(out, r.falseBranch().readStaticField(FALSE));
        BytecodeCreator f = fast.falseBranch();
        f.assign(out, general(f, n));
        return out;
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

    /** The interpreter's test for a LIKE-family operator whose pattern it compiles once. */
    private static boolean isLike(Expr.Call c) {
        String name = c.name();
        return c.syntax() == Expr.Syntax.INFIX && name.contains("~~")
                || c.syntax() == Expr.Syntax.FUNCTION && (name.equals("like") || name.equals("notlike"));
    }

    private ResultHandle like(BytecodeCreator bc, WherePlan.Node n, Expr.Call c) {
        boolean caseInsensitive = c.name().contains("*");
        boolean negate = c.name().startsWith("!") || c.name().equals("notlike");
        WherePlan.Node patternNode = n.child(1);
        ResultHandle v = value(bc, n.child(0));
        FieldDescriptor pattern = constantField(patternNode);
        String text = patternNode.expr() instanceof Expr.Const k && k.value() instanceof String p ? p : null;
        CompiledWhereSupport.LikeForm form = text == null ? null : CompiledWhereSupport.likeForm(text);
        AssignableResultHandle out = bc.createVariable(Object.class);
        BranchResult isNull = bc.ifNull(v);
        isNull.trueBranch().assign(out, isNull.trueBranch().loadNull());
        BytecodeCreator f = isNull.falseBranch();
        ResultHandle s = f.checkCast(v, String.class);
        ResultHandle matched;
        if (form != null) {
            // A pattern known at build time with one literal run: a plain string test.
            String literal = CompiledWhereSupport.likeLiteral(text);
            if (caseInsensitive) {
                String method = LIKE_IGNORE_CASE.get(form);
                matched = f.invokeStaticMethod(support(method, boolean.class, String.class, String.class), s,
                        f.load(CompiledWhereSupport.lowerAscii(literal)));
            } else {
                String method = LIKE_CASE.get(form);
                matched = f.invokeVirtualMethod(MethodDescriptor.ofMethod(String.class, method, boolean.class,
                        form == CompiledWhereSupport.LikeForm.CONTAINS ? CharSequence.class
                                : form == CompiledWhereSupport.LikeForm.EXACT ? Object.class : String.class),
                        s, f.load(literal));
            }
        } else {
            FieldDescriptor like = field("p" + n.index(), Predicate.class, m -> m.invokeStaticMethod(
                    support("like", Predicate.class, String.class, boolean.class),
                    m.checkCast(m.readInstanceField(pattern, m.getThis()), String.class), m.load(caseInsensitive)));
            matched = f.invokeInterfaceMethod(TEST, read(f, like), s);
        }
        f.assign(out, bool(f, matched, negate));
        return out;
    }

    private static final Map<CompiledWhereSupport.LikeForm, String> LIKE_IGNORE_CASE = Map.of(
            CompiledWhereSupport.LikeForm.EXACT, "equalsIgnoreAsciiCase",
            CompiledWhereSupport.LikeForm.PREFIX, "startsWithIgnoreAsciiCase",
            CompiledWhereSupport.LikeForm.SUFFIX, "endsWithIgnoreAsciiCase",
            CompiledWhereSupport.LikeForm.CONTAINS, "containsIgnoreAsciiCase");
    private static final Map<CompiledWhereSupport.LikeForm, String> LIKE_CASE = Map.of(
            CompiledWhereSupport.LikeForm.EXACT, "equals",
            CompiledWhereSupport.LikeForm.PREFIX, "startsWith",
            CompiledWhereSupport.LikeForm.SUFFIX, "endsWith",
            CompiledWhereSupport.LikeForm.CONTAINS, "contains");

    /** {@code Boolean} of a primitive boolean handle, negated if asked. */
    private static ResultHandle bool(BytecodeCreator bc, ResultHandle b, boolean negate) {
        AssignableResultHandle out = bc.createVariable(Object.class);
        BranchResult br = bc.ifTrue(b);
        br.trueBranch().assign(out, br.trueBranch().readStaticField(negate ? FALSE : TRUE));
        br.falseBranch().assign(out, br.falseBranch().readStaticField(negate ? TRUE : FALSE));
        return out;
    }

    private static final Set<String> COMPARISONS = Set.of("=", "<>", "<", ">", "<=", ">=");
    private static final Set<String> TEXT_TYPES = Set.of("text", "varchar", "name");

    /**
     * {@code column = constant} or {@code <>} (either side) on a text column, compared on pgoutput's text (text
     * equality is string equality); null when the call is not of that form. Integer columns are not compared on their
     * text: a text such as {@code 007} equals 7 (they take {@link #longComparison}).
     */
    private ResultHandle comparison(BytecodeCreator bc, WherePlan.Node n, Expr.Call c) {
        if (c.syntax() != Expr.Syntax.INFIX || !COMPARISONS.contains(c.name())
                || !c.args().get(0).type().equals(c.args().get(1).type())) {
            return null;
        }
        String op = c.name();
        WherePlan.Node col = n.child(0);
        WherePlan.Node k = n.child(1);
        if (k.kind() != WherePlan.Kind.CONSTANT) {
            col = n.child(1);
            k = n.child(0);
            op = flip(op);
        }
        if (k.kind() != WherePlan.Kind.CONSTANT || col.kind() != WherePlan.Kind.COMPUTED) {
            return null;
        }
        String type = c.args().get(0).type().name();
        Expr.Column column = textColumn(col);
        if (!TEXT_TYPES.contains(type) || c.args().get(0).type().isArray() || column == null
                || !op.equals("=") && !op.equals("<>")) {
            return null;
        }
        markComputed(col);
        FieldDescriptor constant = constantField(k);
        ResultHandle s = text(bc, column.name());
        AssignableResultHandle out = bc.createVariable(Object.class);
        BranchResult isNull = bc.ifNull(s);
        isNull.trueBranch().assign(out, isNull.trueBranch().loadNull());
        BytecodeCreator f = isNull.falseBranch();
        FieldDescriptor expected = field("s" + k.index(), String.class,
                m -> m.checkCast(m.readInstanceField(constant, m.getThis()), String.class));
        ResultHandle eq = f.invokeVirtualMethod(STRING_EQUALS, s, read(f, expected));
        f.assign(out, bool(f, eq, op.equals("<>")));
        return out;
    }

    private static String flip(String op) {
        switch (op) {
            case "<": return ">";
            case ">": return "<";
            case "<=": return ">=";
            case ">=": return "<=";
            default: return op;
        }
    }

    /** A text, varchar or name column, possibly under a cast between those types (the identity on the text). */
    private static Expr.Column textColumn(WherePlan.Node n) {
        Expr e = n.expr();
        if (e instanceof Expr.Call c && c.syntax() == Expr.Syntax.CAST && TEXT_TYPES.contains(c.type().name())
                && !c.type().isArray()) {
            e = c.args().get(0);
        }
        return e instanceof Expr.Column col && TEXT_TYPES.contains(col.type().name()) && !col.type().isArray() ? col
                : null;
    }

    // ---- integers, dates and timestamps as primitive longs

    /**
     * {@code a op b} where both sides are integers, dates, timestamps or timestamptz values the generated code can
     * compute as primitive longs ({@link #isLongValued}): columns, constants, {@code date ± integer},
     * {@code date - date}, integer {@code +}/{@code -} and casts between those types. The values are the interpreter's
     * own (integers, epoch days, microseconds since 2000), read from pgoutput's text by the interpreter's fast
     * parsers and compared as longs, as its comparators compare them. Whatever the fast code cannot decide (a text of
     * another form, infinity, an overflow or out-of-range result: the places where the interpreter's general code
     * parses, clamps or raises) takes the general code for the whole comparison, which evaluates everything again in
     * the interpreter's order; so the answer, NULLs and errors included, is the interpreter's. Null when the call is
     * not of that form.
     */
    private ResultHandle longComparison(BytecodeCreator bc, WherePlan.Node n, Expr.Call c) {
        if (c.syntax() != Expr.Syntax.INFIX || !COMPARISONS.contains(c.name()) || n.children().size() != 2
                || c.args().size() != 2) {
            return null;
        }
        String a = longKind(c.args().get(0).type());
        if (a == null || !a.equals(longKind(c.args().get(1).type())) || !isLongValued(n.child(0))
                || !isLongValued(n.child(1))) {
            return null;
        }
        AssignableResultHandle out = bc.createVariable(Object.class);
        AssignableResultHandle decided = bc.createVariable(boolean.class);
        bc.assign(decided, bc.load(false));
        bc.assign(out, bc.loadNull());
        BytecodeCreator fast = bc.createScope();
        // Both operands first, as the interpreter evaluates them before its NULL check.
        AssignableResultHandle[] x = emitLong(fast, n.child(0), fast);
        AssignableResultHandle[] y = emitLong(fast, n.child(1), fast);
        BytecodeCreator nullResult = fast.createScope();
        nullResult.ifFalse(x[1]).trueBranch().ifFalse(y[1]).trueBranch().breakScope(nullResult);
        nullResult.assign(decided, nullResult.load(true));
        nullResult.breakScope(fast);
        ResultHandle cmp = fast.compareLong(x[0], y[0]);
        BranchResult r;
        switch (c.name()) {
            case "=": r = fast.ifZero(cmp); break;
            case "<>": r = fast.ifNonZero(cmp); break;
            case "<": r = fast.ifLessThanZero(cmp); break;
            case ">": r = fast.ifGreaterThanZero(cmp); break;
            case "<=": r = fast.ifLessEqualZero(cmp); break;
            default: r = fast.ifGreaterEqualZero(cmp); break;
        }
        r.trueBranch().assign(out, r.trueBranch().readStaticField(TRUE));
        r.falseBranch().assign(out, r.falseBranch().readStaticField(FALSE));
        fast.assign(decided, fast.load(true));
        BytecodeCreator general = bc.ifFalse(decided).trueBranch();
        general.assign(out, general(general, n));
        return out;
    }

    /** What a type is computed as when it is a primitive long: "int", "date", "timestamp", "timestamptz"; or null. */
    private static String longKind(PgType t) {
        if (t.isArray()) {
            return null;
        }
        switch (t.name()) {
            case "int2": case "int4": case "int8": return "int";
            case "date": case "timestamp": case "timestamptz": return t.name();
            default: return null;
        }
    }

    /** Whether {@link #emitLong} computes the node: see {@link #longComparison}. */
    private static boolean isLongValued(WherePlan.Node n) {
        Expr e = n.expr();
        String kind = longKind(e.type());
        if (kind == null) {
            return false;
        }
        if (n.kind() == WherePlan.Kind.CONSTANT) {
            return true;
        }
        if (n.kind() != WherePlan.Kind.COMPUTED) {
            return false;
        }
        if (e instanceof Expr.Column) {
            return true;
        }
        if (!(e instanceof Expr.Call c) || n.children().size() != c.args().size()) {
            return false;
        }
        if (c.syntax() == Expr.Syntax.CAST && c.args().size() == 1) {
            return castMethod(c) != null && isLongValued(n.child(0));
        }
        if (c.syntax() == Expr.Syntax.INFIX && c.args().size() == 2) {
            return arithmeticMethod(c) != null && isLongValued(n.child(0)) && isLongValued(n.child(1));
        }
        return false;
    }

    /** The support method of a cast between long-valued types, or null. */
    private static String castMethod(Expr.Call c) {
        String from = longKind(c.args().get(0).type());
        String to = longKind(c.type());
        if (from == null || to == null) {
            return null;
        }
        if (from.equals("int") && to.equals("int")) {
            return "toInt" + c.type().name().substring(3);
        }
        if (from.startsWith("timestamp") && to.startsWith("timestamp")) {
            return "identity";
        }
        if (from.startsWith("timestamp") && to.equals("date")) {
            return "timestampToDate";
        }
        return from.equals("date") && to.startsWith("timestamp") ? "dateToTimestamp" : null;
    }

    /** The support method of {@code +}/{@code -} on long-valued operands, or null. */
    private static String arithmeticMethod(Expr.Call c) {
        boolean plus = c.name().equals("+");
        if (!plus && !c.name().equals("-")) {
            return null;
        }
        String a = longKind(c.args().get(0).type());
        String b = longKind(c.args().get(1).type());
        String to = longKind(c.type());
        if (a == null || b == null || to == null) {
            return null;
        }
        if (a.equals("int") && b.equals("int") && to.equals("int")) {
            return (plus ? "intPlus" : "intMinus") + c.type().name().substring(3);
        }
        if (a.equals("date") && isInt4(c.args().get(1).type()) && to.equals("date")) {
            return plus ? "datePlus" : "dateMinusDays";
        }
        if (plus && isInt4(c.args().get(0).type()) && b.equals("date") && to.equals("date")) {
            return "daysPlusDate";
        }
        return !plus && a.equals("date") && b.equals("date") && to.equals("int") ? "dateMinusDate" : null;
    }

    private static boolean isInt4(PgType t) {
        return !t.isArray() && t.name().equals("int4");
    }

    /**
     * Emits a long-valued node: {value, isNull} (value 0 when NULL); breaks {@code undecided} when the fast code
     * cannot decide (the support methods answer {@link Long#MIN_VALUE} then).
     */
    private AssignableResultHandle[] emitLong(BytecodeCreator bc, WherePlan.Node n, BytecodeCreator undecided) {
        AssignableResultHandle value = bc.createVariable(long.class);
        AssignableResultHandle isNull = bc.createVariable(boolean.class);
        if (n.kind() == WherePlan.Kind.CONSTANT) {
            FieldDescriptor k = constantField(n);
            FieldDescriptor v = field("lv" + n.index(), long.class, m -> m.invokeStaticMethod(
                    support("longOrZero", long.class, Object.class), m.readInstanceField(k, m.getThis())));
            bc.assign(isNull, bc.invokeStaticMethod(support("isNull", boolean.class, Object.class), read(bc, k)));
            bc.assign(value, read(bc, v));
        } else {
            mustBeComputed.add(n.index());
            Expr e = n.expr();
            if (e instanceof Expr.Column column) {
                longColumn(bc, column, value, isNull);
            } else {
                Expr.Call c = (Expr.Call) e;
                AssignableResultHandle[] a = emitLong(bc, n.child(0), undecided);
                AssignableResultHandle[] b = n.children().size() > 1 ? emitLong(bc, n.child(1), undecided) : null;
                bc.assign(isNull, bc.load(true));
                bc.assign(value, bc.load(0L));
                BytecodeCreator strict = bc.createScope();
                strict.ifTrue(a[1]).trueBranch().breakScope(strict);
                if (b != null) {
                    strict.ifTrue(b[1]).trueBranch().breakScope(strict);
                }
                strict.assign(isNull, strict.load(false));
                if (b == null) {
                    strict.assign(value, strict.invokeStaticMethod(support(castMethod(c), long.class, long.class),
                            a[0]));
                } else {
                    strict.assign(value, strict.invokeStaticMethod(support(arithmeticMethod(c), long.class,
                            long.class, long.class), a[0], b[0]));
                }
            }
        }
        bc.ifZero(bc.compareLong(value, bc.load(Long.MIN_VALUE))).trueBranch().breakScope(undecided);
        return new AssignableResultHandle[] { value, isNull };
    }

    /** Per long-valued column read more than once: {value, isNull, read yet}, assigned at the method's start. */
    private final Map<String, AssignableResultHandle[]> longColumns = new java.util.HashMap<>();

    /** A column's value as a long, read once per row where it is read more than once. */
    private void longColumn(BytecodeCreator bc, Expr.Column column, AssignableResultHandle value,
            AssignableResultHandle isNull) {
        AssignableResultHandle[] memo = longColumns.get(column.name());
        if (memo == null) {
            readLongColumn(bc, column, value, isNull);
            return;
        }
        BytecodeCreator first = bc.ifFalse(memo[2]).trueBranch();
        readLongColumn(first, column, memo[0], memo[1]);
        first.assign(memo[2], first.load(true));
        bc.assign(value, memo[0]);
        bc.assign(isNull, memo[1]);
    }

    private void readLongColumn(BytecodeCreator bc, Expr.Column column, AssignableResultHandle value,
            AssignableResultHandle isNull) {
        ResultHandle s = text(bc, column.name());
        String type = column.type().name();
        String parser = type.startsWith("int") ? "parse" + Character.toUpperCase(type.charAt(0)) + type.substring(1)
                : type.equals("date") ? "parseDate" : type.equals("timestamp") ? "parseTimestamp" : "parseTimestamptz";
        BranchResult isNullText = bc.ifNull(s);
        BytecodeCreator t = isNullText.trueBranch();
        t.assign(isNull, t.load(true));
        t.assign(value, t.load(0L));
        BytecodeCreator f = isNullText.falseBranch();
        f.assign(isNull, f.load(false));
        f.assign(value, f.invokeStaticMethod(support(parser, long.class, String.class), s));
    }

    /** Declares the memo of each long-valued column the clause reads more than once (see {@link #longColumn}). */
    private void readLongColumnsOnce(MethodCreator m, WherePlan.Node root) {
        Map<String, Integer> uses = new java.util.HashMap<>();
        countLongColumns(root, uses);
        uses.forEach((column, count) -> {
            if (count > 1) {
                AssignableResultHandle read = m.createVariable(boolean.class);
                AssignableResultHandle isNull = m.createVariable(boolean.class);
                AssignableResultHandle value = m.createVariable(long.class);
                m.assign(read, m.load(false));
                m.assign(isNull, m.load(false));
                m.assign(value, m.load(0L));
                longColumns.put(column, new AssignableResultHandle[] { value, isNull, read });
            }
        });
    }

    private static void countLongColumns(WherePlan.Node n, Map<String, Integer> uses) {
        if (n.kind() != WherePlan.Kind.COMPUTED) {
            return;
        }
        if (n.expr() instanceof Expr.Column c && longKind(c.type()) != null) {
            uses.merge(c.name(), 1, Integer::sum);
        }
        for (WherePlan.Node child : n.children()) {
            countLongColumns(child, uses);
        }
    }

    private void markComputed(WherePlan.Node n) {
        mustBeComputed.add(n.index());
        for (WherePlan.Node c : n.children()) {
            markComputed(c);
        }
    }
}
