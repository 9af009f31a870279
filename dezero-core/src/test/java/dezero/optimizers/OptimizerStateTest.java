package dezero.optimizers;

import static dezero.layers.NnTesting.assertSame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dezero.Variable;
import dezero.functions.F;
import dezero.models.MLP;
import dezero.ndarray.DType;
import dezero.ndarray.NdArray;
import dezero.ndarray.Npy;
import dezero.ndarray.RandomState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Saving and restoring optimizer state: training resumes bit for bit. The model (relu MLP, mean
 * squared error) uses no transcendental function, so its numbers do not depend on which kernel
 * path (interpreted or compiled) computes them.
 */
class OptimizerStateTest {
    @TempDir
    Path dir;

    static Stream<Arguments> optimizers() {
        return Stream.of(
                Arguments.of("SGD", (Supplier<Optimizer>) () -> new SGD(0.5)),
                Arguments.of("MomentumSGD", (Supplier<Optimizer>) () -> new MomentumSGD(0.1, 0.9)),
                Arguments.of("AdaGrad", (Supplier<Optimizer>) () -> new AdaGrad(0.1)),
                Arguments.of("AdaDelta", (Supplier<Optimizer>) () -> new AdaDelta()),
                Arguments.of("Adam", (Supplier<Optimizer>) () -> new Adam(0.01)),
                Arguments.of("AdamW", (Supplier<Optimizer>) () -> new AdamW(0.01, 0.05)),
                Arguments.of("Adam+hooks", (Supplier<Optimizer>) () -> new Adam(0.01)
                        .addHook(new WeightDecay(1e-3)).addHook(new ClipGrad(0.5))));
    }

    private static final RandomState DATA = new RandomState(3);
    private static final NdArray X = DATA.randn(16, 2);
    private static final NdArray T = DATA.randn(16, 3);

    private static MLP model(DType dt) {
        return new MLP(new int[] {6, 3}, F::relu, dt, new RandomState(0));
    }

    private static void train(MLP m, Optimizer opt, int steps) {
        NdArray x = X.astype(m.linears().get(0).dtype());
        NdArray t = T.astype(m.linears().get(0).dtype());
        for (int i = 0; i < steps; i++) {
            Variable loss = F.meanSquaredError(m.apply(x), new Variable(t));
            m.clearGrads();
            loss.backward();
            opt.update();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void tenStepsSavedAndRestoredThenTenMoreEqualTwentyUninterrupted(String name, Supplier<Optimizer> make)
            throws IOException {
        for (DType dt : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            MLP straight = model(dt);
            train(straight, make.get().setup(straight), 20);

            MLP first = model(dt);
            Optimizer opt1 = make.get().setup(first);
            train(first, opt1, 10);
            Path w = dir.resolve(name + dt + "-weights.npz");
            Path s = dir.resolve(name + dt + "-state.npz");
            first.saveWeights(w);
            opt1.saveState(s);

            MLP resumed = new MLP(new int[] {6, 3}, F::relu, dt, new RandomState(99)); // other initial weights
            resumed.loadWeights(w);
            Optimizer opt2 = make.get().setup(resumed);
            opt2.loadState(s);
            train(resumed, opt2, 10);

            for (String k : straight.namedParams().keySet()) {
                assertSame(straight.namedParams().get(k).data(), resumed.namedParams().get(k).data(),
                        name + " " + dt + " " + k);
            }
        }
    }

    @Test
    void stateKeysAndCounter() throws IOException {
        MLP m = model(DType.FLOAT64);
        Adam adam = new Adam();
        adam.setup(m);
        train(m, adam, 3);
        Map<String, NdArray> st = adam.stateDict();
        assertEquals(java.util.List.of("t", "m/l0/W", "m/l0/b", "m/l1/W", "m/l1/b", "v/l0/W", "v/l0/b", "v/l1/W",
                "v/l1/b"), java.util.List.copyOf(st.keySet()));
        assertEquals(3L, st.get("t").toLongArray()[0]);
        assertEquals(DType.INT64, st.get("t").dtype());
        Path f = dir.resolve("s.npz");
        adam.saveState(f);
        assertEquals(st.keySet(), Npy.loadNpz(f).keySet());
        assertTrue(new SGD().setup(m).stateDict().isEmpty());
    }

    private static void assertLoadFails(Optimizer opt, Map<String, NdArray> state, String fragment) {
        Map<String, NdArray> before = opt.stateDict();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> opt.loadState(state));
        assertTrue(e.getMessage().contains(fragment), () -> "'" + fragment + "' not in: " + e.getMessage());
        Map<String, NdArray> after = opt.stateDict();
        assertEquals(before.keySet(), after.keySet());
        for (String k : before.keySet()) {
            assertSame(before.get(k), after.get(k), "unchanged " + k);
        }
    }

    @Test
    void badStateIsRefusedAndChangesNothing() {
        MLP m = model(DType.FLOAT64);
        Adam adam = new Adam();
        adam.setup(m);
        train(m, adam, 2);
        Map<String, NdArray> good = adam.stateDict();

        Map<String, NdArray> noT = new LinkedHashMap<>(good);
        noT.remove("t");
        assertLoadFails(adam, noT, "missing counter 't'");

        Map<String, NdArray> shape = new LinkedHashMap<>(good);
        shape.put("m/l0/W", NdArray.zeros(3, 6));
        assertLoadFails(adam, shape, "key 'm/l0/W' has shape (3, 6)");

        Map<String, NdArray> slot = new LinkedHashMap<>(good);
        slot.put("h/l0/W", NdArray.zeros(2, 6));
        assertLoadFails(adam, slot, "unexpected key 'h/l0/W'");

        Map<String, NdArray> param = new LinkedHashMap<>(good);
        param.put("m/l9/W", NdArray.zeros(2, 6));
        assertLoadFails(adam, param, "'m/l9/W' names no parameter");

        Map<String, NdArray> dtype = new LinkedHashMap<>(good);
        dtype.put("v/l1/b", NdArray.zeros(DType.FLOAT32, 3));
        assertLoadFails(adam, dtype, "float32");

        assertThrows(IllegalStateException.class, () -> new Adam().loadState(good));
    }
}
