package dezero.layers;

import static dezero.testutil.DiffChecks.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dezero.Config;
import dezero.Variable;
import dezero.ndarray.DType;
import dezero.ndarray.Index;
import dezero.ndarray.NdArray;
import dezero.ndarray.RandomState;
import dezero.testutil.DiffChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchNormEmbedTest {
    private static final Map<String, NdArray> FIX = NnTesting.fixture("layers_forward");

    @Test
    void batchNormTrainingUpdatesRunningStatisticsAndTestModeUsesThem() {
        BatchNorm bn = new BatchNorm();
        assertEquals(List.of("avg_mean", "avg_var", "gamma", "beta"), new ArrayList<>(bn.namedParams().keySet()));
        bn.apply(NdArray.ones(4, 3)); // sizes the parameters
        bn.avgMean().setData(NdArray.zeros(3));
        bn.avgVar().setData(NdArray.ones(3));
        bn.gamma().setData(FIX.get("bn_gamma"));
        bn.beta().setData(FIX.get("bn_beta"));
        for (int k = 1; k <= 2; k++) {
            Variable y = bn.apply(FIX.get("bn_x" + k));
            assertClose(FIX.get("bn_y" + k), y.data(), 1e-10, 1e-12, "y" + k);
            assertClose(FIX.get("bn_mean" + k), bn.avgMean().data(), 1e-12, 1e-14, "running mean " + k);
            assertClose(FIX.get("bn_var" + k), bn.avgVar().data(), 1e-12, 1e-14, "running var " + k);
        }
        try (var t = Config.testMode()) {
            assertClose(FIX.get("bn_ytest"), bn.apply(FIX.get("bn_x1")).data(), 1e-10, 1e-12, "test mode");
        }
        assertClose(FIX.get("bn_mean2"), bn.avgMean().data(), 1e-12, 1e-14, "test mode leaves the statistics");
    }

    @Test
    void batchNormTakesItsDtypeFromTheFirstInputAndHasGradients() {
        BatchNorm bn = new BatchNorm();
        bn.apply(NdArray.ones(DType.FLOAT32, 2, 4));
        assertEquals(DType.FLOAT32, bn.gamma().data().dtype());
        BatchNorm b64 = new BatchNorm();
        NdArray x = FIX.get("bn_x1");
        b64.apply(x);
        b64.gamma().setData(FIX.get("bn_gamma"));
        b64.beta().setData(FIX.get("bn_beta"));
        DiffChecks.gradient(b64::apply, x, 4);
        NdArray r = FIX.get("bn_x2");
        NnTesting.checkParamGradients(() -> b64.apply(x).mul(new Variable(r)).sum(),
                List.of(b64.gamma(), b64.beta()));
    }

    @Test
    void embedIdDrawsFloat64AndLooksUpRows() {
        EmbedID e = new EmbedID(4, 3, new RandomState(1));
        NnTesting.assertSame(FIX_INIT.get("embed_W"), e.W().data(), "W");
        NdArray ids = NdArray.of(new long[] {3, 0, 3, 1}, 2, 2);
        Variable y = e.apply(ids);
        assertEquals(List.of(2, 2, 3), List.of(y.shape().dim(0), y.shape().dim(1), y.shape().dim(2)));
        NnTesting.assertSame(e.W().data().get(Index.at(3)), y.data().get(Index.at(0), Index.at(0)), "row 3");
        y.sum().backward();
        NnTesting.assertSame(NdArray.of(new double[] {1, 1, 0, 2}).reshape(4, 1).broadcastTo(4, 3).mul(1.0),
                e.W().grad().data(), "gradient counts the rows");
        assertThrows(IllegalArgumentException.class, () -> e.apply(NdArray.of(new double[] {1})));
    }

    private static final Map<String, NdArray> FIX_INIT = NnTesting.fixture("linear_init");
}
