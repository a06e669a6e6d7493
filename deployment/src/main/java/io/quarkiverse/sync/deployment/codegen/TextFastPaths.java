package io.quarkiverse.sync.deployment.codegen;

import java.util.Map;
import java.util.function.Predicate;

import io.quarkiverse.sync.runtime.where.CompiledWhereSupport;
import io.quarkiverse.sync.runtime.where.Expr;
import io.quarkiverse.sync.runtime.where.WherePlan;
import io.quarkus.gizmo.AssignableResultHandle;
import io.quarkus.gizmo.BranchResult;
import io.quarkus.gizmo.BytecodeCreator;
import io.quarkus.gizmo.FieldDescriptor;
import io.quarkus.gizmo.MethodDescriptor;
import io.quarkus.gizmo.ResultHandle;

/**
 * The part of {@link WhereEvaluatorGenerator} that works on pgoutput's text instead of parsed values: text equality,
 * {@code LIKE}/{@code ILIKE} with a constant pattern, {@code text[] @> constant} and {@code numeric * k op c}. Each
 * is taken only on the text it is sure of, and otherwise the general code runs.
 */
final class TextFastPaths {

    private final WhereEvaluatorGenerator g;

    TextFastPaths(WhereEvaluatorGenerator g) {
        this.g = g;
    }

    /**
     * {@code textArrayColumn @> constant}: scans pgoutput's array text without building the array when it is of the
     * simple form (see {@link CompiledWhereSupport#textArrayContains}), else the general code; null when the call is
     * not of that form.
     */
    ResultHandle textArrayContains(BytecodeCreator bc, WherePlan.Node n, Expr.Call c) {
        if (c.syntax() != Expr.Syntax.INFIX || !c.name().equals("@>") || !WhereEvaluatorGenerator.isPlainColumn(n.child(0), "text", true)
                || n.child(1).kind() != WherePlan.Kind.CONSTANT || !c.args().get(1).type().isArray()
                || !c.args().get(1).type().element().name().equals("text")) {
            return null;
        }
        Expr.Column column = (Expr.Column) n.child(0).expr();
        FieldDescriptor constant = g.constantField(n.child(1));
        FieldDescriptor needles = g.field("e" + n.child(1).index(), String[].class, m -> m.invokeStaticMethod(
                WhereEvaluatorGenerator.support("textElements", String[].class, Object.class), m.readInstanceField(constant, m.getThis())));
        ResultHandle s = g.text(bc, column.name());
        ResultHandle r = bc.invokeStaticMethod(WhereEvaluatorGenerator.support("textArrayContains", int.class, String.class, String[].class),
                s, g.read(bc, needles));
        AssignableResultHandle out = bc.createVariable(Object.class);
        BranchResult fast = bc.ifIntegerGreaterEqual(r, bc.load(0));
        BytecodeCreator t = fast.trueBranch();
        t.assign(out, WhereEvaluatorGenerator.bool(t, t.invokeStaticMethod(WhereEvaluatorGenerator.support("isOne", boolean.class, int.class), r), false));
        BytecodeCreator f = fast.falseBranch();
        f.assign(out, g.general(f, n));
        return out;
    }

    /**
     * {@code numericColumn * k op c} with small integer constants {@code k} and {@code c}: on a plain decimal text
     * the product is compared as scaled longs (exact, as numeric is), else the general code; null when the call is
     * not of that form.
     */
    ResultHandle numericProductComparison(BytecodeCreator bc, WherePlan.Node n, Expr.Call c) {
        if (c.syntax() != Expr.Syntax.INFIX || !WhereEvaluatorGenerator.COMPARISONS.contains(c.name())
                || !c.args().get(0).type().name().equals("numeric") || c.args().get(0).type().isArray()
                || !c.args().get(1).type().name().equals("numeric") || c.args().get(1).type().isArray()
                || n.child(1).kind() != WherePlan.Kind.CONSTANT || n.child(0).kind() != WherePlan.Kind.COMPUTED
                || !(n.child(0).expr() instanceof Expr.Call mul) || mul.syntax() != Expr.Syntax.INFIX
                || !mul.name().equals("*") || n.child(0).children().size() != 2
                || !WhereEvaluatorGenerator.isPlainColumn(n.child(0).child(0), "numeric", false)
                || n.child(0).child(1).kind() != WherePlan.Kind.CONSTANT
                || !mul.args().get(1).type().name().equals("numeric") || mul.args().get(1).type().isArray()) {
            return null;
        }
        WherePlan.Node product = n.child(0);
        Expr.Column column = (Expr.Column) product.child(0).expr();
        g.computedPerRow(product);
        g.computedPerRow(product.child(0));
        FieldDescriptor kField = g.constantField(product.child(1));
        FieldDescriptor cField = g.constantField(n.child(1));
        FieldDescriptor k = g.field("m" + product.child(1).index(), long.class, m -> m.invokeStaticMethod(
                WhereEvaluatorGenerator.support("smallInteger", long.class, Object.class, long.class),
                m.readInstanceField(kField, m.getThis()), m.load(999L)));
        FieldDescriptor bound = g.field("m" + n.child(1).index(), long.class, m -> m.invokeStaticMethod(
                WhereEvaluatorGenerator.support("smallInteger", long.class, Object.class, long.class),
                m.readInstanceField(cField, m.getThis()), m.load(999_999L)));
        AssignableResultHandle out = bc.createVariable(Object.class);
        ResultHandle s = g.text(bc, column.name());
        ResultHandle milli = bc.invokeStaticMethod(WhereEvaluatorGenerator.support("plainDecimalMilli", long.class, String.class), s);
        ResultHandle usable = bc.invokeStaticMethod(WhereEvaluatorGenerator.support("allNotMin", boolean.class, long.class, long.class,
                long.class), milli, g.read(bc, k), g.read(bc, bound));
        BranchResult fast = bc.ifTrue(usable);
        BytecodeCreator t = fast.trueBranch();
        ResultHandle cmp = t.invokeStaticMethod(WhereEvaluatorGenerator.support("compareMilliProduct", int.class, long.class, long.class,
                long.class), milli, g.read(t, k), g.read(t, bound));
        BranchResult r;
        switch (c.name()) {
            case "=": r = t.ifZero(cmp); break;
            case "<>": r = t.ifNonZero(cmp); break;
            case "<": r = t.ifLessThanZero(cmp); break;
            case ">": r = t.ifGreaterThanZero(cmp); break;
            case "<=": r = t.ifLessEqualZero(cmp); break;
            default: r = t.ifGreaterEqualZero(cmp); break;
        }
        r.trueBranch().assign(out, r.trueBranch().readStaticField(WhereEvaluatorGenerator.TRUE));
        r.falseBranch().assign(out, r.falseBranch().readStaticField(WhereEvaluatorGenerator.FALSE));
        BytecodeCreator f = fast.falseBranch();
        f.assign(out, g.general(f, n));
        return out;
    }

    /** The interpreter's test for a LIKE-family operator whose pattern it compiles once. */
    static boolean isLike(Expr.Call c) {
        String name = c.name();
        return c.syntax() == Expr.Syntax.INFIX && name.contains("~~")
                || c.syntax() == Expr.Syntax.FUNCTION && (name.equals("like") || name.equals("notlike"));
    }

    ResultHandle like(BytecodeCreator bc, WherePlan.Node n, Expr.Call c) {
        boolean caseInsensitive = c.name().contains("*");
        boolean negate = c.name().startsWith("!") || c.name().equals("notlike");
        WherePlan.Node patternNode = n.child(1);
        ResultHandle v = g.value(bc, n.child(0));
        FieldDescriptor pattern = g.constantField(patternNode);
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
                matched = f.invokeStaticMethod(WhereEvaluatorGenerator.support(method, boolean.class, String.class, String.class), s,
                        f.load(CompiledWhereSupport.lowerAscii(literal)));
            } else {
                String method = LIKE_CASE.get(form);
                matched = f.invokeVirtualMethod(MethodDescriptor.ofMethod(String.class, method, boolean.class,
                        form == CompiledWhereSupport.LikeForm.CONTAINS ? CharSequence.class
                                : form == CompiledWhereSupport.LikeForm.EXACT ? Object.class : String.class),
                        s, f.load(literal));
            }
        } else {
            FieldDescriptor like = g.field("p" + n.index(), Predicate.class, m -> m.invokeStaticMethod(
                    WhereEvaluatorGenerator.support("like", Predicate.class, String.class, boolean.class),
                    m.checkCast(m.readInstanceField(pattern, m.getThis()), String.class), m.load(caseInsensitive)));
            matched = f.invokeInterfaceMethod(WhereEvaluatorGenerator.TEST, g.read(f, like), s);
        }
        f.assign(out, WhereEvaluatorGenerator.bool(f, matched, negate));
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

    /**
     * {@code column = constant} or {@code <>} (either side) on a text column, compared on pgoutput's text (text
     * equality is string equality); null when the call is not of that form. Integer columns are not compared on their
     * text: a text such as {@code 007} equals 7 (they take {@link PrimitiveLongs#comparison}).
     */
    ResultHandle textEquality(BytecodeCreator bc, WherePlan.Node n, Expr.Call c) {
        if (c.syntax() != Expr.Syntax.INFIX || !WhereEvaluatorGenerator.COMPARISONS.contains(c.name())
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
        if (!WhereEvaluatorGenerator.TEXT_TYPES.contains(type) || c.args().get(0).type().isArray() || column == null
                || !op.equals("=") && !op.equals("<>")) {
            return null;
        }
        g.markComputed(col);
        FieldDescriptor constant = g.constantField(k);
        ResultHandle s = g.text(bc, column.name());
        AssignableResultHandle out = bc.createVariable(Object.class);
        BranchResult isNull = bc.ifNull(s);
        isNull.trueBranch().assign(out, isNull.trueBranch().loadNull());
        BytecodeCreator f = isNull.falseBranch();
        FieldDescriptor expected = g.field("s" + k.index(), String.class,
                m -> m.checkCast(m.readInstanceField(constant, m.getThis()), String.class));
        ResultHandle eq = f.invokeVirtualMethod(WhereEvaluatorGenerator.STRING_EQUALS, s, g.read(f, expected));
        f.assign(out, WhereEvaluatorGenerator.bool(f, eq, op.equals("<>")));
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
        if (e instanceof Expr.Call c && c.syntax() == Expr.Syntax.CAST && WhereEvaluatorGenerator.TEXT_TYPES.contains(c.type().name())
                && !c.type().isArray()) {
            e = c.args().get(0);
        }
        return e instanceof Expr.Column col && WhereEvaluatorGenerator.TEXT_TYPES.contains(col.type().name()) && !col.type().isArray() ? col
                : null;
    }
}
