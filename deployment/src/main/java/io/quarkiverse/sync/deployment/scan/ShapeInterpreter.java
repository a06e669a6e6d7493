package io.quarkiverse.sync.deployment.scan;

import java.util.ArrayList;
import java.util.List;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.analysis.Interpreter;

/**
 * Follows constants and {@code SyncShape} builder chains through a method's bytecode, for ASM's
 * {@link org.objectweb.asm.tree.analysis.Analyzer}: {@code SyncShape.of(LDC class)}, {@code table(LDC)},
 * {@code table(LDC, LDC)}, {@code where(LDC, new Object[n] {...})}, {@code columns(new String[] {LDC, ...})}. Values
 * merged from different paths are unknown unless equal.
 */
final class ShapeInterpreter extends Interpreter<ShapeValue> {

    static final String SYNC_SHAPE = "io/quarkiverse/sync/SyncShape";
    /** Longer arrays are not followed (nobody writes 10,000 varargs by hand). */
    private static final int MAX_ARRAY = 1024;

    private final String owner;

    /** @param owner the internal name of the class scanned: its own methods returning a shape are scanned too */
    ShapeInterpreter(String owner) {
        super(Opcodes.ASM9);
        this.owner = owner;
    }

    @Override
    public ShapeValue newValue(Type type) {
        if (type == Type.VOID_TYPE) {
            return null;
        }
        return type == null ? ShapeValue.UNKNOWN : ShapeValue.unknown(type.getSize());
    }

    @Override
    public ShapeValue newOperation(AbstractInsnNode insn) {
        int opcode = insn.getOpcode();
        if (opcode >= Opcodes.ICONST_M1 && opcode <= Opcodes.ICONST_5) {
            return new ShapeValue.Constant(opcode - Opcodes.ICONST_0);
        }
        switch (opcode) {
            case Opcodes.BIPUSH:
            case Opcodes.SIPUSH:
                return new ShapeValue.Constant(((IntInsnNode) insn).operand);
            case Opcodes.LDC: {
                Object constant = ((LdcInsnNode) insn).cst;
                if (constant instanceof Integer || constant instanceof String) {
                    return new ShapeValue.Constant(constant);
                }
                if (constant instanceof Type t && t.getSort() == Type.OBJECT) {
                    return new ShapeValue.Constant(t);
                }
                return ShapeValue.unknown(constant instanceof Long || constant instanceof Double ? 2 : 1);
            }
            case Opcodes.LCONST_0:
            case Opcodes.LCONST_1:
            case Opcodes.DCONST_0:
            case Opcodes.DCONST_1:
                return ShapeValue.UNKNOWN_WIDE;
            case Opcodes.GETSTATIC:
                return ShapeValue.unknown(Type.getType(((FieldInsnNode) insn).desc).getSize());
            default:
                return ShapeValue.UNKNOWN;
        }
    }

    @Override
    public ShapeValue copyOperation(AbstractInsnNode insn, ShapeValue value) {
        return value; // the same object: a DUPed array is filled through either reference
    }

    @Override
    public ShapeValue unaryOperation(AbstractInsnNode insn, ShapeValue value) {
        switch (insn.getOpcode()) {
            case Opcodes.ANEWARRAY:
                if (value instanceof ShapeValue.Constant c && c.value instanceof Integer n && n >= 0 && n <= MAX_ARRAY) {
                    return new ShapeValue.Array(n);
                }
                return ShapeValue.UNKNOWN;
            case Opcodes.CHECKCAST:
                return value;
            case Opcodes.LNEG:
            case Opcodes.DNEG:
            case Opcodes.I2L:
            case Opcodes.I2D:
            case Opcodes.L2D:
            case Opcodes.F2L:
            case Opcodes.F2D:
            case Opcodes.D2L:
                return ShapeValue.UNKNOWN_WIDE;
            case Opcodes.GETFIELD:
                return ShapeValue.unknown(Type.getType(((FieldInsnNode) insn).desc).getSize());
            default:
                return ShapeValue.UNKNOWN;
        }
    }

    @Override
    public ShapeValue binaryOperation(AbstractInsnNode insn, ShapeValue value1, ShapeValue value2) {
        switch (insn.getOpcode()) {
            case Opcodes.LALOAD:
            case Opcodes.DALOAD:
            case Opcodes.LADD:
            case Opcodes.DADD:
            case Opcodes.LSUB:
            case Opcodes.DSUB:
            case Opcodes.LMUL:
            case Opcodes.DMUL:
            case Opcodes.LDIV:
            case Opcodes.DDIV:
            case Opcodes.LREM:
            case Opcodes.DREM:
            case Opcodes.LSHL:
            case Opcodes.LSHR:
            case Opcodes.LUSHR:
            case Opcodes.LAND:
            case Opcodes.LOR:
            case Opcodes.LXOR:
                return ShapeValue.UNKNOWN_WIDE;
            default:
                return ShapeValue.UNKNOWN;
        }
    }

    @Override
    public ShapeValue ternaryOperation(AbstractInsnNode insn, ShapeValue array, ShapeValue index, ShapeValue value) {
        if (insn.getOpcode() == Opcodes.AASTORE && array instanceof ShapeValue.Array a
                && index instanceof ShapeValue.Constant c && c.value instanceof Integer i && i >= 0
                && i < a.elements.length) {
            a.elements[i] = value;
        }
        return null;
    }

    @Override
    public ShapeValue naryOperation(AbstractInsnNode insn, List<? extends ShapeValue> values) {
        if (insn instanceof MethodInsnNode call && call.owner.equals(SYNC_SHAPE)) {
            ShapeValue shape = builderCall(call, values);
            if (shape != null) {
                return shape;
            }
        }
        if (insn instanceof MethodInsnNode call && call.owner.equals(owner)
                && Type.getReturnType(call.desc).getInternalName().equals(SYNC_SHAPE)) {
            return ShapeValue.DELEGATED; // ShapeScanner scans that method and finds its shapes there
        }
        if (insn.getOpcode() == Opcodes.MULTIANEWARRAY) {
            return ShapeValue.UNKNOWN;
        }
        String desc = insn instanceof MethodInsnNode m ? m.desc : ((InvokeDynamicInsnNode) insn).desc;
        return newValue(Type.getReturnType(desc));
    }

    /** The shape a {@code SyncShape} method gives, or null for a method that does not build one. */
    private static ShapeValue builderCall(MethodInsnNode call, List<? extends ShapeValue> args) {
        if (!Type.getReturnType(call.desc).getInternalName().equals(SYNC_SHAPE)) {
            return null;
        }
        if (call.getOpcode() == Opcodes.INVOKESTATIC) {
            switch (call.name) {
                case "of":
                    return new ShapeValue.Shape(constant(args.get(0)) instanceof Type t
                            ? ShapeCall.ofEntity(t.getClassName())
                            : ShapeCall.notConstant("the entity class"));
                case "table": {
                    Object schema = args.size() == 2 ? constant(args.get(0)) : "public";
                    Object table = constant(args.get(args.size() - 1));
                    return new ShapeValue.Shape(schema instanceof String s && table instanceof String t
                            ? ShapeCall.ofTable(s, t)
                            : ShapeCall.notConstant("the table name"));
                }
                case "dynamic":
                    return ShapeValue.DYNAMIC;
                default:
                    return null;
            }
        }
        if (!(args.get(0) instanceof ShapeValue.Shape receiver)) {
            return ShapeValue.UNKNOWN; // a shape from elsewhere (a field, another method)
        }
        ShapeCall shape = receiver.call;
        switch (call.name) {
            case "where": {
                if (!(constant(args.get(1)) instanceof String sql)) {
                    return new ShapeValue.Shape(shape.withNotConstant("the where-clause"));
                }
                int params = args.get(2) instanceof ShapeValue.Array a ? a.elements.length : -1;
                return new ShapeValue.Shape(shape.withWhere(sql, params));
            }
            case "columns": {
                List<String> names = strings(args.get(1));
                return new ShapeValue.Shape(names == null ? shape.withNotConstant("the columns")
                        : shape.withColumns(names));
            }
            default:
                // replica, log, transform…: the rest of the definition is unchanged
                return receiver;
        }
    }

    private static Object constant(ShapeValue value) {
        return value instanceof ShapeValue.Constant c ? c.value : null;
    }

    /** The elements of an in-place array of string constants, or null. */
    private static List<String> strings(ShapeValue value) {
        if (!(value instanceof ShapeValue.Array a)) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (ShapeValue element : a.elements) {
            if (!(constant(element) instanceof String s)) {
                return null;
            }
            out.add(s);
        }
        return out;
    }

    @Override
    public void returnOperation(AbstractInsnNode insn, ShapeValue value, ShapeValue expected) {
    }

    @Override
    public ShapeValue merge(ShapeValue value1, ShapeValue value2) {
        if (value1 == value2 || value1.equals(value2)) {
            return value1;
        }
        if (value1 instanceof ShapeValue.Shape || value2 instanceof ShapeValue.Shape) {
            // Two different shapes on two paths meet: whatever follows cannot be known
            return new ShapeValue.Shape(ShapeCall.notConstant("the shape (it depends on the path taken)"));
        }
        return ShapeValue.unknown(value1.getSize());
    }
}
