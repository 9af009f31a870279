package dezero.bench;

import dezero.ndarray.DType;
import dezero.ndarray.NdArray;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH: the matrix products of the training workloads, forward ({@code x W}) and backward
 * ({@code gy W^T}, {@code x^T gy}, both on transposed views), from the spiral MLP's tiny ones to W4's.
 *
 * <pre>
 * java -cp "dezero-bench/target/classes:dezero/target/classes:JMH_JARS" org.openjdk.jmh.Main MatmulShapes \
 *     -p shape=100x784x1000 -p dtype=float32
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class MatmulShapes {
    /** {@code m x k x n}: x is (m, k), W is (k, n). */
    @Param({"30x2x10", "30x10x3", "100x784x1000", "100x1000x10", "256x256x256"})
    public String shape;

    @Param({"float32", "float64"})
    public String dtype;

    private NdArray x;
    private NdArray w;
    private NdArray gy;

    @Setup
    public void setup() {
        String[] p = shape.split("x");
        int m = Integer.parseInt(p[0]);
        int k = Integer.parseInt(p[1]);
        int n = Integer.parseInt(p[2]);
        DType dt = DType.valueOf(dtype.toUpperCase(java.util.Locale.ROOT));
        Random rnd = new Random(0);
        x = normal(rnd, m, k).astype(dt);
        w = normal(rnd, k, n).astype(dt);
        gy = normal(rnd, m, n).astype(dt);
    }

    private static NdArray normal(Random rnd, int rows, int cols) {
        double[] d = new double[rows * cols];
        for (int i = 0; i < d.length; i++) {
            d[i] = rnd.nextGaussian();
        }
        return NdArray.of(d, rows, cols);
    }

    /** Forward: {@code x W}. */
    @Benchmark
    public NdArray forward() {
        return x.matmul(w);
    }

    /** Backward to x: {@code gy W^T} (W transposed as a view). */
    @Benchmark
    public NdArray backwardX() {
        return gy.matmul(w.transpose());
    }

    /** Backward to W: {@code x^T gy} (x transposed as a view). */
    @Benchmark
    public NdArray backwardW() {
        return x.transpose().matmul(gy);
    }
}
