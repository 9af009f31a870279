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
 * -XX:+UseParallelGC -Xms4g -Xmx4g -XX:+AlwaysPreTouch
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
 * </ul>
 *
 * Transparent huge pages ({@code -XX:+UseTransparentHugePages}) were tried and not chosen: on a
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
        for (Map.Entry<String, java.util.function.Consumer<Boolean>> e : workloads().entrySet()) {
            if (only == null || only.contains(e.getKey())) {
                System.err.println("# " + e.getKey());
                e.getValue().accept(quick);
            }
        }
    }
}
