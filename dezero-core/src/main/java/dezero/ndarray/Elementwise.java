package dezero.ndarray;

import java.util.Locale;

/**
 * Elementwise operations with NumPy broadcasting: dtype promotion, shape checks, dispatch to the
 * kernels ({@code DoubleBinary}, {@code DoubleUnary}, {@code DoubleMath}, {@code DoubleVectorMath} and
 * their generated float32/int64 twins).
 *
 * <p>dtype rules:
 * <ul>
 *   <li>array with array: {@link DType#promote}; int64 with int64 stays int64 except {@code DIV}
 *       (true division, float64) and {@code POW} with a negative exponent (an error, as in NumPy).
 *   <li>array with a Java {@code double}: the scalar never promotes a float array ({@code float32 +
 *       0.1} stays float32, the scalar is rounded to float32 first, as NumPy does with a Python
 *       float); an int64 array with a scalar gives float64, except comparisons, which give an int64
 *       mask (computed in float64, as NumPy compares an int64 array with a Python float).
 *   <li>comparisons give masks of 1 and 0 in the dtype the operands promote to.
 *   <li>unary: NEG, ABS, SIGN, SQUARE keep int64; the transcendental ones and SQRT give float64 for
 *       int64 input. {@code clip} of int64 gives float64 (its bounds are Java doubles).
 * </ul>
 *
 * <p>Speed: 0-d operands take a path without loops or plans (the autodiff engine runs millions of
 * them); other operands are described by a coalesced {@link Broadcast} plan whose innermost loops are
 * contiguous or scalar-broadcast wherever the layout allows; results of {@link Parallel#THRESHOLD}
 * elements or more are computed by several threads; EXP, LOG, SIN, COS and TANH use the Vector API
 * when it is available, with the same results as the plain loops (see {@link Transcendental}).
 */
final class Elementwise {
    private Elementwise() {
    }

    enum Binary {
        ADD, SUB, MUL, DIV, POW, MAXIMUM, MINIMUM, EQ, GT, GE, LT, LE;

        /** The name in error messages ({@code add}, {@code maximum}, ...). */
        final String label = name().toLowerCase(Locale.ROOT);

        boolean isComparison() {
            return ordinal() >= EQ.ordinal();
        }
    }

    enum Unary {
        NEG, EXP, LOG, SIN, COS, TANH, SQRT, ABS, SIGN, SQUARE;

        final String label = name().toLowerCase(Locale.ROOT);

        /** True when the result of an int64 input stays int64. */
        boolean keepsInt() {
            return this == NEG || this == ABS || this == SIGN || this == SQUARE;
        }
    }

    /**
     * True when the Vector API may be used: the module {@code jdk.incubator.vector} is in the boot layer,
     * the system property {@code dezero.vector} is not {@code false}, the platform is x86-64 or AArch64
     * and its vectors have 256 bits or more ({@link VectorTranscendental#supported}). Either path gives
     * the same results, bit for bit.
     */
    static final boolean VECTOR_AVAILABLE = detectVector();

    /** Whether kernels use the Vector API; tests switch it off to exercise the plain path. */
    static boolean useVector = VECTOR_AVAILABLE;

    /**
     * Arrays (or chunks) shorter than this take the plain transcendental loops even when the Vector
     * API is used. Compiled by C2 the vector loop gains less than 0.1 us there, but until C2 has
     * compiled it the Vector API runs its Java fallbacks (an object per operation) in the
     * interpreter and C1, tens of times slower than the plain loop; a kernel called once per
     * training step on a short array (the log of a row-wise logsumexp) stays in that state for
     * thousands of calls. The results are the same bits on both paths.
     */
    static final int VECTOR_MIN_LENGTH = 64;

    private static final int[] NO_STRIDES = new int[0];

    private static boolean detectVector() {
        try {
            if ("false".equalsIgnoreCase(System.getProperty("dezero.vector"))) {
                return false;
            }
            if (!ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
                return false;
            }
            String arch = System.getProperty("os.arch", "");
            if (!(arch.equals("amd64") || arch.equals("x86_64") || arch.equals("aarch64"))) {
                return false;
            }
            return VectorTranscendental.supported();
        } catch (RuntimeException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------ 0-d results

    static NdArray scalar(double v) {
        return new NdArray(DType.FLOAT64, Shape.scalar(), NO_STRIDES, 0, new double[] {v}, null, null);
    }

    static NdArray scalar(float v) {
        return new NdArray(DType.FLOAT32, Shape.scalar(), NO_STRIDES, 0, null, new float[] {v}, null);
    }

    static NdArray scalar(long v) {
        return new NdArray(DType.INT64, Shape.scalar(), NO_STRIDES, 0, null, null, new long[] {v});
    }

    // ------------------------------------------------------------------ binary

    static NdArray binary(Binary op, NdArray a, NdArray b) {
        DType dt = a.dtype;
        if (dt == b.dtype && a.strides.length == 0 && b.strides.length == 0) {
            switch (dt) {
                case FLOAT64:
                    return scalar(DoubleBinary.apply(op, a.doubleData[a.offset], b.doubleData[b.offset]));
                case FLOAT32:
                    return scalar(FloatBinary.apply(op, a.floatData[a.offset], b.floatData[b.offset]));
                default:
                    if (op == Binary.DIV) {
                        return scalar((double) a.longData[a.offset] / (double) b.longData[b.offset]);
                    }
                    return scalar(LongBinary.apply(op, a.longData[a.offset], b.longData[b.offset]));
            }
        }
        if (dt == b.dtype && (dt != DType.INT64 || (op != Binary.DIV && op != Binary.POW))) {
            NdArray r = binarySmall(op, a, b);
            if (r != null) {
                return r;
            }
        }
        return binaryGeneral(op, a, b);
    }

    /**
     * The common layouts of small operands of one dtype, without a loop plan: equal shapes, a 0-d
     * operand, and a 2-d {@code (N, M)} with a row {@code (M,)} / {@code (1, M)} or a column
     * {@code (N, 1)}, all contiguous. The same kernels as the general path, so the same results.
     * {@code null} for any other case (and for results large enough to be split over threads).
     */
    private static NdArray binarySmall(Binary op, NdArray a, NdArray b) {
        int[] sa = a.shape.raw();
        int[] sb = b.shape.raw();
        Shape shape;
        int rows;
        int cols;
        int mode; // the layouts of DoubleBinary.small
        if (a.shape == b.shape || java.util.Arrays.equals(sa, sb)) {
            shape = a.shape;
            rows = 1;
            cols = shape.size();
            mode = 0;
        } else if (sb.length == 0) {
            shape = a.shape;
            rows = 1;
            cols = shape.size();
            mode = 1;
        } else if (sa.length == 0) {
            shape = b.shape;
            rows = 1;
            cols = shape.size();
            mode = 2;
        } else if (sa.length == 2 && isRowOf(sb, sa)) {
            shape = a.shape;
            rows = sa[0];
            cols = sa[1];
            mode = 3;
        } else if (sb.length == 2 && isRowOf(sa, sb)) {
            shape = b.shape;
            rows = sb[0];
            cols = sb[1];
            mode = 4;
        } else if (sa.length == 2 && sb.length == 2 && sb[1] == 1 && sb[0] == sa[0]) {
            shape = a.shape;
            rows = sa[0];
            cols = sa[1];
            mode = 5;
        } else if (sa.length == 2 && sb.length == 2 && sa[1] == 1 && sa[0] == sb[0]) {
            shape = b.shape;
            rows = sb[0];
            cols = sb[1];
            mode = 6;
        } else {
            return null;
        }
        int n = shape.size();
        if (n == 0 || Parallel.worthIt(n) || !a.isContiguous() || !b.isContiguous()) {
            return null;
        }
        NdArray out = NdArray.allocate(a.dtype, shape);
        switch (a.dtype) {
            case FLOAT64:
                DoubleBinary.small(op, mode, rows, cols, a.doubleData, a.offset, b.doubleData, b.offset,
                        out.doubleData);
                break;
            case FLOAT32:
                FloatBinary.small(op, mode, rows, cols, a.floatData, a.offset, b.floatData, b.offset, out.floatData);
                break;
            default:
                LongBinary.small(op, mode, rows, cols, a.longData, a.offset, b.longData, b.offset, out.longData);
        }
        return out;
    }

    /** True when {@code row} is {@code (M,)} or {@code (1, M)} for a matrix of shape {@code (N, M)}. */
    private static boolean isRowOf(int[] row, int[] matrix) {
        int m = matrix[1];
        return (row.length == 1 && row[0] == m) || (row.length == 2 && row[0] == 1 && row[1] == m);
    }

    private static NdArray binaryGeneral(Binary op, NdArray a, NdArray b) {
        Shape shape = a.shape.equals(b.shape) ? a.shape : NdArray.broadcastShapes(op.label, a.shape, b.shape);
        DType dt = DType.promote(a.dtype, b.dtype);
        if (dt == DType.INT64 && op == Binary.DIV) {
            dt = DType.FLOAT64;
        }
        a = a.astype(dt);
        b = b.astype(dt);
        if (dt == DType.INT64 && op == Binary.POW) {
            checkNonNegative(b);
        }
        NdArray out = NdArray.allocate(dt, shape);
        int n = shape.size();
        if (n == 0) {
            return out;
        }
        Broadcast plan = Broadcast.of(shape, a, b);
        NdArray fa = a;
        NdArray fb = b;
        if (Parallel.worthIt(n)) {
            Parallel.forRange(n, (s, e) -> runBinary(op, fa, fb, out, plan, s, e));
        } else {
            runBinary(op, fa, fb, out, plan, 0, n);
        }
        return out;
    }

    private static void runBinary(Binary op, NdArray a, NdArray b, NdArray out, Broadcast plan, int s, int e) {
        switch (out.dtype) {
            case FLOAT64:
                DoubleBinary.run(op, a.doubleData, b.doubleData, out.doubleData, plan, s, e);
                break;
            case FLOAT32:
                FloatBinary.run(op, a.floatData, b.floatData, out.floatData, plan, s, e);
                break;
            default:
                LongBinary.run(op, a.longData, b.longData, out.longData, plan, s, e);
        }
    }

    /** {@code a + alpha * b} with the roundings of {@code a.add(b.mul(alpha))} (see {@link NdArray#addScaled}). */
    static NdArray addScaled(NdArray a, NdArray b, double alpha) {
        DType dt = a.dtype;
        if (dt != b.dtype || dt == DType.INT64 || !a.shape.equals(b.shape) || !a.isContiguous() || !b.isContiguous()) {
            return a.add(b.mul(alpha));
        }
        NdArray out = NdArray.allocate(dt, a.shape);
        int n = a.size();
        if (Parallel.worthIt(n)) {
            Parallel.forRange(n, (s, e) -> runAddScaled(a, b, alpha, out, s, e));
        } else {
            runAddScaled(a, b, alpha, out, 0, n);
        }
        return out;
    }

    private static void runAddScaled(NdArray a, NdArray b, double alpha, NdArray out, int s, int e) {
        if (a.dtype == DType.FLOAT64) {
            DoubleBinary.addScaled(a.doubleData, a.offset + s, b.doubleData, b.offset + s, alpha, out.doubleData, s,
                    e - s);
        } else {
            FloatBinary.addScaled(a.floatData, a.offset + s, b.floatData, b.offset + s, (float) alpha, out.floatData,
                    s, e - s);
        }
    }

    private static void checkNonNegative(NdArray exponent) {
        for (long v : exponent.toLongArray()) {
            if (v < 0) {
                throw new IllegalArgumentException("pow: integers to negative integer powers are not allowed, got exponent "
                        + v);
            }
        }
    }

    /** {@code a op scalar}; see the class comment for the dtype rules. */
    static NdArray binaryScalar(Binary op, NdArray a, double scalar) {
        switch (a.dtype) {
            case FLOAT64:
                if (a.strides.length == 0) {
                    return scalar(DoubleBinary.apply(op, a.doubleData[a.offset], scalar));
                }
                break;
            case FLOAT32:
                if (a.strides.length == 0) {
                    return scalar(FloatBinary.apply(op, a.floatData[a.offset], (float) scalar));
                }
                break;
            default:
                if (op.isComparison()) {
                    return binaryScalar(op, a.astype(DType.FLOAT64), scalar).astype(DType.INT64);
                }
                return binaryScalar(op, a.astype(DType.FLOAT64), scalar);
        }
        if (op == Binary.POW) {
            // NumPy's fast paths for these exponents (exact where pow may be off by an ulp)
            if (scalar == 2) {
                return unary(Unary.SQUARE, a);
            }
            if (scalar == 0.5) {
                return unary(Unary.SQRT, a);
            }
            if (scalar == -1) {
                return binaryScalarReversed(Binary.DIV, 1, a);
            }
        }
        if (!a.isContiguous()) {
            NdArray s = a.dtype == DType.FLOAT64 ? scalar(scalar) : scalar((float) scalar);
            return binaryGeneral(op, a, s);
        }
        int n = a.size();
        NdArray out = NdArray.allocate(a.dtype, a.shape);
        if (Parallel.worthIt(n)) {
            Parallel.forRange(n, (s, e) -> runScalar(op, a, scalar, out, s, e));
        } else {
            runScalar(op, a, scalar, out, 0, n);
        }
        return out;
    }

    private static void runScalar(Binary op, NdArray a, double scalar, NdArray out, int s, int e) {
        if (a.dtype == DType.FLOAT64) {
            DoubleBinary.vs(op, a.doubleData, a.offset + s, scalar, out.doubleData, s, e - s);
        } else {
            FloatBinary.vs(op, a.floatData, a.offset + s, (float) scalar, out.floatData, s, e - s);
        }
    }

    /** {@code scalar op a} for a float array. */
    private static NdArray binaryScalarReversed(Binary op, double scalar, NdArray a) {
        NdArray s = a.dtype == DType.FLOAT64 ? scalar(scalar) : scalar((float) scalar);
        return binaryGeneral(op, s, a);
    }

    // ------------------------------------------------------------------ unary

    static NdArray unary(Unary op, NdArray a) {
        DType dt = a.dtype;
        if (a.strides.length == 0) {
            switch (dt) {
                case FLOAT64: {
                    double x = a.doubleData[a.offset];
                    return scalar(op.keepsInt() ? DoubleUnary.apply(op, x) : DoubleMath.apply(op, x));
                }
                case FLOAT32: {
                    float x = a.floatData[a.offset];
                    return scalar(op.keepsInt() ? FloatUnary.apply(op, x) : FloatMath.apply(op, x));
                }
                default:
                    if (op.keepsInt()) {
                        return scalar(LongUnary.apply(op, a.longData[a.offset]));
                    }
            }
        }
        if (dt == DType.INT64 && !op.keepsInt()) {
            a = a.astype(DType.FLOAT64);
            dt = DType.FLOAT64;
        }
        NdArray in = a.contiguous();
        NdArray out = NdArray.allocate(dt, a.shape);
        int n = a.size();
        boolean vector = useVector && !op.keepsInt() && op != Unary.SQRT && dt != DType.INT64;
        if (Parallel.worthIt(n)) {
            Parallel.forRange(n, (s, e) -> runUnary(op, vector, in, out, s, e));
        } else {
            runUnary(op, vector, in, out, 0, n);
        }
        return out;
    }

    /**
     * {@code out = op(a)} for a contiguous floating {@code a} of fewer than {@link Parallel#THRESHOLD}
     * elements and of rank 1 or more, exactly as {@link #unary} computes it, into {@code out} (another
     * array of the same size and dtype, contiguous from 0: the kernels read their input twice).
     */
    static void unaryInto(Unary op, NdArray a, NdArray out) {
        boolean vector = useVector && !op.keepsInt() && op != Unary.SQRT;
        runUnary(op, vector, a, out, 0, a.size());
    }

    private static void runUnary(Unary op, boolean vectorAllowed, NdArray a, NdArray out, int s, int e) {
        int ao = a.offset + s;
        int n = e - s;
        boolean vector = vectorAllowed && n >= VECTOR_MIN_LENGTH;
        switch (out.dtype) {
            case FLOAT64:
                if (op.keepsInt()) {
                    DoubleUnary.run(op, a.doubleData, ao, out.doubleData, s, n);
                } else if (vector) {
                    DoubleVectorMath.run(op, a.doubleData, ao, out.doubleData, s, n);
                } else {
                    DoubleMath.run(op, a.doubleData, ao, out.doubleData, s, n);
                }
                break;
            case FLOAT32:
                if (op.keepsInt()) {
                    FloatUnary.run(op, a.floatData, ao, out.floatData, s, n);
                } else if (vector) {
                    FloatVectorMath.run(op, a.floatData, ao, out.floatData, s, n);
                } else {
                    FloatMath.run(op, a.floatData, ao, out.floatData, s, n);
                }
                break;
            default:
                LongUnary.run(op, a.longData, ao, out.longData, s, n);
        }
    }

    /**
     * The logistic sigmoid {@code 1 / (exp(-a) + 1)}, with the bits of that composition of rounded
     * operations ({@code neg}, {@code exp}, {@code add(1)}, the reciprocal) in one call: no
     * intermediate arrays but one, which matters for the small activations of a training step.
     * int64 and 0-d inputs take the composition itself.
     */
    static NdArray sigmoid(NdArray a) {
        if (a.dtype == DType.INT64 || a.strides.length == 0) {
            NdArray d = a.neg().exp().add(1.0);
            NdArray one = d.dtype == DType.FLOAT64 ? scalar(1.0) : scalar(1.0f);
            return binary(Binary.DIV, one, d);
        }
        NdArray negated = unary(Unary.NEG, a);
        NdArray out = NdArray.allocate(a.dtype, a.shape);
        int n = a.size();
        boolean vector = useVector;
        if (Parallel.worthIt(n)) {
            Parallel.forRange(n, (s, e) -> runSigmoid(vector, negated, out, s, e));
        } else {
            runSigmoid(vector, negated, out, 0, n);
        }
        return out;
    }

    private static void runSigmoid(boolean vector, NdArray negated, NdArray out, int s, int e) {
        runUnary(Unary.EXP, vector, negated, out, s, e);
        if (out.dtype == DType.FLOAT64) {
            double[] o = out.doubleData;
            for (int i = s; i < e; i++) {
                o[i] = 1 / (o[i] + 1);
            }
        } else {
            float[] o = out.floatData;
            for (int i = s; i < e; i++) {
                o[i] = 1 / (o[i] + 1f);
            }
        }
    }

    // ------------------------------------------------------------------ clip, where, allclose

    /** {@code np.clip}: {@code minimum(maximum(a, lo), hi)}; NaN propagates; int64 gives float64. */
    static NdArray clip(NdArray a, double lo, double hi) {
        if (a.dtype == DType.INT64) {
            a = a.astype(DType.FLOAT64);
        }
        NdArray in = a.contiguous();
        NdArray out = NdArray.allocate(a.dtype, a.shape);
        int n = a.size();
        if (Parallel.worthIt(n)) {
            Parallel.forRange(n, (s, e) -> runClip(in, lo, hi, out, s, e));
        } else {
            runClip(in, lo, hi, out, 0, n);
        }
        return out;
    }

    private static void runClip(NdArray a, double lo, double hi, NdArray out, int s, int e) {
        if (a.dtype == DType.FLOAT64) {
            DoubleUnary.clip(a.doubleData, a.offset + s, lo, hi, out.doubleData, s, e - s);
        } else {
            FloatUnary.clip(a.floatData, a.offset + s, (float) lo, (float) hi, out.floatData, s, e - s);
        }
    }

    /** {@code np.where(mask, a, b)}: the three broadcast together; the result has dtype {@code promote(a, b)}. */
    static NdArray where(NdArray mask, NdArray a, NdArray b) {
        Shape shape;
        try {
            shape = NdArray.broadcastShapes("where", NdArray.broadcastShapes("where", mask.shape, a.shape), b.shape);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("where: shapes " + mask.shape + ", " + a.shape + " and " + b.shape
                    + " cannot be broadcast", e);
        }
        DType dt = DType.promote(a.dtype, b.dtype);
        NdArray ca = a.astype(dt);
        NdArray cb = b.astype(dt);
        boolean[] m;
        switch (mask.dtype) {
            case FLOAT64:
                m = DoubleUnary.nonzero(mask);
                break;
            case FLOAT32:
                m = FloatUnary.nonzero(mask);
                break;
            default:
                m = LongUnary.nonzero(mask);
        }
        NdArray out = NdArray.allocate(dt, shape);
        int n = shape.size();
        if (n == 0) {
            return out;
        }
        // the mask is C-order storage of its own shape
        Broadcast plan = Broadcast.of(shape, new Shape[] {mask.shape, ca.shape, cb.shape},
                new int[][] {NdArray.contiguousStrides(mask.shape.raw()), ca.strides, cb.strides},
                new int[] {0, ca.offset, cb.offset});
        if (Parallel.worthIt(n)) {
            Parallel.forRange(n, (s, e) -> runWhere(m, ca, cb, out, plan, s, e));
        } else {
            runWhere(m, ca, cb, out, plan, 0, n);
        }
        return out;
    }

    private static void runWhere(boolean[] m, NdArray a, NdArray b, NdArray out, Broadcast plan, int s, int e) {
        switch (out.dtype) {
            case FLOAT64:
                DoubleUnary.where(m, a.doubleData, b.doubleData, out.doubleData, plan, s, e);
                break;
            case FLOAT32:
                FloatUnary.where(m, a.floatData, b.floatData, out.floatData, plan, s, e);
                break;
            default:
                LongUnary.where(m, a.longData, b.longData, out.longData, plan, s, e);
        }
    }

    /**
     * {@code np.allclose}: {@code |a - b| <= atol + rtol * |b|} at every position of the broadcast shape;
     * infinities are close only to themselves, NaN to nothing.
     */
    static boolean allclose(NdArray a, NdArray b, double rtol, double atol) {
        Shape shape = a.shape.equals(b.shape) ? a.shape : NdArray.broadcastShapes("allclose", a.shape, b.shape);
        NdArray x = a.astype(DType.FLOAT64);
        NdArray y = b.astype(DType.FLOAT64);
        int n = shape.size();
        if (n == 0) {
            return true;
        }
        Broadcast p = Broadcast.of(shape, x, y);
        double[] xd = x.doubleData;
        double[] yd = y.doubleData;
        int[] dims = p.dims;
        int[] xs = p.strides[0];
        int[] ys = p.strides[1];
        int last = dims.length - 1;
        int[] idx = new int[dims.length];
        int xo = p.offsets[0];
        int yo = p.offsets[1];
        while (true) {
            for (int i = 0; i < dims[last]; i++) {
                double u = xd[xo + i * xs[last]];
                double v = yd[yo + i * ys[last]];
                if (u != v && !(Double.isFinite(u) && Double.isFinite(v)
                        && Math.abs(u - v) <= atol + rtol * Math.abs(v))) {
                    return false;
                }
            }
            int ax = last - 1;
            while (true) {
                if (ax < 0) {
                    return true;
                }
                idx[ax]++;
                xo += xs[ax];
                yo += ys[ax];
                if (idx[ax] < dims[ax]) {
                    break;
                }
                xo -= xs[ax] * dims[ax];
                yo -= ys[ax] * dims[ax];
                idx[ax] = 0;
                ax--;
            }
        }
    }
}
