package dezero.ndarray;

import static dezero.ndarray.NdAssert.assertArrayEquals;
import static dezero.ndarray.NdAssert.assertClose;
import static dezero.ndarray.NdAssert.assertSameBits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dezero.ndarray.Elementwise.Binary;
import dezero.ndarray.Elementwise.Unary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ElementwiseTest {
    @AfterEach
    void restoreVectorSwitch() {
        Elementwise.useVector = Elementwise.VECTOR_AVAILABLE;
    }

    static Binary binaryOp(String name) {
        return Binary.valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }

    static Unary unaryOp(String name) {
        return Unary.valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }

    // ------------------------------------------------------------------ NumPy fixtures: broadcasting

    private static final Map<String, Fixtures.Record> INPUTS = new HashMap<>();

    static Stream<Arguments> broadcastCases() {
        List<Arguments> out = new ArrayList<>();
        for (Fixtures.Record r : Fixtures.load("broadcast.txt")) {
            if (r.kind.equals("input")) {
                INPUTS.put(r.attr("id"), r);
            } else {
                out.add(Arguments.of(Named.of(r.kind + " " + r.attr("op") + " " + INPUTS.get(r.attr("a")).array("x")
                        .shape() + " " + INPUTS.get(r.attr("b")).array("y").shape(), r)));
            }
        }
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("broadcastCases")
    void broadcastingMatchesNumPy(Fixtures.Record r) {
        NdArray x = INPUTS.get(r.attr("a")).array("x");
        NdArray y = INPUTS.get(r.attr("b")).array("y");
        Binary op = binaryOp(r.attr("op"));
        if (r.error != null) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Elementwise.binary(op, x, y));
            assertEquals(r.error, e.getMessage());
            return;
        }
        boolean f32 = r.kind.equals("binary32");
        NdArray a = f32 ? x.astype(DType.FLOAT32) : x;
        NdArray b = f32 ? y.astype(DType.FLOAT32) : y;
        NdArray expected = r.array("r");
        double rtol = op == Binary.POW ? (f32 ? 1e-6 : 1e-14) : 0;
        assertClose(expected, Elementwise.binary(op, a, b), rtol, 0);
        // the same through non-contiguous views: reversed axes, transposed back
        assertClose(expected, Elementwise.binary(op, reversedView(a), reversedView(b)), rtol, 0);
    }

    /** The same values as {@code a} held in storage of the reversed axis order (a non-contiguous view). */
    static NdArray reversedView(NdArray a) {
        return a.transpose().copy().transpose();
    }

    // ------------------------------------------------------------------ NumPy fixtures: unary and misc

    static Stream<Arguments> unaryCases() {
        return Fixtures.load("unary.txt").stream().map(r -> Arguments.of(Named.of(r.attr("op") + " "
                + r.array("x").dtype(), r)));
    }

    @ParameterizedTest
    @MethodSource("unaryCases")
    void unaryMatchesNumPyOnBothPaths(Fixtures.Record r) {
        NdArray x = r.array("x");
        NdArray expected = r.array("r");
        Unary op = unaryOp(r.attr("op"));
        double rtol = x.dtype() == DType.FLOAT32 ? 3e-7 : 5e-16;
        for (boolean vector : new boolean[] {false, Elementwise.VECTOR_AVAILABLE}) {
            Elementwise.useVector = vector;
            if (expected.dtype() == DType.INT64) {
                assertArrayEquals(expected, Elementwise.unary(op, x));
            } else {
                assertClose(expected, Elementwise.unary(op, x), rtol, 0);
                // 0-d path, element by element
                for (int i = 0; i < x.size(); i++) {
                    assertClose(element(expected, i), Elementwise.unary(op, element(x, i)), rtol, 0);
                }
            }
        }
    }

    /** Element {@code i} of a 1-d float array as a 0-d array of its dtype. */
    static NdArray element(NdArray a, int i) {
        return a.dtype() == DType.FLOAT32 ? NdArray.of((float) a.get(i)) : NdArray.of(a.get(i));
    }

    static Stream<Arguments> miscCases() {
        return Fixtures.load("misc.txt").stream().map(r -> Arguments.of(Named.of(r.kind + " " + r.attrs, r)));
    }

    @ParameterizedTest
    @MethodSource("miscCases")
    void miscMatchesNumPy(Fixtures.Record r) {
        NdArray expected = r.array("r");
        switch (r.kind) {
            case "binary":
                assertArrayEquals(expected, Elementwise.binary(binaryOp(r.attr("op")), r.array("a"), r.array("b")));
                break;
            case "where":
                assertArrayEquals(expected, NdArray.where(r.array("m"), r.array("a"), r.array("b")));
                break;
            case "clip":
                assertArrayEquals(expected, r.array("x").clip(Double.parseDouble(r.attr("lo")),
                        Double.parseDouble(r.attr("hi"))));
                break;
            case "scalar": {
                NdArray got = Elementwise.binaryScalar(binaryOp(r.attr("op")), r.array("a"),
                        Double.parseDouble(r.attr("s")));
                assertClose(expected, got, r.attr("op").equals("pow") ? 1e-7 : 0, 0);
                break;
            }
            default:
                throw new IllegalStateException(r.kind);
        }
    }

    // ------------------------------------------------------------------ dtype rules

    @Test
    void promotion() {
        NdArray f64 = NdArray.of(new double[] {1, 2});
        NdArray f32 = NdArray.of(new float[] {1, 2});
        NdArray i64 = NdArray.of(new long[] {1, 2});
        assertEquals(DType.FLOAT64, f64.add(f32).dtype());
        assertEquals(DType.FLOAT32, f32.add(i64).dtype());
        assertEquals(DType.FLOAT32, i64.mul(f32).dtype());
        assertEquals(DType.FLOAT64, i64.add(f64).dtype());
        assertEquals(DType.INT64, i64.add(i64).dtype());
        assertEquals(DType.INT64, i64.pow(i64).dtype());
        assertArrayEquals(NdArray.of(new double[] {1, 1}), i64.div(i64));
        assertArrayEquals(NdArray.of(new float[] {1.5f, 3.5f}), f32.add(NdArray.of(new long[] {0, 1})).add(0.5));
        // masks in the promoted dtype
        assertArrayEquals(NdArray.of(new float[] {0, 1}), f32.gt(NdArray.of(new long[] {1, 1})));
        assertArrayEquals(NdArray.of(new double[] {1, 0}), f32.lt(NdArray.of(new double[] {1.5, 1.5})));
    }

    @Test
    void scalarRules() {
        NdArray f32 = NdArray.of(new float[] {1, 2});
        NdArray r = f32.add(0.1);
        assertEquals(DType.FLOAT32, r.dtype());
        assertEquals(1f + 0.1f, (float) r.get(0));
        NdArray i64 = NdArray.of(new long[] {1, 2, 3});
        assertArrayEquals(NdArray.of(new double[] {1.5, 2.5, 3.5}), i64.add(0.5));
        assertArrayEquals(NdArray.of(new double[] {1, 4, 9}), i64.pow(2));
        assertArrayEquals(NdArray.of(new long[] {0, 1, 1}), i64.gt(1.5));
        assertArrayEquals(NdArray.of(new long[] {0, 0, 0}), i64.eq(2.5));
        assertArrayEquals(NdArray.of(new long[] {0, 1, 0}), i64.eq(2));
        assertArrayEquals(NdArray.of(new double[] {2, 1, 2.0 / 3}), NdArray.of(new double[] {0.5, 1, 1.5}).pow(-1));
        // NumPy's sqrt fast path keeps -0.0 (pow(-0.0, 0.5) would give +0.0)
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(NdArray.of(new double[] {-0.0})
                .pow(0.5).get(0)));
        // scalar op on a non-contiguous array
        NdArray t = NdArray.of(new double[][] {{1, 2, 3}, {4, 5, 6}}).transpose();
        assertArrayEquals(NdArray.of(new double[][] {{2, 8}, {4, 10}, {6, 12}}), t.mul(2));
        assertArrayEquals(NdArray.of(new double[][] {{0, 3}, {1, 4}, {2, 5}}), t.sub(1));
    }

    @Test
    void zeroDimensionalFastPaths() {
        NdArray a = NdArray.of(3.0);
        NdArray b = NdArray.of(4.0);
        for (Binary op : Binary.values()) {
            NdArray r = Elementwise.binary(op, a, b);
            assertEquals(0, r.ndim());
            assertEquals(DType.FLOAT64, r.dtype());
            double expected = Elementwise.binary(op, NdArray.of(new double[] {3}), NdArray.of(new double[] {4})).get(0);
            assertEquals(expected, r.item(), op.toString());
            NdArray s = Elementwise.binaryScalar(op, a, 4);
            assertEquals(expected, s.item(), op.toString());
            NdArray f = Elementwise.binary(op, NdArray.of(3f), NdArray.of(4f));
            assertEquals(DType.FLOAT32, f.dtype());
            assertEquals((float) expected, (float) f.item(), op.toString());
        }
        assertEquals(81.0, a.pow(b).item());
        assertEquals(0.75, a.div(b).item());
        NdArray i = Elementwise.binary(Binary.DIV, NdArray.of(3L), NdArray.of(4L));
        assertEquals(DType.FLOAT64, i.dtype());
        assertEquals(0.75, i.item());
        assertEquals(DType.INT64, NdArray.of(3L).mul(NdArray.of(4L)).dtype());
        assertEquals(-3L, NdArray.of(3L).neg().getLong());
        assertEquals(Math.tanh(0.5), NdArray.of(0.5).tanh().item());
        assertEquals(DType.FLOAT64, NdArray.of(2L).exp().dtype());
        // 0-d with a 1-d array broadcasts
        assertArrayEquals(NdArray.of(new double[] {4, 5}), a.add(NdArray.of(new double[] {1, 2})));
    }

    @Test
    void integerPowerRules() {
        NdArray base = NdArray.of(new long[] {2, -3, 5});
        assertArrayEquals(NdArray.of(new long[] {8, -27, 1}), base.pow(NdArray.of(new long[] {3, 3, 0})));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> base.pow(NdArray.of(new long[] {1, -1, 2})));
        assertTrue(e.getMessage().startsWith("pow: integers to negative integer powers are not allowed"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NdArray.of(2L).pow(NdArray.of(-2L)));
        // int64 powers wrap on overflow, as NumPy's
        assertEquals(Long.MIN_VALUE, NdArray.of(new long[] {2}).pow(NdArray.of(new long[] {63})).getLong(0));
    }

    @Test
    void unaryDtypes() {
        NdArray i = NdArray.of(new long[] {-2, 0, 3});
        assertArrayEquals(NdArray.of(new long[] {2, 0, -3}), i.neg());
        assertArrayEquals(NdArray.of(new long[] {2, 0, 3}), i.abs());
        assertArrayEquals(NdArray.of(new long[] {-1, 0, 1}), i.sign());
        assertArrayEquals(NdArray.of(new long[] {4, 0, 9}), i.square());
        assertEquals(DType.FLOAT64, i.exp().dtype());
        assertEquals(DType.FLOAT64, i.abs().sqrt().dtype());
        NdArray s = NdArray.of(new double[] {Double.NaN, -0.0, 0.0, -5, 5}).sign();
        assertTrue(Double.isNaN(s.get(0)));
        assertEquals(0.0, s.get(1));
        assertEquals(-1.0, s.get(3));
        // unary on a non-contiguous view
        NdArray t = NdArray.of(new double[][] {{1, 2, 3}, {4, 5, 6}}).transpose();
        assertArrayEquals(NdArray.of(new double[][] {{-1, -4}, {-2, -5}, {-3, -6}}), t.neg());
        assertClose(NdArray.of(new double[][] {{Math.exp(1), Math.exp(4)}, {Math.exp(2), Math.exp(5)},
            {Math.exp(3), Math.exp(6)}}), t.exp(), 1e-15, 0);
    }

    @Test
    void clipOfInt64GivesFloat64() {
        assertArrayEquals(NdArray.of(new double[] {1, 1, 2, 3, 3}), NdArray.arange(5).clip(1, 3));
    }

    @Test
    void whereErrorsNameAllShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NdArray.where(NdArray.ones(2, 3), NdArray.ones(4), NdArray.ones(3)));
        assertEquals("where: shapes (2, 3), (4,) and (3,) cannot be broadcast", e.getMessage());
    }

    @Test
    void broadcastErrorMessages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NdArray.ones(2, 3).add(NdArray.ones(4)));
        assertEquals("add: shapes (2, 3) and (4,) cannot be broadcast", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NdArray.ones(2, 3).maximum(NdArray.ones(3, 2)));
        assertEquals("maximum: shapes (2, 3) and (3, 2) cannot be broadcast", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NdArray.ones(5).allclose(NdArray.ones(4)));
        assertEquals("allclose: shapes (5,) and (4,) cannot be broadcast", e.getMessage());
    }

    @Test
    void emptyArrays() {
        NdArray e = NdArray.zeros(0, 3);
        assertEquals(Shape.of(0, 3), e.add(NdArray.ones(3)).shape());
        assertEquals(Shape.of(0, 3), e.exp().shape());
        assertEquals(Shape.of(2, 0), NdArray.ones(2, 1).mul(NdArray.zeros(0)).shape());
        assertTrue(e.allclose(NdArray.ones(3)));
    }

    @Test
    void allclose() {
        NdArray a = NdArray.of(new double[] {1, 2, 3});
        assertTrue(a.allclose(a.add(1e-9)));
        assertFalse(a.allclose(a.add(1e-3)));
        assertTrue(a.allclose(a.add(1e-3), 1e-3, 0));
        assertTrue(NdArray.of(new double[][] {{1, 2, 3}, {1, 2, 3}}).allclose(a));
        assertFalse(NdArray.of(new double[] {Double.NaN}).allclose(NdArray.of(new double[] {Double.NaN})));
        assertTrue(NdArray.of(new double[] {Double.POSITIVE_INFINITY}).allclose(NdArray.of(Double.POSITIVE_INFINITY)));
        assertFalse(NdArray.of(new double[] {Double.POSITIVE_INFINITY}).allclose(NdArray.of(Double.NEGATIVE_INFINITY)));
        assertFalse(NdArray.of(new double[] {Double.POSITIVE_INFINITY}).allclose(NdArray.of(1e308)));
        assertTrue(NdArray.of(new long[] {1, 2}).allclose(NdArray.of(new float[] {1, 2})));
        // |a - b| <= atol + rtol * |b| is not symmetric
        assertTrue(NdArray.of(0.0).allclose(NdArray.of(1.0), 1, 0));
        assertFalse(NdArray.of(1.0).allclose(NdArray.of(0.0), 1, 0));
    }

    // ------------------------------------------------------------------ randomized properties

    static int[] randomShape(Random rnd, int maxRank) {
        int[] s = new int[rnd.nextInt(maxRank + 1)];
        for (int i = 0; i < s.length; i++) {
            s[i] = 1 + rnd.nextInt(4);
        }
        return s;
    }

    static NdArray randomArray(Random rnd, DType dt, int... shape) {
        int n = Shape.of(shape).size();
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = dt == DType.INT64 ? rnd.nextInt(11) - 5 : Math.round(rnd.nextGaussian() * 1000) / 250.0;
        }
        return NdArray.of(d, shape).astype(dt);
    }

    /** A shape that {@code s} broadcasts with: some axes set to 1, some leading axes dropped or added. */
    static int[] compatibleShape(Random rnd, int[] s) {
        int drop = rnd.nextInt(s.length + 1);
        int[] t = new int[s.length - drop];
        for (int i = 0; i < t.length; i++) {
            t[i] = rnd.nextInt(3) == 0 ? 1 : s[drop + i];
        }
        return t;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void broadcastEqualsExplicitBroadcastTo(long seed) {
        Random rnd = new Random(seed);
        for (int trial = 0; trial < 40; trial++) {
            int[] s = randomShape(rnd, 5);
            int[] t = compatibleShape(rnd, s);
            DType dt = DType.values()[rnd.nextInt(3)];
            NdArray a = randomArray(rnd, dt, s);
            NdArray b = randomArray(rnd, dt, t);
            if (rnd.nextBoolean()) {
                NdArray tmp = a;
                a = b;
                b = tmp;
            }
            Binary op = Binary.values()[rnd.nextInt(Binary.values().length)];
            if (op == Binary.POW) {
                b = b.abs();
                if (dt != DType.INT64) {
                    a = a.abs();
                }
            }
            NdArray r = Elementwise.binary(op, a, b);
            Shape shape = r.shape();
            NdArray ab = a.broadcastTo(shape);
            NdArray bb = b.broadcastTo(shape);
            double[] x = ab.toDoubleArray();
            double[] y = bb.toDoubleArray();
            double[] got = r.toDoubleArray();
            for (int i = 0; i < got.length; i++) {
                double e = reference(op, dt, x[i], y[i]);
                assertTrue(NdAssert.close(e, got[i], 1e-15, 0), op + " " + a.shape() + " " + b.shape() + " at " + i
                        + ": " + e + " vs " + got[i]);
            }
            // and through the contiguous copies of the broadcast views
            assertArrayEquals(r, Elementwise.binary(op, ab.copy(), bb.copy()));
        }
    }

    private static double reference(Binary op, DType dt, double x, double y) {
        double r;
        switch (op) {
            case ADD:
                r = x + y;
                break;
            case SUB:
                r = x - y;
                break;
            case MUL:
                r = x * y;
                break;
            case DIV:
                return dt == DType.FLOAT32 ? (float) x / (float) y : x / y;
            case POW:
                r = Math.pow(x, y);
                break;
            case MAXIMUM:
                return Math.max(x, y);
            case MINIMUM:
                return Math.min(x, y);
            case EQ:
                return x == y ? 1 : 0;
            case GT:
                return x > y ? 1 : 0;
            case GE:
                return x >= y ? 1 : 0;
            case LT:
                return x < y ? 1 : 0;
            default:
                return x <= y ? 1 : 0;
        }
        return dt == DType.FLOAT32 ? (float) r : r;
    }

    /** NdArray.sigmoid against the composition it stands for, bit for bit, on both paths. */
    @ParameterizedTest
    @ValueSource(longs = {31, 32})
    void sigmoidIsItsCompositionBitForBit(long seed) {
        Random rnd = new Random(seed);
        double[] special = {0, -0.0, 1e-30, -1e-30, 20, -20, 88.7, -88.8, 103, -104, 709, -710, 745, -746, 1000,
            -1000, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};
        for (int n : new int[] {0, 1, 5, 63, 64, 65, 300, 70_001}) {
            double[] d = new double[n];
            for (int i = 0; i < n; i++) {
                d[i] = i < special.length && rnd.nextBoolean() ? special[i] : rnd.nextGaussian() * 8;
            }
            for (DType dt : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
                NdArray x = NdArray.of(d).astype(dt);
                for (boolean vector : new boolean[] {false, Elementwise.VECTOR_AVAILABLE}) {
                    Elementwise.useVector = vector;
                    NdArray one = dt == DType.FLOAT64 ? NdArray.of(1.0) : NdArray.of(1.0f);
                    NdArray composed = one.div(x.neg().exp().add(1.0));
                    NdArray fused = x.sigmoid();
                    assertEquals(dt, fused.dtype());
                    assertEquals(x.shape(), fused.shape());
                    double[] c = composed.toDoubleArray();
                    double[] f = fused.toDoubleArray();
                    for (int i = 0; i < n; i++) {
                        assertEquals(Double.doubleToLongBits(c[i]), Double.doubleToLongBits(f[i]),
                                "sigmoid " + dt + " of " + d[i] + " (vector " + vector + ", n " + n + ")");
                    }
                }
            }
        }
        // known values, a strided view, 0-d and int64 inputs
        assertEquals(0.5, NdArray.of(0.0).sigmoid().item());
        assertEquals(0.7310585786300049, NdArray.of(1.0).sigmoid().item());
        assertEquals(0.0, NdArray.of(-1000.0).sigmoid().item());
        assertEquals(1.0, NdArray.of(1000.0).sigmoid().item());
        NdArray m = NdArray.of(new double[] {-2, -1, 0, 1, 2, 3}).reshape(2, 3).transpose();
        assertArrayEquals(NdArray.of(1.0).div(m.neg().exp().add(1.0)), m.sigmoid());
        NdArray ints = NdArray.of(new long[] {-3, 0, 4});
        NdArray si = ints.sigmoid();
        assertEquals(DType.FLOAT64, si.dtype());
        assertEquals(1 / (Math.exp(3) + 1), si.get(0));
        assertEquals(0.5, si.get(1));
        assertEquals(1 / (Math.exp(-4) + 1), si.get(2));
    }

    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23, 24})
    void vectorPathEqualsPlainPath(long seed) {
        Random rnd = new Random(seed);
        // the float32 plain loops work in blocks of 256 elements: lengths around one and two blocks
        int[] lengths = {0, 1, 3, 7, 8, 9, 15, 16, 17, 31, 33, 63, 64, 65, 100, 255, 256, 257, 513, 1000, 70_001};
        for (int n : lengths) {
            double scale = new double[] {1, 5, 30, 700}[rnd.nextInt(4)];
            double[] d = new double[n];
            for (int i = 0; i < n; i++) {
                d[i] = (rnd.nextDouble() * 2 - 1) * scale;
            }
            for (DType dt : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
                NdArray x = NdArray.of(d).astype(dt);
                for (Unary op : new Unary[] {Unary.EXP, Unary.LOG, Unary.SIN, Unary.COS, Unary.TANH, Unary.SQRT}) {
                    NdArray in = op == Unary.LOG || op == Unary.SQRT ? x.abs() : x;
                    Elementwise.useVector = false;
                    NdArray plain = Elementwise.unary(op, in);
                    // the plain path is the scalar code element by element (0-d arrays take it too),
                    // also from an offset into the storage
                    double[] src = in.toDoubleArray();
                    if (n > 3) {
                        NdArray tail = Elementwise.unary(op, in.get(Index.slice(3, n)));
                        for (int i = 3; i < n; i++) {
                            assertEquals(plain.get(i), tail.get(i - 3), op + " " + dt + " from offset 3, at " + i);
                        }
                    }
                    for (int i = 0; i < n; i++) {
                        double m = dt == DType.FLOAT32 ? FloatMath.apply(op, (float) src[i])
                                : DoubleMath.apply(op, src[i]);
                        assertEquals(m, plain.get(i), op + " " + dt + " " + src[i]);
                    }
                    // and the vector path gives the same bits, whatever the length and the position
                    Elementwise.useVector = Elementwise.VECTOR_AVAILABLE;
                    double[] p = plain.toDoubleArray();
                    double[] v = Elementwise.unary(op, in).toDoubleArray();
                    for (int i = 0; i < n; i++) {
                        assertEquals(Double.doubleToLongBits(p[i]), Double.doubleToLongBits(v[i]),
                                op + " " + dt + " of " + src[i] + " at " + i + " of " + n + ": plain " + p[i]
                                        + ", vector " + v[i]);
                    }
                }
            }
        }
    }

    @Test
    void parallelPathsMatchSerialComputation() {
        Random rnd = new Random(99);
        int rows = 700;
        int cols = 300; // 210,000 elements: above the parallel threshold
        NdArray a = randomArray(rnd, DType.FLOAT64, rows, cols);
        NdArray row = randomArray(rnd, DType.FLOAT64, cols);
        NdArray col = randomArray(rnd, DType.FLOAT64, rows, 1);
        double[] ad = a.toDoubleArray();
        double[] rd = row.toDoubleArray();
        double[] cd = col.toDoubleArray();
        double[] sum = a.add(row).toDoubleArray();
        double[] prod = col.mul(a).toDoubleArray();
        double[] tr = a.transpose().sub(col.transpose()).toDoubleArray();
        double[] th = a.tanh().toDoubleArray();
        double[] sc = a.mul(0.5).toDoubleArray();
        double[] cl = a.clip(-1, 1).toDoubleArray();
        double[] wh = NdArray.where(a.gt(0), a, row).toDoubleArray();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                int k = i * cols + j;
                assertEquals(ad[k] + rd[j], sum[k]);
                assertEquals(cd[i] * ad[k], prod[k]);
                assertEquals(ad[k] - cd[i], tr[j * rows + i]);
                assertEquals(Math.tanh(ad[k]), th[k], 2 * Math.ulp(Math.tanh(ad[k])));
                assertEquals(ad[k] * 0.5, sc[k]);
                assertEquals(Math.min(Math.max(ad[k], -1), 1), cl[k]);
                assertEquals(ad[k] > 0 ? ad[k] : rd[j], wh[k]);
            }
        }
    }

    @Test
    void resultsAreFreshArrays() {
        NdArray a = NdArray.of(new double[] {1, 2});
        NdArray r = a.add(0);
        assertArrayEquals(a, r);
        assertTrue(r != a);
        assertSame(DType.FLOAT64, r.dtype());
        assertEquals(0, IntStream.range(0, 2).filter(i -> a.get(i) != r.get(i)).count());
    }

    // ------------------------------------------------------------------ small operands: the paths without a plan

    /**
     * The same values as {@code a} in a non-contiguous view (every other element of a larger array
     * along the last axis), which the general path computes with; 0-d arrays are returned as they are.
     */
    static NdArray stridedView(NdArray a) {
        if (a.ndim() == 0) {
            return a;
        }
        Index[] spec = new Index[a.ndim() + 1];
        java.util.Arrays.fill(spec, Index.all());
        spec[a.ndim()] = Index.at(0);
        NdArray v = NdArray.stack(List.of(a, a), a.ndim()).get(spec);
        assertFalse(v.isContiguous() && a.size() > 1 && a.dim(-1) > 1, "the view must be strided");
        return v;
    }

    static Stream<Arguments> smallLayouts() {
        return IntStream.range(0, 16).mapToObj(seed -> Arguments.of(seed));
    }

    /**
     * Equal shapes, a 0-d operand, a row (M,) / (1, M) and a column (N, 1) with a matrix (N, M), in
     * both orders, every operation and dtype: the small path gives the bits of the general path.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("smallLayouts")
    void smallLayoutsGiveTheBitsOfTheGeneralPath(int seed) {
        Random rnd = new Random(seed);
        for (int trial = 0; trial < 30; trial++) {
            int n = 1 + rnd.nextInt(seed % 2 == 0 ? 6 : 40);
            int m = 1 + rnd.nextInt(seed % 3 == 0 ? 6 : 40);
            DType dt = DType.values()[rnd.nextInt(3)];
            NdArray mat = randomArray(rnd, dt, n, m);
            int[][] others = {{n, m}, {}, {m}, {1, m}, {n, 1}};
            int[] o = others[rnd.nextInt(others.length)];
            NdArray other = randomArray(rnd, dt, o);
            boolean swap = rnd.nextBoolean();
            NdArray a = swap ? other : mat;
            NdArray b = swap ? mat : other;
            for (Binary op : Binary.values()) {
                NdArray x = a;
                NdArray y = b;
                if (op == Binary.POW) {
                    x = a.abs().add(dt == DType.INT64 ? 0 : 0.5).astype(dt);
                    y = b.abs();
                }
                NdArray fast = Elementwise.binary(op, x, y);
                String what = op + " " + dt + " " + x.shape() + " " + y.shape();
                assertSameBits(Elementwise.binary(op, stridedView(x), y), fast, what);
                assertSameBits(Elementwise.binary(op, x, stridedView(y)), fast, what);
            }
        }
    }

    @Test
    void smallRowAndColumnBroadcastValues() {
        NdArray m = NdArray.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
        NdArray row = NdArray.of(new double[] {10, 20, 30});
        NdArray col = NdArray.of(new double[][] {{100}, {200}});
        assertArrayEquals(NdArray.of(new double[][] {{11, 22, 33}, {14, 25, 36}}), m.add(row));
        assertArrayEquals(NdArray.of(new double[][] {{9, 18, 27}, {6, 15, 24}}), row.sub(m));
        assertArrayEquals(NdArray.of(new double[][] {{0.01, 0.02, 0.03}, {0.02, 0.025, 0.03}}), m.div(col));
        assertArrayEquals(NdArray.of(new double[][] {{99, 98, 97}, {196, 195, 194}}), col.sub(m));
        assertArrayEquals(NdArray.of(new double[][] {{1, 1, 1}, {0, 0, 0}}), col.reshape(2, 1).lt(NdArray.of(150.0))
                .mul(NdArray.ones(2, 3)));
        assertArrayEquals(NdArray.of(new float[][] {{2, 4, 6}, {8, 10, 12}}), m.astype(DType.FLOAT32).mul(
                NdArray.of(2f)));
    }

    // ------------------------------------------------------------------ addScaled

    @ParameterizedTest
    @ValueSource(longs = {31, 32, 33, 34})
    void addScaledEqualsAddOfMul(long seed) {
        Random rnd = new Random(seed);
        for (int trial = 0; trial < 40; trial++) {
            int[] s = randomShape(rnd, 3);
            DType da = DType.values()[rnd.nextInt(3)];
            DType db = rnd.nextInt(3) == 0 ? DType.values()[rnd.nextInt(3)] : da;
            int[] t = rnd.nextInt(4) == 0 ? compatibleShape(rnd, s) : s;
            NdArray a = randomArray(rnd, da, s);
            NdArray b = randomArray(rnd, db, t);
            double alpha = rnd.nextGaussian() * 3;
            NdArray expected = a.add(b.mul(alpha));
            assertSameBits(expected, a.addScaled(b, alpha), da + " " + db + " " + a.shape() + " " + b.shape());
            assertSameBits(expected, stridedView(a).addScaled(b, alpha), "strided");
        }
        // large operands are split over threads
        NdArray a = randomArray(rnd, DType.FLOAT32, 300, 400);
        NdArray b = randomArray(rnd, DType.FLOAT32, 300, 400);
        assertSameBits(a.add(b.mul(-0.1)), a.addScaled(b, -0.1), "large");
    }

    @Test
    void addScaledRoundsTheProductThenTheSum() {
        // a fused multiply-add would give 2^-51 + 2^-104 (and 2^-22 + 2^-46 in float32)
        double e = Math.ulp(1.0);
        NdArray r = NdArray.of(new double[] {-1, 1}).addScaled(NdArray.of(new double[] {1 + e, 2}), 1 + e);
        assertEquals(2 * e, r.get(0));
        assertEquals(1 + 2 * (1 + e), r.get(1));
        float f = Math.ulp(1f);
        NdArray r32 = NdArray.of(new float[] {-1f}).addScaled(NdArray.of(new float[] {1 + f}), 1 + f);
        assertEquals(DType.FLOAT32, r32.dtype());
        assertEquals(2 * f, (float) r32.get(0));
        // alpha is rounded to float32 for float32 operands, as mul(double) rounds it
        NdArray r1 = NdArray.of(new float[] {0f}).addScaled(NdArray.of(new float[] {1f}), 0.1);
        assertEquals(0.1f, (float) r1.get(0));
        // broadcasting and promotion as add(b.mul(alpha))
        NdArray m = NdArray.of(new double[][] {{1, 2}, {3, 4}});
        assertArrayEquals(NdArray.of(new double[][] {{6, 12}, {8, 14}}), m.addScaled(NdArray.of(new long[] {10, 20}),
                0.5));
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> m.addScaled(NdArray.ones(3), 1));
        assertEquals("add: shapes (2, 2) and (3,) cannot be broadcast", ex.getMessage());
    }
}
