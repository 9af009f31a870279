package dezero.bench;

import dezero.ndarray.DType;
import dezero.ndarray.NdArray;
import java.util.Random;

/**
 * W2 gemm: {@code A.matmul(B)} for square N(0,1) matrices, N in {256, 1024}, float64 then float32
 * (the order of {@code peers.py}); the result is freshly allocated by every call. Metric GFLOP/s =
 * {@code 2 N^3 / t}, 3 warm-up calls, median of the repeats.
 */
final class W2Gemm {
    private W2Gemm() {
    }

    static void run(boolean quick) {
        for (DType dt : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            for (int n : new int[] {256, 1024}) {
                Random rnd = new Random(0);
                NdArray a = normal(rnd, n).astype(dt);
                NdArray b = normal(rnd, n).astype(dt);
                double[] seconds = Measure.perCall(() -> a.matmul(b), 3);
                double flop = 2.0 * n * n * n;
                double[] gflops = Measure.map(seconds, t -> flop / t * 1e-9);
                Emit.line("gemm", dt.toString(), "{\"N\": " + n + "}", "gflops", flop / Measure.median(seconds) * 1e-9,
                        "GFLOP/s", gflops);
            }
        }
    }

    /** An (n, n) float64 matrix of N(0, 1) draws. */
    private static NdArray normal(Random rnd, int n) {
        double[] d = new double[n * n];
        for (int i = 0; i < d.length; i++) {
            d[i] = rnd.nextGaussian();
        }
        return NdArray.of(d, n, n);
    }
}
