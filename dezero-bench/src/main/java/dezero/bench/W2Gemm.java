package dezero.bench;

import dezero.ndarray.DType;
import dezero.ndarray.NdArray;
import dezero.ndarray.RandomState;

/**
 * W2 gemm: {@code A.matmul(B)} for square N(0,1) matrices (float64 draws of
 * {@code RandomState(0)} cast to the dtype, as {@code peers.py} makes them), N in {256, 1024},
 * float64 then float32; the result is freshly allocated by every call. Metric GFLOP/s =
 * {@code 2 N^3 / t}, 3 warm-up calls, median of the repeats.
 */
final class W2Gemm {
    private W2Gemm() {
    }

    static void run(boolean quick) {
        for (DType dt : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            for (int n : new int[] {256, 1024}) {
                RandomState rs = new RandomState(0);
                NdArray a = rs.randn(n, n).astype(dt);
                NdArray b = rs.randn(n, n).astype(dt);
                double[] seconds = Measure.perCall(() -> a.matmul(b), 3);
                double flop = 2.0 * n * n * n;
                double[] gflops = Measure.map(seconds, t -> flop / t * 1e-9);
                Emit.line("gemm", dt.toString(), "{\"N\": " + n + "}", "gflops", flop / Measure.median(seconds) * 1e-9,
                        "GFLOP/s", gflops);
            }
        }
    }
}
