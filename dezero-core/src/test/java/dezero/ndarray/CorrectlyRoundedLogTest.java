package dezero.ndarray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CorrectlyRoundedLogTest {

    /** The constant tables are the logarithms of the reduction grid computed with BigDecimal (45 digits), bit for bit. */
    @Test
    void tablesAreTheLogarithmsOfTheGrid() {
        java.math.MathContext mc = new java.math.MathContext(45, java.math.RoundingMode.HALF_EVEN);
        java.math.BigDecimal ln2 = CorrectlyRoundedLog.ln2(mc);
        double hi = Double.longBitsToDouble(Double.doubleToRawLongBits(ln2.doubleValue()) & ~0xFFFL);
        assertEquals(hi, CorrectlyRoundedLog.LN2_HI);
        assertEquals(ln2.subtract(new java.math.BigDecimal(hi), mc).doubleValue(), CorrectlyRoundedLog.LN2_LO);
        assertEquals(184, CorrectlyRoundedLog.LOG_C_HI.length);
        assertEquals(184, CorrectlyRoundedLog.LOG_C_LO.length);
        for (int k = 0; k < CorrectlyRoundedLog.INV_C.length; k++) {
            int j = k - 76;
            assertEquals(1 / (1 + j / 256.0), CorrectlyRoundedLog.INV_C[k]);
            java.math.BigDecimal logC = CorrectlyRoundedLog.logOfNormalized(
                    new java.math.BigDecimal(CorrectlyRoundedLog.INV_C[k]), mc).negate();
            double h = logC.doubleValue();
            assertEquals(h, CorrectlyRoundedLog.LOG_C_HI[k], "LOG_C_HI[" + k + "]");
            assertEquals(logC.subtract(new java.math.BigDecimal(h), mc).doubleValue(), CorrectlyRoundedLog.LOG_C_LO[k],
                    "LOG_C_LO[" + k + "]");
        }
    }

    /** {x, correctly rounded ln x (mpmath, 256 bits), glibc's log x} from tools/fixtures_random.py. */
    private static List<double[]> cases() throws IOException {
        List<double[]> out = new ArrayList<>();
        try (InputStream in = CorrectlyRoundedLogTest.class.getResourceAsStream("/fixtures/random/log.txt")) {
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] p = line.split(" ");
                double[] c = new double[3];
                for (int i = 0; i < 3; i++) {
                    c[i] = Double.longBitsToDouble(Long.parseUnsignedLong(p[i], 16));
                }
                out.add(c);
            }
        }
        return out;
    }

    /** Arguments whose logarithm lies closest to a midpoint between doubles, subnormals, extremes. */
    @Test
    void hardCasesAreRoundedCorrectly() throws IOException {
        List<double[]> cases = cases();
        int glibcDiffers = 0;
        for (double[] c : cases) {
            double got = CorrectlyRoundedLog.log(c[0]);
            if (got != c[1]) {
                fail("log(" + c[0] + ") = " + got + ", correctly rounded " + c[1]);
            }
            glibcDiffers += c[2] != c[1] ? 1 : 0;
        }
        assertTrue(cases.size() > 1000, "cases: " + cases.size());
        // The sample is hard enough that the C library rounds some of it the other way.
        assertTrue(glibcDiffers > 20, "glibc misrounds " + glibcDiffers);
    }

    /** The arbitrary-precision path alone (used when the fast one cannot decide) on the first 150 hard cases. */
    @Test
    void slowPathRoundsTheHardestCasesCorrectly() throws IOException {
        List<double[]> cases = cases();
        for (double[] c : cases.subList(0, 150)) {
            assertEquals(c[1], CorrectlyRoundedLog.slowLog(c[0]), "slowLog(" + c[0] + ")");
        }
        for (double[] c : cases.subList(cases.size() - 20, cases.size())) {
            assertEquals(c[1], CorrectlyRoundedLog.slowLog(c[0]), "slowLog(" + c[0] + ")");
        }
    }

    @Test
    void specialArguments() {
        assertEquals(0.0, CorrectlyRoundedLog.log(1));
        assertEquals(Double.NEGATIVE_INFINITY, CorrectlyRoundedLog.log(0.0));
        assertEquals(Double.NEGATIVE_INFINITY, CorrectlyRoundedLog.log(-0.0));
        assertEquals(Double.POSITIVE_INFINITY, CorrectlyRoundedLog.log(Double.POSITIVE_INFINITY));
        assertTrue(Double.isNaN(CorrectlyRoundedLog.log(-1)));
        assertTrue(Double.isNaN(CorrectlyRoundedLog.log(Double.NaN)));
        assertEquals(-744.4400719213812, CorrectlyRoundedLog.log(Double.MIN_VALUE));
        assertEquals(709.782712893384, CorrectlyRoundedLog.log(Double.MAX_VALUE));
        assertEquals(0.6931471805599453, CorrectlyRoundedLog.log(2));
    }

    /** The double-double path against the independent BigDecimal one, on random arguments of every scale. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void fastPathAgreesWithArbitraryPrecision(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 1500; i++) {
            double x;
            switch (i % 3) {
                case 0: // like r^2 in the polar method
                    x = random.nextDouble();
                    break;
                case 1: // any positive finite double
                    x = Double.longBitsToDouble(random.nextLong() >>> 1);
                    break;
                default: // near 1, where the result is small
                    x = 1 + (random.nextDouble() - 0.5) * Math.scalb(1.0, -random.nextInt(50));
            }
            if (!(x > 0) || Double.isInfinite(x) || Double.isNaN(x) || x == 1) {
                continue;
            }
            double fast = CorrectlyRoundedLog.log(x);
            assertEquals(CorrectlyRoundedLog.slowLog(x), fast, "log(" + x + ")");
            assertTrue(Math.abs(fast - Math.log(x)) <= Math.ulp(fast), "log(" + x + ") far from Math.log");
        }
    }
}
