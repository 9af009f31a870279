package dezero.ndarray;

import java.util.Arrays;
import java.util.List;

/**
 * An immutable n-dimensional array with NumPy's semantics: a {@link DType}, a {@link Shape} of any
 * rank (including 0-d), C (row-major) order, and NumPy broadcasting in every elementwise operation.
 *
 * <p>Every operation returns a new array. Views (transpose, slicing, reshape of contiguous data,
 * broadcastTo) share storage with their source; since no array is ever written after it is made,
 * the difference between a view and a copy is invisible.
 *
 * <pre>{@code
 * NdArray a = NdArray.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
 * NdArray b = a.mul(2).add(NdArray.of(new double[] {10, 20, 30}));   // broadcasting
 * NdArray c = a.matmul(a.transpose());                               // (2, 2)
 * double s = a.sum().item();                                          // 21.0
 * }</pre>
 */
public final class NdArray {
    /** Storage: exactly one of the three is non-null, matching {@link #dtype}. */
    final double[] doubleData;
    final float[] floatData;
    final long[] longData;
    final DType dtype;
    final Shape shape;
    /** Element (not byte) strides, one per axis; 0 for broadcast axes. */
    final int[] strides;
    /** Element offset of index (0, ..., 0) into the storage. */
    final int offset;

    NdArray(DType dtype, Shape shape, int[] strides, int offset, double[] d, float[] f, long[] l) {
        this.dtype = dtype;
        this.shape = shape;
        this.strides = strides;
        this.offset = offset;
        this.doubleData = d;
        this.floatData = f;
        this.longData = l;
    }

    // ------------------------------------------------------------------ package-level constructors

    /** A contiguous float64 array that takes ownership of {@code data}. */
    static NdArray wrap(double[] data, Shape shape) {
        return new NdArray(DType.FLOAT64, shape, shape.contiguousStrides(), 0, data, null, null);
    }

    /** A contiguous float32 array that takes ownership of {@code data}. */
    static NdArray wrap(float[] data, Shape shape) {
        return new NdArray(DType.FLOAT32, shape, shape.contiguousStrides(), 0, null, data, null);
    }

    /** A contiguous int64 array that takes ownership of {@code data}. */
    static NdArray wrap(long[] data, Shape shape) {
        return new NdArray(DType.INT64, shape, shape.contiguousStrides(), 0, null, null, data);
    }

    /** A new contiguous array of zeros (freshly allocated storage the caller may fill). */
    static NdArray allocate(DType dtype, Shape shape) {
        int n = shape.size();
        switch (dtype) {
            case FLOAT64:
                return wrap(new double[n], shape);
            case FLOAT32:
                return wrap(new float[n], shape);
            default:
                return wrap(new long[n], shape);
        }
    }

    /** A view of the same storage with another shape, strides and offset. */
    NdArray view(Shape newShape, int[] newStrides, int newOffset) {
        return new NdArray(dtype, newShape, newStrides, newOffset, doubleData, floatData, longData);
    }

    static int[] contiguousStrides(int[] dims) {
        return Shape.stridesOf(dims);
    }

    /** True when the elements lie in C order, densely, from {@link #offset}. */
    boolean isContiguous() {
        int[] dims = shape.raw();
        int acc = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            if (dims[i] != 1 && strides[i] != acc) {
                return false;
            }
            acc *= dims[i];
        }
        return true;
    }

    /** This array if contiguous, else a contiguous copy. */
    NdArray contiguous() {
        if (isContiguous()) {
            return this;
        }
        switch (dtype) {
            case FLOAT64:
                return wrap(DoubleStrided.toArray(this), shape);
            case FLOAT32:
                return wrap(FloatStrided.toArray(this), shape);
            default:
                return wrap(LongStrided.toArray(this), shape);
        }
    }

    // ------------------------------------------------------------------ creation

    /** A 0-d float64 array. */
    public static NdArray of(double value) {
        return wrap(new double[] {value}, Shape.scalar());
    }

    /** A 1-d float64 array (copied). */
    public static NdArray of(double[] values) {
        return wrap(values.clone(), Shape.of(values.length));
    }

    /** A 2-d float64 array from rectangular rows (copied). */
    public static NdArray of(double[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        double[] d = new double[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != cols) {
                throw new IllegalArgumentException("of: ragged rows: row 0 has " + cols + " elements, row " + i
                        + " has " + rows[i].length);
            }
            System.arraycopy(rows[i], 0, d, i * cols, cols);
        }
        return wrap(d, Shape.of(rows.length, cols));
    }

    /** A float64 array of the given shape from flat C-order data (copied). */
    public static NdArray of(double[] data, int... shape) {
        Shape s = Shape.of(shape);
        checkLength("of", data.length, s);
        return wrap(data.clone(), s);
    }

    /** A 0-d float32 array. */
    public static NdArray of(float value) {
        return wrap(new float[] {value}, Shape.scalar());
    }

    /** A 1-d float32 array (copied). */
    public static NdArray of(float[] values) {
        return wrap(values.clone(), Shape.of(values.length));
    }

    /** A 2-d float32 array from rectangular rows (copied). */
    public static NdArray of(float[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        float[] d = new float[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != cols) {
                throw new IllegalArgumentException("of: ragged rows: row 0 has " + cols + " elements, row " + i
                        + " has " + rows[i].length);
            }
            System.arraycopy(rows[i], 0, d, i * cols, cols);
        }
        return wrap(d, Shape.of(rows.length, cols));
    }

    /** A float32 array of the given shape from flat C-order data (copied). */
    public static NdArray of(float[] data, int... shape) {
        Shape s = Shape.of(shape);
        checkLength("of", data.length, s);
        return wrap(data.clone(), s);
    }

    /** A 0-d int64 array. */
    public static NdArray of(long value) {
        return wrap(new long[] {value}, Shape.scalar());
    }

    /** A 1-d int64 array (copied). */
    public static NdArray of(long[] values) {
        return wrap(values.clone(), Shape.of(values.length));
    }

    /** An int64 array of the given shape from flat C-order data (copied). */
    public static NdArray of(long[] data, int... shape) {
        Shape s = Shape.of(shape);
        checkLength("of", data.length, s);
        return wrap(data.clone(), s);
    }

    /** A 1-d int64 array from Java ints. */
    public static NdArray of(int[] values) {
        long[] l = new long[values.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = values[i];
        }
        return wrap(l, Shape.of(values.length));
    }

    private static void checkLength(String op, int length, Shape s) {
        if (length != s.size()) {
            throw new IllegalArgumentException(op + ": " + length + " values cannot fill shape " + s
                    + " (" + s.size() + " elements)");
        }
    }

    /** A float64 array of zeros. */
    public static NdArray zeros(int... shape) {
        return allocate(DType.FLOAT64, Shape.of(shape));
    }

    /** An array of zeros of the given dtype. */
    public static NdArray zeros(DType dtype, int... shape) {
        return allocate(dtype, Shape.of(shape));
    }

    /** A float64 array of ones. */
    public static NdArray ones(int... shape) {
        return full(DType.FLOAT64, 1, shape);
    }

    /** An array of ones of the given dtype. */
    public static NdArray ones(DType dtype, int... shape) {
        return full(dtype, 1, shape);
    }

    /** A float64 array filled with {@code value}. */
    public static NdArray full(double value, int... shape) {
        return full(DType.FLOAT64, value, shape);
    }

    /** An array of the given dtype filled with {@code value} (cast to the dtype). */
    public static NdArray full(DType dtype, double value, int... shape) {
        Shape s = Shape.of(shape);
        int n = s.size();
        switch (dtype) {
            case FLOAT64: {
                double[] d = new double[n];
                Arrays.fill(d, value);
                return wrap(d, s);
            }
            case FLOAT32: {
                float[] f = new float[n];
                Arrays.fill(f, (float) value);
                return wrap(f, s);
            }
            default: {
                long[] l = new long[n];
                Arrays.fill(l, (long) value);
                return wrap(l, s);
            }
        }
    }

    /** Zeros of the same shape and dtype. */
    public static NdArray zerosLike(NdArray a) {
        return allocate(a.dtype, a.shape);
    }

    /** Ones of the same shape and dtype. */
    public static NdArray onesLike(NdArray a) {
        return full(a.dtype, 1, a.shape.raw());
    }

    /** {@code np.arange(stop)}: int64 values {@code 0, 1, ..., stop-1}. */
    public static NdArray arange(int stop) {
        long[] l = new long[Math.max(stop, 0)];
        for (int i = 0; i < l.length; i++) {
            l[i] = i;
        }
        return wrap(l, Shape.of(l.length));
    }

    /** {@code np.arange(start, stop, step)} in float64. */
    public static NdArray arange(double start, double stop, double step) {
        if (step == 0 || Double.isNaN(step)) {
            throw new IllegalArgumentException("arange: step must be non-zero, got " + step);
        }
        int n = (int) Math.max(0, Math.ceil((stop - start) / step));
        double[] d = new double[n];
        // NumPy fills start + i * delta with delta = (start + step) - start (the rounded second element)
        double delta = (start + step) - start;
        for (int i = 0; i < n; i++) {
            d[i] = start + i * delta;
        }
        return wrap(d, Shape.of(n));
    }

    /** {@code np.linspace(start, stop, num)} in float64 (endpoint included). */
    public static NdArray linspace(double start, double stop, int num) {
        if (num < 0) {
            throw new IllegalArgumentException("linspace: num must be non-negative, got " + num);
        }
        double[] d = new double[num];
        if (num == 1) {
            d[0] = start;
        } else if (num > 1) {
            double step = (stop - start) / (num - 1);
            for (int i = 0; i < num; i++) {
                d[i] = start + i * step;
            }
            d[num - 1] = stop;
        }
        return wrap(d, Shape.of(num));
    }

    /** The float64 identity matrix of size {@code n}. */
    public static NdArray eye(int n) {
        return eye(DType.FLOAT64, n);
    }

    /** The identity matrix of size {@code n} in the given dtype. */
    public static NdArray eye(DType dtype, int n) {
        NdArray a = allocate(dtype, Shape.of(n, n));
        for (int i = 0; i < n; i++) {
            a.setFlat(i * n + i, 1);
        }
        return a;
    }

    /** Writes element {@code i} of freshly allocated contiguous storage; only for the array's maker. */
    void setFlat(int i, double v) {
        switch (dtype) {
            case FLOAT64:
                doubleData[offset + i] = v;
                break;
            case FLOAT32:
                floatData[offset + i] = (float) v;
                break;
            default:
                longData[offset + i] = (long) v;
        }
    }

    // ------------------------------------------------------------------ accessors

    public DType dtype() {
        return dtype;
    }

    public Shape shape() {
        return shape;
    }

    /** Number of axes. */
    public int ndim() {
        return shape.rank();
    }

    /** Number of elements. */
    public int size() {
        return shape.size();
    }

    /** Length of axis {@code axis} (negative counts from the end). */
    public int dim(int axis) {
        return shape.dim(axis);
    }

    /** The single element of a size-1 array, as a double. */
    public double item() {
        if (shape.size() != 1) {
            throw new IllegalArgumentException("item: can only convert an array of size 1, got shape " + shape);
        }
        return readAt(offset);
    }

    /** The element at the given full index (negative indices count from the end), as a double. */
    public double get(int... index) {
        return readAt(position("get", index));
    }

    /** The element at the given full index of an int64 array, exactly. */
    public long getLong(int... index) {
        int p = position("getLong", index);
        return dtype == DType.INT64 ? longData[p] : (long) readAt(p);
    }

    private int position(String op, int[] index) {
        int[] dims = shape.raw();
        if (index.length != dims.length) {
            throw new IllegalArgumentException(op + ": " + index.length + " indices for array of shape " + shape);
        }
        int p = offset;
        for (int i = 0; i < dims.length; i++) {
            int k = index[i] < 0 ? index[i] + dims[i] : index[i];
            if (k < 0 || k >= dims[i]) {
                throw new IndexOutOfBoundsException(op + ": index " + index[i] + " is out of bounds for axis " + i
                        + " with size " + dims[i]);
            }
            p += k * strides[i];
        }
        return p;
    }

    private double readAt(int p) {
        switch (dtype) {
            case FLOAT64:
                return doubleData[p];
            case FLOAT32:
                return floatData[p];
            default:
                return longData[p];
        }
    }

    /** The elements in C order as float64 (a fresh array). */
    public double[] toDoubleArray() {
        return astype(DType.FLOAT64).contiguousCopyIfShared().doubleData;
    }

    /** The elements in C order as float32 (a fresh array). */
    public float[] toFloatArray() {
        return astype(DType.FLOAT32).contiguousCopyIfShared().floatData;
    }

    /** The elements in C order as int64 (a fresh array; floats truncate toward zero). */
    public long[] toLongArray() {
        return astype(DType.INT64).contiguousCopyIfShared().longData;
    }

    /** A contiguous array whose storage nobody else holds and whose length equals its size. */
    private NdArray contiguousCopyIfShared() {
        NdArray c = contiguous();
        if (c == this || c.offset != 0 || storageLength() != size()) {
            c = c.copy();
        }
        return c;
    }

    private int storageLength() {
        switch (dtype) {
            case FLOAT64:
                return doubleData.length;
            case FLOAT32:
                return floatData.length;
            default:
                return longData.length;
        }
    }

    /** A contiguous copy with its own storage. */
    NdArray copy() {
        NdArray c = contiguous();
        int n = size();
        switch (dtype) {
            case FLOAT64:
                return wrap(Arrays.copyOfRange(c.doubleData, c.offset, c.offset + n), shape);
            case FLOAT32:
                return wrap(Arrays.copyOfRange(c.floatData, c.offset, c.offset + n), shape);
            default:
                return wrap(Arrays.copyOfRange(c.longData, c.offset, c.offset + n), shape);
        }
    }

    /** This array in another dtype (this array itself when the dtype is already {@code dtype}). */
    public NdArray astype(DType target) {
        if (target == dtype) {
            return this;
        }
        NdArray c = contiguous();
        int n = size();
        int o = c.offset;
        switch (target) {
            case FLOAT64: {
                double[] d = new double[n];
                if (dtype == DType.FLOAT32) {
                    for (int i = 0; i < n; i++) {
                        d[i] = c.floatData[o + i];
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        d[i] = c.longData[o + i];
                    }
                }
                return wrap(d, shape);
            }
            case FLOAT32: {
                float[] f = new float[n];
                if (dtype == DType.FLOAT64) {
                    for (int i = 0; i < n; i++) {
                        f[i] = (float) c.doubleData[o + i];
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        f[i] = c.longData[o + i];
                    }
                }
                return wrap(f, shape);
            }
            default: {
                long[] l = new long[n];
                if (dtype == DType.FLOAT64) {
                    for (int i = 0; i < n; i++) {
                        l[i] = (long) c.doubleData[o + i];
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        l[i] = (long) c.floatData[o + i];
                    }
                }
                return wrap(l, shape);
            }
        }
    }

    // ------------------------------------------------------------------ shape manipulation (views where NumPy makes views)

    /** A new shape with the same elements in C order; one dimension may be -1 (inferred). */
    public NdArray reshape(int... newShape) {
        int[] dims = newShape.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] == -1) {
                if (infer >= 0) {
                    throw new IllegalArgumentException("reshape: can only specify one unknown dimension, got "
                            + Shape.format(newShape));
                }
                infer = i;
            } else if (dims[i] < 0) {
                throw new IllegalArgumentException("reshape: negative dimension in " + Shape.format(newShape));
            } else {
                known *= dims[i];
            }
        }
        if (infer >= 0) {
            if (known == 0 || size() % known != 0) {
                throw new IllegalArgumentException("reshape: cannot reshape array of shape " + shape + " (size "
                        + size() + ") into shape " + Shape.format(newShape));
            }
            dims[infer] = (int) (size() / known);
            known *= dims[infer];
        }
        if (known != size()) {
            throw new IllegalArgumentException("reshape: cannot reshape array of shape " + shape + " (size " + size()
                    + ") into shape " + Shape.format(newShape));
        }
        Shape s = Shape.wrap(dims);
        if (s.equals(shape)) {
            return this;
        }
        NdArray c = contiguous();
        return c.view(s, s.contiguousStrides(), c.offset);
    }

    /** Reverses the axes (the matrix transpose for 2-d). */
    public NdArray transpose() {
        int n = ndim();
        int[] axes = new int[n];
        for (int i = 0; i < n; i++) {
            axes[i] = n - 1 - i;
        }
        return transpose(axes);
    }

    /** Permutes the axes: axis {@code i} of the result is axis {@code axes[i]} of this array. */
    public NdArray transpose(int... axes) {
        int n = ndim();
        if (axes.length != n) {
            throw new IllegalArgumentException("transpose: axes " + Arrays.toString(axes)
                    + " don't match array of shape " + shape);
        }
        boolean[] seen = new boolean[n];
        int[] dims = new int[n];
        int[] st = new int[n];
        for (int i = 0; i < n; i++) {
            int a = Shape.normalizeAxis("transpose", axes[i], n);
            if (seen[a]) {
                throw new IllegalArgumentException("transpose: repeated axis in " + Arrays.toString(axes));
            }
            seen[a] = true;
            dims[i] = shape.raw()[a];
            st[i] = strides[a];
        }
        return view(Shape.wrap(dims), st, offset);
    }

    /** Inserts an axis of length 1 at position {@code axis} (of the result). */
    public NdArray expandDims(int axis) {
        int n = ndim() + 1;
        int a = Shape.normalizeAxis("expandDims", axis, n);
        int[] dims = new int[n];
        int[] st = new int[n];
        for (int i = 0, j = 0; i < n; i++) {
            if (i == a) {
                dims[i] = 1;
                st[i] = 0;
            } else {
                dims[i] = shape.raw()[j];
                st[i] = strides[j];
                j++;
            }
        }
        return view(Shape.wrap(dims), st, offset);
    }

    /** Removes every axis of length 1, or only the given ones (each must have length 1). */
    public NdArray squeeze(int... axes) {
        int n = ndim();
        boolean[] drop = new boolean[n];
        if (axes.length == 0) {
            for (int i = 0; i < n; i++) {
                drop[i] = shape.raw()[i] == 1;
            }
        } else {
            for (int ax : axes) {
                int a = Shape.normalizeAxis("squeeze", ax, n);
                if (shape.raw()[a] != 1) {
                    throw new IllegalArgumentException("squeeze: cannot select axis " + ax
                            + " with size other than one, shape " + shape);
                }
                drop[a] = true;
            }
        }
        int m = 0;
        for (boolean b : drop) {
            m += b ? 0 : 1;
        }
        int[] dims = new int[m];
        int[] st = new int[m];
        for (int i = 0, j = 0; i < n; i++) {
            if (!drop[i]) {
                dims[j] = shape.raw()[i];
                st[j] = strides[i];
                j++;
            }
        }
        return view(Shape.wrap(dims), st, offset);
    }

    /** The elements in C order as a 1-d array. */
    public NdArray flatten() {
        return reshape(size());
    }

    /** This array broadcast to {@code target} (a view with stride 0 on the broadcast axes). */
    public NdArray broadcastTo(int... target) {
        return broadcastTo(Shape.of(target));
    }

    /** This array broadcast to {@code target} (a view with stride 0 on the broadcast axes). */
    public NdArray broadcastTo(Shape target) {
        if (target.equals(shape)) {
            return this;
        }
        int[] t = target.raw();
        int[] s = shape.raw();
        if (t.length < s.length) {
            throw new IllegalArgumentException("broadcastTo: cannot broadcast shape " + shape + " to " + target);
        }
        int[] st = new int[t.length];
        int lead = t.length - s.length;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == t[lead + i]) {
                st[lead + i] = s[i] == 1 ? 0 : strides[i];
            } else if (s[i] == 1) {
                st[lead + i] = 0;
            } else {
                throw new IllegalArgumentException("broadcastTo: cannot broadcast shape " + shape + " to " + target);
            }
        }
        return view(target, st, offset);
    }

    /** The shape two arrays broadcast to, or an exception naming {@code op} and both shapes. */
    static Shape broadcastShapes(String op, Shape a, Shape b) {
        if (a.equals(b)) {
            return a;
        }
        int[] x = a.raw();
        int[] y = b.raw();
        int n = Math.max(x.length, y.length);
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            int dx = i < n - x.length ? 1 : x[i - (n - x.length)];
            int dy = i < n - y.length ? 1 : y[i - (n - y.length)];
            if (dx == dy || dy == 1) {
                r[i] = dx;
            } else if (dx == 1) {
                r[i] = dy;
            } else {
                throw new IllegalArgumentException(op + ": shapes " + a + " and " + b + " cannot be broadcast");
            }
        }
        return Shape.wrap(r);
    }

    // ------------------------------------------------------------------ elementwise

    public NdArray add(NdArray other) {
        return Elementwise.binary(Elementwise.Binary.ADD, this, other);
    }

    public NdArray add(double scalar) {
        return Elementwise.binaryScalar(Elementwise.Binary.ADD, this, scalar);
    }

    /**
     * {@code this + alpha * b} (BLAS's axpy), as {@code add(b.mul(alpha))} in value, shape and dtype: the
     * product is rounded, then the sum (never a fused multiply-add), {@code alpha} is rounded to
     * float32 for float32 {@code b}, and the operands broadcast as in {@link #add(NdArray)}. Operands of
     * the same shape and floating dtype take one pass without the intermediate array (optimizers
     * update parameters this way: {@code p.addScaled(grad, -lr)}).
     */
    public NdArray addScaled(NdArray b, double alpha) {
        return Elementwise.addScaled(this, b, alpha);
    }

    public NdArray sub(NdArray other) {
        return Elementwise.binary(Elementwise.Binary.SUB, this, other);
    }

    public NdArray sub(double scalar) {
        return Elementwise.binaryScalar(Elementwise.Binary.SUB, this, scalar);
    }

    public NdArray mul(NdArray other) {
        return Elementwise.binary(Elementwise.Binary.MUL, this, other);
    }

    public NdArray mul(double scalar) {
        return Elementwise.binaryScalar(Elementwise.Binary.MUL, this, scalar);
    }

    /** True division: int64 by int64 gives float64, as in NumPy. */
    public NdArray div(NdArray other) {
        return Elementwise.binary(Elementwise.Binary.DIV, this, other);
    }

    public NdArray div(double scalar) {
        return Elementwise.binaryScalar(Elementwise.Binary.DIV, this, scalar);
    }

    public NdArray pow(NdArray exponent) {
        return Elementwise.binary(Elementwise.Binary.POW, this, exponent);
    }

    public NdArray pow(double exponent) {
        return Elementwise.binaryScalar(Elementwise.Binary.POW, this, exponent);
    }

    /** Elementwise maximum; NaN propagates as in {@code np.maximum}. */
    public NdArray maximum(NdArray other) {
        return Elementwise.binary(Elementwise.Binary.MAXIMUM, this, other);
    }

    public NdArray maximum(double scalar) {
        return Elementwise.binaryScalar(Elementwise.Binary.MAXIMUM, this, scalar);
    }

    /** Elementwise minimum; NaN propagates as in {@code np.minimum}. */
    public NdArray minimum(NdArray other) {
        return Elementwise.binary(Elementwise.Binary.MINIMUM, this, other);
    }

    public NdArray minimum(double scalar) {
        return Elementwise.binaryScalar(Elementwise.Binary.MINIMUM, this, scalar);
    }

    public NdArray neg() {
        return Elementwise.unary(Elementwise.Unary.NEG, this);
    }

    public NdArray exp() {
        return Elementwise.unary(Elementwise.Unary.EXP, this);
    }

    public NdArray log() {
        return Elementwise.unary(Elementwise.Unary.LOG, this);
    }

    /**
     * The logistic sigmoid {@code 1 / (exp(-x) + 1)}: exactly {@code neg().exp().add(1)} divided into
     * one (same bits, same dtype), in one call with one intermediate array. 0 for {@code -inf} and
     * very negative {@code x} (where {@code exp(-x)} overflows), 1 for {@code +inf}, NaN for NaN.
     */
    public NdArray sigmoid() {
        return Elementwise.sigmoid(this);
    }

    public NdArray sin() {
        return Elementwise.unary(Elementwise.Unary.SIN, this);
    }

    public NdArray cos() {
        return Elementwise.unary(Elementwise.Unary.COS, this);
    }

    public NdArray tanh() {
        return Elementwise.unary(Elementwise.Unary.TANH, this);
    }

    public NdArray sqrt() {
        return Elementwise.unary(Elementwise.Unary.SQRT, this);
    }

    public NdArray abs() {
        return Elementwise.unary(Elementwise.Unary.ABS, this);
    }

    /** -1, 0 or 1 (NaN stays NaN). */
    public NdArray sign() {
        return Elementwise.unary(Elementwise.Unary.SIGN, this);
    }

    public NdArray square() {
        return Elementwise.unary(Elementwise.Unary.SQUARE, this);
    }

    /** Limits every element to {@code [lo, hi]}. */
    public NdArray clip(double lo, double hi) {
        return Elementwise.clip(this, lo, hi);
    }

    /**
     * Comparisons give masks: 1 where true, 0 where false, in the promoted dtype of the operands
     * (so that {@code gy.mul(x.gt(0))} stays in {@code x}'s dtype).
     */
    public NdArray eq(NdArray other) {
        return Elementwise.binary(Elementwise.Binary.EQ, this, other);
    }

    public NdArray eq(double scalar) {
        return Elementwise.binaryScalar(Elementwise.Binary.EQ, this, scalar);
    }

    public NdArray gt(NdArray other) {
        return Elementwise.binary(Elementwise.Binary.GT, this, other);
    }

    public NdArray gt(double scalar) {
        return Elementwise.binaryScalar(Elementwise.Binary.GT, this, scalar);
    }

    public NdArray ge(NdArray other) {
        return Elementwise.binary(Elementwise.Binary.GE, this, other);
    }

    public NdArray ge(double scalar) {
        return Elementwise.binaryScalar(Elementwise.Binary.GE, this, scalar);
    }

    public NdArray lt(NdArray other) {
        return Elementwise.binary(Elementwise.Binary.LT, this, other);
    }

    public NdArray lt(double scalar) {
        return Elementwise.binaryScalar(Elementwise.Binary.LT, this, scalar);
    }

    public NdArray le(NdArray other) {
        return Elementwise.binary(Elementwise.Binary.LE, this, other);
    }

    public NdArray le(double scalar) {
        return Elementwise.binaryScalar(Elementwise.Binary.LE, this, scalar);
    }

    /** {@code np.where(mask, a, b)}: {@code a} where the mask is non-zero, else {@code b}; all three broadcast. */
    public static NdArray where(NdArray mask, NdArray a, NdArray b) {
        return Elementwise.where(mask, a, b);
    }

    // ------------------------------------------------------------------ reductions

    /** Sum over the given axes (all axes when none are given), dropping them. */
    public NdArray sum(int... axes) {
        return Reduce.reduce(Reduce.Kind.SUM, this, axes.length == 0 ? null : axes, false);
    }

    /** Sum over the given axes ({@code null} = all), keeping them as length 1 when {@code keepdims}. */
    public NdArray sum(int[] axes, boolean keepdims) {
        return Reduce.reduce(Reduce.Kind.SUM, this, axes, keepdims);
    }

    /** Mean over the given axes (all when none); int64 gives float64. */
    public NdArray mean(int... axes) {
        return Reduce.reduce(Reduce.Kind.MEAN, this, axes.length == 0 ? null : axes, false);
    }

    public NdArray mean(int[] axes, boolean keepdims) {
        return Reduce.reduce(Reduce.Kind.MEAN, this, axes, keepdims);
    }

    /** Maximum over the given axes (all when none); NaN propagates. */
    public NdArray max(int... axes) {
        return Reduce.reduce(Reduce.Kind.MAX, this, axes.length == 0 ? null : axes, false);
    }

    public NdArray max(int[] axes, boolean keepdims) {
        return Reduce.reduce(Reduce.Kind.MAX, this, axes, keepdims);
    }

    /** Minimum over the given axes (all when none); NaN propagates. */
    public NdArray min(int... axes) {
        return Reduce.reduce(Reduce.Kind.MIN, this, axes.length == 0 ? null : axes, false);
    }

    public NdArray min(int[] axes, boolean keepdims) {
        return Reduce.reduce(Reduce.Kind.MIN, this, axes, keepdims);
    }

    /** Index of the maximum in the flattened array (0-d int64); the first one on ties. */
    public NdArray argmax() {
        return Reduce.argReduce(true, this, null);
    }

    /** Indices of the maxima along {@code axis} (int64, the axis removed). */
    public NdArray argmax(int axis) {
        return Reduce.argReduce(true, this, axis);
    }

    public NdArray argmin() {
        return Reduce.argReduce(false, this, null);
    }

    public NdArray argmin(int axis) {
        return Reduce.argReduce(false, this, axis);
    }

    /** {@code log(sum(exp(x)))} over the given axes (all when none), computed without overflow. */
    public NdArray logsumexp(int... axes) {
        return Reduce.logsumexp(this, axes.length == 0 ? null : axes, false);
    }

    public NdArray logsumexp(int[] axes, boolean keepdims) {
        return Reduce.logsumexp(this, axes, keepdims);
    }

    /**
     * The softmax along {@code axis}: {@code exp(x - max) / sum(exp(x - max))} with the maximum and
     * the sum taken along the axis (int64 computed in float64).
     */
    public NdArray softmax(int axis) {
        return Reduce.softmax(this, axis);
    }

    /** Sums this (broadcast) array down to {@code target}: the adjoint of {@link #broadcastTo}. */
    public NdArray sumTo(int... target) {
        return Reduce.sumTo(this, Shape.of(target));
    }

    public NdArray sumTo(Shape target) {
        return Reduce.sumTo(this, target);
    }

    // ------------------------------------------------------------------ linear algebra

    /** {@code np.matmul}: 1-d, 2-d, and batched N-d with broadcast batch dimensions. */
    public NdArray matmul(NdArray other) {
        return Linalg.matmul(this, other);
    }

    /** {@code np.dot}. */
    public NdArray dot(NdArray other) {
        return Linalg.dot(this, other);
    }

    /** {@code np.tensordot(a, b, axes=(axesA, axesB))}. */
    public NdArray tensordot(NdArray other, int[] axesA, int[] axesB) {
        return Linalg.tensordot(this, other, axesA, axesB);
    }

    // ------------------------------------------------------------------ indexing

    /** NumPy basic and advanced indexing: {@code a[spec...]}. Basic indexing gives a view. */
    public NdArray get(Index... spec) {
        return Indexing.get(this, spec);
    }

    /**
     * {@code np.add.at}: a copy of this array with {@code values} added at the positions that
     * {@code get(spec)} selects; repeated positions accumulate. The adjoint of {@link #get(Index...)}.
     */
    public NdArray addAt(Index[] spec, NdArray values) {
        return Indexing.addAt(this, spec, values);
    }

    /** {@code np.take(a, indices, axis)}: integer-array indexing along one axis. */
    public NdArray take(NdArray indices, int axis) {
        return Indexing.take(this, indices, axis);
    }

    /** Joins arrays along an existing axis. */
    public static NdArray concatenate(List<NdArray> arrays, int axis) {
        return Indexing.concatenate(arrays, axis);
    }

    /** Joins arrays of equal shape along a new axis. */
    public static NdArray stack(List<NdArray> arrays, int axis) {
        return Indexing.stack(arrays, axis);
    }

    /** Splits into {@code sections} equal parts along {@code axis}. */
    public List<NdArray> split(int sections, int axis) {
        return Indexing.split(this, sections, axis);
    }

    /** Splits before each of the given indices along {@code axis}. */
    public List<NdArray> split(int[] indices, int axis) {
        return Indexing.split(this, indices, axis);
    }

    // ------------------------------------------------------------------ equality and printing

    /** {@code np.allclose}: {@code |a - b| <= atol + rtol * |b|} everywhere (broadcasting; NaNs differ). */
    public boolean allclose(NdArray other, double rtol, double atol) {
        return Elementwise.allclose(this, other, rtol, atol);
    }

    /** {@code np.allclose} with NumPy's defaults {@code rtol = 1e-5}, {@code atol = 1e-8}. */
    public boolean allclose(NdArray other) {
        return allclose(other, 1e-5, 1e-8);
    }

    /** Equal dtype, shape and elements (NaN equals NaN, as in {@link Double#equals}). */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof NdArray)) {
            return false;
        }
        NdArray b = (NdArray) o;
        if (dtype != b.dtype || !shape.equals(b.shape)) {
            return false;
        }
        switch (dtype) {
            case FLOAT64:
                return Arrays.equals(toDoubleArray(), b.toDoubleArray());
            case FLOAT32:
                return Arrays.equals(toFloatArray(), b.toFloatArray());
            default:
                return Arrays.equals(toLongArray(), b.toLongArray());
        }
    }

    @Override
    public int hashCode() {
        int h = 31 * dtype.hashCode() + shape.hashCode();
        switch (dtype) {
            case FLOAT64:
                return 31 * h + Arrays.hashCode(toDoubleArray());
            case FLOAT32:
                return 31 * h + Arrays.hashCode(toFloatArray());
            default:
                return 31 * h + Arrays.hashCode(toLongArray());
        }
    }

    /** As NumPy prints it, e.g. {@code [[1. 2.]\n [3. 4.]]}. */
    @Override
    public String toString() {
        return Format.format(this, "");
    }

    /** NumPy's print with every line after the first indented by {@code indent} (for wrappers like {@code variable(...)}). */
    public String toString(String indent) {
        return Format.format(this, indent);
    }
}
