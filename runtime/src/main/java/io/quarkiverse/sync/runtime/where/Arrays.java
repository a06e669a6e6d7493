package io.quarkiverse.sync.runtime.where;

import java.util.ArrayList;
import java.util.List;

/** Array operators and functions on one-dimensional arrays (the only ones shapes use in practice). */
final class Arrays {

    private Arrays() {
    }

    /** a @> b: every element of b equals some element of a; NULL elements match nothing. */
    static boolean contains(PgType element, PgArray a, PgArray b) {
        for (Object x : b.elements()) {
            if (x == null) {
                return false;
            }
            boolean found = false;
            for (Object y : a.elements()) {
                if (y != null && TypeIO.equal(element, x, y)) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    static boolean overlap(PgType element, PgArray a, PgArray b) {
        for (Object x : a.elements()) {
            if (x == null) {
                continue;
            }
            for (Object y : b.elements()) {
                if (y != null && TypeIO.equal(element, x, y)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void requireOneDim(PgArray a) {
        if (a.ndims() > 1) {
            throw new EvalError("multi-dimensional arrays are not supported by this operation in the evaluator");
        }
    }

    static PgArray cat(PgArray a, PgArray b) {
        if (a.size() == 0) {
            return b;
        }
        if (b.size() == 0) {
            return a;
        }
        requireOneDim(a);
        requireOneDim(b);
        Object[] out = new Object[a.size() + b.size()];
        System.arraycopy(a.elements(), 0, out, 0, a.size());
        System.arraycopy(b.elements(), 0, out, a.size(), b.size());
        return new PgArray(out, new int[] { out.length }, new int[] { a.lbounds()[0] });
    }

    static PgArray append(PgArray a, Object e) {
        if (a.size() == 0) {
            return new PgArray(new Object[] { e }, new int[] { 1 }, new int[] { 1 });
        }
        requireOneDim(a);
        Object[] out = java.util.Arrays.copyOf(a.elements(), a.size() + 1);
        out[a.size()] = e;
        return new PgArray(out, new int[] { out.length }, a.lbounds());
    }

    static PgArray prepend(Object e, PgArray a) {
        if (a.size() == 0) {
            return new PgArray(new Object[] { e }, new int[] { 1 }, new int[] { 1 });
        }
        requireOneDim(a);
        Object[] out = new Object[a.size() + 1];
        out[0] = e;
        System.arraycopy(a.elements(), 0, out, 1, a.size());
        return new PgArray(out, new int[] { out.length }, new int[] { a.lbounds()[0] });
    }

    /** a[i]: NULL outside the bounds or when the array has more than one dimension. */
    static Object subscript(PgArray a, long i) {
        if (a.ndims() != 1) {
            return null;
        }
        long k = i - a.lbounds()[0];
        return k >= 0 && k < a.size() ? a.elements()[(int) k] : null;
    }

    /** a[lo:hi] on a one-dimensional array; missing bounds are the array's; the result starts at 1. */
    static PgArray slice(PgArray a, Long lo, Long hi) {
        if (a.ndims() == 0) {
            return PgArray.EMPTY;
        }
        requireOneDim(a);
        long lb = a.lbounds()[0];
        long ub = lb + a.size() - 1;
        long from = Math.max(lo == null ? lb : lo, lb);
        long to = Math.min(hi == null ? ub : hi, ub);
        if (from > to) {
            return PgArray.EMPTY;
        }
        List<Object> out = new ArrayList<>();
        for (long k = from; k <= to; k++) {
            out.add(a.elements()[(int) (k - lb)]);
        }
        return new PgArray(out.toArray(), new int[] { out.size() }, new int[] { 1 });
    }
}
