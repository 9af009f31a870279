package dezero.layers;

import static dezero.testutil.DiffChecks.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dezero.Variable;
import dezero.functions.F;
import dezero.ndarray.DType;
import dezero.ndarray.NdArray;
import dezero.ndarray.RandomState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Conv2dTest {
    private static final Map<String, NdArray> FIX = NnTesting.fixture("conv");

    @Test
    void initFollowsDezero() {
        Conv2d c = Conv2d.builder(4, 3, 2).inChannels(3).random(new RandomState(0)).build();
        NnTesting.assertSame(FIX.get("conv2d_init_W_f32"), c.W().data(), "W");
        NnTesting.assertSame(NdArray.zeros(DType.FLOAT32, 4), c.b().data(), "b");
        assertEquals(List.of("W", "b"), new ArrayList<>(c.namedParams().keySet()));
    }

    @Test
    void lazyChannelsAndForwardAsF() {
        Conv2d c = Conv2d.builder(4, 3, 2).stride(2, 1).pad(1, 0).dtype(DType.FLOAT64).build();
        assertNull(c.W().data());
        RandomState.seed(0);
        Variable y = c.apply(FIX.get("conv_x"));
        assertArrayEquals(new int[] {4, 3, 3, 2}, c.W().data().shape().dims());
        c.W().setData(FIX.get("conv_W"));
        c.b().setData(FIX.get("conv_b"));
        y = c.apply(FIX.get("conv_x"));
        assertClose(FIX.get("conv_y"), y.data(), "forward");
    }

    @Test
    void parameterGradients() {
        Conv2d c = Conv2d.builder(3, 2).pad(1).dtype(DType.FLOAT64).inChannels(2).random(new RandomState(4)).build();
        c.b().setData(NdArray.of(new double[] {0.1, -0.2, 0.3}));
        NdArray x = new RandomState(5).randn(2, 2, 4, 3);
        NdArray r = new RandomState(6).randn(2, 3, 5, 4);
        NnTesting.checkParamGradients(() -> F.sum(c.apply(x).mul(new Variable(r))), c.params());
    }

    @Test
    void noBiasAndConvenienceConstructors() {
        Conv2d c = Conv2d.builder(2, 3).noBias().build();
        assertNull(c.b());
        Conv2d d = new Conv2d(5, 3, 1, 1);
        Variable y = d.apply(NdArray.ones(DType.FLOAT32, 1, 2, 6, 6));
        assertArrayEquals(new int[] {1, 5, 6, 6}, y.shape().dims());
        assertEquals(DType.FLOAT32, y.dtype());
    }
}
