package dezero.layers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dezero.Parameter;
import dezero.Variable;
import dezero.ndarray.DType;
import dezero.ndarray.NdArray;
import dezero.ndarray.Npy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Helpers of the layers, models and optimizers tests: NumPy fixtures and numerical parameter gradients. */
public final class NnTesting {
    private NnTesting() {
    }

    /** The path of {@code fixtures/nn/<name>} (written by {@code tools/fixtures_nn.py}). */
    public static Path fixturePath(String name) {
        URL u = NnTesting.class.getResource("/fixtures/nn/" + name);
        if (u == null) {
            throw new IllegalArgumentException("no fixture fixtures/nn/" + name);
        }
        try {
            return Path.of(u.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The arrays of {@code fixtures/nn/<name>.npz}. */
    public static Map<String, NdArray> fixture(String name) {
        try {
            return Npy.loadNpz(fixturePath(name + ".npz"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Checks the gradients that backpropagation left in {@code params} (after {@code loss.get().backward()})
     * against central differences of the scalar {@code loss} (float64 parameters).
     */
    public static void checkParamGradients(Supplier<Variable> loss, List<Parameter> params) {
        for (Parameter p : params) {
            p.clearGrad();
        }
        loss.get().backward();
        double eps = 1e-6;
        for (Parameter p : params) {
            NdArray d0 = p.data();
            assertTrue(d0.dtype() == DType.FLOAT64, "float64 parameters only");
            double[] base = d0.toDoubleArray();
            double[] grad = p.grad().data().toDoubleArray();
            for (int i = 0; i < base.length; i++) {
                double[] plus = base.clone();
                plus[i] += eps;
                p.setData(NdArray.of(plus, d0.shape().dims()));
                double lp = loss.get().data().item();
                double[] minus = base.clone();
                minus[i] -= eps;
                p.setData(NdArray.of(minus, d0.shape().dims()));
                double lm = loss.get().data().item();
                p.setData(d0);
                double num = (lp - lm) / (2 * eps);
                double tol = 1e-6 + 1e-5 * Math.abs(num);
                int k = i;
                assertTrue(Math.abs(num - grad[i]) <= tol, () -> "parameter " + p.name() + " " + d0.shape()
                        + " element " + k + ": backprop " + grad[k] + " vs numerical " + num);
            }
        }
    }

    /** Exact equality of shape, dtype and every element (bit for bit, NaN equal to NaN). */
    public static void assertSame(NdArray expected, NdArray actual, String what) {
        assertTrue(expected.shape().equals(actual.shape()) && expected.dtype() == actual.dtype(),
                () -> what + ": expected " + expected.shape() + " " + expected.dtype() + ", got " + actual.shape()
                        + " " + actual.dtype());
        double[] e = expected.astype(DType.FLOAT64).toDoubleArray();
        double[] a = actual.astype(DType.FLOAT64).toDoubleArray();
        for (int i = 0; i < e.length; i++) {
            int k = i;
            assertTrue(Double.compare(e[i], a[i]) == 0, () -> what + ": element " + k + " expected " + e[k] + " got "
                    + a[k]);
        }
    }
}
