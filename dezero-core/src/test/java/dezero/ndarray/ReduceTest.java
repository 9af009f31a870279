package dezero.ndarray;

import static dezero.ndarray.NdAssert.assertArrayEquals;
import static dezero.ndarray.NdAssert.assertClose;
import static dezero.ndarray.NdAssert.assertSameBits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dezero.ndarray.Reduce.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReduceTest {
    private static final Map<String, NdArray> INPUTS = new HashMap<>();
    private static Fixtures.Record sum32;

    static Stream<Arguments> reduceCases() {
        List<Arguments> out = new ArrayList<>();
        for (Fixtures.Record r : Fixtures.load("reduce.txt")) {
            switch (r.kind) {
                case "input":
                    INPUTS.put(r.attr("id"), r.array("x"));
                    break;
                case "sum32":
                    sum32 = r;
                    break;
                default:
                    out.add(Arguments.of(Named.of(r.kind + " " + r.attrs, r)));
            }
        }
        return out.stream();
    }

    static NdArray reduceBy(String op, NdArray x, int[] axes, boolean keepdims) {
        if (op.equals("logsumexp")) {
            return Reduce.logsumexp(x, axes, keepdims);
        }
        return Reduce.reduce(Kind.valueOf(op.toUpperCase(java.util.Locale.ROOT)), x, axes, keepdims);
    }

    @ParameterizedTest
    @MethodSource("reduceCases")
    void matchesNumPy(Fixtures.Record r) {
        NdArray x = INPUTS.get(r.attr("id"));
        NdArray expected = r.array("r");
        String op = r.attr("op");
        double rtol = x.dtype() == DType.FLOAT32 ? 1e-6 : 1e-14;
        double atol = x.dtype() == DType.FLOAT32 ? 1e-6 : 1e-14;
        if (r.kind.equals("arg")) {
            String ax = r.attr("axis");
            boolean max = op.equals("argmax");
            NdArray got = ax.equals("all") ? Reduce.argReduce(max, x, null) : Reduce.argReduce(max, x,
                    Integer.parseInt(ax));
            assertArrayEquals(expected, got);
            // the same from a non-contiguous view holding the same values
            NdArray view = ElementwiseTest.reversedView(x);
            assertArrayEquals(expected, ax.equals("all") ? Reduce.argReduce(max, view, null)
                    : Reduce.argReduce(max, view, Integer.parseInt(ax)));
            return;
        }
        int[] axes = Fixtures.axes(r.attr("axes"));
        boolean keepdims = Boolean.parseBoolean(r.attr("keepdims"));
        assertClose(expected, reduceBy(op, x, axes, keepdims), rtol, atol);
        assertClose(expected, reduceBy(op, ElementwiseTest.reversedView(x), axes, keepdims), rtol, atol);
        if (axes != null && axes.length > 0) {
            // negative axes name the same axes
            int[] neg = axes.clone();
            for (int i = 0; i < neg.length; i++) {
                neg[i] -= x.ndim();
            }
            assertClose(expected, reduceBy(op, x, neg, keepdims), rtol, atol);
        }
    }

    @Test
    void float32SumOfAMillionIsAccurate() {
        reduceCases().count(); // loads the fixture
        int n = Integer.parseInt(sum32.attr("n"));
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (((i * 7919L) % 1000) / 1000.0 + 0.1);
        }
        double exact = sum32.array("exact").item();
        double numpy = sum32.array("r").item();
        NdArray x = NdArray.of(v);
        double got = x.sum().item();
        assertEquals(DType.FLOAT32, x.sum().dtype());
        assertEquals(exact, got, 1e-6 * exact, "relative to the exact sum");
        assertEquals(numpy, got, 2e-6 * exact, "relative to NumPy's float32 sum");
        // along an outer axis (rows accumulated in blocks) and along the inner axis (pairwise)
        NdArray m = x.reshape(1000, 1000);
        double[] exactCols = new double[1000];
        double[] exactRows = new double[1000];
        for (int i = 0; i < n; i++) {
            exactCols[i % 1000] += v[i];
            exactRows[i / 1000] += v[i];
        }
        double[] cols = m.sum(0).toDoubleArray();
        double[] rows = m.sum(1).toDoubleArray();
        for (int j = 0; j < 1000; j++) {
            assertEquals(exactCols[j], cols[j], 1e-6 * exactCols[j]);
            assertEquals(exactRows[j], rows[j], 1e-6 * exactRows[j]);
        }
        // a column of a million: the outer path with a single kept element
        double col = x.reshape(n, 1).sum(new int[] {0}, false).get(0);
        assertEquals(exact, col, 1e-6 * exact);
        float[] w = new float[2 * n];
        for (int i = 0; i < n; i++) {
            w[2 * i] = v[i];
            w[2 * i + 1] = v[n - 1 - i];
        }
        NdArray two = NdArray.of(w, n, 2).sum(new int[] {0}, false);
        assertEquals(exact, two.get(0), 1e-6 * exact);
        assertEquals(exact, two.get(1), 1e-6 * exact);
        // mean in float32 as well
        assertEquals(exact / n, x.mean().item(), 1e-6 * exact / n);
    }

    // ------------------------------------------------------------------ sumTo

    static Stream<Arguments> sumToCases() {
        return Fixtures.load("sumto.txt").stream().map(r -> Arguments.of(Named.of(r.array("x").shape() + " -> "
                + r.attr("target"), r)));
    }

    @ParameterizedTest
    @MethodSource("sumToCases")
    void sumToMatchesNumPy(Fixtures.Record r) {
        NdArray x = r.array("x");
        int[] target = Fixtures.shape(r.attr("target"));
        if (r.error != null) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.sumTo(target));
            assertEquals(r.error, e.getMessage());
            return;
        }
        assertClose(r.array("r"), x.sumTo(target), 1e-14, 1e-14);
    }

    @Test
    void sumToOwnShapeIsIdentity() {
        NdArray x = NdArray.ones(2, 3);
        assertSame(x, x.sumTo(2, 3));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void sumToIsTheAdjointOfBroadcastTo(long seed) {
        Random rnd = new Random(seed);
        for (int trial = 0; trial < 30; trial++) {
            int[] big = ElementwiseTest.randomShape(rnd, 4);
            int[] small = ElementwiseTest.compatibleShape(rnd, big);
            DType dt = DType.values()[rnd.nextInt(3)];
            NdArray x = ElementwiseTest.randomArray(rnd, dt, small);
            NdArray b = x.broadcastTo(big);
            int factor = Shape.of(big).size() / Math.max(1, x.size());
            NdArray expected = x.mul(NdArray.full(dt, factor));
            NdArray got = b.sumTo(small);
            double tol = dt == DType.FLOAT32 ? 1e-5 : 1e-12;
            assertClose(expected, got, tol, tol);
            // <broadcastTo(x), y> == <x, sumTo(y)> for a random y of the big shape
            NdArray y = ElementwiseTest.randomArray(rnd, dt, big);
            double lhs = b.mul(y).sum().item();
            double rhs = x.mul(y.sumTo(small)).sum().item();
            assertEquals(lhs, rhs, tol * (1 + Math.abs(lhs)), Shape.of(small) + " <-> " + Shape.of(big));
        }
    }

    // ------------------------------------------------------------------ dtypes, empties, errors

    @Test
    void dtypes() {
        NdArray i = NdArray.of(new long[] {1, 2, 4}, 3);
        assertEquals(DType.INT64, i.sum().dtype());
        assertEquals(7L, i.sum().getLong());
        assertEquals(DType.FLOAT64, i.mean().dtype());
        assertEquals(7.0 / 3, i.mean().item());
        assertEquals(DType.INT64, i.max().dtype());
        assertEquals(DType.INT64, i.argmax().dtype());
        assertEquals(DType.FLOAT64, i.logsumexp().dtype());
        assertEquals(DType.FLOAT32, NdArray.of(new float[] {1, 2}).mean().dtype());
        assertEquals(DType.FLOAT32, NdArray.of(new float[] {1, 2}).logsumexp().dtype());
        // int64 sums wrap as NumPy's do
        assertEquals(Long.MIN_VALUE, NdArray.of(new long[] {Long.MAX_VALUE, 1}).sum().getLong());
    }

    @Test
    void zeroDimensional() {
        NdArray s = NdArray.of(2.5);
        assertEquals(2.5, s.sum().item());
        assertEquals(0, s.sum().ndim());
        assertEquals(2.5, s.max().item());
        assertEquals(2.5, s.mean().item());
        assertEquals(0L, s.argmax().getLong());
        assertEquals(2.5, s.logsumexp().item(), 1e-15);
        assertEquals(DType.FLOAT64, NdArray.of(3L).mean().dtype());
    }

    @Test
    void emptyReductions() {
        NdArray e = NdArray.zeros(0, 3);
        assertArrayEquals(NdArray.zeros(3), e.sum(0));
        assertArrayEquals(NdArray.zeros(0), e.sum(1));
        assertArrayEquals(NdArray.zeros(DType.INT64, 3), NdArray.zeros(DType.INT64, 0, 3).sum(0));
        assertArrayEquals(NdArray.full(Double.NaN, 3), e.mean(0));
        assertArrayEquals(NdArray.zeros(0), e.max(1));
        assertArrayEquals(NdArray.full(Double.NEGATIVE_INFINITY, 3), e.logsumexp(0));
        assertEquals(0.0, e.sum().item());
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> e.max(0));
        assertEquals("max: zero-size array to reduction operation maximum which has no identity, shape (0, 3)",
                x.getMessage());
        x = assertThrows(IllegalArgumentException.class, () -> e.min());
        assertEquals("min: zero-size array to reduction operation minimum which has no identity, shape (0, 3)",
                x.getMessage());
        x = assertThrows(IllegalArgumentException.class, () -> e.argmax());
        assertTrue(x.getMessage().startsWith("argmax: attempt to get argmax of an empty sequence"), x.getMessage());
        x = assertThrows(IllegalArgumentException.class, () -> e.argmin(0));
        assertTrue(x.getMessage().startsWith("argmin: attempt to get argmin of an empty sequence"), x.getMessage());
        assertArrayEquals(NdArray.zeros(DType.INT64, 0), e.argmax(1));
    }

    @Test
    void axisErrors() {
        NdArray a = NdArray.ones(2, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.sum(0, 0));
        assertEquals("sum: duplicate value in axis [0, 0]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> a.max(1, -1));
        assertEquals("max: duplicate value in axis [1, -1]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> a.mean(2));
        assertEquals("mean: axis 2 is out of bounds for array of dimension 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> a.argmax(-3));
        assertEquals("argmax: axis -3 is out of bounds for array of dimension 2", e.getMessage());
    }

    @Test
    void logsumexpIsStable() {
        NdArray x = NdArray.of(new double[][] {{1000, 1000}, {-1000, -1000}});
        assertClose(NdArray.of(new double[] {1000 + Math.log(2), -1000 + Math.log(2)}), x.logsumexp(1), 1e-15, 0);
        NdArray f = NdArray.of(new float[] {100, 100});
        assertEquals(100 + Math.log(2), f.logsumexp().item(), 1e-4);
        assertArrayEquals(NdArray.of(new double[][] {{1000 + Math.log(2)}, {-1000 + Math.log(2)}}),
                x.logsumexp(new int[] {1}, true));
    }

    // ------------------------------------------------------------------ randomized and large

    /** Sum, max or min of {@code x} over {@code axes} by a direct loop over every position. */
    static double[] referenceReduce(Kind kind, NdArray x, boolean[] red) {
        int[] dims = x.shape().dims();
        double[] v = x.toDoubleArray();
        int[] outDims = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            outDims[i] = red[i] ? 1 : dims[i];
        }
        int nOut = Shape.of(outDims).size();
        double[] out = new double[nOut];
        boolean[] seen = new boolean[nOut];
        int[] idx = new int[dims.length];
        for (int p = 0; p < v.length; p++) {
            int rem = p;
            for (int ax = dims.length - 1; ax >= 0; ax--) {
                idx[ax] = rem % dims[ax];
                rem /= dims[ax];
            }
            int o = 0;
            for (int ax = 0; ax < dims.length; ax++) {
                o = o * outDims[ax] + (red[ax] ? 0 : idx[ax]);
            }
            if (!seen[o]) {
                out[o] = v[p];
                seen[o] = true;
            } else if (kind == Kind.MAX) {
                out[o] = Math.max(out[o], v[p]);
            } else if (kind == Kind.MIN) {
                out[o] = Math.min(out[o], v[p]);
            } else {
                out[o] += v[p];
            }
        }
        if (kind == Kind.MEAN) {
            int count = v.length / Math.max(1, nOut);
            for (int i = 0; i < nOut; i++) {
                out[i] /= count;
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void randomAxesOnViews(long seed) {
        Random rnd = new Random(seed);
        for (int trial = 0; trial < 30; trial++) {
            int[] shape = ElementwiseTest.randomShape(rnd, 5);
            int rank = shape.length;
            NdArray x = ElementwiseTest.randomArray(rnd, DType.FLOAT64, shape);
            // a permuted view (non-contiguous storage order) of the same values
            int[] perm = new int[rank];
            for (int i = 0; i < rank; i++) {
                perm[i] = i;
            }
            for (int i = rank - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
            NdArray view = rnd.nextBoolean() ? x.transpose(perm) : x.transpose(perm).copy();
            boolean[] red = new boolean[rank];
            List<Integer> axes = new ArrayList<>();
            for (int i = 0; i < rank; i++) {
                if (rnd.nextBoolean()) {
                    red[i] = true;
                    axes.add(rnd.nextBoolean() ? i : i - rank);
                }
            }
            int[] ax = axes.stream().mapToInt(Integer::intValue).toArray();
            for (Kind kind : Kind.values()) {
                double[] expected = referenceReduce(kind, view.copy(), red);
                NdArray got = Reduce.reduce(kind, view, ax, true);
                double[] g = got.toDoubleArray();
                for (int i = 0; i < g.length; i++) {
                    assertEquals(expected[i], g[i], 1e-12 * (1 + Math.abs(expected[i])), kind + " " + view.shape()
                            + " axes " + axes);
                }
            }
        }
    }

    @Test
    void largeReductionsSplitAcrossThreads() {
        Random rnd = new Random(5);
        int rows = 600;
        int cols = 500;
        NdArray x = ElementwiseTest.randomArray(rnd, DType.FLOAT64, rows, cols);
        for (Kind kind : Kind.values()) {
            for (int[] ax : new int[][] {{0}, {1}, {0, 1}}) {
                boolean[] red = {false, false};
                for (int a : ax) {
                    red[a] = true;
                }
                double[] expected = referenceReduce(kind, x, red);
                double[] got = Reduce.reduce(kind, x, ax, true).toDoubleArray();
                int[] axT = ax.length == 2 ? new int[] {1, 0} : new int[] {1 - ax[0]};
                double[] gotT = Reduce.reduce(kind, x.transpose(), axT, false).toDoubleArray();
                for (int i = 0; i < got.length; i++) {
                    assertEquals(expected[i], got[i], 1e-11 * (1 + Math.abs(expected[i])), kind + " " + ax.length);
                }
                if (ax.length == 1) {
                    for (int i = 0; i < got.length; i++) {
                        assertEquals(expected[i], gotT[i], 1e-11 * (1 + Math.abs(expected[i])), kind + " T");
                    }
                }
            }
        }
        long[] am = x.argmax(1).toLongArray();
        double[] v = x.toDoubleArray();
        for (int i = 0; i < rows; i++) {
            int best = 0;
            for (int j = 1; j < cols; j++) {
                if (v[i * cols + j] > v[i * cols + best]) {
                    best = j;
                }
            }
            assertEquals(best, am[i]);
        }
    }

    @Test
    void fullSumIsIndependentOfThreadCountAndAccurate() {
        int n = 3_000_001;
        double[] d = new double[n];
        Random rnd = new Random(11);
        double exact = 0;
        double comp = 0;
        for (int i = 0; i < n; i++) {
            d[i] = rnd.nextDouble();
            // Kahan summation for the reference
            double y = d[i] - comp;
            double t = exact + y;
            comp = (t - exact) - y;
            exact = t;
        }
        NdArray x = NdArray.of(d);
        double s = x.sum().item();
        assertEquals(exact, s, 1e-14 * exact);
        assertEquals(s, x.sum().item(), "deterministic");
        assertEquals(exact / n, x.mean().item(), 1e-14);
        int argmax = 0;
        for (int i = 1; i < n; i++) {
            if (d[i] > d[argmax]) {
                argmax = i;
            }
        }
        assertEquals(d[argmax], x.max().item());
        assertEquals(argmax, x.argmax().getLong());
    }

    // ------------------------------------------------------------------ small contiguous arrays: the paths without a plan

    /**
     * Sum, mean, max and min of small contiguous float matrices over axis 0, axis 1 (both spellings)
     * and all axes, and logsumexp over axis 1: the same bits as the general path (the pairwise
     * summation order does not change).
     */
    @ParameterizedTest
    @ValueSource(longs = {41, 42, 43, 44, 45, 46})
    void smallPathsGiveTheBitsOfTheGeneralPath(long seed) {
        Random rnd = new Random(seed);
        for (int trial = 0; trial < 25; trial++) {
            int n = 1 + rnd.nextInt(seed % 2 == 0 ? 5 : 70);
            int m = 1 + rnd.nextInt(seed % 3 == 0 ? 5 : 70);
            DType dt = rnd.nextBoolean() ? DType.FLOAT32 : DType.FLOAT64;
            double[] v = new double[n * m];
            for (int i = 0; i < v.length; i++) {
                v[i] = rnd.nextGaussian() * Math.pow(10, rnd.nextInt(7) - 3);
            }
            if (rnd.nextInt(4) == 0) {
                v[rnd.nextInt(v.length)] = Double.NEGATIVE_INFINITY;
            }
            if (rnd.nextInt(8) == 0) {
                v[rnd.nextInt(v.length)] = rnd.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NaN;
            }
            NdArray a = NdArray.of(v, n, m).astype(dt);
            NdArray flat = a.reshape(-1);
            int[][] axesList = {null, {0}, {1}, {-1}, {-2}};
            try {
                for (int[] axes : axesList) {
                    for (boolean keep : new boolean[] {false, true}) {
                        for (Kind kind : Kind.values()) {
                            String what = kind + " " + dt + " " + a.shape() + " axes "
                                    + java.util.Arrays.toString(axes) + (keep ? " keepdims" : "");
                            Reduce.smallPaths = true;
                            NdArray fast = Reduce.reduce(kind, a, axes, keep);
                            Reduce.smallPaths = false;
                            assertSameBits(Reduce.reduce(kind, a, axes, keep), fast, what);
                        }
                    }
                }
                for (boolean keep : new boolean[] {false, true}) {
                    Reduce.smallPaths = true;
                    NdArray fast = a.logsumexp(new int[] {1}, keep);
                    Reduce.smallPaths = false;
                    assertSameBits(a.logsumexp(new int[] {1}, keep), fast, "logsumexp " + dt + " " + a.shape());
                }
                Reduce.smallPaths = true;
                NdArray fastSoftmax = a.softmax(1);
                Reduce.smallPaths = false;
                assertSameBits(a.softmax(1), fastSoftmax, "softmax " + dt + " " + a.shape());
                Reduce.smallPaths = true;
                NdArray fastSumTo = a.sumTo(m);
                NdArray fastFlat = flat.sum();
                Reduce.smallPaths = false;
                assertSameBits(a.sumTo(m), fastSumTo, "sumTo");
                assertSameBits(flat.sum(), fastFlat, "sum 1-d");
            } finally {
                Reduce.smallPaths = true;
            }
        }
    }

    /** NumPy: {@code e = np.exp(x - x.max(axis, keepdims=True)); e / e.sum(axis, keepdims=True)}. */
    @Test
    void softmaxValues() {
        double ninf = Double.NEGATIVE_INFINITY;
        NdArray x = NdArray.of(new double[][] {{1, 2, 3}, {1000, 1000, ninf}, {-1000, 0, -1000}});
        NdArray expected = NdArray.of(new double[][] {{0.09003057317038046, 0.24472847105479767, 0.6652409557748219},
            {0.5, 0.5, 0}, {0, 1, 0}});
        for (DType dt : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            NdArray p = x.astype(dt).softmax(1);
            assertEquals(dt, p.dtype());
            assertClose(expected, p.astype(DType.FLOAT64), dt == DType.FLOAT64 ? 1e-15 : 3e-7, 0);
            assertClose(expected, x.astype(dt).transpose().softmax(0).transpose().astype(DType.FLOAT64),
                    dt == DType.FLOAT64 ? 1e-15 : 3e-7, 0);
            assertClose(expected, x.astype(dt).softmax(-1).astype(DType.FLOAT64), dt == DType.FLOAT64 ? 1e-15 : 3e-7, 0);
        }
        // int64 computes in float64; a 3-d array over its middle axis; NaN and +inf rows give NaN
        assertClose(NdArray.of(new double[] {0.2689414213699951, 0.7310585786300049}),
                NdArray.arange(2).softmax(0), 1e-15, 0);
        assertEquals(DType.FLOAT64, NdArray.arange(2).softmax(0).dtype());
        NdArray cube = NdArray.arange(12).reshape(2, 3, 2).astype(DType.FLOAT64);
        NdArray e = cube.sub(cube.max(new int[] {1}, true)).exp();
        assertSameBits(e.div(e.sum(new int[] {1}, true)), cube.softmax(1), "softmax 3-d");
        NdArray bad = NdArray.of(new double[][] {{Double.NaN, 1}, {Double.POSITIVE_INFINITY, 1}});
        assertTrue(Double.isNaN(bad.softmax(1).get(Index.at(0), Index.at(1)).item()));
        assertTrue(Double.isNaN(bad.softmax(1).get(Index.at(1), Index.at(0)).item()));
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> x.softmax(2));
        assertTrue(ex.getMessage().contains("softmax") && ex.getMessage().contains("2"), ex.getMessage());
    }

    @Test
    void smallLogsumexpValues() {
        double ninf = Double.NEGATIVE_INFINITY;
        NdArray x = NdArray.of(new double[][] {{0, Math.log(3)}, {ninf, ninf}, {ninf, 2}, {Double.NaN, 1}});
        NdArray r = x.logsumexp(1);
        assertEquals(Math.log(4), r.get(0), 1e-15);
        assertEquals(ninf, r.get(1));
        assertEquals(2, r.get(2));
        assertTrue(Double.isNaN(r.get(3)));
        NdArray f = NdArray.of(new float[][] {{1, 1, 1, 1}}).logsumexp(new int[] {-1}, true);
        assertEquals(Shape.of(1, 1), f.shape());
        assertEquals(DType.FLOAT32, f.dtype());
        assertEquals((float) (1 + Math.log(4)), (float) f.get(0, 0), 1e-6);
        // no axis: elementwise (nothing is summed)
        assertArrayEquals(NdArray.of(new double[][] {{1, 2}}), NdArray.of(new double[][] {{1, 2}}).logsumexp(
                new int[0], false));
    }
}
