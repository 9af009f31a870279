package dezero.ndarray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Basic and advanced indexing, scatter-add, joining and splitting, with NumPy's semantics.
 *
 * <p>An index expression is resolved into a {@link Layout}: a strided view of the source plus, for
 * advanced (integer-array) indexing, one axis whose positions come from a table of element offsets
 * (the broadcast index arrays flattened). Basic indexing gives a view; a gather over the layout
 * gives advanced indexing; a scatter-add over the same layout gives {@code np.add.at}.
 */
final class Indexing {
    private Indexing() {
    }

    /**
     * A resolved index expression. With {@code table == null} it is a plain strided view of
     * {@code dims}/{@code strides}; otherwise axis {@code tableAxis} of {@code dims} runs over the
     * broadcast index positions and {@code table} holds their element offsets, and the result has
     * shape {@code shape} (the table axis expanded to the broadcast shape of the index arrays).
     */
    private static final class Layout {
        final Shape shape;
        final int offset;
        final int[] dims;
        final int[] strides;
        final int tableAxis;
        final int[] table;

        Layout(Shape shape, int offset, int[] dims, int[] strides, int tableAxis, int[] table) {
            this.shape = shape;
            this.offset = offset;
            this.dims = dims;
            this.strides = strides;
            this.tableAxis = tableAxis;
            this.table = table;
        }
    }

    // ------------------------------------------------------------------ get

    static NdArray get(NdArray a, Index[] spec) {
        NdArray fast = takeSmall(a, spec);
        if (fast != null) {
            return fast;
        }
        return gather(a, resolve("get", a, spec));
    }

    /**
     * The two common cases of advanced indexing on a contiguous array, without a layout: {@code a[idx]}
     * (rows) and, for a matrix, {@code a[rows, cols]} (one element per pair), each index a contiguous
     * 1-d array. {@code null} for anything else, and when an index is out of bounds (the general path
     * reports it).
     */
    private static NdArray takeSmall(NdArray a, Index[] spec) {
        int rank = a.strides.length;
        if (rank == 0 || spec.length == 0 || spec.length > 2 || spec.length > rank) {
            return null;
        }
        for (Index ix : spec) {
            if (ix == null || ix.kind != Index.Kind.ARRAY || ix.array.strides.length != 1 || !ix.array.isContiguous()) {
                return null;
            }
        }
        if (!a.isContiguous()) {
            return null;
        }
        int[] dims = a.shape.raw();
        NdArray i0 = spec[0].array;
        int n = i0.shape.raw()[0];
        int[] outDims;
        if (spec.length == 1) {
            outDims = dims.clone();
            outDims[0] = n;
        } else {
            if (rank != 2 || spec[1].array.shape.raw()[0] != n) {
                return null;
            }
            outDims = new int[] {n};
        }
        NdArray out = NdArray.allocate(a.dtype, Shape.wrap(outDims));
        int len = dims[0];
        int row = len == 0 ? 0 : a.size() / len;
        boolean ok;
        if (spec.length == 1) {
            switch (a.dtype) {
                case FLOAT64:
                    ok = DoubleGather.takeRows(a.doubleData, a.offset, len, row, i0.longData, i0.offset, n,
                            out.doubleData);
                    break;
                case FLOAT32:
                    ok = FloatGather.takeRows(a.floatData, a.offset, len, row, i0.longData, i0.offset, n,
                            out.floatData);
                    break;
                default:
                    ok = LongGather.takeRows(a.longData, a.offset, len, row, i0.longData, i0.offset, n, out.longData);
            }
        } else {
            NdArray i1 = spec[1].array;
            long[] r = i0.longData;
            long[] c = i1.longData;
            switch (a.dtype) {
                case FLOAT64:
                    ok = DoubleGather.pick(a.doubleData, a.offset, len, row, r, i0.offset, c, i1.offset, n,
                            out.doubleData);
                    break;
                case FLOAT32:
                    ok = FloatGather.pick(a.floatData, a.offset, len, row, r, i0.offset, c, i1.offset, n,
                            out.floatData);
                    break;
                default:
                    ok = LongGather.pick(a.longData, a.offset, len, row, r, i0.offset, c, i1.offset, n, out.longData);
            }
        }
        return ok ? out : null;
    }

    private static NdArray gather(NdArray a, Layout l) {
        if (l.table == null) {
            return a.view(l.shape, l.strides, l.offset);
        }
        int n = l.shape.size();
        switch (a.dtype) {
            case FLOAT64: {
                double[] out = new double[n];
                DoubleGather.gather(a.doubleData, l.offset, l.dims, l.strides, l.tableAxis, l.table, out);
                return NdArray.wrap(out, l.shape);
            }
            case FLOAT32: {
                float[] out = new float[n];
                FloatGather.gather(a.floatData, l.offset, l.dims, l.strides, l.tableAxis, l.table, out);
                return NdArray.wrap(out, l.shape);
            }
            default: {
                long[] out = new long[n];
                LongGather.gather(a.longData, l.offset, l.dims, l.strides, l.tableAxis, l.table, out);
                return NdArray.wrap(out, l.shape);
            }
        }
    }

    /** Resolves {@code spec} against {@code a}; errors name {@code op}. */
    private static Layout resolve(String op, NdArray a, Index[] spec) {
        int[] srcDims = a.shape.raw();
        int rank = srcDims.length;
        int consumed = 0;
        boolean advanced = false;
        for (Index ix : spec) {
            if (ix == null) {
                throw new IllegalArgumentException(op + ": null index");
            }
            if (ix.kind != Index.Kind.NEW_AXIS) {
                consumed++;
            }
            advanced |= ix.kind == Index.Kind.ARRAY;
        }
        if (consumed > rank) {
            throw new IllegalArgumentException(op + ": too many indices for array: array is " + rank
                    + "-dimensional, but " + consumed + " were indexed");
        }
        int cap = rank + spec.length;
        int[] dims = new int[cap];
        int[] strides = new int[cap];
        int nd = 0;
        int offset = a.offset;
        // advanced entries: their arrays, source axes, and where their result axes go
        List<NdArray> arrays = new ArrayList<>();
        int[] advAxis = new int[spec.length];
        int advPosition = -1;
        int firstAdvEntry = -1;
        int lastAdvEntry = -1;
        int axis = 0;
        for (int e = 0; e < spec.length; e++) {
            Index ix = spec[e];
            switch (ix.kind) {
                case NEW_AXIS:
                    dims[nd] = 1;
                    strides[nd] = 0;
                    nd++;
                    break;
                case SLICE: {
                    int len = srcDims[axis];
                    int[] r = sliceIndices(ix.start, ix.stop, ix.step, len);
                    dims[nd] = r[2];
                    strides[nd] = a.strides[axis] * ix.step;
                    if (r[2] > 0) {
                        offset += r[0] * a.strides[axis];
                    }
                    nd++;
                    axis++;
                    break;
                }
                case AT: {
                    int k = checkIndex(op, ix.at, axis, srcDims[axis]);
                    if (!advanced) {
                        offset += k * a.strides[axis];
                        axis++;
                        break;
                    }
                    // an integer next to index arrays is an advanced index of shape ()
                    if (firstAdvEntry < 0) {
                        firstAdvEntry = e;
                        advPosition = nd;
                    }
                    lastAdvEntry = e;
                    advAxis[arrays.size()] = axis;
                    arrays.add(NdArray.of((long) k));
                    axis++;
                    break;
                }
                default:
                    if (firstAdvEntry < 0) {
                        firstAdvEntry = e;
                        advPosition = nd;
                    }
                    lastAdvEntry = e;
                    advAxis[arrays.size()] = axis;
                    arrays.add(ix.array);
                    axis++;
            }
        }
        for (; axis < rank; axis++) {
            dims[nd] = srcDims[axis];
            strides[nd] = a.strides[axis];
            nd++;
        }
        if (!advanced) {
            int[] d = Arrays.copyOf(dims, nd);
            Shape shape = Shape.wrap(d);
            return new Layout(shape, shape.size() == 0 ? 0 : offset, d, Arrays.copyOf(strides, nd), -1, null);
        }
        boolean adjacent = lastAdvEntry - firstAdvEntry + 1 == arrays.size();
        int place = adjacent ? advPosition : 0;

        Shape b = broadcastIndexShapes(op, arrays, spec);
        int count = b.size();
        int[] table = new int[count];
        for (int k = 0; k < arrays.size(); k++) {
            int ax = advAxis[k];
            int len = srcDims[ax];
            int stride = a.strides[ax];
            NdArray idx = arrays.get(k).broadcastTo(b).contiguous();
            long[] v = idx.longData;
            int base = idx.offset;
            for (int i = 0; i < count; i++) {
                long j = v[base + i];
                if (j < 0) {
                    j += len;
                }
                if (j < 0 || j >= len) {
                    throw new IndexOutOfBoundsException(op + ": index " + v[base + i] + " is out of bounds for axis "
                            + ax + " with size " + len);
                }
                table[i] += (int) j * stride;
            }
        }
        int[] ld = new int[nd + 1];
        int[] ls = new int[nd + 1];
        int[] shape = new int[nd + b.rank()];
        for (int i = 0, j = 0, s = 0; i <= nd; i++) {
            if (i == place) {
                ld[i] = count;
                for (int bd : b.raw()) {
                    shape[s++] = bd;
                }
            } else {
                ld[i] = dims[j];
                ls[i] = strides[j];
                shape[s++] = dims[j];
                j++;
            }
        }
        return new Layout(Shape.wrap(shape), offset, ld, ls, place, table);
    }

    private static Shape broadcastIndexShapes(String op, List<NdArray> arrays, Index[] spec) {
        Shape b = arrays.get(0).shape;
        try {
            for (NdArray x : arrays) {
                b = NdArray.broadcastShapes(op, b, x.shape);
            }
        } catch (IllegalArgumentException e) {
            StringBuilder sb = new StringBuilder(op).append(
                    ": shape mismatch: indexing arrays could not be broadcast together with shapes");
            for (Index ix : spec) {
                if (ix.kind == Index.Kind.ARRAY) {
                    // NumPy's spelling here: (1,4) (7,)
                    sb.append(' ').append(ix.array.shape.toString().replace(" ", ""));
                }
            }
            throw new IllegalArgumentException(sb.toString(), e);
        }
        return b;
    }

    private static int checkIndex(String op, int index, int axis, int len) {
        int k = index < 0 ? index + len : index;
        if (k < 0 || k >= len) {
            throw new IndexOutOfBoundsException(op + ": index " + index + " is out of bounds for axis " + axis
                    + " with size " + len);
        }
        return k;
    }

    /**
     * Python's {@code slice(start, stop, step).indices(len)} plus the resulting length:
     * {@code {start, stop, length}}, with {@code null} meaning an open end.
     */
    static int[] sliceIndices(Integer start, Integer stop, int step, int len) {
        int lo;
        int hi;
        if (step > 0) {
            lo = start == null ? 0 : clampPositive(start, len);
            hi = stop == null ? len : clampPositive(stop, len);
            int n = hi > lo ? (int) (((long) hi - lo + step - 1) / step) : 0;
            return new int[] {lo, hi, n};
        }
        lo = start == null ? len - 1 : clampNegative(start, len);
        hi = stop == null ? -1 : clampNegative(stop, len);
        int n = lo > hi ? (int) (((long) lo - hi + (-(long) step) - 1) / -(long) step) : 0;
        return new int[] {lo, hi, n};
    }

    private static int clampPositive(int i, int len) {
        long k = i < 0 ? (long) i + len : i;
        return (int) Math.max(0, Math.min(k, len));
    }

    private static int clampNegative(int i, int len) {
        long k = i < 0 ? (long) i + len : i;
        return (int) Math.max(-1, Math.min(k, len - 1));
    }

    /** A view of {@code a} sliced along one axis ({@code start:stop:step}, Python semantics). */
    private static NdArray sliceAxis(NdArray a, int axis, Integer start, Integer stop, int step) {
        int[] r = sliceIndices(start, stop, step, a.shape.raw()[axis]);
        int[] dims = a.shape.dims();
        dims[axis] = r[2];
        int[] st = a.strides.clone();
        st[axis] *= step;
        Shape s = Shape.wrap(dims);
        int off = s.size() == 0 ? 0 : a.offset + (r[2] > 0 ? r[0] * a.strides[axis] : 0);
        return a.view(s, st, off);
    }

    // ------------------------------------------------------------------ addAt

    static NdArray addAt(NdArray a, Index[] spec, NdArray values) {
        if (a.dtype == DType.INT64 && values.dtype != DType.INT64) {
            throw new IllegalArgumentException("addAt: cannot add " + values.dtype + " values into an int64 array");
        }
        NdArray out = a.copy();
        Layout l = resolve("addAt", out, spec);
        NdArray v;
        try {
            v = values.astype(a.dtype).broadcastTo(l.shape).contiguous();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("addAt: values of shape " + values.shape
                    + " cannot be broadcast to the indexed shape " + l.shape, e);
        }
        switch (a.dtype) {
            case FLOAT64:
                DoubleGather.scatterAdd(out.doubleData, l.offset, l.dims, l.strides, l.tableAxis, l.table,
                        v.doubleData, v.offset);
                break;
            case FLOAT32:
                FloatGather.scatterAdd(out.floatData, l.offset, l.dims, l.strides, l.tableAxis, l.table,
                        v.floatData, v.offset);
                break;
            default:
                LongGather.scatterAdd(out.longData, l.offset, l.dims, l.strides, l.tableAxis, l.table,
                        v.longData, v.offset);
        }
        return out;
    }

    // ------------------------------------------------------------------ take

    static NdArray take(NdArray a, NdArray indices, int axis) {
        int ax = Shape.normalizeAxis("take", axis, a.ndim());
        Index[] spec = new Index[ax + 1];
        Arrays.fill(spec, 0, ax, Index.all());
        if (indices.dtype != DType.INT64) {
            throw new IllegalArgumentException("take: indices must be int64, got " + indices.dtype);
        }
        spec[ax] = Index.of(indices);
        return gather(a, resolve("take", a, spec));
    }

    // ------------------------------------------------------------------ joining

    static NdArray concatenate(List<NdArray> arrays, int axis) {
        if (arrays.isEmpty()) {
            throw new IllegalArgumentException("concatenate: need at least one array to concatenate");
        }
        NdArray first = arrays.get(0);
        int rank = first.ndim();
        if (rank == 0) {
            throw new IllegalArgumentException("concatenate: zero-dimensional arrays cannot be concatenated");
        }
        int ax = Shape.normalizeAxis("concatenate", axis, rank);
        DType dtype = first.dtype;
        int total = 0;
        for (NdArray x : arrays) {
            if (x.ndim() != rank) {
                throw new IllegalArgumentException("concatenate: all arrays must have the same number of dimensions,"
                        + " got shapes " + first.shape + " and " + x.shape);
            }
            for (int i = 0; i < rank; i++) {
                if (i != ax && x.shape.raw()[i] != first.shape.raw()[i]) {
                    throw new IllegalArgumentException("concatenate: shapes " + first.shape + " and " + x.shape
                            + " do not match except along axis " + ax);
                }
            }
            total += x.shape.raw()[ax];
            dtype = DType.promote(dtype, x.dtype);
        }
        int[] dims = first.shape.dims();
        dims[ax] = total;
        NdArray out = NdArray.allocate(dtype, Shape.wrap(dims));
        int outer = 1;
        for (int i = 0; i < ax; i++) {
            outer *= dims[i];
        }
        int inner = 1;
        for (int i = ax + 1; i < rank; i++) {
            inner *= dims[i];
        }
        int outChunk = total * inner;
        Object dst = storage(out);
        int at = 0;
        for (NdArray x : arrays) {
            NdArray c = x.astype(dtype).contiguous();
            int chunk = c.shape.raw()[ax] * inner;
            if (chunk > 0) {
                Object src = storage(c);
                for (int i = 0; i < outer; i++) {
                    System.arraycopy(src, c.offset + i * chunk, dst, i * outChunk + at, chunk);
                }
            }
            at += chunk;
        }
        return out;
    }

    private static Object storage(NdArray a) {
        switch (a.dtype) {
            case FLOAT64:
                return a.doubleData;
            case FLOAT32:
                return a.floatData;
            default:
                return a.longData;
        }
    }

    static NdArray stack(List<NdArray> arrays, int axis) {
        if (arrays.isEmpty()) {
            throw new IllegalArgumentException("stack: need at least one array to stack");
        }
        Shape s = arrays.get(0).shape;
        int ax = Shape.normalizeAxis("stack", axis, s.rank() + 1);
        List<NdArray> expanded = new ArrayList<>(arrays.size());
        for (int i = 0; i < arrays.size(); i++) {
            NdArray x = arrays.get(i);
            if (!x.shape.equals(s)) {
                throw new IllegalArgumentException("stack: all input arrays must have the same shape, got " + s
                        + " at index 0 and " + x.shape + " at index " + i);
            }
            expanded.add(x.expandDims(ax));
        }
        return concatenate(expanded, ax);
    }

    // ------------------------------------------------------------------ splitting

    static List<NdArray> split(NdArray a, int sections, int axis) {
        int ax = Shape.normalizeAxis("split", axis, a.ndim());
        if (sections <= 0) {
            throw new IllegalArgumentException("split: number of sections must be larger than 0, got " + sections);
        }
        int len = a.shape.raw()[ax];
        if (len % sections != 0) {
            throw new IllegalArgumentException("split: array split does not result in an equal division: " + len
                    + " into " + sections + " along axis " + ax);
        }
        int step = len / sections;
        List<NdArray> parts = new ArrayList<>(sections);
        for (int i = 0; i < sections; i++) {
            parts.add(sliceAxis(a, ax, i * step, (i + 1) * step, 1));
        }
        return Collections.unmodifiableList(parts);
    }

    static List<NdArray> split(NdArray a, int[] indices, int axis) {
        int ax = Shape.normalizeAxis("split", axis, a.ndim());
        List<NdArray> parts = new ArrayList<>(indices.length + 1);
        for (int i = 0; i <= indices.length; i++) {
            Integer start = i == 0 ? 0 : indices[i - 1];
            Integer stop = i == indices.length ? null : indices[i];
            parts.add(sliceAxis(a, ax, start, stop, 1));
        }
        return Collections.unmodifiableList(parts);
    }
}
