package dezero.ndarray;

import java.util.Arrays;

/**
 * Reductions over any set of axes ({@code sum}, {@code mean}, {@code max}, {@code min}), argmax and
 * argmin, {@code logsumexp}, and {@code sumTo} (the adjoint of broadcasting).
 *
 * <p>dtype rules (NumPy's): SUM, MAX, MIN keep the dtype (int64 sums stay int64 and wrap on
 * overflow); MEAN of int64 is float64; argmax/argmin give int64; logsumexp of int64 is float64.
 * An empty reduction gives 0 for SUM, NaN for MEAN, {@code -inf} for logsumexp and an error for
 * MAX, MIN, argmax and argmin.
 *
 * <p>Sums are pairwise along contiguous runs and blocked across rows (see {@code DoubleReduce});
 * a full reduction of {@link Parallel#THRESHOLD} or more elements is cut into fixed chunks whose
 * partial results are combined, so results do not depend on the number of threads.
 */
final class Reduce {
    private Reduce() {
    }

    enum Kind {
        SUM("sum"), MEAN("mean"), MAX("max"), MIN("min");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /** Whether the small-array paths are taken (tests switch them off to compare with the general path). */
    static boolean smallPaths = true;

    /** Elements per chunk of a large full reduction. */
    private static final int CHUNK = 1 << 16;

    /** Which axes are reduced; {@code null} means all. Errors name {@code op}. */
    static boolean[] reducedAxes(String op, int[] axes, int rank) {
        boolean[] red = new boolean[rank];
        if (axes == null) {
            Arrays.fill(red, true);
            return red;
        }
        for (int ax : axes) {
            int a = Shape.normalizeAxis(op, ax, rank);
            if (red[a]) {
                throw new IllegalArgumentException(op + ": duplicate value in axis " + Arrays.toString(axes));
            }
            red[a] = true;
        }
        return red;
    }

    /** The shape after reducing the axes marked in {@code red}. */
    private static Shape reducedShape(int[] dims, boolean[] red, boolean keepdims) {
        int m = 0;
        for (boolean r : red) {
            m += r ? 0 : 1;
        }
        int[] out = new int[keepdims ? dims.length : m];
        for (int i = 0, j = 0; i < dims.length; i++) {
            if (keepdims) {
                out[i] = red[i] ? 1 : dims[i];
            } else if (!red[i]) {
                out[j++] = dims[i];
            }
        }
        return Shape.wrap(out);
    }

    /** {@code axes == null} reduces over all axes. */
    static NdArray reduce(Kind kind, NdArray a, int[] axes, boolean keepdims) {
        NdArray fast = smallPaths ? reduceSmall(kind, a, axes, keepdims) : null;
        if (fast != null) {
            return fast;
        }
        String op = kind.label;
        int rank = a.ndim();
        boolean[] red = reducedAxes(op, axes, rank);
        if (kind == Kind.MEAN && a.dtype == DType.INT64) {
            a = a.astype(DType.FLOAT64);
        }
        DType dt = a.dtype;
        if (rank == 0) {
            return a.copy();
        }
        int[] dims = a.shape.raw();
        Shape outShape = reducedShape(dims, red, keepdims);
        // the kept axes in order, the reduced ones by decreasing stride
        int nr = 0;
        for (boolean r : red) {
            nr += r ? 1 : 0;
        }
        int[] kd = new int[rank - nr];
        int[] ks = new int[rank - nr];
        int[] rd = new int[nr];
        int[] rs = new int[nr];
        long rCount = 1;
        for (int i = 0, k = 0, r = 0; i < rank; i++) {
            if (red[i]) {
                int j = r++;
                while (j > 0 && Math.abs(rs[j - 1]) < Math.abs(a.strides[i])) {
                    rd[j] = rd[j - 1];
                    rs[j] = rs[j - 1];
                    j--;
                }
                rd[j] = dims[i];
                rs[j] = a.strides[i];
                rCount *= dims[i];
            } else {
                kd[k] = dims[i];
                ks[k++] = a.strides[i];
            }
        }
        int count = (int) rCount;
        if (count == 0) {
            switch (kind) {
                case SUM:
                    return NdArray.allocate(dt, outShape);
                case MEAN:
                    return NdArray.full(dt, Double.NaN, outShape.raw());
                default:
                    throw new IllegalArgumentException(op + ": zero-size array to reduction operation "
                            + (kind == Kind.MAX ? "maximum" : "minimum") + " which has no identity, shape " + a.shape);
            }
        }
        NdArray out = NdArray.allocate(dt, outShape);
        int nOut = outShape.size();
        if (nOut == 0) {
            return out;
        }
        Broadcast kg = Broadcast.coalesce(kd, new int[][] {ks}, new int[] {0});
        Broadcast rg = Broadcast.coalesce(rd, new int[][] {rs}, new int[] {0});
        int[] kdc = kg.dims;
        int[] ksc = kg.strides[0];
        int[] rdc = rg.dims;
        int[] rsc = rg.strides[0];
        NdArray src = a;
        if (nOut == 1) {
            full(kind, src, rdc, rsc, out);
        } else {
            boolean outerOrder = ksc[ksc.length - 1] == 1 && rsc[rsc.length - 1] != 1;
            if (Parallel.worthIt((long) nOut * count)) {
                int grain = Math.max(1, Reduce.CHUNK / count);
                Parallel.forRange(nOut, grain, (s, e) -> partial(kind, outerOrder, src, kdc, ksc, rdc, rsc, out, s, e));
            } else {
                partial(kind, outerOrder, src, kdc, ksc, rdc, rsc, out, 0, nOut);
            }
        }
        if (kind == Kind.MEAN) {
            if (dt == DType.FLOAT64) {
                DoubleReduce.divide(out.doubleData, count);
            } else {
                FloatReduce.divide(out.floatData, count);
            }
        }
        return out;
    }

    /**
     * The common small cases without a loop plan: a contiguous float array of fewer than
     * {@link Parallel#THRESHOLD} elements reduced over all axes, or a 2-d one (at least 2 x 2) over
     * axis 0 or axis 1. The same kernels in the same order as the general path, so the same results;
     * {@code null} for any other case.
     */
    private static NdArray reduceSmall(Kind kind, NdArray a, int[] axes, boolean keepdims) {
        DType dt = a.dtype;
        int n = a.size();
        int rank = a.ndim();
        if (dt == DType.INT64 || rank == 0 || n == 0 || n >= Parallel.THRESHOLD || !a.isContiguous()) {
            return null;
        }
        int axis;
        if (axes == null || (rank == 1 && axes.length == 1 && (axes[0] == 0 || axes[0] == -1))) {
            axis = -1;
        } else if (rank == 2 && axes.length == 1 && axes[0] >= -2 && axes[0] <= 1) {
            axis = axes[0] & 1;
        } else {
            return null;
        }
        int[] dims = a.shape.raw();
        if (axis < 0) {
            Shape outShape = keepdims ? Shape.wrap(ones(rank)) : Shape.scalar();
            NdArray out = NdArray.allocate(dt, outShape);
            boolean sum = kind == Kind.SUM || kind == Kind.MEAN;
            boolean max = kind == Kind.MAX;
            if (dt == DType.FLOAT64) {
                double v = sum ? DoubleReduce.sum(a.doubleData, a.offset, 1, n)
                        : DoubleReduce.extreme(max, a.doubleData, a.offset, 1, n);
                out.doubleData[0] = v;
            } else {
                float v = sum ? FloatReduce.sum(a.floatData, a.offset, 1, n)
                        : FloatReduce.extreme(max, a.floatData, a.offset, 1, n);
                out.floatData[0] = v;
            }
            return mean(kind, out, n);
        }
        int rows = dims[0];
        int m = dims[1];
        if (rows < 2 || m < 2) {
            return null;
        }
        int kept = axis == 0 ? m : rows;
        Shape outShape;
        if (!keepdims) {
            outShape = Shape.wrap(new int[] {kept});
        } else {
            outShape = Shape.wrap(axis == 0 ? new int[] {1, m} : new int[] {rows, 1});
        }
        NdArray out = NdArray.allocate(dt, outShape);
        if (dt == DType.FLOAT64) {
            DoubleReduce.rows(kind, axis == 0, a.doubleData, a.offset, rows, m, out.doubleData);
        } else {
            FloatReduce.rows(kind, axis == 0, a.floatData, a.offset, rows, m, out.floatData);
        }
        return mean(kind, out, axis == 0 ? rows : m);
    }

    private static int[] ones(int rank) {
        int[] d = new int[rank];
        Arrays.fill(d, 1);
        return d;
    }

    /** {@code out} divided by {@code count} for MEAN (in place: {@code out} is fresh), else {@code out}. */
    private static NdArray mean(Kind kind, NdArray out, int count) {
        if (kind == Kind.MEAN) {
            if (out.dtype == DType.FLOAT64) {
                DoubleReduce.divide(out.doubleData, count);
            } else {
                FloatReduce.divide(out.floatData, count);
            }
        }
        return out;
    }

    private static void partial(Kind kind, boolean outerOrder, NdArray a, int[] kd, int[] ks, int[] rd, int[] rs,
            NdArray out, int s, int e) {
        switch (a.dtype) {
            case FLOAT64:
                if (outerOrder) {
                    DoubleReduce.outer(kind, a.doubleData, a.offset, kd, ks, rd, rs, out.doubleData, s, e);
                } else {
                    DoubleReduce.inner(kind, a.doubleData, a.offset, kd, ks, rd, rs, out.doubleData, s, e);
                }
                break;
            case FLOAT32:
                if (outerOrder) {
                    FloatReduce.outer(kind, a.floatData, a.offset, kd, ks, rd, rs, out.floatData, s, e);
                } else {
                    FloatReduce.inner(kind, a.floatData, a.offset, kd, ks, rd, rs, out.floatData, s, e);
                }
                break;
            default:
                if (outerOrder) {
                    LongReduce.outer(kind, a.longData, a.offset, kd, ks, rd, rs, out.longData, s, e);
                } else {
                    LongReduce.inner(kind, a.longData, a.offset, kd, ks, rd, rs, out.longData, s, e);
                }
        }
    }

    /** A reduction to a single value; large ones in fixed chunks of the first reduced axis. */
    private static void full(Kind kind, NdArray a, int[] rd, int[] rs, NdArray out) {
        int outer = rd[0];
        long per = 1;
        for (int i = 1; i < rd.length; i++) {
            per *= rd[i];
        }
        long total = per * outer;
        int chunks = total < 2L * CHUNK ? 1 : (int) Math.min(outer, (total + CHUNK - 1) / CHUNK);
        if (chunks <= 1) {
            fullRange(kind, a, rd, rs, out, 0, 0, outer);
            return;
        }
        NdArray parts = NdArray.allocate(a.dtype, Shape.of(chunks));
        Parallel.forRange(chunks, 1, (cs, ce) -> {
            for (int c = cs; c < ce; c++) {
                int lo = (int) ((long) outer * c / chunks);
                int hi = (int) ((long) outer * (c + 1) / chunks);
                fullRange(kind, a, rd, rs, parts, c, lo, hi);
            }
        });
        int[] one = {chunks};
        int[] unit = {1};
        fullRange(kind == Kind.MEAN ? Kind.SUM : kind, parts, one, unit, out, 0, 0, chunks);
    }

    private static void fullRange(Kind kind, NdArray a, int[] rd, int[] rs, NdArray out, int slot, int lo, int hi) {
        switch (a.dtype) {
            case FLOAT64:
                out.doubleData[slot] = DoubleReduce.group(kind, a.doubleData, a.offset, rd, rs, lo, hi);
                break;
            case FLOAT32:
                out.floatData[slot] = FloatReduce.group(kind, a.floatData, a.offset, rd, rs, lo, hi);
                break;
            default:
                out.longData[slot] = LongReduce.group(kind, a.longData, a.offset, rd, rs, lo, hi);
        }
    }

    /** {@code axis == null}: over the flattened array, giving a 0-d int64. */
    static NdArray argReduce(boolean max, NdArray a, Integer axis) {
        String op = max ? "argmax" : "argmin";
        if (axis == null) {
            int n = a.size();
            if (n == 0) {
                throw new IllegalArgumentException(op + ": attempt to get " + op + " of an empty sequence, shape "
                        + a.shape);
            }
            NdArray c = a.contiguous();
            int i;
            switch (c.dtype) {
                case FLOAT64:
                    i = DoubleReduce.arg(max, c.doubleData, c.offset, 1, n);
                    break;
                case FLOAT32:
                    i = FloatReduce.arg(max, c.floatData, c.offset, 1, n);
                    break;
                default:
                    i = LongReduce.arg(max, c.longData, c.offset, 1, n);
            }
            return Elementwise.scalar((long) i);
        }
        int rank = a.ndim();
        int ax = Shape.normalizeAxis(op, axis, rank);
        int[] dims = a.shape.raw();
        int n = dims[ax];
        if (n == 0) {
            throw new IllegalArgumentException(op + ": attempt to get " + op + " of an empty sequence, shape "
                    + a.shape + ", axis " + axis);
        }
        int[] kd = new int[rank - 1];
        int[] ks = new int[rank - 1];
        for (int i = 0, k = 0; i < rank; i++) {
            if (i != ax) {
                kd[k] = dims[i];
                ks[k++] = a.strides[i];
            }
        }
        Shape outShape = Shape.wrap(kd.clone());
        long[] out = new long[outShape.size()];
        if (out.length > 0) {
            Broadcast kg = Broadcast.coalesce(kd, new int[][] {ks}, new int[] {0});
            int stride = a.strides[ax];
            switch (a.dtype) {
                case FLOAT64:
                    DoubleReduce.argAlong(max, a.doubleData, a.offset, kg.dims, kg.strides[0], stride, n, out);
                    break;
                case FLOAT32:
                    FloatReduce.argAlong(max, a.floatData, a.offset, kg.dims, kg.strides[0], stride, n, out);
                    break;
                default:
                    LongReduce.argAlong(max, a.longData, a.offset, kg.dims, kg.strides[0], stride, n, out);
            }
        }
        return NdArray.wrap(out, outShape);
    }

    /**
     * {@code log(sum(exp(a)))} over {@code axes}, computed as {@code m + log(sum(exp(a - m)))} with
     * {@code m} the maximum (taken as 0 where it is not finite): no overflow, and a slice of only
     * {@code -inf} gives {@code -inf}, not NaN.
     */
    static NdArray logsumexp(NdArray a, int[] axes, boolean keepdims) {
        boolean[] red = reducedAxes("logsumexp", axes, a.ndim());
        if (a.dtype == DType.INT64) {
            a = a.astype(DType.FLOAT64);
        }
        Shape outShape = reducedShape(a.shape.raw(), red, keepdims);
        Shape keptShape = reducedShape(a.shape.raw(), red, true);
        long count = 1;
        for (int i = 0; i < red.length; i++) {
            count *= red[i] ? a.shape.raw()[i] : 1;
        }
        if (count == 0) {
            return NdArray.full(a.dtype, Double.NEGATIVE_INFINITY, outShape.raw());
        }
        if (smallPaths && a.ndim() == 2 && !red[0] && red[1] && a.size() > 0 && a.size() < Parallel.THRESHOLD
                && a.isContiguous()) {
            return logsumexpRows(a, keepdims ? keptShape : outShape);
        }
        NdArray m = reduce(Kind.MAX, a, axes, true);
        if (m.dtype == DType.FLOAT64) {
            DoubleUnary.zeroNonFinite(m.doubleData);
        } else {
            FloatUnary.zeroNonFinite(m.floatData);
        }
        NdArray s = reduce(Kind.SUM, a.sub(m).exp(), axes, true);
        NdArray r = s.log().add(m);
        return r.shape.equals(outShape) ? r : r.reshape(outShape.raw());
    }

    /**
     * {@code logsumexp} over axis 1 of a small contiguous float matrix in one pass per step, with
     * the kernels and the order of the general path (so the same results) and fewer temporaries.
     */
    private static NdArray logsumexpRows(NdArray a, Shape outShape) {
        int[] dims = a.shape.raw();
        int rows = dims[0];
        int m = dims[1];
        DType dt = a.dtype;
        Shape column = Shape.wrap(new int[] {rows, 1});
        NdArray max = NdArray.allocate(dt, column);
        NdArray d = NdArray.allocate(dt, a.shape);
        NdArray e = NdArray.allocate(dt, a.shape);
        NdArray sum = NdArray.allocate(dt, column);
        NdArray s = NdArray.allocate(dt, column);
        if (dt == DType.FLOAT64) {
            DoubleReduce.shiftRows(a.doubleData, a.offset, rows, m, true, max.doubleData, d.doubleData);
        } else {
            FloatReduce.shiftRows(a.floatData, a.offset, rows, m, true, max.floatData, d.floatData);
        }
        Elementwise.unaryInto(Elementwise.Unary.EXP, d, e);
        if (dt == DType.FLOAT64) {
            for (int r = 0; r < rows; r++) {
                sum.doubleData[r] = DoubleReduce.sum(e.doubleData, r * m, 1, m);
            }
        } else {
            for (int r = 0; r < rows; r++) {
                sum.floatData[r] = FloatReduce.sum(e.floatData, r * m, 1, m);
            }
        }
        Elementwise.unaryInto(Elementwise.Unary.LOG, sum, s);
        if (dt == DType.FLOAT64) {
            DoubleBinary.vv(Elementwise.Binary.ADD, s.doubleData, 0, max.doubleData, 0, s.doubleData, 0, rows);
            return NdArray.wrap(s.doubleData, outShape);
        }
        FloatBinary.vv(Elementwise.Binary.ADD, s.floatData, 0, max.floatData, 0, s.floatData, 0, rows);
        return NdArray.wrap(s.floatData, outShape);
    }

    /**
     * {@code e / sum(e, axis)} with {@code e = exp(a - max(a, axis))}: the softmax along one axis
     * (int64 computed in float64). A contiguous matrix of fewer than {@link Parallel#THRESHOLD}
     * elements over axis 1 takes one pass per step with the kernels and the order of this
     * composition, so the same results.
     */
    static NdArray softmax(NdArray a, int axis) {
        int ax = Shape.normalizeAxis("softmax", axis, a.ndim());
        if (a.dtype == DType.INT64) {
            a = a.astype(DType.FLOAT64);
        }
        if (smallPaths && ax == 1 && a.ndim() == 2 && a.size() > 0 && a.size() < Parallel.THRESHOLD
                && a.isContiguous()) {
            return softmaxRows(a);
        }
        int[] axes = {ax};
        NdArray e = a.sub(reduce(Kind.MAX, a, axes, true)).exp();
        return e.div(reduce(Kind.SUM, e, axes, true));
    }

    private static NdArray softmaxRows(NdArray a) {
        int[] dims = a.shape.raw();
        int rows = dims[0];
        int m = dims[1];
        NdArray shifted = NdArray.allocate(a.dtype, a.shape);
        NdArray e = NdArray.allocate(a.dtype, a.shape);
        if (a.dtype == DType.FLOAT64) {
            DoubleReduce.shiftRows(a.doubleData, a.offset, rows, m, false, new double[rows], shifted.doubleData);
        } else {
            FloatReduce.shiftRows(a.floatData, a.offset, rows, m, false, new float[rows], shifted.floatData);
        }
        Elementwise.unaryInto(Elementwise.Unary.EXP, shifted, e);
        if (a.dtype == DType.FLOAT64) {
            DoubleReduce.divideRowsBySums(e.doubleData, rows, m);
        } else {
            FloatReduce.divideRowsBySums(e.floatData, rows, m);
        }
        return e;
    }

    /**
     * Sums {@code a} down to {@code target}: over its leading extra axes, and with keepdims over the
     * axes where {@code target} has length 1; the adjoint of {@link NdArray#broadcastTo(Shape)}.
     */
    static NdArray sumTo(NdArray a, Shape target) {
        if (target.equals(a.shape)) {
            return a;
        }
        int[] t = target.raw();
        int[] s = a.shape.raw();
        int lead = s.length - t.length;
        if (lead < 0) {
            throw new IllegalArgumentException("sumTo: cannot sum shape " + a.shape + " to " + target);
        }
        int[] axes = new int[s.length];
        int n = 0;
        for (int i = 0; i < lead; i++) {
            axes[n++] = i;
        }
        for (int i = 0; i < t.length; i++) {
            int d = s[lead + i];
            if (t[i] == 1 && d != 1) {
                axes[n++] = lead + i;
            } else if (t[i] != d) {
                throw new IllegalArgumentException("sumTo: cannot sum shape " + a.shape + " to " + target);
            }
        }
        NdArray r = reduce(Kind.SUM, a, Arrays.copyOf(axes, n), true);
        return r.reshape(t);
    }
}
