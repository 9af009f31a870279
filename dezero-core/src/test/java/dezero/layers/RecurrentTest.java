package dezero.layers;

import static dezero.testutil.DiffChecks.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dezero.Parameter;
import dezero.Variable;
import dezero.ndarray.DType;
import dezero.ndarray.Index;
import dezero.ndarray.NdArray;
import dezero.ndarray.RandomState;
import dezero.testutil.DiffChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** RNN and LSTM against NumPy over three steps, and their gradients through time. */
class RecurrentTest {
    private static final Map<String, NdArray> FIX = NnTesting.fixture("layers_forward");

    private static NdArray step(int s) {
        return FIX.get("rnn_x").get(Index.at(s));
    }

    private static RNN rnn() {
        RNN r = new RNN(3, 2, DType.FLOAT64, new RandomState(0));
        Map<String, Parameter> p = r.namedParams();
        assertEquals(List.of("x2h/W", "x2h/b", "h2h/W"), new ArrayList<>(p.keySet()));
        p.get("x2h/W").setData(FIX.get("rnn_wx"));
        p.get("x2h/b").setData(FIX.get("rnn_bx"));
        p.get("h2h/W").setData(FIX.get("rnn_wh"));
        return r;
    }

    private static LSTM lstm() {
        LSTM l = new LSTM(3, 2, DType.FLOAT64, new RandomState(0));
        Map<String, Parameter> p = l.namedParams();
        assertEquals(List.of("x2f/W", "x2f/b", "x2i/W", "x2i/b", "x2o/W", "x2o/b", "x2u/W", "x2u/b", "h2f/W", "h2i/W",
                "h2o/W", "h2u/W"), new ArrayList<>(p.keySet()));
        for (String g : new String[] {"f", "i", "o", "u"}) {
            p.get("x2" + g + "/W").setData(FIX.get("lstm_x2" + g + "_W"));
            p.get("x2" + g + "/b").setData(FIX.get("lstm_x2" + g + "_b"));
            p.get("h2" + g + "/W").setData(FIX.get("lstm_h2" + g + "_W"));
        }
        return l;
    }

    @Test
    void rnnMatchesNumpyAndResets() {
        RNN r = rnn();
        for (int s = 0; s < 3; s++) {
            assertClose(FIX.get("rnn_h" + s), r.apply(step(s)).data(), "h" + s);
        }
        r.resetState();
        assertNull(r.h());
        assertClose(FIX.get("rnn_h0"), r.apply(step(0)).data(), "h0 after reset");
    }

    @Test
    void lstmMatchesNumpyAndResets() {
        LSTM l = lstm();
        for (int s = 0; s < 3; s++) {
            assertClose(FIX.get("lstm_h" + s), l.apply(step(s)).data(), "h" + s);
            assertClose(FIX.get("lstm_c" + s), l.c().data(), "c" + s);
        }
        l.resetState();
        assertNull(l.h());
        assertNull(l.c());
        assertClose(FIX.get("lstm_h0"), l.apply(step(0)).data(), "h0 after reset");
    }

    @Test
    void lazyLstmDrawsRecurrentWeightsFirstThenInputWeights() {
        RandomState.seed(42);
        LSTM l = new LSTM(3);
        RandomState rs = new RandomState(42);
        NdArray[] expected = new NdArray[8];
        for (int k = 4; k < 8; k++) {
            expected[k] = rs.randn(3, 3).astype(DType.FLOAT32).mul(Math.sqrt(1.0 / 3));
        }
        for (int k = 0; k < 4; k++) {
            expected[k] = rs.randn(2, 3).astype(DType.FLOAT32).mul(Math.sqrt(1.0 / 2));
        }
        l.apply(NdArray.zeros(DType.FLOAT32, 1, 2));
        String[] keys = {"x2f/W", "x2i/W", "x2o/W", "x2u/W", "h2f/W", "h2i/W", "h2o/W", "h2u/W"};
        for (int k = 0; k < 8; k++) {
            NnTesting.assertSame(expected[k], l.namedParams().get(keys[k]).data(), keys[k]);
        }
    }

    /** The loss of a three-step sequence, state reset first. */
    private static Variable sequenceLoss(Layer layer, Runnable reset, NdArray r) {
        reset.run();
        Variable loss = null;
        for (int s = 0; s < 3; s++) {
            Variable h = layer.apply(step(s)).mul(new Variable(r.get(Index.at(s))));
            loss = loss == null ? h.sum() : loss.add(h.sum());
        }
        return loss;
    }

    @Test
    void gradientsThroughTimeMatchNumericalOnes() {
        NdArray r = DiffChecks.randn(new Random(9), 3, 4, 3);
        RNN a = rnn();
        NnTesting.checkParamGradients(() -> sequenceLoss(a, a::resetState, r), a.params());
        LSTM b = lstm();
        NnTesting.checkParamGradients(() -> sequenceLoss(b, b::resetState, r), b.params());
    }

    @Test
    void inputGradientOfASecondStep() {
        DiffChecks.gradient(x -> {
            LSTM m = lstm();
            m.apply(step(0)); // a state to carry into the step checked
            return m.apply(x);
        }, step(1), 3);
        DiffChecks.gradient(x -> {
            RNN m = rnn();
            m.apply(step(0));
            return m.apply(x);
        }, step(1), 4);
    }
}
