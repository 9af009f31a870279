package dezero.layers;

import static dezero.layers.NnTesting.assertSame;
import static dezero.testutil.DiffChecks.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dezero.Variable;
import dezero.ndarray.DType;
import dezero.ndarray.NdArray;
import dezero.ndarray.RandomState;
import dezero.testutil.DiffChecks;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LinearTest {
    private static final Map<String, NdArray> FIX = NnTesting.fixture("linear_init");

    @Test
    void initFollowsDezeroInFloat64() {
        RandomState rs = new RandomState(0);
        Linear a = Linear.builder(3).inSize(5).dtype(DType.FLOAT64).random(rs).build();
        Linear b = Linear.builder(2).inSize(3).dtype(DType.FLOAT64).random(rs).build();
        assertSame(FIX.get("W_f64"), a.W().data(), "W");
        assertSame(FIX.get("W_f64_next"), b.W().data(), "W of the next layer from the same stream");
        assertSame(NdArray.zeros(3), a.b().data(), "b");
    }

    @Test
    void initFollowsDezeroInFloat32ByDefault() {
        Linear a = Linear.builder(3).inSize(5).random(new RandomState(0)).build();
        assertEquals(DType.FLOAT32, a.dtype());
        assertSame(FIX.get("W_f32"), a.W().data(), "W");
        assertEquals(DType.FLOAT32, a.b().data().dtype());
    }

    @Test
    void lazyInputSizeDrawsAtTheFirstForwardFromTheGlobalStream() {
        Linear l = Linear.builder(3).dtype(DType.FLOAT64).build();
        assertNull(l.W().data());
        assertEquals(-1, l.inSize());
        RandomState.seed(0);
        Variable y = l.apply(NdArray.ones(4, 5));
        assertEquals(5, l.inSize());
        assertSame(FIX.get("W_f64"), l.W().data(), "W drawn from np.random at the first call");
        assertClose(FIX.get("W_f64").sum(new int[] {0}, true).broadcastTo(4, 3), y.data(), "forward");
        // a second call does not draw again
        NdArray w = l.W().data();
        l.apply(NdArray.ones(2, 5));
        assertTrue(w == l.W().data());
    }

    @Test
    void forwardIsXWPlusB() {
        Random rnd = new Random(1);
        Linear l = Linear.builder(3).inSize(4).dtype(DType.FLOAT64).random(new RandomState(3)).build();
        l.b().setData(DiffChecks.randn(rnd, 3));
        NdArray x = DiffChecks.randn(rnd, 2, 4);
        NdArray w = l.W().data();
        NdArray expected = NdArray.zeros(2, 3);
        double[] e = new double[6];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                double s = l.b().data().get(j);
                for (int k = 0; k < 4; k++) {
                    s += x.get(i, k) * w.get(k, j);
                }
                e[i * 3 + j] = s;
            }
        }
        expected = NdArray.of(e, 2, 3);
        assertClose(expected, l.apply(x).data(), "x W + b");
    }

    @Test
    void gradientsOfInputAndParameters() {
        Random rnd = new Random(2);
        Linear l = Linear.builder(3).inSize(4).dtype(DType.FLOAT64).random(new RandomState(4)).build();
        l.b().setData(DiffChecks.randn(rnd, 3));
        NdArray x = DiffChecks.randn(rnd, 5, 4);
        DiffChecks.gradient(l::apply, x, 5);
        NdArray r = DiffChecks.randn(rnd, 5, 3);
        NnTesting.checkParamGradients(() -> l.apply(x).mul(new Variable(r)).sum(), l.params());
    }

    @Test
    void noBias() {
        Linear l = Linear.builder(3).inSize(2).dtype(DType.FLOAT64).noBias().random(new RandomState(0)).build();
        NdArray x = NdArray.of(new double[][] {{1, 2}});
        assertClose(x.matmul(l.W().data()), l.apply(x).data(), "x W");
        assertEquals(1, l.params().size());
    }

    @Test
    void badSizesAndInputsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Linear(0));
        assertThrows(IllegalArgumentException.class, () -> Linear.builder(2).inSize(0));
        assertThrows(IllegalArgumentException.class, () -> Linear.builder(2).dtype(DType.INT64).build());
        Linear lazy = new Linear(2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> lazy.apply(NdArray.ones(3)));
        assertTrue(e.getMessage().contains("(3,)"), e.getMessage());
        Linear sized = Linear.builder(2).inSize(3).build();
        assertThrows(IllegalArgumentException.class, () -> sized.apply(NdArray.ones(DType.FLOAT32, 4, 5)));
    }
}
