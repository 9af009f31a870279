package dezero.ndarray;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LinalgTest {

    // ------------------------------------------------------------------ switches, restored after each test

    private final boolean vectorBefore = Gemm.vector();
    private final int threadsBefore = Gemm.maxThreads();
    private final long[] thresholdsBefore = Gemm.setThresholds(1L << 21, 1L << 20);
    private final int[] blocksBefore = {DoubleGemm.KC, DoubleGemm.MC, DoubleGemm.NC, FloatGemm.KC, FloatGemm.MC,
            FloatGemm.NC};

    @AfterEach
    void restore() {
        Gemm.setVector(vectorBefore);
        Gemm.setMaxThreads(threadsBefore);
        Gemm.setThresholds(thresholdsBefore[0], thresholdsBefore[1]);
        DoubleGemm.KC = blocksBefore[0];
        DoubleGemm.MC = blocksBefore[1];
        DoubleGemm.NC = blocksBefore[2];
        FloatGemm.KC = blocksBefore[3];
        FloatGemm.MC = blocksBefore[4];
        FloatGemm.NC = blocksBefore[5];
    }

    private static void smallBlocks() {
        DoubleGemm.KC = 7;
        DoubleGemm.MC = 10;
        DoubleGemm.NC = 30;
        FloatGemm.KC = 5;
        FloatGemm.MC = 9;
        FloatGemm.NC = 50;
    }

    // ------------------------------------------------------------------ NumPy fixtures

    /** One block of fixtures/linalg/cases.txt (see tools/fixtures_linalg.py). */
    static final class Case {
        String name;
        String op;
        int[] axesA;
        int[] axesB;
        NdArray a;
        NdArray b;
        NdArray out;

        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() throws IOException {
        List<Case> list = new ArrayList<>();
        try (InputStream in = LinalgTest.class.getResourceAsStream("/fixtures/linalg/cases.txt");
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            Case c = null;
            for (String line; (line = r.readLine()) != null;) {
                if (line.startsWith("#") || line.isEmpty()) {
                    continue;
                }
                String[] t = line.split(" ");
                switch (t[0]) {
                    case "case":
                        c = new Case();
                        c.name = t[1];
                        break;
                    case "op":
                        c.op = t[1];
                        break;
                    case "axes":
                        c.axesA = intList(t[1]);
                        c.axesB = intList(t[2]);
                        break;
                    case "a":
                        c.a = applyView(array(t, 1), t[3]);
                        break;
                    case "b":
                        c.b = applyView(array(t, 1), t[3]);
                        break;
                    case "out":
                        c.out = array(t, 1);
                        break;
                    case "end":
                        list.add(c);
                        break;
                    default:
                        throw new IOException("bad fixture line: " + line);
                }
            }
        }
        return list;
    }

    private static int[] intList(String s) {
        return s.equals("-") ? new int[0] : Arrays.stream(s.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    /** Parses "dtype shape [view] values..." starting at t[from]; values start after the view field for operands. */
    private static NdArray array(String[] t, int from) {
        String dtype = t[from];
        int[] shape = intList(t[from + 1]);
        boolean operand = !t[0].equals("out");
        int v0 = from + (operand ? 3 : 2);
        int n = t.length - v0;
        switch (dtype) {
            case "float64": {
                double[] d = new double[n];
                for (int i = 0; i < n; i++) {
                    d[i] = Double.parseDouble(t[v0 + i]);
                }
                return NdArray.of(d, shape);
            }
            case "float32": {
                float[] f = new float[n];
                for (int i = 0; i < n; i++) {
                    f[i] = Float.parseFloat(t[v0 + i]);
                }
                return NdArray.of(f, shape);
            }
            case "int64": {
                long[] l = new long[n];
                for (int i = 0; i < n; i++) {
                    l[i] = Long.parseLong(t[v0 + i]);
                }
                return NdArray.of(l, shape);
            }
            default:
                throw new IllegalArgumentException(dtype);
        }
    }

    /** The view steps of the fixture format: T, P:axes, S:axis:step, O:axis:start. */
    static NdArray applyView(NdArray x, String view) {
        if (view.equals("-")) {
            return x;
        }
        for (String step : view.split("/")) {
            if (step.equals("T")) {
                x = x.transpose();
            } else if (step.startsWith("P:")) {
                x = x.transpose(intList(step.substring(2)));
            } else if (step.startsWith("S:")) {
                int[] p = Arrays.stream(step.substring(2).split(":")).mapToInt(Integer::parseInt).toArray();
                x = stepped(x, p[0], p[1]);
            } else if (step.startsWith("O:")) {
                int[] p = Arrays.stream(step.substring(2).split(":")).mapToInt(Integer::parseInt).toArray();
                int[] dims = x.shape.dims();
                dims[p[0]] -= p[1];
                x = x.view(Shape.of(dims), x.strides.clone(), x.offset + p[1] * x.strides[p[0]]);
            } else {
                throw new IllegalArgumentException(step);
            }
        }
        return x;
    }

    /** {@code x[..., ::step, ...]} on {@code axis}, as a view. */
    static NdArray stepped(NdArray x, int axis, int step) {
        int[] dims = x.shape.dims();
        int[] st = x.strides.clone();
        dims[axis] = (dims[axis] + step - 1) / step;
        st[axis] *= step;
        return x.view(Shape.of(dims), st, x.offset);
    }

    static Stream<Case> fixtureCases() throws IOException {
        return cases().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtureCases")
    void matchesNumPy(Case c) {
        NdArray got = run(c);
        long k = summedLength(c);
        assertMatches(c.name, c.out, got, k);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtureCases")
    void matchesNumPyOnThePlainPath(Case c) {
        Gemm.setVector(false);
        assertMatches(c.name, c.out, run(c), summedLength(c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtureCases")
    void matchesNumPyWithSmallBlocksAndThreads(Case c) {
        smallBlocks();
        Gemm.setThresholds(1, 1);
        Gemm.setMaxThreads(3);
        assertMatches(c.name, c.out, run(c), summedLength(c));
    }

    private static NdArray run(Case c) {
        switch (c.op) {
            case "matmul":
                return c.a.matmul(c.b);
            case "dot":
                return c.a.dot(c.b);
            default:
                return c.a.tensordot(c.b, c.axesA, c.axesB);
        }
    }

    private static long summedLength(Case c) {
        switch (c.op) {
            case "tensordot": {
                long k = 1;
                for (int ax : c.axesA) {
                    k *= c.a.dim(ax);
                }
                return k;
            }
            default:
                return c.a.ndim() == 0 || c.b.ndim() == 0 ? 1 : c.a.dim(-1);
        }
    }

    /** Same dtype and shape; int64 exactly, floats within 1e-12 (float64) or 1e-5 (float32) relative, times k. */
    static void assertMatches(String what, NdArray expected, NdArray got, long k) {
        assertEquals(expected.dtype(), got.dtype(), what + ": dtype");
        assertEquals(expected.shape(), got.shape(), what + ": shape");
        if (expected.dtype() == DType.INT64) {
            assertArrayEquals(expected.toLongArray(), got.toLongArray(), what);
            return;
        }
        double rtol = (expected.dtype() == DType.FLOAT64 ? 1e-12 : 1e-5) * Math.max(1, k);
        double[] e = expected.toDoubleArray();
        double[] g = got.toDoubleArray();
        for (int i = 0; i < e.length; i++) {
            if (!(Math.abs(e[i] - g[i]) <= rtol * Math.max(1, Math.abs(e[i])))) {
                fail(what + ": element " + i + " is " + g[i] + ", NumPy gives " + e[i]);
            }
        }
    }

    @Test
    void fixturesCoverEveryOperationAndDtype() throws IOException {
        List<Case> all = cases();
        assertEquals(60, all.size());
        for (String op : new String[] {"matmul", "dot", "tensordot"}) {
            for (DType dt : DType.values()) {
                assertTrue(all.stream().anyMatch(c -> c.op.equals(op) && c.out.dtype() == dt), op + " " + dt);
            }
        }
    }

    // ------------------------------------------------------------------ known values

    @Test
    void smallProductByHand() {
        NdArray a = NdArray.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
        NdArray c = a.matmul(a.transpose());
        assertEquals(Shape.of(2, 2), c.shape());
        assertArrayEquals(new double[] {14, 32, 32, 77}, c.toDoubleArray());
        NdArray d = a.transpose().matmul(a);
        assertArrayEquals(new double[] {17, 22, 27, 22, 29, 36, 27, 36, 45}, d.toDoubleArray());
        NdArray v = NdArray.of(new double[] {1, -1, 2});
        assertEquals(Shape.of(2), a.matmul(v).shape());
        assertArrayEquals(new double[] {5, 11}, a.matmul(v).toDoubleArray());
        NdArray s = v.matmul(v);
        assertEquals(0, s.ndim());
        assertEquals(6.0, s.item());
    }

    @Test
    void resultIsFreshAndContiguous() {
        NdArray a = NdArray.of(new double[] {1, 2, 3, 4}, 2, 2);
        NdArray c = a.matmul(NdArray.eye(2));
        assertArrayEquals(a.toDoubleArray(), c.toDoubleArray());
        assertTrue(c.isContiguous());
        assertTrue(c.doubleData != a.doubleData);
    }

    @Test
    void int64ProductIsExactBeyondDoublePrecision() {
        long big = (1L << 53) + 1;
        NdArray a = NdArray.of(new long[] {big, 1, 1, 1}, 2, 2);
        NdArray b = NdArray.of(new long[] {1, 0, 1, 1}, 2, 2);
        NdArray c = a.matmul(b);
        assertEquals(DType.INT64, c.dtype());
        assertArrayEquals(new long[] {big + 1, 1, 2, 1}, c.toLongArray());
    }

    // ------------------------------------------------------------------ the kernels against a naive triple loop

    /** How an operand is laid out in memory. */
    enum Layout { ROW_MAJOR, TRANSPOSED, STEPPED, OFFSET_ROWS, REVERSED }

    static Stream<Arguments> randomSizes() {
        return IntStream.range(0, 30).mapToObj(seed -> Arguments.of(seed));
    }

    /**
     * Random sizes 1..300 (and layouts, dtype) per seed, small-integer values so that every
     * result is exact: the product must equal the naive triple loop element for element, on the
     * vector and the plain path, one and several threads, default and tiny block sizes.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("randomSizes")
    void kernelsEqualNaiveTripleLoop(int seed) {
        Random rnd = new Random(seed);
        int m = 1 + rnd.nextInt(300);
        int n = 1 + rnd.nextInt(300);
        int k = 1 + rnd.nextInt(300);
        if (seed % 6 == 0) {
            m = 1 + rnd.nextInt(7);
        } else if (seed % 6 == 1) {
            n = 1 + rnd.nextInt(7);
        }
        DType dt = seed % 3 == 2 ? DType.FLOAT32 : DType.FLOAT64;
        Layout la = Layout.values()[rnd.nextInt(Layout.values().length)];
        Layout lb = Layout.values()[rnd.nextInt(Layout.values().length)];
        long[] av = new long[m * k];
        long[] bv = new long[k * n];
        for (int i = 0; i < av.length; i++) {
            av[i] = rnd.nextInt(9) - 4;
        }
        for (int i = 0; i < bv.length; i++) {
            bv[i] = rnd.nextInt(9) - 4;
        }
        long[] expected = naive(av, bv, m, n, k);
        NdArray a = layout(av, m, k, la, dt, rnd);
        NdArray b = layout(bv, k, n, lb, dt, rnd);
        String what = "(" + m + ", " + k + ") " + la + " x (" + k + ", " + n + ") " + lb + " " + dt;
        for (boolean vec : new boolean[] {true, false}) {
            for (int threads : new int[] {1, 2, 3}) {
                for (boolean small : new boolean[] {false, true}) {
                    restore();
                    Gemm.setVector(vec);
                    Gemm.setMaxThreads(threads);
                    if (threads > 1) {
                        Gemm.setThresholds(1, 1);
                    }
                    if (small) {
                        smallBlocks();
                    }
                    NdArray c = a.matmul(b);
                    assertEquals(dt, c.dtype());
                    assertEquals(Shape.of(m, n), c.shape());
                    double[] got = c.toDoubleArray();
                    for (int i = 0; i < expected.length; i++) {
                        if (got[i] != expected[i]) {
                            fail(what + " vector=" + vec + " threads=" + threads + " smallBlocks=" + small
                                    + ": element (" + i / n + ", " + i % n + ") is " + got[i] + ", expected "
                                    + expected[i]);
                        }
                    }
                }
            }
        }
    }

    static long[] naive(long[] a, long[] b, int m, int n, int k) {
        long[] c = new long[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                long s = 0;
                for (int p = 0; p < k; p++) {
                    s += a[i * k + p] * b[p * n + j];
                }
                c[i * n + j] = s;
            }
        }
        return c;
    }

    /** The row-major {@code rows x cols} values as an array of dtype {@code dt} in the given memory layout. */
    static NdArray layout(long[] v, int rows, int cols, Layout l, DType dt, Random rnd) {
        switch (l) {
            case TRANSPOSED: {
                long[] t = new long[v.length];
                for (int i = 0; i < rows; i++) {
                    for (int j = 0; j < cols; j++) {
                        t[j * rows + i] = v[i * cols + j];
                    }
                }
                return NdArray.of(t, cols, rows).astype(dt).transpose();
            }
            case STEPPED: {
                // every other row and every third column of a larger array
                long[] big = new long[2 * rows * 3 * cols];
                for (int i = 0; i < rows; i++) {
                    for (int j = 0; j < cols; j++) {
                        big[(2 * i) * 3 * cols + 3 * j] = v[i * cols + j];
                    }
                }
                return stepped(stepped(NdArray.of(big, 2 * rows, 3 * cols).astype(dt), 0, 2), 1, 3);
            }
            case OFFSET_ROWS: {
                // a window of a wider array, starting at an offset
                int extra = 1 + rnd.nextInt(5);
                int ld = cols + extra;
                long[] big = new long[(rows + 1) * ld];
                for (int i = 0; i < rows; i++) {
                    for (int j = 0; j < cols; j++) {
                        big[(i + 1) * ld + extra + j] = v[i * cols + j];
                    }
                }
                NdArray x = NdArray.of(big, rows + 1, ld).astype(dt);
                return x.view(Shape.of(rows, cols), new int[] {ld, 1}, ld + extra);
            }
            case REVERSED: {
                // rows and columns in reverse order in memory: negative strides
                long[] r = new long[v.length];
                for (int i = 0; i < rows; i++) {
                    for (int j = 0; j < cols; j++) {
                        r[(rows - 1 - i) * cols + (cols - 1 - j)] = v[i * cols + j];
                    }
                }
                NdArray x = NdArray.of(r, rows, cols).astype(dt);
                return x.view(Shape.of(rows, cols), new int[] {-cols, -1}, rows * cols - 1);
            }
            default:
                return NdArray.of(v, rows, cols).astype(dt);
        }
    }

    static Stream<Arguments> gaussianSizes() {
        return Stream.of(Arguments.of(300, 290, 310, DType.FLOAT64), Arguments.of(257, 300, 129, DType.FLOAT32),
                Arguments.of(64, 1000, 100, DType.FLOAT64), Arguments.of(1000, 10, 100, DType.FLOAT32),
                Arguments.of(100, 784, 1000, DType.FLOAT32), Arguments.of(3, 2500, 40, DType.FLOAT64));
    }

    /** Splitting a product over threads changes nothing, bit for bit; and both agree with a plain double sum. */
    @ParameterizedTest(name = "({0}, {2}) x ({2}, {1}) {3}")
    @MethodSource("gaussianSizes")
    void threadsGiveBitIdenticalResults(int m, int n, int k, DType dt) {
        Random rnd = new Random(m * 31L + n);
        NdArray a = gaussian(rnd, dt, m, k);
        NdArray b = gaussian(rnd, dt, n, k).transpose();
        Gemm.setMaxThreads(1);
        double[] one = a.matmul(b).toDoubleArray();
        Gemm.setMaxThreads(4);
        Gemm.setThresholds(1, 1);
        double[] many = a.matmul(b).toDoubleArray();
        assertArrayEquals(one, many);
        // and both are right: compare with a compensation-free double reference
        double[] x = a.toDoubleArray();
        double[] y = b.toDoubleArray();
        double tol = (dt == DType.FLOAT64 ? 1e-12 : 1e-5) * k;
        for (int i = 0; i < m; i += 7) {
            for (int j = 0; j < n; j += 5) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += x[i * k + p] * y[p * n + j];
                }
                assertEquals(s, one[i * n + j], tol * Math.max(1, Math.abs(s)));
            }
        }
    }

    static NdArray gaussian(Random rnd, DType dt, int... shape) {
        int size = Shape.of(shape).size();
        double[] d = new double[size];
        for (int i = 0; i < size; i++) {
            d[i] = rnd.nextGaussian();
        }
        return NdArray.of(d, shape).astype(dt);
    }

    @Test
    void vectorPathIsAvailableAndSwitchable() {
        // the build runs the tests with --add-modules jdk.incubator.vector, so the vector kernels are in use
        boolean present = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
                && !"false".equalsIgnoreCase(System.getProperty("dezero.vector"));
        assertEquals(present, Gemm.VECTOR_AVAILABLE);
        assertEquals(present, Gemm.vector());
        Gemm.setVector(false);
        assertEquals(false, Gemm.vector());
        Gemm.setVector(true);
        assertEquals(present, Gemm.vector());
    }

    @Test
    void batchesSplitOverThreadsEqualOneThread() {
        Random rnd = new Random(7);
        NdArray a = gaussian(rnd, DType.FLOAT64, 12, 5, 9, 11);
        NdArray b = gaussian(rnd, DType.FLOAT64, 5, 11, 13);
        Gemm.setMaxThreads(1);
        double[] one = a.matmul(b).toDoubleArray();
        Gemm.setMaxThreads(3);
        Gemm.setThresholds(10_000, 1);
        NdArray many = a.matmul(b);
        assertEquals(Shape.of(12, 5, 9, 13), many.shape());
        assertArrayEquals(one, many.toDoubleArray());
        // each batch is the product of its matrices
        NdArray a1 = a.view(Shape.of(9, 11), new int[] {11, 1}, (3 * 5 + 2) * 99);
        NdArray b1 = b.view(Shape.of(11, 13), new int[] {13, 1}, 2 * 143);
        double[] want = a1.matmul(b1).toDoubleArray();
        assertArrayEquals(want, Arrays.copyOfRange(one, (3 * 5 + 2) * 117, (3 * 5 + 3) * 117));
    }

    @Test
    void stackTimesMatrixFoldsIntoOneProductWhenPossible() {
        Random rnd = new Random(3);
        NdArray a = gaussian(rnd, DType.FLOAT32, 4, 6, 7);
        NdArray w = gaussian(rnd, DType.FLOAT32, 7, 5);
        NdArray folded = a.matmul(w);
        NdArray tall = a.reshape(24, 7).matmul(w);
        assertEquals(Shape.of(4, 6, 5), folded.shape());
        assertArrayEquals(tall.toFloatArray(), folded.toFloatArray());
        // batch axes that do not merge (a transposed stack) take the batched path, same numbers
        NdArray swapped = a.transpose(1, 0, 2); // (6, 4, 7), batch stride 7, row stride 42
        NdArray viaCopy = swapped.copy().matmul(w);
        assertArrayEquals(viaCopy.toFloatArray(), swapped.matmul(w).toFloatArray());
    }

    // ------------------------------------------------------------------ errors

    @Test
    void notAlignedNamesShapesAndDims() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NdArray.zeros(2, 3).matmul(NdArray.zeros(4, 5)));
        assertEquals("matmul: shapes (2, 3) and (4, 5) are not aligned: 3 (dim 1) != 4 (dim 0)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NdArray.zeros(2, 2, 3).matmul(NdArray.zeros(4)));
        assertEquals("matmul: shapes (2, 2, 3) and (4,) are not aligned: 3 (dim 2) != 4 (dim 0)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NdArray.zeros(3).matmul(NdArray.zeros(2, 4, 5)));
        assertEquals("matmul: shapes (3,) and (2, 4, 5) are not aligned: 3 (dim 0) != 4 (dim 1)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NdArray.zeros(2, 3).dot(NdArray.zeros(2, 3)));
        assertEquals("dot: shapes (2, 3) and (2, 3) are not aligned: 3 (dim 1) != 2 (dim 0)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NdArray.zeros(2, 3, 4).dot(NdArray.zeros(5, 3, 6)));
        assertEquals("dot: shapes (2, 3, 4) and (5, 3, 6) are not aligned: 4 (dim 2) != 3 (dim 1)", e.getMessage());
    }

    @Test
    void batchMismatchNamesShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NdArray.zeros(2, 3, 4).matmul(NdArray.zeros(5, 4, 6)));
        assertEquals("matmul: shapes (2, 3, 4) and (5, 4, 6) cannot be broadcast in their batch dimensions (2,) "
                + "and (5,)", e.getMessage());
    }

    @Test
    void scalarOperandsAreRejectedByMatmul() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NdArray.of(2.0).matmul(NdArray.zeros(3)));
        assertEquals("matmul: operand 0 is 0-d (shape ()); matmul needs at least 1 dimension (use mul for scalars)",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NdArray.zeros(3).matmul(NdArray.of(2.0)));
        assertEquals("matmul: operand 1 is 0-d (shape ()); matmul needs at least 1 dimension (use mul for scalars)",
                e.getMessage());
    }

    @Test
    void tensordotErrorsNameShapesAndAxes() {
        NdArray a = NdArray.zeros(2, 3);
        NdArray b = NdArray.zeros(4, 5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> a.tensordot(b, new int[] {1}, new int[] {0}));
        assertEquals("tensordot: shape mismatch for sum: axis 1 of (2, 3) has length 3 but axis 0 of (4, 5) "
                + "has length 4", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> a.tensordot(b, new int[] {0, 1}, new int[] {0}));
        assertEquals("tensordot: axes [0, 1] of shape (2, 3) and [0] of shape (4, 5) differ in number", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> a.tensordot(b, new int[] {2}, new int[] {0}));
        assertEquals("tensordot: axis 2 is out of bounds for array of shape (2, 3)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> a.tensordot(NdArray.zeros(3, 3), new int[] {1, -1}, new int[] {0, 1}));
        assertEquals("tensordot: repeated axis -1 in [1, -1] for array of shape (2, 3)", e.getMessage());
    }

    @Test
    void mergedStrideFindsSingleStridesOnly() {
        NdArray x = NdArray.zeros(2, 3, 4);
        assertEquals(1, Linalg.mergedStride(x, new int[] {1, 2}));
        assertEquals(4, Linalg.mergedStride(x, new int[] {0, 1}));
        assertEquals(Linalg.NOT_MERGEABLE, Linalg.mergedStride(x, new int[] {0, 2}));
        assertEquals(Linalg.NOT_MERGEABLE, Linalg.mergedStride(x, new int[] {2, 1}));
        assertEquals(0, Linalg.mergedStride(x, new int[0]));
        NdArray t = x.transpose(); // (4, 3, 2) strides (1, 4, 12)
        assertEquals(Linalg.NOT_MERGEABLE, Linalg.mergedStride(t, new int[] {0, 1}));
        assertEquals(4, Linalg.mergedStride(t, new int[] {2, 1}));
    }

    // ------------------------------------------------------------------ small matrices (DoubleGemmSmall)

    static Stream<Arguments> smallSeeds() {
        return IntStream.range(100, 116).mapToObj(seed -> Arguments.of(seed));
    }

    /**
     * Products of at most {@link Linalg#SMALL_WORK} multiply-adds in every layout: small integers give
     * exactly the naive triple loop; Gaussian values give, bit for bit, the plain sum
     * {@code ((a0 b0 + a1 b1) + a2 b2) + ...} in the dtype, in order of {@code p}.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("smallSeeds")
    void smallProductsAreThePlainSumInOrder(int seed) {
        Random rnd = new Random(seed);
        for (int trial = 0; trial < 30; trial++) {
            int m = 1 + rnd.nextInt(33);
            int n = 1 + rnd.nextInt(33);
            int k = 1 + rnd.nextInt(33);
            if ((long) m * n * k > Linalg.SMALL_WORK) {
                k = (int) Math.max(1, Linalg.SMALL_WORK / ((long) m * n));
            }
            if ((long) m * n * k > Linalg.SMALL_WORK) {
                continue;
            }
            DType dt = rnd.nextBoolean() ? DType.FLOAT32 : DType.FLOAT64;
            Layout la = Layout.values()[rnd.nextInt(4)];
            Layout lb = Layout.values()[rnd.nextInt(4)];
            long[] av = new long[m * k];
            long[] bv = new long[k * n];
            for (int i = 0; i < av.length; i++) {
                av[i] = rnd.nextInt(9) - 4;
            }
            for (int i = 0; i < bv.length; i++) {
                bv[i] = rnd.nextInt(9) - 4;
            }
            String what = "(" + m + ", " + k + ") " + la + " x (" + k + ", " + n + ") " + lb + " " + dt;
            double[] got = layout(av, m, k, la, dt, rnd).matmul(layout(bv, k, n, lb, dt, rnd)).toDoubleArray();
            long[] expected = naive(av, bv, m, n, k);
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], got[i], what + " element " + i);
            }
            NdArray a = gaussian(rnd, dt, m, k);
            NdArray b = gaussian(rnd, dt, k, n);
            NdArray c = viewAs(a, la, rnd).matmul(viewAs(b, lb, rnd));
            assertEquals(dt, c.dtype());
            assertEquals(Shape.of(m, n), c.shape());
            double[] x = a.toDoubleArray();
            double[] y = b.toDoubleArray();
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    float sf = 0;
                    for (int p = 0; p < k; p++) {
                        s += x[i * k + p] * y[p * n + j];
                        sf += (float) x[i * k + p] * (float) y[p * n + j];
                    }
                    double e = dt == DType.FLOAT64 ? s : sf;
                    assertEquals(e, c.get(i, j), what + " gaussian (" + i + ", " + j + ")");
                }
            }
        }
    }

    /** The values of {@code x} in the memory layout {@code l}. */
    static NdArray viewAs(NdArray x, Layout l, Random rnd) {
        switch (l) {
            case TRANSPOSED:
                return x.transpose().copy().transpose();
            case STEPPED:
            case OFFSET_ROWS:
                return ElementwiseTest.stridedView(x);
            default:
                return x;
        }
    }

    @Test
    void smallProductValuesAndShapes() {
        NdArray a = NdArray.of(new double[][] {{1, 2}, {3, 4}, {5, 6}});
        NdArray b = NdArray.of(new double[][] {{1, 0, -1}, {2, 1, 0}});
        assertArrayEquals(new double[] {5, 2, -1, 11, 4, -3, 17, 6, -5}, a.matmul(b).toDoubleArray());
        assertArrayEquals(new double[] {5, 11, 17, 11, 25, 39, 17, 39, 61}, a.matmul(a.transpose()).toDoubleArray());
        assertEquals(Shape.of(3, 0), a.matmul(NdArray.zeros(2, 0)).shape());
        assertArrayEquals(new double[] {0, 0, 0, 0}, NdArray.zeros(2, 0).matmul(NdArray.zeros(0, 2)).toDoubleArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.matmul(a));
        assertEquals("matmul: shapes (3, 2) and (3, 2) are not aligned: 2 (dim 1) != 3 (dim 0)", e.getMessage());
    }
}
