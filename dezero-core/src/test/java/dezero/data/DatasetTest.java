package dezero.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dezero.data.transforms.Compose;
import dezero.data.transforms.Flatten;
import dezero.data.transforms.Normalize;
import dezero.data.transforms.Transform;
import dezero.ndarray.DType;
import dezero.ndarray.NdArray;
import dezero.ndarray.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatasetTest {

    /** 4 examples of shape (2, 2) with values 10*i + k, labels 100 + i. */
    private static NdArray data() {
        double[] d = new double[16];
        for (int i = 0; i < 4; i++) {
            for (int k = 0; k < 4; k++) {
                d[4 * i + k] = 10 * i + k;
            }
        }
        return NdArray.of(d, 4, 2, 2);
    }

    private static NdArray labels() {
        return NdArray.of(new long[] {100, 101, 102, 103});
    }

    @Test
    void getAppliesTransforms() {
        Dataset ds = new ArrayDataset(true, data(), labels(), new Flatten(), t -> t.sub(100));
        assertEquals(4, ds.size());
        Example e = ds.get(2);
        assertEquals(Shape.of(4), e.x().shape());
        assertArrayEquals(new double[] {20, 21, 22, 23}, e.x().toDoubleArray());
        assertEquals(Shape.scalar(), e.t().shape());
        assertEquals(2.0, e.t().item());
        assertTrue(ds.train());
    }

    @Test
    void withoutTransformsGetIsTheRawExample() {
        ArrayDataset ds = new ArrayDataset(data(), labels());
        Example e = ds.get(1);
        assertEquals(Shape.of(2, 2), e.x().shape());
        assertArrayEquals(new double[] {10, 11, 12, 13}, e.x().toDoubleArray());
        assertEquals(DType.INT64, e.t().dtype());
        assertEquals(101L, e.t().getLong());
    }

    @Test
    void unlabeledDataHasNullTargets() {
        ArrayDataset ds = new ArrayDataset(data(), null);
        assertNull(ds.get(0).t());
        Batch b = ds.batch(new int[] {3, 0});
        assertNull(b.t());
        assertEquals(Shape.of(2, 2, 2), b.x().shape());
        assertArrayEquals(new double[] {30, 31, 32, 33, 0, 1, 2, 3}, b.x().toDoubleArray());
    }

    @Test
    void batchGathersInTheGivenOrder() {
        Dataset ds = new ArrayDataset(false, data(), labels(), new Compose(new Flatten(), new Normalize(0, 10)), null);
        Batch b = ds.batch(new int[] {2, 0, 2});
        assertEquals(3, b.size());
        assertEquals(Shape.of(3, 4), b.x().shape());
        assertArrayEquals(new double[] {2, 2.1, 2.2, 2.3, 0, 0.1, 0.2, 0.3, 2, 2.1, 2.2, 2.3}, b.x().toDoubleArray(),
                1e-15);
        assertArrayEquals(new long[] {102, 100, 102}, b.t().toLongArray());
    }

    @Test
    void indexErrorsNameTheDatasetAndSize() {
        Dataset ds = new ArrayDataset(data(), labels());
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> ds.get(4));
        assertTrue(e.getMessage().contains("index 4") && e.getMessage().contains("size 4"), e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> ds.get(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> ds.batch(new int[] {0, 7}));
        assertThrows(IllegalArgumentException.class, () -> ds.batch(new int[0]));
    }

    @Test
    void dataAndLabelMustAgreeInLength() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ArrayDataset(data(), NdArray.of(new long[] {1, 2, 3})));
        assertTrue(e.getMessage().contains("(4, 2, 2)") && e.getMessage().contains("(3,)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ArrayDataset(NdArray.of(1.0), null));
    }

    /** A dataset computed on the fly: the default batch path stacks get(i). */
    private static final class Squares extends Dataset {
        Squares(Transform transform) {
            super(true, transform, null);
        }

        @Override
        public int size() {
            return 5;
        }

        @Override
        protected NdArray rawData(int i) {
            return NdArray.of(new double[] {i, i * i});
        }

        @Override
        protected NdArray rawLabel(int i) {
            return NdArray.of((long) (i % 2));
        }
    }

    @Test
    void customDatasetDefaultBatch() {
        Dataset ds = new Squares(x -> x.mul(2));
        Batch b = ds.batch(new int[] {4, 1});
        assertEquals(Shape.of(2, 2), b.x().shape());
        assertArrayEquals(new double[] {8, 32, 2, 2}, b.x().toDoubleArray());
        assertArrayEquals(new long[] {0, 1}, b.t().toLongArray());
        assertEquals("Squares(train, size=5)", ds.toString());
    }

    /** The array fast path equals get-and-stack for built-in and lambda transforms. */
    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14})
    void fastBatchEqualsStackedExamples(long seed) {
        Random rnd = new Random(seed);
        int n = 3 + rnd.nextInt(10);
        float[] v = new float[n * 6];
        long[] t = new long[n];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        for (int i = 0; i < n; i++) {
            t[i] = rnd.nextInt(10);
        }
        Transform tr = rnd.nextBoolean() ? new Compose(new Normalize(new double[] {0.5, -1, 2}, new double[] {2, 3, 4}),
                new Flatten()) : x -> x.mul(3).add(1);
        ArrayDataset ds = new ArrayDataset(true, NdArray.of(v, n, 3, 2), NdArray.of(t), tr, y -> y.add(1));
        int[] idx = new int[1 + rnd.nextInt(n)];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = rnd.nextInt(n);
        }
        Batch fast = ds.batch(idx);
        NdArray[] xs = new NdArray[idx.length];
        NdArray[] ts = new NdArray[idx.length];
        for (int i = 0; i < idx.length; i++) {
            Example e = ds.get(idx[i]);
            xs[i] = e.x();
            ts[i] = e.t();
        }
        assertEquals(NdArray.stack(java.util.List.of(xs), 0), fast.x());
        assertEquals(NdArray.stack(java.util.List.of(ts), 0), fast.t());
    }
}
