package dezero.bench;

import dezero.Variable;
import dezero.data.Batch;
import dezero.data.Spiral;
import dezero.functions.F;
import dezero.models.MLP;
import dezero.ndarray.DType;
import dezero.ndarray.Index;
import dezero.ndarray.NdArray;
import dezero.ndarray.RandomState;
import dezero.optimizers.Adam;
import dezero.optimizers.Optimizer;
import java.lang.management.ManagementFactory;

/**
 * Reliability check at full scale: 10,000 training steps (spiral, MLP 2-100-100-3 float32, Adam,
 * batch 30) keep the heap flat. Metrics: the heap in use after {@code System.gc()} after 1,000
 * steps and after 10,000 steps, and their ratio (which should stay within 1.05).
 */
final class HeapFlat {
    private HeapFlat() {
    }

    static long usedAfterGc() {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            best = Math.min(best, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return best;
    }

    static void run(boolean quick) {
        int steps = quick ? 2000 : 10000;
        int warm = steps / 10;
        String params = Emit.params("steps", steps, "warmup_steps", warm, "model", "MLP 2-100-100-3 sigmoid float32",
                "optimizer", "Adam", "batch", 30);
        Batch data = Spiral.getSpiral(true);
        RandomState rs = new RandomState(0);
        MLP model = new MLP(new int[] {100, 100, 3}, F::sigmoid, DType.FLOAT32, rs);
        Optimizer opt = new Adam().setup(model);
        long before = 0;
        for (int s = 0; s < steps; s++) {
            if (s == warm) {
                before = usedAfterGc();
            }
            int start = (s * 30) % 300;
            NdArray x = data.x().get(Index.slice(start, start + 30));
            NdArray t = data.t().get(Index.slice(start, start + 30));
            Variable loss = F.softmaxCrossEntropy(model.apply(x), t);
            model.clearGrads();
            loss.backward();
            opt.update();
        }
        long after = usedAfterGc();
        Emit.line("heap_flat", "float32", params, "heap_after_warmup", before / 1e6, "MB", null);
        Emit.line("heap_flat", "float32", params, "heap_at_end", after / 1e6, "MB", null);
        Emit.line("heap_flat", "float32", params, "ratio", (double) after / before, "1", null);
    }
}
