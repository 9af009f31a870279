package dezero.models;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dezero.Variable;
import dezero.functions.F;
import dezero.ndarray.DType;
import dezero.ndarray.NdArray;
import dezero.ndarray.RandomState;
import dezero.optimizers.Adam;
import dezero.optimizers.Optimizer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import org.junit.jupiter.api.Test;

/** A training loop keeps the heap flat: no graph, gradient or optimizer state piles up from step to step. */
class TrainingMemoryTest {
    private static long usedAfterGc() {
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            best = Math.min(best, mem.getHeapMemoryUsage().getUsed());
        }
        return best;
    }

    @Test
    void heapStaysFlatOverTrainingSteps() {
        RandomState rs = new RandomState(0);
        NdArray x = rs.randn(64, 20).astype(DType.FLOAT32);
        NdArray t = rs.randint(0, 5, 64);
        MLP model = new MLP(new int[] {100, 100, 5}, F::sigmoid, DType.FLOAT32, rs);
        Optimizer opt = new Adam().setup(model);
        Runnable step = () -> {
            Variable loss = F.softmaxCrossEntropy(model.apply(x), t);
            model.clearGrads();
            loss.backward();
            opt.update();
        };
        for (int i = 0; i < 300; i++) {
            step.run();
        }
        long before = usedAfterGc();
        for (int i = 0; i < 3000; i++) {
            step.run();
        }
        long after = usedAfterGc();
        assertTrue(after <= before * 1.05, () -> "heap after GC grew from " + before + " to " + after + " bytes over "
                + "3000 steps");
    }
}
