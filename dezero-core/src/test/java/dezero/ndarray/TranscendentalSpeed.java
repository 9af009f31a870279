package dezero.ndarray;

import dezero.ndarray.Elementwise.Unary;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Random;

/**
 * Not a test: nanoseconds per element and bytes allocated per call of the transcendental kernels
 * (vector and plain loops, float64 and float32) on N(0, 1) arguments (|x| + 0.001 for log), single
 * thread. A vector kernel that allocates once compiled has a vector operation C2 did not intrinsify.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp dezero/target/classes:dezero/target/test-classes \
 *     dezero.ndarray.TranscendentalSpeed [n] [calls per repeat]</pre>
 */
final class TranscendentalSpeed {
    private TranscendentalSpeed() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Random rnd = new Random(1);
        double[] a = new double[n];
        double[] pos = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = rnd.nextGaussian();
            pos[i] = Math.abs(a[i]) + 1e-3;
        }
        float[] af = new float[n];
        float[] posf = new float[n];
        for (int i = 0; i < n; i++) {
            af[i] = (float) a[i];
            posf[i] = (float) pos[i];
        }
        double[] o = new double[n];
        float[] of = new float[n];
        com.sun.management.ThreadMXBean tm = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        System.out.println("# " + VectorTranscendental.S + ", supported " + VectorTranscendental.supported() + ", "
                + Runtime.version());
        for (String path : new String[] {"vector", "plain"}) {
            for (String dtype : new String[] {"float64", "float32"}) {
                for (Unary op : TranscendentalDigest.OPS) {
                    double[] in = op == Unary.LOG ? pos : a;
                    float[] inf = op == Unary.LOG ? posf : af;
                    Runnable call = () -> {
                        if (path.equals("vector") && dtype.equals("float64")) {
                            VectorTranscendental.run(op, in, 0, o, 0, n);
                        } else if (path.equals("vector")) {
                            VectorTranscendental.run(op, inf, 0, of, 0, n);
                        } else if (dtype.equals("float64")) {
                            DoubleMath.run(op, in, 0, o, 0, n);
                        } else {
                            FloatMath.run(op, inf, 0, of, 0, n);
                        }
                    };
                    double[] t = new double[7];
                    for (int r = 0; r < t.length; r++) {
                        long t0 = System.nanoTime();
                        for (int k = 0; k < calls; k++) {
                            call.run();
                        }
                        t[r] = (System.nanoTime() - t0) / (double) calls / n;
                    }
                    long b0 = tm.getCurrentThreadAllocatedBytes();
                    for (int k = 0; k < calls; k++) {
                        call.run();
                    }
                    long bytes = (tm.getCurrentThreadAllocatedBytes() - b0) / calls;
                    Arrays.sort(t);
                    System.out.printf("%-6s %-7s %-4s n=%d  median %.3f ns/elem (min %.3f), %d bytes allocated per call%n",
                            path, dtype, op, n, t[3], t[0], bytes);
                }
            }
        }
    }
}
