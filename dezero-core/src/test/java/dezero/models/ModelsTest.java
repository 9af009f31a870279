package dezero.models;

import static dezero.testutil.DiffChecks.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dezero.Variable;
import dezero.functions.F;
import dezero.layers.Linear;
import dezero.layers.NnTesting;
import dezero.ndarray.DType;
import dezero.ndarray.NdArray;
import dezero.ndarray.RandomState;
import dezero.optimizers.Optimizer;
import dezero.optimizers.SGD;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelsTest {
    private static final Map<String, NdArray> FIX = NnTesting.fixture("mlp_training");

    @Test
    void mlpTrainsAsNumpyComputesIt() {
        MLP m = new MLP(new int[] {4, 3}, F::sigmoid, DType.FLOAT64, new RandomState(0));
        assertEquals(List.of("l0/W", "l0/b", "l1/W", "l1/b"), new ArrayList<>(m.namedParams().keySet()));
        NdArray x = FIX.get("x");
        NdArray t = FIX.get("t");
        m.apply(x); // sizes the layers
        m.linears().get(0).W().setData(FIX.get("W1"));
        m.linears().get(1).W().setData(FIX.get("W2"));
        Optimizer opt = new SGD(0.5).setup(m);
        double[] losses = new double[5];
        for (int i = 0; i < 5; i++) {
            Variable loss = F.softmaxCrossEntropy(m.apply(x), t);
            m.clearGrads();
            loss.backward();
            opt.update();
            losses[i] = loss.data().item();
        }
        assertClose(FIX.get("losses"), NdArray.of(losses), 1e-12, 1e-14, "losses");
        assertClose(FIX.get("W1_end"), m.linears().get(0).W().data(), 1e-12, 1e-14, "W1");
        assertClose(FIX.get("b1_end"), m.linears().get(0).b().data(), 1e-12, 1e-14, "b1");
        assertClose(FIX.get("W2_end"), m.linears().get(1).W().data(), 1e-12, 1e-14, "W2");
        assertClose(FIX.get("b2_end"), m.linears().get(1).b().data(), 1e-12, 1e-14, "b2");
    }

    @Test
    void mlpDefaultsAreDezeros() {
        MLP m = new MLP(10, 3);
        assertEquals(2, m.linears().size());
        assertEquals(DType.FLOAT32, m.linears().get(0).dtype());
        RandomState.seed(0);
        NdArray x = NdArray.ones(DType.FLOAT32, 2, 5);
        Variable y = m.apply(x);
        RandomState rs = new RandomState(0);
        NdArray w0 = rs.randn(5, 10).astype(DType.FLOAT32).mul(Math.sqrt(1.0 / 5));
        NdArray w1 = rs.randn(10, 3).astype(DType.FLOAT32).mul(Math.sqrt(1.0 / 10));
        NnTesting.assertSame(w0, m.linears().get(0).W().data(), "l0/W from np.random");
        NnTesting.assertSame(w1, m.linears().get(1).W().data(), "l1/W drawn after l0/W");
        NdArray h = x.matmul(w0);
        NdArray sig = NdArray.ones(DType.FLOAT32, 1).div(h.neg().exp().add(1));
        assertClose(sig.matmul(w1), y.data(), 1e-6, 1e-6, "sigmoid between, none after");
        assertThrows(IllegalArgumentException.class, () -> new MLP());
    }

    @Test
    void mlpWithAnotherActivation() {
        MLP m = new MLP(new int[] {3, 2}, F::relu, DType.FLOAT64, new RandomState(1));
        NdArray x = NdArray.of(new double[][] {{1, -2}, {0.5, 3}});
        Variable y = m.apply(x);
        Linear l0 = m.linears().get(0);
        Linear l1 = m.linears().get(1);
        NdArray expected = x.matmul(l0.W().data()).maximum(0).matmul(l1.W().data());
        assertClose(expected, y.data(), "relu");
    }

    @Test
    void sequentialChainsLayersAsL0L1() {
        Linear a = Linear.builder(3).inSize(2).dtype(DType.FLOAT64).random(new RandomState(0)).build();
        Linear b = Linear.builder(2).inSize(3).dtype(DType.FLOAT64).random(new RandomState(1)).build();
        Sequential s = new Sequential(a, b);
        assertEquals(List.of("l0/W", "l0/b", "l1/W", "l1/b"), new ArrayList<>(s.namedParams().keySet()));
        assertEquals(List.of(a, b), s.list());
        NdArray x = NdArray.of(new double[][] {{1, 2}});
        assertClose(x.matmul(a.W().data()).matmul(b.W().data()), s.apply(x).data(), "b(a(x))");
    }
}
