package dezero.bench;

import dezero.ndarray.NdArray;
import dezero.ndarray.RandomState;
import java.util.function.Supplier;

/**
 * W3 of {@code shared/bench/WORKLOADS.md}: {@code y = tanh(x) * x + 1.0} on 10^7 float64 values drawn
 * from N(0, 1); nanoseconds per element of the forward pass (three array operations, each making a
 * new array).
 */
final class W3Elementwise {
    private W3Elementwise() {
    }

    static void run(boolean quick) {
        int n = 10_000_000;
        // the draws of peers.py: numpy.random.RandomState(0).standard_normal(n)
        NdArray x = new RandomState(0).randn(n);
        double[] d = x.toDoubleArray();
        Supplier<NdArray> fwd = () -> x.tanh().mul(x).add(1.0);
        check(d, fwd.get());
        double[] ts = Measure.perCall(fwd, 3);
        double per = 1e9 / n;
        String params = Emit.params("n", n, "expr", "y = tanh(x)*x + 1.0", "backward_of", "sum(y)");
        Emit.line("elementwise", "float64", params, "fwd_ns_per_elem", Measure.median(ts) * per, "ns",
                Measure.scale(ts, per));
    }

    private static void check(double[] x, NdArray y) {
        double[] v = y.toDoubleArray();
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            worst = Math.max(worst, Math.abs(v[i] - (Math.tanh(x[i]) * x[i] + 1.0)));
        }
        System.err.printf("  [check] elementwise max|y-ref| %.3g%n", worst);
    }
}
