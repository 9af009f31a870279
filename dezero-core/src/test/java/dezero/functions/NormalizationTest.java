package dezero.functions;

import static dezero.testutil.DiffChecks.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dezero.Config;
import dezero.Variable;
import dezero.ndarray.DType;
import dezero.ndarray.NdArray;
import dezero.testutil.Fixtures;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * batchNorm against NumPy: three training steps (batch statistics; running statistics updated by
 * DeZero's {@code running = decay running + (1 - decay) batch}, the variance scaled by
 * {@code m / (m - 1)}), then test mode (running statistics), and the gradients of both modes against
 * DeZero's closed-form backward.
 */
class NormalizationTest {
    private static final Map<String, NdArray> C = Fixtures.load("faudit", "batch_norm_steps");

    private static Variable v(String name, DType dtype) {
        return new Variable(C.get(name).astype(dtype));
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void trainingStepsThenTestMode(DType dtype) {
        double tol = dtype == DType.FLOAT64 ? 1e-12 : 2e-5;
        Variable gamma = v("gamma", dtype);
        Variable beta = v("beta", dtype);
        Variable mean = new Variable(NdArray.zeros(dtype, 3));
        Variable var = new Variable(NdArray.ones(dtype, 3));
        for (int step = 0; step < 3; step++) {
            Variable y = F.batchNorm(v("x" + step, dtype), gamma, beta, mean, var, 0.9, 2e-5);
            assertEquals(dtype, y.dtype());
            assertClose(C.get("y" + step), y.data(), tol, tol, "y, step " + step);
            assertClose(C.get("mean" + step), mean.data(), tol, tol, "running mean, step " + step);
            assertClose(C.get("var" + step), var.data(), tol, tol, "running var, step " + step);
        }
        NdArray meanBefore = mean.data();
        NdArray varBefore = var.data();
        try (Config.Scope t = Config.testMode()) {
            Variable x = v("xt", dtype);
            Variable y = F.batchNorm(x, gamma, beta, mean, var, 0.9, 2e-5);
            assertClose(C.get("yt"), y.data(), tol, tol, "test mode");
            y.backward(); // backward works in test mode too (DeZero's needs the training statistics)
        }
        assertEquals(meanBefore, mean.data(), "test mode leaves the running mean");
        assertEquals(varBefore, var.data(), "test mode leaves the running var");
    }

    @Test
    void trainingGradientsEqualTheClosedForm() {
        Variable x = v("x0", DType.FLOAT64);
        Variable gamma = v("gamma", DType.FLOAT64);
        Variable beta = v("beta", DType.FLOAT64);
        Variable y = F.batchNorm(x, gamma, beta, new Variable(NdArray.zeros(3)), new Variable(NdArray.ones(3)), 0.9,
                2e-5);
        y.mul(v("gy", DType.FLOAT64)).sum().backward();
        assertClose(C.get("gx"), x.grad().data(), 1e-12, 1e-13, "gx");
        assertClose(C.get("ggamma"), gamma.grad().data(), 1e-12, 1e-13, "ggamma");
        assertClose(C.get("gbeta"), beta.grad().data(), 1e-12, 1e-13, "gbeta");
    }

    @Test
    void testModeGradientsEqualTheClosedForm() {
        Variable x = v("xt", DType.FLOAT64);
        Variable gamma = v("gamma", DType.FLOAT64);
        Variable beta = v("beta", DType.FLOAT64);
        try (Config.Scope t = Config.testMode()) {
            Variable y = F.batchNorm(x, gamma, beta, v("mean2", DType.FLOAT64), v("var2", DType.FLOAT64), 0.9, 2e-5);
            y.mul(v("gyt", DType.FLOAT64)).sum().backward();
        }
        assertClose(C.get("gxt"), x.grad().data(), 1e-12, 1e-13, "gx = gy gamma / sqrt(running var + eps)");
        assertClose(C.get("ggammat"), gamma.grad().data(), 1e-12, 1e-13, "ggamma");
        assertClose(C.get("gbetat"), beta.grad().data(), 1e-12, 1e-13, "gbeta");
    }

    @Test
    void fourDimensionalInputNormalizesPerChannel() {
        Variable x = v("x4", DType.FLOAT64);
        Variable gamma = v("gamma", DType.FLOAT64);
        Variable beta = v("beta", DType.FLOAT64);
        Variable mean = new Variable(NdArray.zeros(3));
        Variable var = new Variable(NdArray.ones(3));
        Variable y = F.batchNorm(x, gamma, beta, mean, var, 0.9, 2e-5);
        assertClose(C.get("y4"), y.data(), 1e-12, 1e-13, "y (N, C, H, W)");
        assertClose(C.get("mean4"), mean.data(), 1e-12, 1e-14, "running mean over N, H, W");
        assertClose(C.get("var4"), var.data(), 1e-12, 1e-14, "running var over N, H, W (m = 12)");
        y.mul(v("gy4", DType.FLOAT64)).sum().backward();
        assertClose(C.get("gx4"), x.grad().data(), 1e-12, 1e-13, "gx");
        assertClose(C.get("ggamma4"), gamma.grad().data(), 1e-12, 1e-13, "ggamma");
        assertClose(C.get("gbeta4"), beta.grad().data(), 1e-12, 1e-13, "gbeta");
    }
}
