package dezero.bench;

import dezero.Variable;
import dezero.functions.F;
import dezero.ndarray.DType;
import dezero.ndarray.NdArray;
import java.util.List;

/**
 * W1 scalar_chain: {@code y = x}, then K times {@code y = tanh(y * w + b)} on 0-d variables, then
 * {@code y.backward()}. Timed per run: the forward chain and the backward pass (graph teardown is
 * outside, when the run returns; GC and allocation are inside). One warm-up run, as {@code peers.py}
 * does, so early repeats still include JIT compilation. Metrics per op (3K ops):
 * {@code us_per_op}, {@code fwd_us_per_op}, {@code bwd_us_per_op}; and {@code grad_w} = dy/dw.
 */
final class W1ScalarChain {
    static final double X0 = 0.5;
    static final double W = 0.9;
    static final double B = 0.1;

    private W1ScalarChain() {
    }

    static void run(boolean quick) {
        int k = quick ? 2000 : 10000;
        String params = Emit.params("K", k, "x0", X0, "w", W, "b", B, "ops_per_step", 3, "step", "y = tanh(y*w + b)");
        // as peers.py: one untimed warm-up run, then one timed run per repeat; -Ddezero.bench.w1.warmup=N runs
        // more warm-up runs (to see the JIT-compiled steady state)
        int warmup = Integer.getInteger("dezero.bench.w1.warmup", 1);
        for (DType dt : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            Variable x = new Variable(NdArray.full(dt, X0));
            Variable w = new Variable(NdArray.full(dt, W));
            Variable b = new Variable(NdArray.full(dt, B));
            List<double[]> res = Measure.repeat(() -> once(x, w, b, k), warmup);
            int n = res.size();
            double[] fw = new double[n];
            double[] bw = new double[n];
            double[] tot = new double[n];
            for (int i = 0; i < n; i++) {
                fw[i] = res.get(i)[0];
                bw[i] = res.get(i)[1];
                tot[i] = fw[i] + bw[i];
            }
            double us = 1e6 / (3.0 * k);
            String d = dt.toString();
            Emit.line("scalar_chain", d, params, "us_per_op", Measure.median(tot) * us, "us", Measure.scale(tot, us));
            Emit.line("scalar_chain", d, params, "fwd_us_per_op", Measure.median(fw) * us, "us", Measure.scale(fw, us));
            Emit.line("scalar_chain", d, params, "bwd_us_per_op", Measure.median(bw) * us, "us", Measure.scale(bw, us));
            Emit.line("scalar_chain", d, params, "grad_w", res.get(n - 1)[2], "1", null);
        }
    }

    /** One timed run: {forward seconds, backward seconds, dy/dw}. */
    static double[] once(Variable x, Variable w, Variable b, int k) {
        x.clearGrad();
        w.clearGrad();
        b.clearGrad();
        long t0 = System.nanoTime();
        Variable y = x;
        for (int i = 0; i < k; i++) {
            y = F.tanh(y.mul(w).add(b));
        }
        long t1 = System.nanoTime();
        y.backward();
        long t2 = System.nanoTime();
        return new double[] {(t1 - t0) * 1e-9, (t2 - t1) * 1e-9, w.grad().data().item()};
    }
}
