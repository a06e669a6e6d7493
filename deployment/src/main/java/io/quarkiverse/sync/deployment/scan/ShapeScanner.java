package io.quarkiverse.sync.deployment.scan;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;

/**
 * Finds the shapes a resource method builds, from its bytecode and that of the lambdas it creates (the supplier of
 * {@code SyncShape.dynamic(() -> ...)}, the function of a {@code Uni}'s {@code map}…) and of the methods of its class
 * it calls for a shape ({@code return onDemand();}), recursively. A shape counts when
 * it leaves the code that builds it: returned, passed to a method that is not a {@code SyncShape} builder call, or
 * stored in a field.
 */
public final class ShapeScanner {

    private static final String LAMBDA_METAFACTORY = "java/lang/invoke/LambdaMetafactory";
    private static final String SHAPE_DESC = "L" + ShapeInterpreter.SYNC_SHAPE + ";";

    /**
     * What a resource method builds.
     *
     * @param shapes every shape found, static or not
     * @param unresolved how many {@code SyncShape}s returned by the method or its lambdas come from code the scan
     *        does not follow (a field, another method)
     */
    public record Result(List<ShapeCall> shapes, int unresolved) {
    }

    private final ClassNode type;

    /** @param classBytes the class file of the resource class */
    public ShapeScanner(byte[] classBytes) {
        type = new ClassNode();
        new ClassReader(classBytes).accept(type, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    }

    public Result scan(String methodName, String descriptor) {
        Set<ShapeCall> shapes = new LinkedHashSet<>();
        int[] unresolved = new int[1];
        Set<String> seen = new HashSet<>();
        Deque<MethodNode> work = new ArrayDeque<>();
        MethodNode start = method(methodName, descriptor);
        if (start == null) {
            return new Result(List.of(), 1);
        }
        work.add(start);
        seen.add(start.name + start.desc);
        while (!work.isEmpty()) {
            MethodNode method = work.poll();
            scanMethod(method, shapes, unresolved);
            for (AbstractInsnNode insn : method.instructions) {
                if (insn instanceof MethodInsnNode call && call.owner.equals(type.name)
                        && Type.getReturnType(call.desc).getDescriptor().equals(SHAPE_DESC)
                        && seen.add(call.name + call.desc)) {
                    MethodNode callee = method(call.name, call.desc);
                    if (callee != null) {
                        work.add(callee);
                    }
                }
                if (insn instanceof InvokeDynamicInsnNode indy && indy.bsm.getOwner().equals(LAMBDA_METAFACTORY)
                        && indy.bsmArgs.length > 1 && indy.bsmArgs[1] instanceof Handle impl
                        && impl.getOwner().equals(type.name) && seen.add(impl.getName() + impl.getDesc())) {
                    MethodNode lambda = method(impl.getName(), impl.getDesc());
                    if (lambda != null) {
                        work.add(lambda);
                    }
                }
            }
        }
        return new Result(new ArrayList<>(shapes), unresolved[0]);
    }

    private MethodNode method(String name, String descriptor) {
        for (MethodNode m : type.methods) {
            if (m.name.equals(name) && m.desc.equals(descriptor) && (m.access & Opcodes.ACC_ABSTRACT) == 0) {
                return m;
            }
        }
        return null;
    }

    private void scanMethod(MethodNode method, Set<ShapeCall> shapes, int[] unresolved) {
        Frame<ShapeValue>[] frames;
        try {
            frames = new Analyzer<>(new ShapeInterpreter(type.name)).analyze(type.name, method);
        } catch (AnalyzerException e) {
            unresolved[0]++;
            return;
        }
        boolean returnsShape = Type.getReturnType(method.desc).getDescriptor().equals(SHAPE_DESC);
        AbstractInsnNode[] insns = method.instructions.toArray();
        for (int i = 0; i < insns.length; i++) {
            Frame<ShapeValue> frame = frames[i];
            if (frame == null) {
                continue; // unreachable
            }
            AbstractInsnNode insn = insns[i];
            int consumed = consumed(insn);
            for (int k = 0; k < consumed; k++) {
                ShapeValue value = frame.getStack(frame.getStackSize() - 1 - k);
                if (value instanceof ShapeValue.Shape shape) {
                    shapes.add(shape.call);
                } else if (insn.getOpcode() == Opcodes.ARETURN && returnsShape && value != ShapeValue.DYNAMIC
                        && value != ShapeValue.DELEGATED) {
                    unresolved[0]++;
                }
            }
        }
    }

    /** How many values from the top of the stack an instruction lets escape (0 for builder calls on SyncShape). */
    private static int consumed(AbstractInsnNode insn) {
        int opcode = insn.getOpcode();
        if (opcode == Opcodes.ARETURN || opcode == Opcodes.PUTSTATIC) {
            return 1;
        }
        if (opcode == Opcodes.PUTFIELD) {
            return ((FieldInsnNode) insn).desc.equals(SHAPE_DESC) ? 1 : 0;
        }
        if (insn instanceof MethodInsnNode call) {
            if (call.owner.equals(ShapeInterpreter.SYNC_SHAPE)) {
                return 0;
            }
            return Type.getArgumentTypes(call.desc).length + (opcode == Opcodes.INVOKESTATIC ? 0 : 1);
        }
        if (insn instanceof InvokeDynamicInsnNode indy) {
            return Type.getArgumentTypes(indy.desc).length;
        }
        return 0;
    }
}
