package dezero.data.transforms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dezero.ndarray.DType;
import dezero.ndarray.Index;
import dezero.ndarray.NdArray;
import dezero.ndarray.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TransformsTest {

    @Test
    void normalizeScalarKeepsFloat32AndDividesExactly() {
        NdArray x = NdArray.of(new float[] {0, 51, 127, 255});
        NdArray y = new Normalize(0, 255).apply(x);
        assertEquals(DType.FLOAT32, y.dtype());
        // float32 division as NumPy does it: each value correctly rounded from v / 255
        assertArrayEquals(new float[] {0f, 51f / 255f, 127f / 255f, 1f}, y.toFloatArray());
    }

    @Test
    void normalizeMeanAndStd() {
        NdArray x = NdArray.of(new double[] {1, 2, 3, 4});
        NdArray y = new Normalize(2.5, 0.5).apply(x);
        assertEquals(DType.FLOAT64, y.dtype());
        assertArrayEquals(new double[] {-3, -1, 1, 3}, y.toDoubleArray());
    }

    @Test
    void normalizeRoundsMeanToFloat32LikeNumPy() {
        // NumPy: float32 array - 0.1 (a Python float) subtracts float32(0.1), in float32
        NdArray x = NdArray.of(new float[] {1f, 0.5f});
        NdArray y = new Normalize(0.1, 3).apply(x);
        assertEquals(DType.FLOAT32, y.dtype());
        assertArrayEquals(new float[] {(1f - 0.1f) / 3f, (0.5f - 0.1f) / 3f}, y.toFloatArray());
    }

    @Test
    void normalizeInt64GivesFloat64() {
        NdArray y = new Normalize(0, 4).apply(NdArray.of(new long[] {2, 6}));
        assertEquals(DType.FLOAT64, y.dtype());
        assertArrayEquals(new double[] {0.5, 1.5}, y.toDoubleArray());
    }

    @Test
    void normalizePerChannel() {
        // example (2 channels, 1, 2): channel 0 = {10, 20}, channel 1 = {1, 3}
        NdArray x = NdArray.of(new double[] {10, 20, 1, 3}, 2, 1, 2);
        NdArray y = new Normalize(new double[] {10, 1}, new double[] {5, 2}).apply(x);
        assertEquals(Shape.of(2, 1, 2), y.shape());
        assertArrayEquals(new double[] {0, 2, 0, 1}, y.toDoubleArray());
    }

    @Test
    void normalizeRejectsZeroStdAndChannelsWithoutAxis() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Normalize(0, 0));
        assertTrue(e.getMessage().contains("std"), e.getMessage());
        Normalize perChannel = new Normalize(new double[] {1, 2}, new double[] {1, 1});
        e = assertThrows(IllegalArgumentException.class, () -> perChannel.apply(NdArray.of(3.0)));
        assertTrue(e.getMessage().contains("channel"), e.getMessage());
    }

    @Test
    void flattenExampleAndBatch() {
        NdArray x = NdArray.of(new double[] {1, 2, 3, 4, 5, 6}, 1, 2, 3);
        NdArray f = new Flatten().apply(x);
        assertEquals(Shape.of(6), f.shape());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, f.toDoubleArray());
        NdArray b = new Flatten().applyBatch(NdArray.of(new double[12], 2, 1, 2, 3));
        assertEquals(Shape.of(2, 6), b.shape());
    }

    @Test
    void asTypeToFloatToInt() {
        NdArray x = NdArray.of(new double[] {-1.7, 2.9, 0.5});
        assertEquals(DType.FLOAT32, new AsType().apply(x).dtype());
        assertEquals(DType.FLOAT64, new AsType(DType.FLOAT64).apply(x.astype(DType.FLOAT32)).dtype());
        assertEquals(DType.FLOAT32, new ToFloat().apply(NdArray.of(new long[] {3})).dtype());
        NdArray i = new ToInt().apply(x);
        assertEquals(DType.INT64, i.dtype());
        assertArrayEquals(new long[] {-1, 2, 0}, i.toLongArray()); // truncation toward zero, as astype(int)
        assertThrows(IllegalArgumentException.class, () -> new ToFloat(DType.INT64));
    }

    @Test
    void composeAppliesInOrderAndEmptyIsIdentity() {
        NdArray x = NdArray.of(new long[] {0, 255, 51, 102}, 1, 2, 2);
        Transform t = new Compose(new Flatten(), new ToFloat(), new Normalize(0, 255));
        NdArray y = t.apply(x);
        assertEquals(Shape.of(4), y.shape());
        assertEquals(DType.FLOAT32, y.dtype());
        assertArrayEquals(new float[] {0f, 1f, 0.2f, 0.4f}, y.toFloatArray());
        assertSame(x, new Compose().apply(x));
        assertSame(x, new Compose().applyBatch(x));
        assertSame(x, Transform.identity().apply(x));
        assertSame(x, Transform.identity().applyBatch(x));
        NdArray z = new Flatten().andThen(new AsType(DType.FLOAT64)).apply(x);
        assertEquals(Shape.of(4), z.shape());
        assertEquals(DType.FLOAT64, z.dtype());
    }

    /** Every transform's batch path gives exactly the values of transforming each example and stacking. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void applyBatchEqualsPerExample(long seed) {
        Random rnd = new Random(seed);
        int b = 1 + rnd.nextInt(5);
        int c = 1 + rnd.nextInt(3);
        int h = 1 + rnd.nextInt(4);
        float[] v = new float[b * c * h];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (rnd.nextGaussian() * 100);
        }
        NdArray batch = NdArray.of(v, b, c, h);
        double[] means = new double[c];
        double[] stds = new double[c];
        for (int i = 0; i < c; i++) {
            means[i] = rnd.nextGaussian();
            stds[i] = 0.5 + rnd.nextDouble();
        }
        List<Transform> ts = List.of(new Normalize(rnd.nextGaussian(), 0.3 + rnd.nextDouble()),
                new Normalize(means, stds), new Flatten(), new AsType(DType.FLOAT64), new ToInt(),
                new Compose(new Normalize(means, stds), new Flatten(), new ToFloat(DType.FLOAT64)),
                x -> x.mul(x)); // a lambda: the default per-example path
        for (Transform t : ts) {
            List<NdArray> each = new ArrayList<>();
            for (int i = 0; i < b; i++) {
                each.add(t.apply(batch.get(Index.at(i))));
            }
            NdArray expected = NdArray.stack(each, 0);
            NdArray actual = t.applyBatch(batch);
            assertEquals(expected.dtype(), actual.dtype(), t.toString());
            assertEquals(expected.shape(), actual.shape(), t.toString());
            assertEquals(expected, actual, t.toString());
        }
    }
}
