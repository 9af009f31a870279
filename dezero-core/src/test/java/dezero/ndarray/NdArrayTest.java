package dezero.ndarray;

import static dezero.ndarray.NdAssert.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NdArrayTest {
    private static void assertValues(double[] expected, NdArray a) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, a.toDoubleArray());
    }

    // ------------------------------------------------------------------ creation

    @Test
    void ofScalarsAndArrays() {
        NdArray s = NdArray.of(2.5);
        assertEquals(0, s.ndim());
        assertEquals(1, s.size());
        assertEquals(Shape.scalar(), s.shape());
        assertEquals(2.5, s.item());
        assertEquals(DType.FLOAT32, NdArray.of(1.5f).dtype());
        assertEquals(DType.INT64, NdArray.of(7L).dtype());
        assertEquals(7L, NdArray.of(7L).getLong());

        double[] src = {1, 2, 3};
        NdArray v = NdArray.of(src);
        src[0] = 99; // copied
        assertValues(new double[] {1, 2, 3}, v);
        assertEquals(Shape.of(3), v.shape());

        NdArray m = NdArray.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
        assertEquals(Shape.of(2, 3), m.shape());
        assertEquals(6.0, m.get(1, 2));
        assertEquals(4.0, m.get(-1, 0));
        assertEquals(Shape.of(2, 3), NdArray.of(new float[][] {{1, 2, 3}, {4, 5, 6}}).shape());
        assertEquals(Shape.of(3, 2), NdArray.of(new double[] {1, 2, 3, 4, 5, 6}, 3, 2).shape());
        assertEquals(DType.INT64, NdArray.of(new int[] {1, 2}).dtype());
        assertEquals(2L, NdArray.of(new long[] {1, 2, 3, 4}, 2, 2).getLong(0, 1));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NdArray.of(new double[][] {{1, 2}, {3}}));
        assertEquals("of: ragged rows: row 0 has 2 elements, row 1 has 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NdArray.of(new double[] {1, 2, 3}, 2, 2));
        assertEquals("of: 3 values cannot fill shape (2, 2) (4 elements)", e.getMessage());
    }

    @Test
    void filledArrays() {
        assertArrayEquals(NdArray.of(new double[] {0, 0, 0, 0}, 2, 2), NdArray.zeros(2, 2));
        assertArrayEquals(NdArray.of(new double[] {1, 1, 1}), NdArray.ones(3));
        assertArrayEquals(NdArray.of(new float[] {1, 1}), NdArray.ones(DType.FLOAT32, 2));
        assertArrayEquals(NdArray.of(new long[] {0, 0}), NdArray.zeros(DType.INT64, 2));
        assertArrayEquals(NdArray.of(new double[] {7.5, 7.5}), NdArray.full(7.5, 2));
        assertArrayEquals(NdArray.of(new long[] {7, 7}), NdArray.full(DType.INT64, 7.9, 2));
        NdArray m = NdArray.of(new float[][] {{1, 2}, {3, 4}});
        assertArrayEquals(NdArray.of(new float[][] {{0, 0}, {0, 0}}), NdArray.zerosLike(m));
        assertArrayEquals(NdArray.of(new float[][] {{1, 1}, {1, 1}}), NdArray.onesLike(m));
        assertEquals(0, NdArray.zeros().ndim());
        assertEquals(0, NdArray.zeros(0, 4).size());
        assertThrows(IllegalArgumentException.class, () -> NdArray.zeros(2, -1));
    }

    @Test
    void rangesAsNumPy() {
        assertArrayEquals(NdArray.of(new long[] {0, 1, 2, 3}), NdArray.arange(4));
        assertEquals(0, NdArray.arange(0).size());
        assertValues(new double[] {0.5, 0.8, 1.1, 1.4000000000000001, 1.7000000000000002},
                NdArray.arange(0.5, 2.0, 0.3));
        assertValues(new double[] {3.0, 1.5, 0.0}, NdArray.arange(3, -1, -1.5));
        assertEquals(10, NdArray.arange(1, 2, 0.1).size());
        assertEquals(0, NdArray.arange(2, 1, 0.5).size());
        assertThrows(IllegalArgumentException.class, () -> NdArray.arange(0, 1, 0));
        assertValues(new double[] {0.0, 0.16666666666666666, 0.3333333333333333, 0.5, 0.6666666666666666,
            0.8333333333333333, 1.0}, NdArray.linspace(0, 1, 7));
        assertValues(new double[] {-1.0, 0.16666666666666674, 1.3333333333333335, 2.5}, NdArray.linspace(-1, 2.5, 4));
        assertValues(new double[] {3}, NdArray.linspace(3, 9, 1));
        assertEquals(0, NdArray.linspace(3, 9, 0).size());
        assertThrows(IllegalArgumentException.class, () -> NdArray.linspace(0, 1, -1));
    }

    @Test
    void eye() {
        assertArrayEquals(NdArray.of(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}), NdArray.eye(3));
        assertArrayEquals(NdArray.of(new long[] {1, 0, 0, 1}, 2, 2), NdArray.eye(DType.INT64, 2));
        assertEquals(DType.FLOAT32, NdArray.eye(DType.FLOAT32, 2).dtype());
    }

    // ------------------------------------------------------------------ accessors

    @Test
    void accessors() {
        NdArray a = NdArray.zeros(2, 3, 4);
        assertEquals(3, a.ndim());
        assertEquals(24, a.size());
        assertEquals(4, a.dim(-1));
        assertEquals(2, a.dim(0));
        assertThrows(IllegalArgumentException.class, () -> a.dim(3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, a::item);
        assertEquals("item: can only convert an array of size 1, got shape (2, 3, 4)", e.getMessage());
        assertEquals(5.0, NdArray.of(new double[] {5}).item());
        IndexOutOfBoundsException ix = assertThrows(IndexOutOfBoundsException.class, () -> a.get(0, 3, 0));
        assertEquals("get: index 3 is out of bounds for axis 1 with size 3", ix.getMessage());
        assertThrows(IllegalArgumentException.class, () -> a.get(0, 0));
        assertEquals(3L, NdArray.of(new double[] {3.7}).getLong(0));
    }

    @Test
    void astype() {
        NdArray d = NdArray.of(new double[] {1.5, -2.7, 3});
        NdArray f = d.astype(DType.FLOAT32);
        assertEquals(DType.FLOAT32, f.dtype());
        org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {1.5f, -2.7f, 3f}, f.toFloatArray());
        // float to int truncates toward zero, as NumPy's astype
        assertArrayEquals(NdArray.of(new long[] {1, -2, 3}), d.astype(DType.INT64));
        assertArrayEquals(NdArray.of(new long[] {1, -2, 3}), f.astype(DType.INT64));
        assertArrayEquals(NdArray.of(new double[] {1, -2, 3}), NdArray.of(new long[] {1, -2, 3}).astype(DType.FLOAT64));
        assertSame(d, d.astype(DType.FLOAT64));
        // astype of a view follows the view's order
        NdArray t = NdArray.of(new double[][] {{1, 2}, {3, 4}}).transpose().astype(DType.FLOAT32);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {1, 3, 2, 4}, t.toFloatArray());
    }

    // ------------------------------------------------------------------ shape manipulation

    @Test
    void reshape() {
        NdArray a = NdArray.arange(6);
        NdArray r = a.reshape(2, 3);
        assertEquals(Shape.of(2, 3), r.shape());
        assertSame(a.longData, r.longData, "a reshape of contiguous data is a view");
        assertEquals(Shape.of(3, 2), a.reshape(-1, 2).shape());
        assertEquals(Shape.of(6), r.reshape(-1).shape());
        assertEquals(Shape.of(1, 6, 1), r.reshape(1, -1, 1).shape());
        assertEquals(0, NdArray.of(new double[] {4}).reshape().ndim());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.reshape(4, -1));
        assertEquals("reshape: cannot reshape array of shape (6,) (size 6) into shape (4, -1)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> a.reshape(-1, -1));
        assertEquals("reshape: can only specify one unknown dimension, got (-1, -1)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> a.reshape(5));
        assertEquals("reshape: cannot reshape array of shape (6,) (size 6) into shape (5,)", e.getMessage());
        // a reshape of a transposed view copies, in C order of the view
        NdArray t = a.reshape(2, 3).transpose().reshape(6);
        assertValues(new double[] {0, 3, 1, 4, 2, 5}, t);
    }

    @Test
    void viewsShareStorage() {
        NdArray a = NdArray.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
        NdArray t = a.transpose();
        assertEquals(Shape.of(3, 2), t.shape());
        assertSame(a.doubleData, t.doubleData);
        assertValues(new double[] {1, 4, 2, 5, 3, 6}, t);
        assertEquals(6.0, t.get(2, 1));

        NdArray b = NdArray.arange(24).reshape(2, 3, 4);
        NdArray p = b.transpose(2, 0, 1);
        assertEquals(Shape.of(4, 2, 3), p.shape());
        assertEquals(b.get(1, 2, 3), p.get(3, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> b.transpose(0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> b.transpose(0, 1));

        NdArray e = a.expandDims(1);
        assertEquals(Shape.of(2, 1, 3), e.shape());
        assertSame(a.doubleData, e.doubleData);
        assertEquals(Shape.of(2, 3, 1), a.expandDims(-1).shape());
        assertValues(new double[] {1, 2, 3, 4, 5, 6}, e);

        NdArray q = NdArray.zeros(1, 3, 1, 2);
        assertEquals(Shape.of(3, 2), q.squeeze().shape());
        assertEquals(Shape.of(3, 1, 2), q.squeeze(0).shape());
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> q.squeeze(1));
        assertEquals("squeeze: cannot select axis 1 with size other than one, shape (1, 3, 1, 2)", x.getMessage());

        assertValues(new double[] {1, 4, 2, 5, 3, 6}, t.flatten());
        assertEquals(Shape.of(6), t.flatten().shape());

        NdArray row = NdArray.of(new double[] {1, 2, 3});
        NdArray bc = row.broadcastTo(2, 3);
        assertSame(row.doubleData, bc.doubleData);
        assertValues(new double[] {1, 2, 3, 1, 2, 3}, bc);
        assertValues(new double[] {1, 1, 1, 2, 2, 2}, NdArray.of(new double[] {1, 2}, 2, 1).broadcastTo(2, 3));
        assertSame(row, row.broadcastTo(3));
        x = assertThrows(IllegalArgumentException.class, () -> row.broadcastTo(2, 4));
        assertEquals("broadcastTo: cannot broadcast shape (3,) to (2, 4)", x.getMessage());
        assertThrows(IllegalArgumentException.class, () -> row.broadcastTo(1));
    }

    // ------------------------------------------------------------------ equality

    @Test
    void equalsAndHashCode() {
        NdArray a = NdArray.of(new double[][] {{1, 2}, {3, 4}});
        NdArray b = NdArray.of(new double[] {1, 3, 2, 4}, 2, 2).transpose();
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, a.astype(DType.FLOAT32));
        assertNotEquals(a, a.reshape(4));
        assertNotEquals(a, a.add(1));
        assertEquals(NdArray.of(Double.NaN), NdArray.of(Double.NaN));
        assertNotEquals(a, "not an array");
        assertEquals(NdArray.of(new long[] {1, 2, 3}), NdArray.arange(3).add(NdArray.of(1L)));
        assertEquals(NdArray.of(new long[] {1, 2, 3}).hashCode(), NdArray.arange(3).add(NdArray.of(1L)).hashCode());
        assertNotEquals(NdArray.of(new long[] {1, 2, 3}), NdArray.of(new double[] {1, 2, 3}));
    }

    // ------------------------------------------------------------------ promotion

    @Test
    void promotionRules() {
        assertEquals(DType.FLOAT64, DType.promote(DType.FLOAT64, DType.FLOAT32));
        assertEquals(DType.FLOAT64, DType.promote(DType.INT64, DType.FLOAT64));
        assertEquals(DType.FLOAT32, DType.promote(DType.INT64, DType.FLOAT32));
        assertEquals(DType.FLOAT32, DType.promote(DType.FLOAT32, DType.INT64));
        assertEquals(DType.INT64, DType.promote(DType.INT64, DType.INT64));
        for (DType a : DType.values()) {
            for (DType b : DType.values()) {
                assertEquals(DType.promote(a, b), DType.promote(b, a));
                assertEquals(DType.promote(a, b), NdArray.ones(a, 2).add(NdArray.ones(b, 2)).dtype());
            }
        }
        assertTrue(DType.FLOAT32.isFloating());
        assertEquals("<f4", DType.FLOAT32.descr());
        assertEquals(8, DType.INT64.itemSize());
    }
}
