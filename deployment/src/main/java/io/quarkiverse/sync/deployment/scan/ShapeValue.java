package io.quarkiverse.sync.deployment.scan;

import java.util.Arrays;
import java.util.Objects;

import org.objectweb.asm.tree.analysis.Value;

/** What {@link ShapeInterpreter} knows about a value on the operand stack or in a local variable. */
abstract class ShapeValue implements Value {

    /** Anything not tracked, one or two slots wide. */
    static final ShapeValue UNKNOWN = new Unknown(1);
    static final ShapeValue UNKNOWN_WIDE = new Unknown(2);
    /** The result of {@code SyncShape.dynamic(...)}: its supplier, a lambda, is scanned on its own. */
    static final ShapeValue DYNAMIC = new Unknown(1);
    /** The shape another method of the same class returns: that method is scanned on its own. */
    static final ShapeValue DELEGATED = new Unknown(1);

    static ShapeValue unknown(int size) {
        return size == 2 ? UNKNOWN_WIDE : UNKNOWN;
    }

    @Override
    public int getSize() {
        return 1;
    }

    private static final class Unknown extends ShapeValue {
        private final int size;

        Unknown(int size) {
            this.size = size;
        }

        @Override
        public int getSize() {
            return size;
        }
    }

    /** An {@code int}, a {@code String} or a class ({@code org.objectweb.asm.Type}) constant. */
    static final class Constant extends ShapeValue {
        final Object value;

        Constant(Object value) {
            this.value = value;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Constant c && c.value.equals(value);
        }

        @Override
        public int hashCode() {
            return value.hashCode();
        }
    }

    /**
     * An array created in place with a constant length ({@code new Object[] {owner}} of a varargs call). Its elements
     * are filled by the {@code AASTORE}s that follow; equal only to itself, as arrays are.
     */
    static final class Array extends ShapeValue {
        final ShapeValue[] elements;

        Array(int length) {
            elements = new ShapeValue[length];
            Arrays.fill(elements, UNKNOWN);
        }
    }

    /** A {@code SyncShape} built by builder calls, with what is known of their arguments. */
    static final class Shape extends ShapeValue {
        final ShapeCall call;

        Shape(ShapeCall call) {
            this.call = call;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Shape s && s.call.equals(call);
        }

        @Override
        public int hashCode() {
            return Objects.hash(call);
        }
    }
}
