package dezero.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the workloads of {@code shared/bench/WORKLOADS.md} and prints one JSON line per figure, as
 * {@code peers.py} does, with {@code impl = "dezero-java"}.
 *
 * <pre>
 * ./mvnw -q -pl dezero-bench -am package -DskipTests
 * java --add-modules jdk.incubator.vector -cp "dezero-bench/target/classes:dezero-core/target/classes" dezero.bench.Bench --only W2,W3
 * </pre>
 *
 * <p>JVM flags. Without flags the JVM's defaults apply (G1, a heap that grows from 1/64 of the
 * memory). For the training workloads (W4, W5, heap) these are the flags a Java user would choose
 * for a training job, and the ones the reports name beside the default figures:
 *
 * <pre>
 * -XX:+UseParallelGC -Xms4g -Xmx4g -XX:+AlwaysPreTouch -XX:PerMethodTrapLimit=1000
 * </pre>
 *
 * <ul>
 *   <li>{@code -XX:+UseParallelGC}, the throughput collector: a training step allocates all its
 *       arrays anew (they are immutable) and almost nothing survives a young collection; G1 adds
 *       write barriers and takes arrays of half a region or more (the 3 and 6 MB weights and
 *       gradients of W4; G1 chose 4 MB regions on the 23.5 GB test machine) as humongous objects
 *       outside the young generation.
 *   <li>{@code -Xms4g -Xmx4g}: a fixed heap, so the young generation is not resized while training.
 *   <li>{@code -XX:+AlwaysPreTouch}: the heap's pages are mapped at start-up; otherwise the first
 *       pass of the allocation pointer over the young generation takes a page fault every 4 KB,
 *       which makes the first runs of a short job (W5 is 60 ms) up to twice as slow.
 *   <li>{@code -XX:PerMethodTrapLimit=1000} (JDK 17; harmless on later JDKs): C2 gives up speculating
 *       in a method once 100 of its speculations failed, counting those in the methods it inlines. The
 *       Vector API's shared internals (payload casts, the per-species {@code lanewise} bridges) fail
 *       such class checks while they run outside compiled vector loops (in the interpreter, in C1
 *       code, and in the W2 gemm's warm-up); past the limit, the next C2 compile of a transcendental
 *       loop keeps a vector whose class it cannot prove, the store intrinsic fails and the loop boxes a
 *       vector per step: W3 took 12-20 ns per element after W2 in the same JVM (1.6-2.1 ns in its own
 *       JVM), 1 time in 3 after a loop of {@code x.mul(double)}. With the higher limit it stays at
 *       1.6-2.1 ns in every order tried. JDK 25 does not show the problem.
 * </ul>
 *
 * {@code -Ddezero.bench.samples=true} also prints every repeat's figure of a series (to standard error).
 *
 * <p>Transparent huge pages ({@code -XX:+UseTransparentHugePages}) were tried and not chosen: on a
 * kernel in {@code madvise} mode they gave stalls of up to 200 ms (compaction at page faults).
 */
public final class Bench {
    private Bench() {
    }

    /** The workloads by name, in order. Each takes the quick flag. */
    static Map<String, java.util.function.Consumer<Boolean>> workloads() {
        Map<String, java.util.function.Consumer<Boolean>> m = new LinkedHashMap<>();
        m.put("W1", W1ScalarChain::run);
        m.put("W2", W2Gemm::run);
        m.put("W3", W3Elementwise::run);
        m.put("W4", W4MlpStep::run);
        m.put("W5", W5Spiral::run);
        m.put("heap", HeapFlat::run);
        return m;
    }

    public static void main(String[] args) {
        List<String> only = null;
        boolean quick = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--only":
                    only = Arrays.asList(args[++i].split(","));
                    break;
                case "--quick":
                    quick = true;
                    Measure.repeats = 3;
                    Measure.targetSeconds = 0.05;
                    break;
                case "--repeats":
                    Measure.repeats = Integer.parseInt(args[++i]);
                    break;
                case "--max-wait":
                    Measure.maxWaitSeconds = Double.parseDouble(args[++i]);
                    break;
                default:
                    System.err.println("usage: Bench [--only W1,W2,...] [--quick] [--repeats N] [--max-wait SECONDS]");
                    System.exit(2);
            }
        }
        warnTrapLimit();
        for (Map.Entry<String, java.util.function.Consumer<Boolean>> e : workloads().entrySet()) {
            if (only == null || only.contains(e.getKey())) {
                System.err.println("# " + e.getKey());
                e.getValue().accept(quick);
            }
        }
    }

    /** On JDK 17, says when the JVM runs without the trap limit the class Javadoc explains. */
    private static void warnTrapLimit() {
        if (Runtime.version().feature() > 17) {
            return;
        }
        try {
            com.sun.management.HotSpotDiagnosticMXBean hs = java.lang.management.ManagementFactory
                    .getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            long limit = Long.parseLong(hs.getVMOption("PerMethodTrapLimit").getValue());
            if (limit < 1000) {
                System.err.println("  [note] JDK 17 with PerMethodTrapLimit=" + limit
                        + ": add -XX:PerMethodTrapLimit=1000, or the vector loops of W3 may box after W2 (see Bench)");
            }
        } catch (RuntimeException | LinkageError e) {
            // not HotSpot: nothing to say
        }
    }
}
