package dezero.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dezero.ndarray.DType;
import dezero.ndarray.NdArray;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the text fixtures that tools/fixtures_data.py writes with NumPy: a {@code dtype} line, a
 * {@code shape} line, then one value per line (floats in their shortest round-trip form).
 */
final class Fixtures {
    private Fixtures() {
    }

    static NdArray load(String name) {
        String path = "/fixtures/data/" + name + ".txt";
        try (InputStream in = Fixtures.class.getResourceAsStream(path)) {
            assertNotNull(in, "missing fixture " + path);
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            String dtype = r.readLine().split(" ")[1];
            String[] s = r.readLine().split(" ");
            int[] shape = new int[s.length - 1];
            for (int i = 1; i < s.length; i++) {
                shape[i - 1] = Integer.parseInt(s[i]);
            }
            List<String> values = new ArrayList<>();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isEmpty()) {
                    values.add(line);
                }
            }
            int n = values.size();
            switch (dtype) {
                case "float64": {
                    double[] d = new double[n];
                    for (int i = 0; i < n; i++) {
                        d[i] = Double.parseDouble(values.get(i));
                    }
                    return NdArray.of(d, shape);
                }
                case "float32": {
                    float[] f = new float[n];
                    for (int i = 0; i < n; i++) {
                        double v = Double.parseDouble(values.get(i));
                        f[i] = (float) v;
                        assertEquals(v, (double) f[i], "float32 fixture value is not a float32: " + v);
                    }
                    return NdArray.of(f, shape);
                }
                case "int64": {
                    long[] l = new long[n];
                    for (int i = 0; i < n; i++) {
                        l[i] = Long.parseLong(values.get(i));
                    }
                    return NdArray.of(l, shape);
                }
                default:
                    throw new IllegalStateException("fixture " + path + ": unknown dtype " + dtype);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts equal dtype, shape and bit-identical values, naming the first differing element. */
    static void assertBitEqual(NdArray expected, NdArray actual, String what) {
        assertEquals(expected.dtype(), actual.dtype(), what + ": dtype");
        assertEquals(expected.shape(), actual.shape(), what + ": shape");
        if (expected.dtype() == DType.INT64) {
            long[] e = expected.toLongArray();
            long[] a = actual.toLongArray();
            for (int i = 0; i < e.length; i++) {
                assertEquals(e[i], a[i], what + ": element " + i + " (flat) differs");
            }
        } else {
            double[] e = expected.toDoubleArray();
            double[] a = actual.toDoubleArray();
            for (int i = 0; i < e.length; i++) {
                assertEquals(Double.doubleToLongBits(e[i]), Double.doubleToLongBits(a[i]),
                        what + ": element " + i + " (flat) differs: expected " + e[i] + " but was " + a[i]
                                + " (all: " + (e.length < 20 ? Arrays.toString(a) : "...") + ")");
            }
        }
    }
}
