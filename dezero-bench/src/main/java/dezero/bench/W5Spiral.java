package dezero.bench;

import dezero.Variable;
import dezero.data.Batch;
import dezero.data.Spiral;
import dezero.functions.F;
import dezero.ndarray.DType;
import dezero.ndarray.Index;
import dezero.ndarray.NdArray;
import dezero.ndarray.RandomState;
import dezero.optimizers.Optimizer;
import dezero.optimizers.SGD;
import java.util.List;

/**
 * W5 spiral: DeZero's spiral data (seed 1984), an MLP 2-10-3 with sigmoid, softmax cross entropy,
 * SGD lr 1.0, batch 30, 300 epochs, float32. Weights from {@code RandomState(0)} (DeZero init in
 * float64, cast), then the 300 epoch permutations of the same stream, drawn before training. Timed:
 * the whole training from fresh weights, including batch indexing and reading each batch loss back.
 * Metrics: {@code train_seconds} and {@code final_avg_loss} (mean batch loss of the last epoch).
 *
 * <p>One untimed warm-up run, as {@code peers.py} does: the timed runs then still include JIT
 * compilation (a run is only 3000 steps of a few microseconds; the JIT needs about a second of
 * them). {@code -Ddezero.bench.w5.warmup=N} runs N warm-up runs instead, for the compiled steady
 * state of a longer training. The data go in as arrays ({@code model.apply(x)}), as peers.py passes
 * NumPy arrays, so no gradient is computed for them.
 */
final class W5Spiral {
    private W5Spiral() {
    }

    static void run(boolean quick) {
        int epochs = quick ? 30 : 300;
        int batch = 30;
        double lr = 1.0;
        int n = 300;
        String params = Emit.params("layers", "[2, 10, 3]", "activation", "sigmoid", "batch", batch, "lr", lr,
                "optimizer", "SGD", "epochs", epochs, "n_points", n, "loss", "softmax_cross_entropy(mean)");
        params = params.replace("\"[2, 10, 3]\"", "[2, 10, 3]");
        Batch data = Spiral.getSpiral(true);
        RandomState rs = new RandomState(0);
        NdArray w1 = W4MlpStep.denseInit(rs, 2, 10);
        NdArray w2 = W4MlpStep.denseInit(rs, 10, 3);
        NdArray[] perms = new NdArray[epochs];
        for (int e = 0; e < epochs; e++) {
            perms[e] = rs.permutation(n);
        }
        int iters = (n + batch - 1) / batch;
        NdArray x = data.x();
        NdArray t = data.t();
        java.util.function.Supplier<double[]> train = () -> {
            W4MlpStep.Net model = W4MlpStep.mlp(DType.FLOAT32, w1, w2);
            Optimizer opt = new SGD(lr).setup(model);
            long t0 = System.nanoTime();
            double avg = 0;
            for (int ep = 0; ep < epochs; ep++) {
                NdArray idx = perms[ep];
                double sumLoss = 0;
                for (int i = 0; i < iters; i++) {
                    NdArray bi = idx.get(Index.slice(i * batch, Math.min((i + 1) * batch, n)));
                    NdArray bx = x.get(Index.of(bi));
                    NdArray bt = t.get(Index.of(bi));
                    Variable loss = F.softmaxCrossEntropy(model.apply(bx), bt);
                    model.clearGrads();
                    loss.backward();
                    opt.update();
                    sumLoss += loss.data().item() * bt.dim(0);
                }
                avg = sumLoss / n;
            }
            return new double[] {(System.nanoTime() - t0) * 1e-9, avg};
        };
        List<double[]> runs = Measure.repeat(train, Integer.getInteger("dezero.bench.w5.warmup", 1));
        double[] secs = new double[runs.size()];
        for (int i = 0; i < secs.length; i++) {
            secs[i] = runs.get(i)[0];
        }
        Emit.line("spiral", "float32", params, "train_seconds", Measure.median(secs), "s", secs);
        Emit.line("spiral", "float32", params, "final_avg_loss", runs.get(0)[1], "nats", null);
        for (double[] r : runs) {
            if (r[1] != runs.get(0)[1]) {
                System.err.println("  [warn] final loss differs between repeats: " + r[1] + " vs " + runs.get(0)[1]);
            }
        }
    }
}
