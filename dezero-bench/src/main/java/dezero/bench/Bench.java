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
