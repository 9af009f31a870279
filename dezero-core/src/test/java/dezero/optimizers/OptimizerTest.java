package dezero.optimizers;

import static dezero.layers.NnTesting.assertSame;
import static dezero.testutil.DiffChecks.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dezero.Parameter;
import dezero.Variable;
import dezero.layers.Layer;
import dezero.layers.NnTesting;
import dezero.ndarray.DType;
import dezero.ndarray.NdArray;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Every optimizer and hook against NumPy over three updates with fixed gradients, float64 and float32. */
class OptimizerTest {
    private static final Map<String, NdArray> FIX = NnTesting.fixture("optimizers");

    /** Two parameters: {@code a (3, 4)} and {@code b (4,)}. */
    static final class Pair extends Layer {
        final Parameter a;
        final Parameter b;

        Pair(NdArray a0, NdArray b0) {
            a = addParam("a", new Parameter(a0, "a"));
            b = addParam("b", new Parameter(b0, "b"));
        }

        @Override
        protected Variable forward(Variable x) {
            return x.matmul(a).add(b);
        }
    }

    static Stream<Arguments> cases() {
        Supplier<Optimizer> sgd = () -> new SGD(0.1);
        return Stream.of(
                Arguments.of("sgd", sgd),
                Arguments.of("momentum", (Supplier<Optimizer>) () -> new MomentumSGD(0.1, 0.9)),
                Arguments.of("adagrad", (Supplier<Optimizer>) () -> new AdaGrad(0.5, 1e-8)),
                Arguments.of("adadelta", (Supplier<Optimizer>) () -> new AdaDelta(0.95, 1e-6)),
                Arguments.of("adam", (Supplier<Optimizer>) () -> new Adam(0.01, 0.9, 0.999, 1e-8)),
                Arguments.of("adamw", (Supplier<Optimizer>) () -> new AdamW(0.01, 0.9, 0.999, 1e-8, 0.1)),
                Arguments.of("sgd_weightdecay",
                        (Supplier<Optimizer>) () -> new SGD(0.1).addHook(new WeightDecay(0.05))),
                Arguments.of("sgd_clipgrad", (Supplier<Optimizer>) () -> new SGD(0.1).addHook(new ClipGrad(2.0))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void threeUpdatesMatchNumpy(String name, Supplier<Optimizer> make) {
        for (String tag : new String[] {"", "f32_"}) {
            Pair m = new Pair(FIX.get(tag + "a0"), FIX.get(tag + "b0"));
            Optimizer opt = make.get().setup(m);
            for (int t = 1; t <= 3; t++) {
                m.a.setGrad(new Variable(FIX.get(tag + "ga" + t)));
                m.b.setGrad(new Variable(FIX.get(tag + "gb" + t)));
                opt.update();
                String what = tag + name + " step " + t;
                NdArray ea = FIX.get(tag + name + "/a" + t);
                NdArray eb = FIX.get(tag + name + "/b" + t);
                assertEquals(ea.dtype(), m.a.data().dtype(), what + " keeps the dtype");
                if (tag.isEmpty() && !name.equals("sgd_clipgrad")) {
                    // float64, element-wise formulas in NumPy's order: exact
                    assertSame(ea, m.a.data(), what + " a");
                    assertSame(eb, m.b.data(), what + " b");
                } else {
                    double rtol = tag.isEmpty() ? 1e-14 : 2e-6;
                    assertClose(ea, m.a.data(), rtol, rtol, what + " a");
                    assertClose(eb, m.b.data(), rtol, rtol, what + " b");
                }
            }
        }
    }

    @Test
    void parametersWithoutGradientAreLeftAlone() {
        Pair m = new Pair(FIX.get("a0"), FIX.get("b0"));
        Optimizer opt = new Adam().setup(m);
        m.a.setGrad(new Variable(FIX.get("ga1")));
        opt.update();
        assertTrue(m.b.data() == FIX.get("b0") || m.b.data().equals(FIX.get("b0")));
        assertTrue(!m.a.data().equals(FIX.get("a0")));
        Map<String, NdArray> st = opt.stateDict();
        assertEquals(List.of("t", "m/a", "v/a"), List.copyOf(st.keySet()));
    }

    @Test
    void freezeParamKeepsLayersOrParametersFixed() {
        Pair m = new Pair(FIX.get("a0"), FIX.get("b0"));
        Optimizer opt = new SGD(0.1).addHook(new FreezeParam(m.b)).setup(m);
        m.a.setGrad(new Variable(FIX.get("ga1")));
        m.b.setGrad(new Variable(FIX.get("gb1")));
        opt.update();
        assertSame(FIX.get("sgd/a1"), m.a.data(), "a updated");
        assertSame(FIX.get("b0"), m.b.data(), "b frozen");
        assertNull(m.b.grad());
        Pair n = new Pair(FIX.get("a0"), FIX.get("b0"));
        Optimizer all = new SGD(0.1).addHook(new FreezeParam(n)).setup(n);
        n.a.setGrad(new Variable(FIX.get("ga1")));
        all.update();
        assertSame(FIX.get("a0"), n.a.data(), "the whole layer frozen");
    }

    @Test
    void float64GradientOfAFloat32ParameterKeepsFloat32() {
        Pair m = new Pair(FIX.get("f32_a0"), FIX.get("f32_b0"));
        Optimizer opt = new MomentumSGD(0.1).setup(m);
        m.a.setGrad(new Variable(FIX.get("ga1")));
        opt.update();
        assertEquals(DType.FLOAT32, m.a.data().dtype());
        assertEquals(DType.FLOAT32, opt.stateDict().get("v/a").dtype());
    }

    @Test
    void updateWithoutSetupFails() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new SGD().update());
        assertTrue(e.getMessage().contains("setup"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> new Adam().update());
    }

    @Test
    void adamLearningRateFoldsTheBiasCorrection() {
        Pair m = new Pair(FIX.get("a0"), FIX.get("b0"));
        Adam adam = new Adam(0.001, 0.9, 0.999, 1e-8);
        adam.setup(m);
        m.a.setGrad(new Variable(FIX.get("ga1")));
        adam.update();
        assertEquals(1, adam.t());
        assertEquals(0.001 * Math.sqrt(1 - 0.999) / (1 - 0.9), adam.lr(), 0);
    }
}
