package dezero.ndarray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dezero.ndarray.Elementwise.Unary;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Transcendental} and {@link VectorTranscendental}: the vector loops give the scalar code's
 * bits (whatever the length, offset and JIT state: also in child JVMs run by the interpreter and by
 * C1 alone), special values, and the error against exact values (BigDecimal series) and against
 * {@link StrictMath}.
 */
class TranscendentalTest {
    static final Unary[] OPS = TranscendentalDigest.OPS;

    private static float[] toFloat(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = (float) a[i];
        }
        return f;
    }

    // ------------------------------------------------------------------ vector loops == scalar code

    static Stream<Arguments> opsAndSeeds() {
        List<Arguments> out = new ArrayList<>();
        for (Unary op : OPS) {
            for (long seed : new long[] {1, 2, 3, 4}) {
                out.add(Arguments.of(op, seed));
            }
        }
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("opsAndSeeds")
    void vectorLoopsGiveTheScalarBits(Unary op, long seed) {
        Random rnd = new Random(seed * 31 + op.ordinal());
        int n = 250_000;
        double[] a = TranscendentalDigest.arguments(op, rnd, n);
        float[] af = toFloat(a);
        double[] o = new double[n];
        float[] of = new float[n];
        VectorTranscendental.run(op, a, 0, o, 0, n);
        VectorTranscendental.run(op, af, 0, of, 0, n);
        for (int i = 0; i < n; i++) {
            assertSameBits(DoubleMath.apply(op, a[i]), o[i], op, a[i]);
            assertSameBits(FloatMath.apply(op, af[i]), of[i], op, af[i]);
        }
        // windows: every tail length, odd offsets in input and output
        for (int w = 0; w < 300; w++) {
            int len = rnd.nextInt(3 * VectorTranscendental.L + 2);
            int ao = rnd.nextInt(n - len);
            int oo = rnd.nextInt(5);
            double[] wo = new double[oo + len];
            float[] wf = new float[oo + len];
            VectorTranscendental.run(op, a, ao, wo, oo, len);
            VectorTranscendental.run(op, af, ao, wf, oo, len);
            for (int i = 0; i < len; i++) {
                assertSameBits(o[ao + i], wo[oo + i], op, a[ao + i]);
                assertSameBits(of[ao + i], wf[oo + i], op, af[ao + i]);
            }
        }
    }

    private static void assertSameBits(double expected, double actual, Unary op, double x) {
        if (Double.doubleToLongBits(expected) != Double.doubleToLongBits(actual)) {
            fail(op + " float64 of " + x + " (" + Double.toHexString(x) + "): scalar " + expected + " ("
                    + Double.toHexString(expected) + "), vector " + actual + " (" + Double.toHexString(actual) + ")");
        }
    }

    private static void assertSameBits(float expected, float actual, Unary op, float x) {
        if (Float.floatToIntBits(expected) != Float.floatToIntBits(actual)) {
            fail(op + " float32 of " + x + " (" + Float.toHexString(x) + "): scalar " + expected + ", vector " + actual);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Unary.class, names = {"EXP", "LOG", "TANH", "SIN", "COS"})
    void resultsDoNotChangeWhileTheCodeWarmsUp(Unary op) {
        double[] a = TranscendentalDigest.arguments(op, new Random(77 + op.ordinal()), 1000);
        float[] af = toFloat(a);
        double[] first = new double[a.length];
        float[] firstF = new float[a.length];
        double[] firstPlain = new double[a.length];
        VectorTranscendental.run(op, a, 0, first, 0, a.length);
        VectorTranscendental.run(op, af, 0, firstF, 0, a.length);
        DoubleMath.run(op, a, 0, firstPlain, 0, a.length);
        double[] o = new double[a.length];
        float[] of = new float[a.length];
        for (int it = 1; it <= 20_000; it++) {
            VectorTranscendental.run(op, a, 0, o, 0, a.length);
            VectorTranscendental.run(op, af, 0, of, 0, a.length);
            if (it % 500 == 0) {
                for (int i = 0; i < a.length; i++) {
                    assertSameBits(first[i], o[i], op, a[i]);
                    assertSameBits(firstF[i], of[i], op, af[i]);
                }
            }
        }
        for (int it = 1; it <= 2_000; it++) {
            DoubleMath.run(op, a, 0, o, 0, a.length);
        }
        for (int i = 0; i < a.length; i++) {
            assertSameBits(firstPlain[i], o[i], op, a[i]);
            assertSameBits(first[i], firstPlain[i], op, a[i]);
        }
    }

    /** The interpreter and C1 (child JVMs) give the bits that C2-compiled code gives here. */
    @Test
    void interpreterAndC1GiveTheBitsOfCompiledCode() throws Exception {
        for (int i = 0; i < 200; i++) {
            TranscendentalDigest.digests();
        }
        List<String> here = TranscendentalDigest.digests();
        for (int i = 0; i < here.size(); i += 4) {
            // per op: float64 vector, float32 vector, float64 plain, float32 plain
            assertEquals(here.get(i).replace("vector", ""), here.get(i + 2).replace("plain", ""));
            assertEquals(here.get(i + 1).replace("vector", ""), here.get(i + 3).replace("plain", ""));
        }
        for (String mode : new String[] {"-Xint", "-XX:TieredStopAtLevel=1"}) {
            assertEquals(here, childDigests(mode), "digests of a child JVM run with " + mode);
        }
    }

    private static List<String> childDigests(String mode) throws IOException, InterruptedException {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(javaBin, mode, "--add-modules", "jdk.incubator.vector", "-cp",
                System.getProperty("java.class.path"), TranscendentalDigest.class.getName());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        p.getErrorStream().transferTo(OutputStream.nullOutputStream());
        List<String> lines;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            lines = r.lines().collect(Collectors.toList());
        }
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child JVM " + mode + " did not finish");
        assertEquals(0, p.exitValue(), "exit status of the child JVM " + mode);
        return lines;
    }

    // ------------------------------------------------------------------ special values

    @Test
    void specialValues() {
        double inf = Double.POSITIVE_INFINITY;
        double nan = Double.NaN;
        Object[][] cases = {
            {Unary.EXP, 0.0, 1.0}, {Unary.EXP, -0.0, 1.0}, {Unary.EXP, 1.0, Math.E}, {Unary.EXP, inf, inf},
            {Unary.EXP, -inf, 0.0}, {Unary.EXP, nan, nan}, {Unary.EXP, 710.0, inf}, {Unary.EXP, 1e300, inf},
            {Unary.EXP, -746.0, 0.0}, {Unary.EXP, -745.1332191019411, Double.MIN_VALUE},
            {Unary.EXP, -745.1332191019412, 0.0}, {Unary.EXP, 709.782712893384, 1.7976931348622732E308},
            {Unary.EXP, 709.7827128933841, inf},
            {Unary.LOG, 1.0, 0.0}, {Unary.LOG, 0.0, -inf}, {Unary.LOG, -0.0, -inf}, {Unary.LOG, -1.0, nan},
            {Unary.LOG, -Double.MIN_VALUE, nan}, {Unary.LOG, inf, inf}, {Unary.LOG, -inf, nan}, {Unary.LOG, nan, nan},
            {Unary.LOG, Math.E, 1.0}, {Unary.LOG, Double.MIN_VALUE, -744.4400719213812},
            {Unary.LOG, Double.MAX_VALUE, 709.782712893384},
            {Unary.TANH, 0.0, 0.0}, {Unary.TANH, -0.0, -0.0}, {Unary.TANH, inf, 1.0}, {Unary.TANH, -inf, -1.0},
            {Unary.TANH, nan, nan}, {Unary.TANH, 19.07, 1.0}, {Unary.TANH, 19.0, 0.9999999999999999},
            {Unary.TANH, -19.0, -0.9999999999999999}, {Unary.TANH, 1e300, 1.0}, {Unary.TANH, -400.0, -1.0},
            {Unary.TANH, Double.MIN_VALUE, Double.MIN_VALUE}, {Unary.TANH, -1e-300, -1e-300},
            {Unary.SIN, 0.0, 0.0}, {Unary.SIN, -0.0, -0.0}, {Unary.SIN, inf, nan}, {Unary.SIN, -inf, nan},
            {Unary.SIN, nan, nan}, {Unary.SIN, Double.MIN_VALUE, Double.MIN_VALUE}, {Unary.SIN, -1e-300, -1e-300},
            {Unary.SIN, Math.PI, 1.2246467991473532E-16}, {Unary.SIN, 1e22, StrictMath.sin(1e22)},
            {Unary.COS, 0.0, 1.0}, {Unary.COS, -0.0, 1.0}, {Unary.COS, inf, nan}, {Unary.COS, nan, nan},
            {Unary.COS, Math.PI, -1.0}, {Unary.COS, Math.PI / 2, 6.123233995736766E-17},
            {Unary.COS, 1e22, StrictMath.cos(1e22)},
        };
        for (Object[] c : cases) {
            Unary op = (Unary) c[0];
            double x = (Double) c[1];
            double expected = (Double) c[2];
            for (double got : vectorAndScalar(op, x)) {
                assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(got),
                        op + "(" + x + "): expected " + expected + " but got " + got);
            }
            // float32: the vector loop gives the scalar bits at every lane position
            float xf = (float) x;
            float[] f = vectorAndScalar(op, xf);
            for (float got : f) {
                assertEquals(Float.floatToIntBits(f[f.length - 1]), Float.floatToIntBits(got), op + "(" + xf + "f)");
            }
        }
        float fmin = Float.MIN_VALUE;
        assertEquals(-0.0f, FloatMath.apply(Unary.SIN, -0.0f));
        assertEquals(-0.0f, FloatMath.apply(Unary.TANH, -0.0f));
        assertEquals(fmin, FloatMath.apply(Unary.SIN, fmin));
        assertEquals(1.0f, FloatMath.apply(Unary.TANH, 9.1f));
        assertEquals(Float.POSITIVE_INFINITY, FloatMath.apply(Unary.EXP, 88.73f));
        assertEquals(Float.MIN_VALUE, FloatMath.apply(Unary.EXP, -103.97f));
        assertEquals(0.0f, FloatMath.apply(Unary.EXP, -104f));
        assertEquals(Float.NEGATIVE_INFINITY, FloatMath.apply(Unary.LOG, 0.0f));
        assertTrue(Float.isNaN(FloatMath.apply(Unary.LOG, -1.0f)));
        assertEquals(-103.27893f, FloatMath.apply(Unary.LOG, Float.MIN_VALUE));
    }

    /** op(x) by the vector loop (x at every lane position of a few vectors) and by the scalar code. */
    private static double[] vectorAndScalar(Unary op, double x) {
        int n = 3 * VectorTranscendental.L + 1;
        double[] a = new double[n];
        java.util.Arrays.fill(a, x);
        double[] o = new double[n];
        VectorTranscendental.run(op, a, 0, o, 0, n);
        double[] r = java.util.Arrays.copyOf(o, n + 1);
        r[n] = DoubleMath.apply(op, x);
        return r;
    }

    private static float[] vectorAndScalar(Unary op, float x) {
        int n = 3 * VectorTranscendental.L + 1;
        float[] a = new float[n];
        java.util.Arrays.fill(a, x);
        float[] o = new float[n];
        VectorTranscendental.run(op, a, 0, o, 0, n);
        float[] r = java.util.Arrays.copyOf(o, n + 1);
        r[n] = FloatMath.apply(op, x);
        return r;
    }

    // ------------------------------------------------------------------ accuracy

    private static BigDecimal exact(Unary op, double x) {
        switch (op) {
            case EXP:
                return ReferenceMath.exp(x);
            case LOG:
                return ReferenceMath.log(x);
            case TANH:
                return ReferenceMath.tanh(x);
            case SIN:
                return ReferenceMath.sinCos(x, 0);
            default:
                return ReferenceMath.sinCos(x, 1);
        }
    }

    /** Arguments where the exact value is finite and the reduction is ours (sin, cos: |x| &lt;= 2^20). */
    private static boolean inDomain(Unary op, double x) {
        if (!Double.isFinite(x)) {
            return false;
        }
        switch (op) {
            case EXP:
                return x >= -746 && x <= 710;
            case LOG:
                return x > 0;
            case TANH:
                return Math.abs(x) <= 400;
            default:
                return Math.abs(x) <= Transcendental.TRIG_MAX;
        }
    }

    @ParameterizedTest
    @EnumSource(value = Unary.class, names = {"EXP", "LOG", "TANH", "SIN", "COS"})
    void errorAgainstExactValuesIsBelowOneUlp(Unary op) {
        Random rnd = new Random(1234 + op.ordinal());
        double worst64 = 0;
        double worst32 = 0;
        double at64 = 0;
        double at32 = 0;
        int n = 0;
        int correct64 = 0;
        int correct32 = 0;
        while (n < 1500) {
            double x = TranscendentalDigest.arguments(op, rnd, 1)[0];
            if (!inDomain(op, x)) {
                continue;
            }
            n++;
            double e64 = ReferenceMath.ulpError(DoubleMath.apply(op, x), exact(op, x), false);
            float xf = (float) x;
            double e32 = inDomain(op, xf) ? ReferenceMath.ulpError(FloatMath.apply(op, xf), exact(op, xf), true) : 0;
            correct64 += e64 <= 0.5 ? 1 : 0;
            correct32 += e32 <= 0.5 ? 1 : 0;
            if (e64 > worst64) {
                worst64 = e64;
                at64 = x;
            }
            if (e32 > worst32) {
                worst32 = e32;
                at32 = xf;
            }
        }
        assertTrue(worst64 < 1, op + " float64: error " + worst64 + " ulp at " + at64);
        assertTrue(worst32 < 1, op + " float32: error " + worst32 + " ulp at " + at32);
        // far from the bound in practice: correctly rounded nearly always
        assertTrue(worst64 < 0.95 && correct64 > 0.9 * n, op + " float64: worst " + worst64 + ", correctly rounded "
                + correct64 + " of " + n);
        assertTrue(worst32 < 0.52 && correct32 > 0.99 * n, op + " float32: worst " + worst32 + ", correctly rounded "
                + correct32 + " of " + n);
    }

    private static double strict(Unary op, double x) {
        switch (op) {
            case EXP:
                return StrictMath.exp(x);
            case LOG:
                return StrictMath.log(x);
            case TANH:
                return StrictMath.tanh(x);
            case SIN:
                return StrictMath.sin(x);
            default:
                return StrictMath.cos(x);
        }
    }

    /** Distance in ulps between two doubles of the same sign (NaN to NaN: 0). */
    private static long ulpsApart(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return Double.isNaN(a) && Double.isNaN(b) ? 0 : Long.MAX_VALUE;
        }
        if (a == b) {
            return 0;
        }
        if ((a < 0) != (b < 0)) {
            return Long.MAX_VALUE;
        }
        return Math.abs(Double.doubleToRawLongBits(a) - Double.doubleToRawLongBits(b));
    }

    private static long ulpsApart(float a, float b) {
        if (Float.isNaN(a) || Float.isNaN(b)) {
            return Float.isNaN(a) && Float.isNaN(b) ? 0 : Long.MAX_VALUE;
        }
        if (a == b) {
            return 0;
        }
        if ((a < 0) != (b < 0)) {
            return Long.MAX_VALUE;
        }
        return Math.abs(Float.floatToRawIntBits(a) - Float.floatToRawIntBits(b));
    }

    /**
     * Millions of arguments: within 1 ulp of StrictMath in float64 (both are faithful; StrictMath's
     * tanh is not, so tanh within 2), and in float32 within 1 ulp of StrictMath's float64 value rounded,
     * over a sample of all float32 bit patterns.
     */
    @ParameterizedTest
    @EnumSource(value = Unary.class, names = {"EXP", "LOG", "TANH", "SIN", "COS"})
    void closeToStrictMathOverMillionsOfArguments(Unary op) {
        long bound = op == Unary.TANH ? 2 : 1;
        Random rnd = new Random(99 + op.ordinal());
        double[] a = TranscendentalDigest.arguments(op, rnd, 1_000_000);
        for (double x : a) {
            double mine = DoubleMath.apply(op, x);
            double ref = strict(op, x);
            if (ulpsApart(mine, ref) > bound) {
                fail(op + "(" + x + " = " + Double.toHexString(x) + "): " + mine + " but StrictMath " + ref);
            }
        }
        for (long bits = 0; bits <= 0xffffffffL; bits += 1021) {
            float x = Float.intBitsToFloat((int) bits);
            float mine = FloatMath.apply(op, x);
            float ref = (float) strict(op, x);
            if (ulpsApart(mine, ref) > 1) {
                fail(op + "(" + x + "f = " + Float.toHexString(x) + "): " + mine + " but StrictMath " + ref);
            }
        }
    }
}
