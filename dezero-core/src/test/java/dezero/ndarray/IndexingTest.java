package dezero.ndarray;

import static dezero.ndarray.IndexingFixtures.arange;
import static dezero.ndarray.IndexingFixtures.array;
import static dezero.ndarray.IndexingFixtures.assertArray;
import static dezero.ndarray.IndexingFixtures.dtype;
import static dezero.ndarray.IndexingFixtures.ints;
import static dezero.ndarray.IndexingFixtures.spec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IndexingTest {

    // ------------------------------------------------------------------ NumPy fixtures

    static Stream<Arguments> slicing() {
        return numbered("slicing.json");
    }

    static Stream<Arguments> advanced() {
        return numbered("advanced.json");
    }

    static Stream<Arguments> addAt() {
        return numbered("addat.json");
    }

    static Stream<Arguments> take() {
        return numbered("take.json");
    }

    static Stream<Arguments> join() {
        return numbered("join.json");
    }

    private static Stream<Arguments> numbered(String file) {
        List<Map<String, Object>> cases = IndexingFixtures.cases(file);
        return IntStream.range(0, cases.size()).mapToObj(i -> Arguments.of(i, cases.get(i)));
    }

    @ParameterizedTest(name = "slicing case {0}")
    @MethodSource
    void slicing(int n, Map<String, Object> c) {
        NdArray a = arange(DType.FLOAT64, ints(c.get("shape")));
        Index[] spec = spec(c.get("spec"));
        String what = "a" + Arrays.toString(spec) + " of shape " + a.shape();
        if (expectError(c, () -> a.get(spec), "get")) {
            return;
        }
        NdArray r = a.get(spec);
        assertArray(out(c), r, what);
        assertSame(a.doubleData, r.doubleData, what + ": basic indexing must give a view");
    }

    @ParameterizedTest(name = "advanced indexing case {0}")
    @MethodSource
    void advanced(int n, Map<String, Object> c) {
        NdArray a = arange(dtype(c.get("dtype")), ints(c.get("shape")));
        Index[] spec = spec(c.get("spec"));
        if (expectError(c, () -> a.get(spec), "get")) {
            return;
        }
        assertArray(out(c), a.get(spec), "a" + Arrays.toString(spec) + " of shape " + a.shape());
    }

    @ParameterizedTest(name = "add.at case {0}")
    @MethodSource
    @SuppressWarnings("unchecked")
    void addAt(int n, Map<String, Object> c) {
        NdArray a = array((Map<String, Object>) c.get("a"));
        NdArray before = a.copy();
        Index[] spec = spec(c.get("spec"));
        NdArray values = array((Map<String, Object>) c.get("values"));
        if (expectError(c, () -> a.addAt(spec, values), "addAt")) {
            return;
        }
        NdArray r = a.addAt(spec, values);
        assertArray(out(c), r, "add.at(a, " + Arrays.toString(spec) + ", values " + values.shape() + ")");
        assertEquals(before, a, "addAt must not modify its source");
    }

    @ParameterizedTest(name = "take case {0}")
    @MethodSource
    @SuppressWarnings("unchecked")
    void take(int n, Map<String, Object> c) {
        Map<String, Object> am = (Map<String, Object>) c.get("a");
        NdArray a = arange(dtype(am.get("dtype")), ints(am.get("shape")));
        NdArray idx = array((Map<String, Object>) c.get("indices"));
        int axis = ((Number) c.get("axis")).intValue();
        if (expectError(c, () -> a.take(idx, axis), "take")) {
            return;
        }
        assertArray(out(c), a.take(idx, axis), "take(a " + a.shape() + ", " + idx.shape() + ", axis " + axis + ")");
    }

    @ParameterizedTest(name = "join/split case {0}")
    @MethodSource
    @SuppressWarnings("unchecked")
    void join(int n, Map<String, Object> c) {
        String op = (String) c.get("op");
        int axis = ((Number) c.get("axis")).intValue();
        if (op.startsWith("split")) {
            Map<String, Object> am = (Map<String, Object>) c.get("a");
            NdArray a = arange(dtype(am.get("dtype")), ints(am.get("shape")));
            List<NdArray> parts;
            if (op.equals("split_sections")) {
                int sections = ((Number) c.get("sections")).intValue();
                if (c.containsKey("error")) {
                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                            () -> a.split(sections, axis));
                    assertTrue(e.getMessage().startsWith("split: " + error(c)), e.getMessage());
                    return;
                }
                parts = a.split(sections, axis);
            } else {
                parts = a.split(ints(c.get("indices")), axis);
            }
            List<Object> expected = (List<Object>) c.get("parts");
            assertEquals(expected.size(), parts.size(), "number of parts");
            for (int i = 0; i < parts.size(); i++) {
                assertArray((Map<String, Object>) expected.get(i), parts.get(i), op + " part " + i);
                assertSame(a.doubleData, parts.get(i).doubleData, "split parts are views");
            }
            return;
        }
        List<NdArray> arrays = new ArrayList<>();
        for (Object m : (List<Object>) c.get("arrays")) {
            arrays.add(array((Map<String, Object>) m));
        }
        if (c.containsKey("error")) {
            assertThrows(IllegalArgumentException.class, () -> join(op, arrays, axis));
            return;
        }
        // DType.promote (int64 with float32 gives float32) is not NumPy's rule (float64); the values are small integers
        DType dtype = arrays.get(0).dtype();
        for (NdArray x : arrays) {
            dtype = DType.promote(dtype, x.dtype());
        }
        NdArray r = join(op, arrays, axis);
        assertEquals(dtype, r.dtype());
        assertArray(out(c), r.astype(dtype(out(c).get("dtype"))), op + " along axis " + axis);
    }

    private static NdArray join(String op, List<NdArray> arrays, int axis) {
        return op.equals("stack") ? NdArray.stack(arrays, axis) : NdArray.concatenate(arrays, axis);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> out(Map<String, Object> c) {
        return (Map<String, Object>) c.get("out");
    }

    @SuppressWarnings("unchecked")
    private static String error(Map<String, Object> c) {
        return (String) ((Map<String, Object>) c.get("error")).get("message");
    }

    /**
     * When the fixture expects an error: asserts that the call throws the matching exception (an
     * index out of range: IndexOutOfBoundsException; everything else IllegalArgumentException) with
     * NumPy's message behind the operation's name, and returns true.
     */
    private static boolean expectError(Map<String, Object> c, Runnable call, String op) {
        if (!c.containsKey("error")) {
            return false;
        }
        String message = error(c);
        if (message.startsWith("index ")) {
            IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, call::run);
            assertEquals(op + ": " + message, e.getMessage());
        } else {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
            if (!message.equals("array is not broadcastable to correct shape")) {
                assertEquals(op + ": " + message, e.getMessage());
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ views and sharing

    @Test
    void slicesAreViewsOfTheSameStorage() {
        NdArray a = arange(DType.FLOAT64, new int[] {4, 5});
        NdArray v = a.get(Index.slice(null, null, -1), Index.slice(1, 4));
        assertSame(a.doubleData, v.doubleData);
        assertEquals(Shape.of(4, 3), v.shape());
        assertArrayEquals(new double[] {16, 17, 18, 11, 12, 13, 6, 7, 8, 1, 2, 3}, v.toDoubleArray());
        // a view of a view
        NdArray w = v.get(Index.at(-1), Index.newAxis());
        assertSame(a.doubleData, w.doubleData);
        assertEquals(Shape.of(1, 3), w.shape());
        assertArrayEquals(new double[] {1, 2, 3}, w.toDoubleArray());
        // integers only: a 0-d view
        NdArray s = a.get(Index.at(2), Index.at(-2));
        assertSame(a.doubleData, s.doubleData);
        assertEquals(13.0, s.item());
    }

    @Test
    void advancedIndexingCopies() {
        NdArray a = arange(DType.FLOAT64, new int[] {3, 4});
        NdArray r = a.get(Index.of(2, 0));
        assertNotSame(a.doubleData, r.doubleData);
        assertArrayEquals(new double[] {8, 9, 10, 11, 0, 1, 2, 3}, r.toDoubleArray());
    }

    @Test
    void emptySlicesPastTheEnd() {
        NdArray a = arange(DType.INT64, new int[] {3, 4});
        NdArray e = a.get(Index.slice(5, 9), Index.slice(7, null, 1));
        assertEquals(Shape.of(0, 0), e.shape());
        assertEquals(0, e.toLongArray().length);
        assertEquals("[]", e.toString());
    }

    // ------------------------------------------------------------------ error messages

    @Test
    void errorMessagesNameTheOperationAndTheValues() {
        NdArray a = arange(DType.FLOAT64, new int[] {2, 3});
        IndexOutOfBoundsException oob = assertThrows(IndexOutOfBoundsException.class,
                () -> a.get(Index.all(), Index.of(5)));
        assertEquals("get: index 5 is out of bounds for axis 1 with size 3", oob.getMessage());
        IllegalArgumentException many = assertThrows(IllegalArgumentException.class,
                () -> a.get(Index.at(0), Index.at(0), Index.at(0)));
        assertEquals("get: too many indices for array: array is 2-dimensional, but 3 were indexed", many.getMessage());
        IllegalArgumentException split = assertThrows(IllegalArgumentException.class,
                () -> NdArray.arange(7).split(3, 0));
        assertEquals("split: array split does not result in an equal division: 7 into 3 along axis 0",
                split.getMessage());
        IllegalArgumentException cat = assertThrows(IllegalArgumentException.class,
                () -> NdArray.concatenate(List.of(NdArray.zeros(2, 3), NdArray.zeros(3, 4)), 0));
        assertEquals("concatenate: shapes (2, 3) and (3, 4) do not match except along axis 0", cat.getMessage());
        IllegalArgumentException stack = assertThrows(IllegalArgumentException.class,
                () -> NdArray.stack(List.of(NdArray.zeros(2, 3), NdArray.zeros(2, 4)), 1));
        assertEquals("stack: all input arrays must have the same shape, got (2, 3) at index 0 and (2, 4) at index 1",
                stack.getMessage());
        IllegalArgumentException values = assertThrows(IllegalArgumentException.class,
                () -> NdArray.zeros(3, 4).addAt(new Index[] {Index.of(0, 1)}, NdArray.ones(3)));
        assertEquals("addAt: values of shape (3,) cannot be broadcast to the indexed shape (2, 4)",
                values.getMessage());
        IllegalArgumentException intTarget = assertThrows(IllegalArgumentException.class,
                () -> NdArray.arange(3).addAt(new Index[] {Index.of(0)}, NdArray.ones(1)));
        assertEquals("addAt: cannot add float64 values into an int64 array", intTarget.getMessage());
        IllegalArgumentException axis = assertThrows(IllegalArgumentException.class,
                () -> a.take(NdArray.arange(1), 2));
        assertEquals("take: axis 2 is out of bounds for array of dimension 2", axis.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NdArray.concatenate(List.of(), 0));
        assertThrows(IllegalArgumentException.class, () -> NdArray.concatenate(List.of(NdArray.of(1.0)), 0));
        assertThrows(IllegalArgumentException.class, () -> NdArray.arange(6).split(0, 0));
    }

    // ------------------------------------------------------------------ the autodiff workhorses

    @Test
    void softmaxCrossEntropyGatherAndItsAdjoint() {
        // x[arange(N), t] and zeros(N, C).addAt([arange(N), t], gy)
        NdArray x = arange(DType.FLOAT32, new int[] {4, 3});
        NdArray t = NdArray.of(new long[] {2, 0, 2, 1});
        Index[] spec = {Index.of(NdArray.arange(4)), Index.of(t)};
        NdArray picked = x.get(spec);
        assertEquals(DType.FLOAT32, picked.dtype());
        assertArrayEquals(new double[] {2, 3, 8, 10}, picked.toDoubleArray());
        NdArray g = NdArray.zeros(DType.FLOAT32, 4, 3).addAt(spec, NdArray.of(new float[] {1, 2, 3, 4}));
        assertArrayEquals(new double[] {0, 0, 1, 2, 0, 0, 0, 0, 3, 0, 4, 0}, g.toDoubleArray());
    }

    @Test
    void embeddingAdjointAccumulatesRepeatedIds() {
        NdArray ids = NdArray.of(new long[] {1, 3, 1, 1, 0, 3}, 2, 3);
        NdArray gy = NdArray.ones(2, 3, 2);
        NdArray g = NdArray.zeros(5, 2).addAt(new Index[] {Index.of(ids)}, gy);
        assertArrayEquals(new double[] {1, 1, 3, 3, 0, 0, 2, 2, 0, 0}, g.toDoubleArray());
    }

    // ------------------------------------------------------------------ randomized properties

    static IntStream seeds() {
        return IntStream.range(0, 40);
    }

    /**
     * addAt agrees with get: with the flat positions of a contiguous source as its values, get(spec)
     * tells where each element of the result comes from, and addAt must add each value there.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void addAtIsTheAdjointOfGet(int seed) {
        Random rnd = new Random(seed);
        int[] shape = randomShape(rnd);
        Index[] spec = randomSpec(rnd, shape);
        NdArray positions = arange(DType.INT64, shape).get(spec);
        long[] pos = positions.toLongArray();
        double[] v = new double[pos.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextInt(9) - 4;
        }
        NdArray base = arange(DType.FLOAT64, shape);
        double[] expected = base.toDoubleArray();
        for (int i = 0; i < v.length; i++) {
            expected[(int) pos[i]] += v[i];
        }
        NdArray r = base.addAt(spec, NdArray.of(v, positions.shape().dims()));
        assertArrayEquals(expected, r.toDoubleArray(), Arrays.toString(spec) + " on " + Shape.of(shape));
    }

    /** Indexing a strided (transposed, reversed, offset) view gives what indexing its copy gives. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void indexingAViewEqualsIndexingItsCopy(int seed) {
        Random rnd = new Random(1000 + seed);
        int[] big = randomShape(rnd);
        NdArray src = arange(DType.FLOAT64, big);
        // a strided view: reverse or step some axes, then permute them
        Index[] cut = new Index[big.length];
        for (int i = 0; i < cut.length; i++) {
            cut[i] = rnd.nextBoolean() ? Index.slice(null, null, -1) : Index.slice(rnd.nextInt(big[i]), null, 1);
        }
        NdArray view = src.get(cut);
        int[] perm = IntStream.range(0, big.length).toArray();
        for (int i = perm.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int tmp = perm[i];
            perm[i] = perm[j];
            perm[j] = tmp;
        }
        view = view.transpose(perm);
        NdArray copy = view.copy();
        Index[] spec = randomSpec(rnd, view.shape().dims());
        NdArray fromView = view.get(spec);
        NdArray fromCopy = copy.get(spec);
        assertEquals(fromCopy.shape(), fromView.shape());
        assertArrayEquals(fromCopy.toDoubleArray(), fromView.toDoubleArray(), Arrays.toString(spec));
        NdArray vals = NdArray.ones(fromCopy.shape().dims());
        assertArrayEquals(copy.addAt(spec, vals).toDoubleArray(), view.addAt(spec, vals).toDoubleArray());
        for (int axis = 0; axis < view.ndim(); axis++) {
            int d = view.dim(axis);
            List<NdArray> parts = view.split(new int[] {d / 3, 2 * d / 3}, axis);
            assertEquals(view, NdArray.concatenate(parts, axis));
        }
    }

    private static int[] randomShape(Random rnd) {
        int[] shape = new int[1 + rnd.nextInt(4)];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = 1 + rnd.nextInt(5);
        }
        return shape;
    }

    private static Index[] randomSpec(Random rnd, int[] shape) {
        List<Index> spec = new ArrayList<>();
        int[] b = {1 + rnd.nextInt(3), 1 + rnd.nextInt(3)};
        for (int axis = 0; axis < shape.length; axis++) {
            int d = shape[axis];
            switch (rnd.nextInt(5)) {
                case 0:
                    spec.add(Index.at(rnd.nextInt(2 * d) - d));
                    break;
                case 1:
                    spec.add(Index.slice(rnd.nextInt(2 * d + 1) - d, rnd.nextInt(2 * d + 1) - d, rnd.nextBoolean() ? 1 : -2));
                    break;
                case 2: {
                    // repeated indices are likely
                    long[] idx = new long[b[0] * b[1]];
                    for (int i = 0; i < idx.length; i++) {
                        idx[i] = rnd.nextInt(2 * d) - d;
                    }
                    spec.add(Index.of(NdArray.of(idx, b[0], b[1])));
                    break;
                }
                case 3:
                    spec.add(Index.newAxis());
                    spec.add(Index.all());
                    break;
                default:
                    spec.add(Index.all());
            }
        }
        return spec.toArray(new Index[0]);
    }

    // ------------------------------------------------------------------ a[idx] and a[rows, cols] without a layout

    /**
     * Row gathers {@code a[idx]} (any rank, every dtype) and element picks {@code m[rows, cols]} on
     * contiguous arrays, negative indices included: the same array as the general path gives for a
     * non-contiguous view of the same values.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(longs = {51, 52, 53, 54})
    void rowGathersAndPicksEqualTheGeneralPath(long seed) {
        Random rnd = new Random(seed);
        for (int trial = 0; trial < 40; trial++) {
            int rank = 1 + rnd.nextInt(3);
            int[] dims = new int[rank];
            for (int i = 0; i < rank; i++) {
                dims[i] = 1 + rnd.nextInt(6);
            }
            DType dt = DType.values()[rnd.nextInt(3)];
            NdArray a = ElementwiseTest.randomArray(rnd, dt, dims);
            NdArray view = ElementwiseTest.stridedView(a);
            int k = rnd.nextInt(8);
            long[] rows = new long[k];
            long[] cols = new long[k];
            for (int i = 0; i < k; i++) {
                rows[i] = rnd.nextInt(2 * dims[0]) - dims[0];
                cols[i] = rank == 2 ? rnd.nextInt(2 * dims[1]) - dims[1] : 0;
            }
            Index ri = Index.of(NdArray.of(rows));
            NdArray taken = a.get(ri);
            NdAssert.assertSameBits(view.get(ri), taken, "rows " + a.shape());
            assertEquals(k, taken.shape().dim(0));
            if (rank == 2) {
                Index ci = Index.of(NdArray.of(cols));
                NdArray picked = a.get(ri, ci);
                NdAssert.assertSameBits(view.get(ri, ci), picked, "pick " + a.shape());
                for (int i = 0; i < k; i++) {
                    int r = (int) Math.floorMod(rows[i], (long) dims[0]);
                    int c = (int) Math.floorMod(cols[i], (long) dims[1]);
                    assertEquals(a.get(r, c), picked.get(i));
                }
            }
        }
    }

    @Test
    void rowGatherAndPickValuesAndErrors() {
        NdArray m = NdArray.of(new float[][] {{1, 2, 3}, {4, 5, 6}});
        NdArray rows = NdArray.of(new long[] {1, -2, 1});
        NdArray taken = m.get(Index.of(rows));
        assertEquals(DType.FLOAT32, taken.dtype());
        assertEquals(Shape.of(3, 3), taken.shape());
        assertArrayEquals(new float[] {4, 5, 6, 1, 2, 3, 4, 5, 6}, taken.toFloatArray());
        NdArray picked = m.get(Index.of(NdArray.of(new long[] {0, 1})), Index.of(NdArray.of(new long[] {2, -3})));
        assertArrayEquals(new float[] {3, 4}, picked.toFloatArray());
        NdArray labels = NdArray.of(new long[] {7, 8, 9});
        assertArrayEquals(new long[] {9, 7}, labels.get(Index.of(NdArray.of(new long[] {2, 0}))).toLongArray());
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                () -> m.get(Index.of(NdArray.of(new long[] {0, 2}))));
        assertEquals("get: index 2 is out of bounds for axis 0 with size 2", e.getMessage());
        e = assertThrows(IndexOutOfBoundsException.class,
                () -> m.get(Index.of(NdArray.of(new long[] {0})), Index.of(NdArray.of(new long[] {-4}))));
        assertEquals("get: index -4 is out of bounds for axis 1 with size 3", e.getMessage());
        // unequal index lengths broadcast (the general path) or fail as there
        assertArrayEquals(new float[] {1, 2}, m.get(Index.of(NdArray.of(new long[] {0})),
                Index.of(NdArray.of(new long[] {0, 1}))).toFloatArray());
    }
}
