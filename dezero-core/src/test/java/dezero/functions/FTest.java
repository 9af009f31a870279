package dezero.functions;

import static dezero.testutil.DiffChecks.as;
import static dezero.testutil.DiffChecks.assertClose;
import static dezero.testutil.DiffChecks.checkAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dezero.Config;
import dezero.Variable;
import dezero.ndarray.DType;
import dezero.ndarray.NdArray;
import dezero.ndarray.RandomState;
import dezero.ndarray.Shape;
import dezero.testutil.DiffChecks;
import dezero.testutil.Fixtures;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The functions of F composed of others, and the re-exported core operations. */
class FTest {
    @Test
    void coreOperationsAreReExported() {
        Variable a = new Variable(NdArray.of(new double[] {1, 2}));
        Variable b = new Variable(NdArray.of(new double[] {3, 5}));
        assertEquals(NdArray.of(new double[] {4, 7}), F.add(a, b).data());
        assertEquals(NdArray.of(new double[] {-2, -3}), F.sub(a, b).data());
        assertEquals(NdArray.of(new double[] {3, 10}), F.mul(a, b).data());
        assertEquals(NdArray.of(new double[] {2, 1}), F.rsub(a, 3).data());
        assertEquals(NdArray.of(new double[] {0.5, 1}), F.div(a, 2).data());
        assertEquals(NdArray.of(new double[] {2, 1}), F.rdiv(a, 2).data());
        assertEquals(NdArray.of(new double[] {1, 8}), F.pow(a, 3).data());
        assertEquals(NdArray.of(new double[] {-1, -2}), F.neg(a).data());
        assertEquals(13.0, F.matmul(a, b).data().item());
        assertEquals(Shape.of(2, 1), F.reshape(a, 2, 1).shape());
        assertEquals(Shape.of(2, 2), F.broadcastTo(a, 2, 2).shape());
        assertEquals(3.0, F.sum(a).data().item());
    }

    @Test
    void expandDimsAndFlatten() {
        Variable x = new Variable(NdArray.zeros(2, 3, 4));
        assertEquals(Shape.of(2, 1, 3, 4), F.expandDims(x, 1).shape());
        assertEquals(Shape.of(2, 3, 4, 1), F.expandDims(x, -1).shape());
        assertEquals(Shape.of(2, 12), F.flatten(x).shape());
        Map<String, NdArray> c = Fixtures.load("transpose");
        checkAll(v -> F.expandDims(v, 0), c.get("x"), 601);
        checkAll(F::flatten, c.get("x"), 602);
    }

    @Test
    void accuracy() {
        Map<String, NdArray> c = Fixtures.load("accuracy");
        Variable acc = F.accuracy(new Variable(c.get("y")), c.get("t"));
        assertClose(c.get("acc"), acc.data(), "accuracy");
        assertNull(acc.creator());
    }

    @Test
    void embedId() {
        Map<String, NdArray> c = Fixtures.load("embed_id");
        NdArray ids = c.get("ids");
        assertClose(c.get("y"), F.embedId(ids, new Variable(c.get("w"))).data(), "embedId");
        checkAll(w -> F.embedId(ids, w), c.get("w"), 603);
    }

    @Test
    void batchNormTrainingUsesBatchStatisticsAndUpdatesRunningOnes() {
        Map<String, NdArray> c = Fixtures.load("batch_norm");
        Variable mean = new Variable(c.get("mean"));
        Variable var = new Variable(c.get("var"));
        Variable gamma = new Variable(c.get("gamma"));
        Variable beta = new Variable(c.get("beta"));
        Variable y = F.batchNorm(new Variable(c.get("x")), gamma, beta, mean, var, 0.9, 2e-5);
        assertClose(c.get("y"), y.data(), 1e-10, 1e-12, "batchNorm");
        assertClose(c.get("rm"), mean.data(), "running mean");
        assertClose(c.get("rv"), var.data(), 1e-12, 1e-14, "running var");
        Variable mean4 = new Variable(c.get("mean"));
        Variable var4 = new Variable(c.get("var"));
        Variable y4 = F.batchNorm(new Variable(c.get("x4")), gamma, beta, mean4, var4, 0.9, 2e-5);
        assertClose(c.get("y4"), y4.data(), 1e-10, 1e-12, "batchNorm 4-d");
        assertClose(c.get("rm4"), mean4.data(), "running mean 4-d");
        assertClose(c.get("rv4"), var4.data(), 1e-12, 1e-14, "running var 4-d");
    }

    @Test
    void batchNormTestModeUsesRunningStatistics() {
        Map<String, NdArray> c = Fixtures.load("batch_norm");
        Variable mean = new Variable(c.get("mean"));
        Variable var = new Variable(c.get("var"));
        Variable y;
        try (Config.Scope t = Config.testMode()) {
            y = F.batchNorm(new Variable(c.get("x")), new Variable(c.get("gamma")), new Variable(c.get("beta")), mean,
                    var, 0.9, 2e-5);
        }
        assertClose(c.get("ytest"), y.data(), "batchNorm test mode");
        assertEquals(c.get("mean"), mean.data(), "running statistics untouched");
    }

    @Test
    void batchNormDerivatives() {
        Map<String, NdArray> c = Fixtures.load("batch_norm");
        Variable gamma = new Variable(c.get("gamma"));
        Variable beta = new Variable(c.get("beta"));
        Variable x = new Variable(c.get("x"));
        checkAll(v -> bn(v, as(gamma, v), as(beta, v), c), c.get("x"), 604);
        checkAll(v -> bn(as(x, v), v, as(beta, v), c), c.get("gamma"), 605);
        checkAll(v -> bn(as(x, v), as(gamma, v), v, c), c.get("beta"), 606);
        checkAll(v -> bn(v, as(gamma, v), as(beta, v), c), c.get("x4"), 607);
        try (Config.Scope t = Config.testMode()) {
            checkAll(v -> bn(v, as(gamma, v), as(beta, v), c), c.get("x"), 608);
        }
    }

    /** Batch norm with fresh running statistics (in v's dtype) from the fixture. */
    private static Variable bn(Variable v, Variable gamma, Variable beta, Map<String, NdArray> c) {
        Variable mean = as(new Variable(c.get("mean")), v);
        Variable var = as(new Variable(c.get("var")), v);
        return F.batchNorm(v, gamma, beta, mean, var, 0.9, 2e-5);
    }

    @Test
    void dropoutKeepsAndScalesWithTheSameDrawsAsNumPy() {
        Variable x = new Variable(NdArray.ones(2, 5));
        Variable y = F.dropout(x, 0.3, new RandomState(0));
        NdArray u = new RandomState(0).rand(2, 5);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 5; j++) {
                double expected = u.get(i, j) > 0.3 ? 1 / 0.7 : 0.0;
                assertEquals(expected, y.data().get(i, j), 1e-15);
            }
        }
        y.sum().backward();
        assertEquals(y.data(), x.grad().data(), "the gradient is the same mask");
        NdArray x0 = DiffChecks.randn(new java.util.Random(609), 3, 4);
        checkAll(v -> F.dropout(v, 0.4, new RandomState(7)), x0, 609);
    }

    @Test
    void dropoutIsTheIdentityInTestModeAndKeepsFloat32() {
        Variable x = new Variable(NdArray.ones(DType.FLOAT32, 3));
        try (Config.Scope t = Config.testMode()) {
            assertSame(x, F.dropout(x));
        }
        assertEquals(DType.FLOAT32, F.dropout(x, 0.5).dtype());
        assertThrows(IllegalArgumentException.class, () -> F.dropout(x, 1.0));
    }

    // ---------------------------------------------------------------- dropout against NumPy's draws

    /**
     * The mask is NumPy's {@code np.random.rand(*x.shape) > ratio} from a state seeded with the same
     * seed, kept elements are divided by {@code 1 - ratio} (inverted dropout), and the gradient passes
     * through the kept elements only, with the same scale.
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void dropoutMaskIsNumPysDraw(int k) {
        Map<String, NdArray> c = Fixtures.load("faudit", "dropout");
        long seed = c.get("meta" + k).getLong(0);
        double ratio = c.get("meta" + k).getLong(1) / 10.0;
        NdArray x = c.get("x" + k);
        NdArray mask = c.get("mask" + k).astype(DType.FLOAT64);
        Variable xv = new Variable(x);
        Variable y = F.dropout(xv, ratio, new RandomState(seed));
        assertEquals(c.get("y" + k), y.data(), "x * mask / (1 - ratio) with NumPy's mask");
        y.backward();
        assertEquals(mask.div(1 - ratio), xv.grad().data(), "gradient: 1 / (1 - ratio) where kept, 0 where dropped");

        RandomState.seed(seed); // np.random.seed(seed); dropout(x, ratio)
        assertEquals(c.get("y" + k), F.dropout(new Variable(x), ratio).data(), "from the global state");

        Variable x32 = new Variable(x.astype(DType.FLOAT32));
        Variable y32 = F.dropout(x32, ratio, new RandomState(seed));
        assertEquals(DType.FLOAT32, y32.dtype());
        assertEquals(c.get("y32_" + k).astype(DType.FLOAT32), y32.data(), "float32: x * mask / float32(1 - ratio)");
    }

    @Test
    void dropoutKeepsAboutOneMinusRatioAndPreservesTheMean() {
        Map<String, NdArray> c = Fixtures.load("faudit", "dropout");
        int n = 100_000;
        NdArray y = F.dropout(new Variable(NdArray.ones(n)), 0.3, new RandomState(5)).data();
        long kept = (long) y.gt(0.0).astype(DType.FLOAT64).sum().item();
        assertEquals(c.get("big_kept").getLong(), kept, "NumPy's count of rand(100000) > 0.3 with seed 5");
        assertEquals(0.7, kept / (double) n, 0.01);
        assertEquals(1.0, y.mean().item(), 0.02, "inverted dropout keeps the expectation");
        assertEquals(NdArray.of(new double[] {0, 1 / 0.7}), unique(y), "every element is 0 or 1 / 0.7");
    }

    private static NdArray unique(NdArray y) {
        return NdArray.of(java.util.Arrays.stream(y.toDoubleArray()).distinct().sorted().toArray());
    }

    @Test
    void dropoutInTestModeIsTheIdentityAndDrawsNothing() {
        Variable x = new Variable(DiffChecks.randn(new java.util.Random(3), 4, 5));
        RandomState rng = new RandomState(9);
        try (Config.Scope t = Config.testMode()) {
            Variable y = F.dropout(x, 0.5, rng);
            assertSame(x, y);
            assertEquals(x.data(), y.data());
        }
        assertEquals(new RandomState(9).rand(3), rng.rand(3), "test mode leaves the generator where it was");
    }

    // ---------------------------------------------------------------- embedId: gradients of repeated ids add up

    @Test
    void embedIdGradientAddsRowsOfRepeatedIds() {
        Map<String, NdArray> c = Fixtures.load("faudit", "embed_id");
        for (DType dtype : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            Variable w = new Variable(c.get("w").astype(dtype));
            Variable y = F.embedId(c.get("ids"), w);
            assertEquals(c.get("y").astype(dtype), y.data(), "W[ids] " + dtype);
            y.mul(new Variable(c.get("r").astype(dtype))).sum().backward();
            assertEquals(dtype, w.grad().dtype());
            double tol = dtype == DType.FLOAT64 ? 1e-15 : 1e-6;
            assertClose(c.get("gw"), w.grad().data(), tol, tol, "np.add.at(zeros, ids, r) " + dtype);
        }
    }
}
