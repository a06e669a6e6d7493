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
            throw new EvalError("argument must be empty or one-dimensional array");
        }
    }

    /** array_cat / array || array: NULL acts as empty; N-dimensional arrays join along the first dimension. */
    static PgArray cat(PgArray a, PgArray b) {
        if (a == null || a.size() == 0) {
            return b != null ? b : a;
        }
        if (b == null || b.size() == 0) {
            return a;
        }
        int[] dims;
        if (a.ndims() == b.ndims()) {
            if (!java.util.Arrays.equals(a.dims(), 1, a.ndims(), b.dims(), 1, b.ndims())) {
                throw incompatible();
            }
            dims = a.dims().clone();
            dims[0] += b.dims()[0];
        } else if (a.ndims() == b.ndims() + 1
                && java.util.Arrays.equals(a.dims(), 1, a.ndims(), b.dims(), 0, b.ndims())) {
            dims = a.dims().clone();
            dims[0] += 1;
        } else if (b.ndims() == a.ndims() + 1
                && java.util.Arrays.equals(b.dims(), 1, b.ndims(), a.dims(), 0, a.ndims())) {
            dims = b.dims().clone();
            dims[0] += 1;
            return new PgArray(concat(a, b), dims, b.lbounds());
        } else {
            throw incompatible();
        }
        return new PgArray(concat(a, b), dims, a.ndims() >= b.ndims() ? a.lbounds() : b.lbounds());
    }

    private static EvalError incompatible() {
        return new EvalError("cannot concatenate incompatible arrays");
    }

    private static Object[] concat(PgArray a, PgArray b) {
        Object[] out = new Object[a.size() + b.size()];
        System.arraycopy(a.elements(), 0, out, 0, a.size());
        System.arraycopy(b.elements(), 0, out, a.size(), b.size());
        return out;
    }

    static PgArray append(PgArray a, Object e) {
        if (a == null || a.size() == 0) {
            return new PgArray(new Object[] { e }, new int[] { 1 }, new int[] { 1 });
        }
        requireOneDim(a);
        Object[] out = java.util.Arrays.copyOf(a.elements(), a.size() + 1);
        out[a.size()] = e;
        return new PgArray(out, new int[] { out.length }, a.lbounds());
    }

    static PgArray prepend(Object e, PgArray a) {
        if (a == null || a.size() == 0) {
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

    /**
     * a[lo:hi]: slices the first dimension (further dimensions are kept whole, as Postgres does with fewer
     * subscripts than dimensions); missing bounds are the array's; the result's bounds start at 1.
     */
    static PgArray slice(PgArray a, Long lo, Long hi) {
        if (a.ndims() == 0) {
            return PgArray.EMPTY;
        }
        long lb = a.lbounds()[0];
        long ub = lb + a.dims()[0] - 1;
        long from = Math.max(lo == null ? lb : lo, lb);
        long to = Math.min(hi == null ? ub : hi, ub);
        if (from > to) {
            return PgArray.EMPTY;
        }
        int inner = a.size() / a.dims()[0];
        List<Object> out = new ArrayList<>();
        for (long k = from; k <= to; k++) {
            for (int j = 0; j < inner; j++) {
                out.add(a.elements()[(int) ((k - lb) * inner + j)]);
            }
        }
        int[] dims = a.dims().clone();
        dims[0] = (int) (to - from + 1);
        int[] lbs = new int[dims.length];
        java.util.Arrays.fill(lbs, 1);
        return new PgArray(out.toArray(), dims, lbs);
    }
}
