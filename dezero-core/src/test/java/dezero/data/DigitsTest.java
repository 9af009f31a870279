package dezero.data;

import static dezero.data.Fixtures.assertBitEqual;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dezero.ndarray.DType;
import dezero.ndarray.Index;
import dezero.ndarray.NdArray;
import dezero.ndarray.Shape;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class DigitsTest {

    /** The label histogram of the shipped CSV, counted here straight from the resource. */
    private static long[] histogramOfResource() throws IOException {
        long[] h = new long[10];
        try (InputStream in = Digits.class.getResourceAsStream("/dezero/data/digits.csv.gz")) {
            assertNotNull(in, "digits.csv.gz must be on the class path");
            BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(in), StandardCharsets.US_ASCII));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String label = line.substring(line.lastIndexOf(',') + 1).trim();
                h[Integer.parseInt(label)]++;
            }
        }
        return h;
    }

    private static long[] histogram(NdArray labels) {
        long[] h = new long[10];
        for (long t : labels.toLongArray()) {
            h[(int) t]++;
        }
        return h;
    }

    @Test
    void loads1797ExamplesSplit1437And360() throws IOException {
        Digits train = new Digits(true);
        Digits test = new Digits(false);
        assertEquals(1437, train.size());
        assertEquals(360, test.size());
        assertEquals(Shape.of(1437, 64), train.data().shape());
        assertEquals(DType.FLOAT32, train.data().dtype());
        assertEquals(DType.INT64, train.label().dtype());
        assertEquals(Shape.of(360), test.label().shape());

        long[] all = histogramOfResource();
        assertEquals(1797, java.util.Arrays.stream(all).sum());
        assertArrayEquals(Fixtures.load("digits_hist_all").toLongArray(), all);
        long[] tr = histogram(train.label());
        long[] te = histogram(test.label());
        for (int d = 0; d < 10; d++) {
            assertEquals(all[d], tr[d] + te[d], "digit " + d);
        }
        assertArrayEquals(Fixtures.load("digits_hist_train").toLongArray(), tr);
        assertArrayEquals(Fixtures.load("digits_hist_test").toLongArray(), te);
    }

    @Test
    void splitIsNumPysRandomState0Permutation() {
        Digits train = new Digits(true);
        Digits test = new Digits(false);
        assertBitEqual(Fixtures.load("digits_train_t_head"), train.label().get(Index.slice(0, 25)), "train labels");
        assertBitEqual(Fixtures.load("digits_test_t_head"), test.label().get(Index.slice(0, 25)), "test labels");
        assertEquals(Fixtures.load("digits_train_pixel_sum").getLong(0), (long) train.data().astype(DType.FLOAT64).sum().item());
        assertEquals(Fixtures.load("digits_test_pixel_sum").getLong(0), (long) test.data().astype(DType.FLOAT64).sum().item());
        // the same split every time
        assertEquals(train.data(), new Digits(true).data());
    }

    @Test
    void defaultTransformScalesToUnitInterval() {
        Digits train = new Digits(true);
        Example e = train.get(0);
        assertEquals(Shape.of(64), e.x().shape());
        assertEquals(DType.FLOAT32, e.x().dtype());
        assertBitEqual(Fixtures.load("digits_train_first_x"), e.x(), "first training image / 16");
        assertTrue(e.x().max().item() <= 1.0 && e.x().min().item() >= 0.0);
        assertEquals(16.0, train.data().max().item()); // the raw data keeps 0..16
        Batch b = train.batch(new int[] {0, 1});
        assertEquals(e.x(), b.x().get(Index.at(0)));
        // null: the raw values
        Digits raw = new Digits(true, null, null);
        assertEquals(train.data().get(Index.at(0)), raw.get(0).x());
    }
}
