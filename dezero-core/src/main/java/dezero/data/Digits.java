package dezero.data;

import dezero.data.transforms.Normalize;
import dezero.data.transforms.Transform;
import dezero.ndarray.NdArray;
import dezero.ndarray.RandomState;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/**
 * Small real handwritten digits that ship inside the library, so training works offline: the UCI
 * "Optical Recognition of Handwritten Digits" set, 1,797 images of 8×8 pixels with values
 * 0..16, labels 0..9.
 *
 * <p>Split: {@code RandomState(0).permutation(1797)} ({@code np.random.RandomState(0)} gives the
 * same); its first 1,437 indices are the training set, its last 360 (20 %) the test set, each in
 * that permuted order. x is float32 {@code (64,)} per example ({@link #data()}: {@code (N, 64)},
 * raw values 0..16), t is int64. The default transform is {@code Normalize(0, 16)}, which scales
 * the pixels to [0, 1]; pass a transform of your own (or {@code null} for the raw values) to
 * change it.
 *
 * <p>Data: E. Alpaydin and C. Kaynak (1998), "Optical Recognition of Handwritten Digits", UCI
 * Machine Learning Repository, licensed CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/);
 * see {@code dezero/data/digits-NOTICE.txt} in the jar. The copy is the one scikit-learn ships as
 * {@code digits.csv.gz}.
 */
public final class Digits extends ArrayDataset {
    static final String RESOURCE = "digits.csv.gz";
    static final int NUM_EXAMPLES = 1797;
    static final int NUM_PIXELS = 64;
    static final int TEST_SIZE = 360;
    static final long SPLIT_SEED = 0;

    /** The training set with the default transform. */
    public Digits() {
        this(true);
    }

    /** The training ({@code true}) or test set with the default transform {@code Normalize(0, 16)}. */
    public Digits(boolean train) {
        this(train, defaultTransform(), null);
    }

    /** The training or test set with the given transforms ({@code null}: the identity, raw 0..16 values). */
    public Digits(boolean train, Transform transform, Transform targetTransform) {
        this(train, split(train), transform, targetTransform);
    }

    private Digits(boolean train, Batch xt, Transform transform, Transform targetTransform) {
        super(train, xt.x(), xt.t(), transform, targetTransform);
    }

    /** {@code Normalize(0, 16)}: pixel values 0..16 to 0..1. */
    public static Transform defaultTransform() {
        return new Normalize(0, 16);
    }

    private static Batch split(boolean train) {
        Batch all = All.ALL;
        NdArray perm = new RandomState(SPLIT_SEED).permutation(NUM_EXAMPLES);
        int trainSize = NUM_EXAMPLES - TEST_SIZE;
        long[] p = perm.toLongArray();
        int from = train ? 0 : trainSize;
        int to = train ? trainSize : NUM_EXAMPLES;
        long[] sel = new long[to - from];
        System.arraycopy(p, from, sel, 0, sel.length);
        NdArray idx = NdArray.of(sel);
        return new Batch(all.x().take(idx, 0), all.t().take(idx, 0));
    }

    /** All 1,797 examples in file order, read once from the class path. */
    private static final class All {
        static final Batch ALL = read();

        private static Batch read() {
            try (InputStream in = Digits.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("Digits: resource dezero/data/" + RESOURCE
                            + " is missing from the class path");
                }
                return parse(new GZIPInputStream(in));
            } catch (IOException e) {
                throw new UncheckedIOException("Digits: cannot read resource dezero/data/" + RESOURCE, e);
            }
        }
    }

    /** Parses rows of 64 pixels and a label, comma-separated. */
    static Batch parse(InputStream in) throws IOException {
        float[] x = new float[NUM_EXAMPLES * NUM_PIXELS];
        long[] t = new long[NUM_EXAMPLES];
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
        int row = 0;
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            if (line.isBlank()) {
                continue;
            }
            if (row >= NUM_EXAMPLES) {
                throw new IllegalStateException("Digits: more than " + NUM_EXAMPLES + " rows in " + RESOURCE);
            }
            String[] f = line.split(",");
            if (f.length != NUM_PIXELS + 1) {
                throw new IllegalStateException("Digits: row " + (row + 1) + " of " + RESOURCE + " has " + f.length
                        + " fields, expected " + (NUM_PIXELS + 1));
            }
            for (int k = 0; k < NUM_PIXELS; k++) {
                x[row * NUM_PIXELS + k] = Integer.parseInt(f[k].trim());
            }
            t[row] = Long.parseLong(f[NUM_PIXELS].trim());
            row++;
        }
        if (row != NUM_EXAMPLES) {
            throw new IllegalStateException("Digits: " + row + " rows in " + RESOURCE + ", expected " + NUM_EXAMPLES);
        }
        return new Batch(NdArray.of(x, NUM_EXAMPLES, NUM_PIXELS), NdArray.of(t));
    }
}
