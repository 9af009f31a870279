package dezero.ndarray;

import java.util.Arrays;

/**
 * Matrix products: shape rules in front, gemm kernels behind.
 *
 * <p>Every product is reduced to one or more {@code C = A B} with A ({@code m x k}) and B
 * ({@code k x n}) read through an offset and a row and a column stride, so transposed, sliced and
 * broadcast views are multiplied in place, without a copy. Only a {@link #tensordot} whose summed
 * (or kept) axes cannot be merged into a single stride copies its operand first. The result is
 * always a fresh contiguous array in the promoted dtype ({@link DType#promote}).
 */
final class Linalg {
    private Linalg() {
    }

    /** Products of at most this many multiply-adds take {@link DoubleGemmSmall} (no packing, no threads). */
    static final long SMALL_WORK = 4096;

    /**
     * {@code np.matmul}: for 2-d operands the matrix product {@code C[i, j] = sum_p A[i, p] B[p, j]};
     * a 1-d first operand is a row {@code (1, k)} and a 1-d second operand a column {@code (k, 1)},
     * the added axis removed from the result; operands of rank above 2 are stacks of matrices in the
     * last two axes, whose leading (batch) axes broadcast against each other.
     */
    static NdArray matmul(NdArray a, NdArray b) {
        if (a.dtype == b.dtype && a.dtype != DType.INT64 && a.strides.length == 2 && b.strides.length == 2) {
            // the common case of two matrices of one floating dtype, without the batch machinery
            int[] da = a.shape.raw();
            int[] db = b.shape.raw();
            int m = da[0];
            int k = da[1];
            int n = db[1];
            if (k == db[0]) {
                NdArray c = NdArray.allocate(a.dtype, Shape.wrap(new int[] {m, n}));
                if (m == 0 || n == 0 || k == 0) {
                    return c;
                }
                gemm(m, n, k, a, a.offset, a.strides[0], a.strides[1], b, b.offset, b.strides[0], b.strides[1], c, 0,
                        n);
                return c;
            }
        }
        return matmul("matmul", a, b);
    }

    private static NdArray matmul(String op, NdArray a, NdArray b) {
        for (int i = 0; i < 2; i++) {
            NdArray x = i == 0 ? a : b;
            if (x.ndim() == 0) {
                throw new IllegalArgumentException(op + ": operand " + i + " is 0-d (shape " + x.shape
                        + "); matmul needs at least 1 dimension (use mul for scalars)");
            }
        }
        int ra = a.ndim();
        int rb = b.ndim();
        int k = a.dim(-1);
        int kb = rb == 1 ? b.dim(0) : b.dim(-2);
        if (k != kb) {
            throw notAligned(op, a.shape, b.shape, k, ra - 1, kb, rb == 1 ? 0 : rb - 2);
        }
        DType dt = DType.promote(a.dtype, b.dtype);
        a = a.astype(dt);
        b = b.astype(dt);
        int m = ra == 1 ? 1 : a.dim(-2);
        int n = rb == 1 ? 1 : b.dim(-1);
        // row and column strides of each operand's matrices
        int ars = ra == 1 ? 0 : a.strides[ra - 2];
        int acs = a.strides[ra - 1];
        int brs = b.strides[rb == 1 ? 0 : rb - 2];
        int bcs = rb == 1 ? 0 : b.strides[rb - 1];

        int[] aBatch = Arrays.copyOf(a.shape.raw(), Math.max(ra - 2, 0));
        int[] bBatch = Arrays.copyOf(b.shape.raw(), Math.max(rb - 2, 0));
        Shape batch;
        try {
            batch = NdArray.broadcastShapes(op, Shape.wrap(aBatch), Shape.wrap(bBatch));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(op + ": shapes " + a.shape + " and " + b.shape
                    + " cannot be broadcast in their batch dimensions " + Shape.format(aBatch) + " and "
                    + Shape.format(bBatch));
        }
        int[] bd = batch.raw();
        int[] outDims = new int[bd.length + (ra == 1 ? 0 : 1) + (rb == 1 ? 0 : 1)];
        System.arraycopy(bd, 0, outDims, 0, bd.length);
        int o = bd.length;
        if (ra != 1) {
            outDims[o++] = m;
        }
        if (rb != 1) {
            outDims[o] = n;
        }
        NdArray c = NdArray.allocate(dt, Shape.wrap(outDims));
        int count = batch.size();
        if (count == 0 || m == 0 || n == 0 || k == 0) {
            return c; // empty, or an empty sum (zeros)
        }
        if (count == 1) {
            gemm(m, n, k, a, a.offset, ars, acs, b, b.offset, brs, bcs, c, 0, n);
            return c;
        }
        if (rb <= 2 && ra > 2) {
            // a stack times one matrix: when the batch axes of a merge with its row axis into a
            // single stride, the stack is one tall matrix (m * count rows) and C is laid out alike
            int[] rowAxes = new int[ra - 1];
            for (int i = 0; i < rowAxes.length; i++) {
                rowAxes[i] = i;
            }
            int rs = mergedStride(a, rowAxes);
            if (rs != NOT_MERGEABLE) {
                gemm(m * count, n, k, a, a.offset, rs, acs, b, b.offset, brs, bcs, c, 0, n);
                return c;
            }
        }
        batched(count, bd, m, n, k, a, ars, acs, b, brs, bcs, c);
        return c;
    }

    /** The stack of products over the broadcast batch shape {@code bd}; C is contiguous. */
    private static void batched(int count, int[] bd, int m, int n, int k, NdArray a, int ars, int acs, NdArray b,
            int brs, int bcs, NdArray c) {
        int[] as = batchStrides(a, bd);
        int[] bs = batchStrides(b, bd);
        long work = (long) m * n * k;
        int parts = Gemm.parts(work) > 1 ? 1 : Math.min(count, Gemm.parts(work * count));
        int mn = m * n;
        Gemm.run(parts, part -> {
            int from = (int) ((long) count * part / parts);
            int to = (int) ((long) count * (part + 1) / parts);
            int[] idx = new int[bd.length];
            // position the odometer at `from`
            int rest = from;
            for (int ax = bd.length - 1; ax >= 0; ax--) {
                idx[ax] = rest % bd[ax];
                rest /= bd[ax];
            }
            int ao = a.offset;
            int bo = b.offset;
            for (int ax = 0; ax < bd.length; ax++) {
                ao += idx[ax] * as[ax];
                bo += idx[ax] * bs[ax];
            }
            for (int t = from; t < to; t++) {
                gemm(m, n, k, a, ao, ars, acs, b, bo, brs, bcs, c, t * mn, n);
                for (int ax = bd.length - 1; ax >= 0; ax--) {
                    idx[ax]++;
                    ao += as[ax];
                    bo += bs[ax];
                    if (idx[ax] < bd[ax]) {
                        break;
                    }
                    ao -= as[ax] * bd[ax];
                    bo -= bs[ax] * bd[ax];
                    idx[ax] = 0;
                }
            }
        });
    }

    /** The strides of {@code x}'s batch axes (all but its last two) broadcast to {@code bd}: 0 where broadcast. */
    private static int[] batchStrides(NdArray x, int[] bd) {
        int[] s = new int[bd.length];
        int r = x.ndim() - 2;
        int lead = bd.length - Math.max(r, 0);
        for (int i = 0; i < r; i++) {
            s[lead + i] = x.shape.raw()[i] == 1 ? 0 : x.strides[i];
        }
        return s;
    }

    /**
     * {@code np.dot}: the product of a 0-d operand and any array is their elementwise product;
     * for 1-d and 2-d operands it is {@link #matmul}; otherwise the sum over the last axis of
     * {@code a} and the second-to-last axis of {@code b} (the last if {@code b} is 1-d), with
     * result shape {@code a.shape[:-1] + b.shape[:-2] + b.shape[-1:]}.
     */
    static NdArray dot(NdArray a, NdArray b) {
        if (a.ndim() == 0 || b.ndim() == 0) {
            return scale(a, b);
        }
        int rb = b.ndim();
        int kb = rb == 1 ? b.dim(0) : b.dim(-2);
        if (a.dim(-1) != kb) {
            throw notAligned("dot", a.shape, b.shape, a.dim(-1), a.ndim() - 1, kb, rb == 1 ? 0 : rb - 2);
        }
        if (rb == 1 || (a.ndim() <= 2 && rb == 2)) {
            return matmul("dot", a, b);
        }
        return tensordot("dot", a, b, new int[] {a.ndim() - 1}, new int[] {rb - 2});
    }

    /**
     * {@code np.tensordot(a, b, axes=(axesA, axesB))}: sums the products over the paired axes
     * {@code axesA[i]} of {@code a} and {@code axesB[i]} of {@code b} (equal lengths); the result
     * has the remaining axes of {@code a}, then those of {@code b}, each in their order.
     */
    static NdArray tensordot(NdArray a, NdArray b, int[] axesA, int[] axesB) {
        return tensordot("tensordot", a, b, axesA, axesB);
    }

    private static NdArray tensordot(String op, NdArray a, NdArray b, int[] axesA, int[] axesB) {
        if (axesA.length != axesB.length) {
            throw new IllegalArgumentException(op + ": axes " + Arrays.toString(axesA) + " of shape " + a.shape
                    + " and " + Arrays.toString(axesB) + " of shape " + b.shape + " differ in number");
        }
        int[] sa = normalizeAxes(op, a, axesA);
        int[] sb = normalizeAxes(op, b, axesB);
        long kk = 1;
        for (int i = 0; i < sa.length; i++) {
            int da = a.shape.raw()[sa[i]];
            int db = b.shape.raw()[sb[i]];
            if (da != db) {
                throw new IllegalArgumentException(op + ": shape mismatch for sum: axis " + axesA[i] + " of "
                        + a.shape + " has length " + da + " but axis " + axesB[i] + " of " + b.shape
                        + " has length " + db);
            }
            kk *= da;
        }
        DType dt = DType.promote(a.dtype, b.dtype);
        a = a.astype(dt);
        b = b.astype(dt);
        int[] fa = freeAxes(a.ndim(), sa);
        int[] fb = freeAxes(b.ndim(), sb);
        int[] outDims = new int[fa.length + fb.length];
        long m = 1;
        long n = 1;
        for (int i = 0; i < fa.length; i++) {
            outDims[i] = a.shape.raw()[fa[i]];
            m *= outDims[i];
        }
        for (int i = 0; i < fb.length; i++) {
            outDims[fa.length + i] = b.shape.raw()[fb[i]];
            n *= outDims[fa.length + i];
        }
        NdArray c = NdArray.allocate(dt, Shape.wrap(outDims));
        if (m == 0 || n == 0 || kk == 0) {
            return c;
        }
        int k = (int) kk;
        // A as an (m x k) matrix: rows over the free axes, columns over the summed axes
        int ars = mergedStride(a, fa);
        int acs = mergedStride(a, sa);
        if (ars == NOT_MERGEABLE || acs == NOT_MERGEABLE) {
            a = a.transpose(concat(fa, sa)).copy();
            ars = k;
            acs = 1;
        }
        int brs = mergedStride(b, sb);
        int bcs = mergedStride(b, fb);
        if (brs == NOT_MERGEABLE || bcs == NOT_MERGEABLE) {
            b = b.transpose(concat(sb, fb)).copy();
            brs = (int) n;
            bcs = 1;
        }
        gemm((int) m, (int) n, k, a, a.offset, ars, acs, b, b.offset, brs, bcs, c, 0, (int) n);
        return c;
    }

    private static int[] normalizeAxes(String op, NdArray x, int[] axes) {
        int[] r = new int[axes.length];
        boolean[] seen = new boolean[x.ndim()];
        for (int i = 0; i < axes.length; i++) {
            int ax = axes[i] < 0 ? axes[i] + x.ndim() : axes[i];
            if (ax < 0 || ax >= x.ndim()) {
                throw new IllegalArgumentException(op + ": axis " + axes[i] + " is out of bounds for array of shape "
                        + x.shape);
            }
            if (seen[ax]) {
                throw new IllegalArgumentException(op + ": repeated axis " + axes[i] + " in "
                        + Arrays.toString(axes) + " for array of shape " + x.shape);
            }
            seen[ax] = true;
            r[i] = ax;
        }
        return r;
    }

    private static int[] freeAxes(int rank, int[] summed) {
        boolean[] s = new boolean[rank];
        for (int ax : summed) {
            s[ax] = true;
        }
        int[] f = new int[rank - summed.length];
        for (int i = 0, j = 0; i < rank; i++) {
            if (!s[i]) {
                f[j++] = i;
            }
        }
        return f;
    }

    private static int[] concat(int[] x, int[] y) {
        int[] r = Arrays.copyOf(x, x.length + y.length);
        System.arraycopy(y, 0, r, x.length, y.length);
        return r;
    }

    static final int NOT_MERGEABLE = Integer.MIN_VALUE;

    /**
     * The single stride that walks {@code x}'s axes {@code axes} (in that order) as one flat axis in
     * C order, or {@link #NOT_MERGEABLE}; axes of length 1 are ignored, none at all gives 0.
     */
    static int mergedStride(NdArray x, int[] axes) {
        int[] dims = x.shape.raw();
        int stride = 0;
        int expectedOuter = 0;
        boolean any = false;
        for (int i = axes.length - 1; i >= 0; i--) {
            int ax = axes[i];
            if (dims[ax] == 1) {
                continue;
            }
            if (!any) {
                stride = x.strides[ax];
                any = true;
            } else if (x.strides[ax] != expectedOuter) {
                return NOT_MERGEABLE;
            }
            expectedOuter = x.strides[ax] * dims[ax];
        }
        return stride;
    }

    /** {@code C[co ...] = A B} for one product in the arrays' common dtype; C is zero on entry. */
    private static void gemm(int m, int n, int k, NdArray a, int ao, int ars, int acs, NdArray b, int bo, int brs,
            int bcs, NdArray c, int co, int ldc) {
        switch (c.dtype) {
            case FLOAT64:
                DoubleGemm.gemm(m, n, k, a.doubleData, ao, ars, acs, b.doubleData, bo, brs, bcs, c.doubleData, co, ldc);
                break;
            case FLOAT32:
                FloatGemm.gemm(m, n, k, a.floatData, ao, ars, acs, b.floatData, bo, brs, bcs, c.floatData, co, ldc);
                break;
            default:
                if ((long) m * n * k <= SMALL_WORK || m == 1 || n == 1) {
                    LongGemmPlain.naive(m, n, k, a.longData, ao, ars, acs, b.longData, bo, brs, bcs, c.longData, co,
                            ldc);
                } else {
                    LongGemmPlain.blocked(m, n, k, a.longData, ao, ars, acs, b.longData, bo, brs, bcs, c.longData,
                            co, ldc);
                }
        }
    }

    /** np.dot with a 0-d operand: the elementwise product in the promoted dtype. */
    private static NdArray scale(NdArray a, NdArray b) {
        DType dt = DType.promote(a.dtype, b.dtype);
        NdArray s = a.ndim() == 0 ? a : b;
        NdArray x = a.ndim() == 0 ? b : a;
        NdArray out = x.astype(dt).copy();
        int size = out.size();
        switch (dt) {
            case FLOAT64: {
                NdArray sv = s.astype(dt);
                double v = sv.doubleData[sv.offset];
                for (int i = 0; i < size; i++) {
                    out.doubleData[i] *= v;
                }
                break;
            }
            case FLOAT32: {
                NdArray sv = s.astype(dt);
                float v = sv.floatData[sv.offset];
                for (int i = 0; i < size; i++) {
                    out.floatData[i] *= v;
                }
                break;
            }
            default: {
                long v = s.longData[s.offset];
                for (int i = 0; i < size; i++) {
                    out.longData[i] *= v;
                }
            }
        }
        return out;
    }

    private static IllegalArgumentException notAligned(String op, Shape sa, Shape sb, int ka, int axA, int kb,
            int axB) {
        return new IllegalArgumentException(op + ": shapes " + sa + " and " + sb + " are not aligned: " + ka + " (dim "
                + axA + ") != " + kb + " (dim " + axB + ")");
    }
}
