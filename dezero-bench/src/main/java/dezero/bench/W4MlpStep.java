package dezero.bench;

import dezero.Variable;
import dezero.functions.F;
import dezero.layers.Linear;
import dezero.models.Model;
import dezero.ndarray.DType;
import dezero.ndarray.NdArray;
import dezero.ndarray.RandomState;
import dezero.optimizers.Optimizer;
import dezero.optimizers.SGD;

/**
 * W4 mlp_step: linear 784→1000, sigmoid, linear 1000→10, softmax cross entropy, SGD lr 0.1, the
 * same batch of 100 every step; weights and data drawn from {@code RandomState(0)} in the order of
 * WORKLOADS.md (W1, W2 with DeZero's init in float64, then X, then t). 20 untimed steps (losses of
 * steps 1 and 20 reported), then timed steps. Metric: ms per step.
 *
 * <p>The batch goes in as an array ({@code model.apply(x)}), as peers.py passes NumPy arrays: it is a
 * constant, so the product for its gradient (100 x 1000 by 1000 x 784) is not computed, as in
 * PyTorch. A step allocates about 10 MB (float32) or 20 MB (float64), among them arrays of 3 or 6 MB:
 * see {@link Bench} for the JVM flags of a training job.
 */
final class W4MlpStep {
    private W4MlpStep() {
    }

    static void run(boolean quick) {
        String params = Emit.params("layers", "[784, 1000, 10]", "activation", "sigmoid", "batch", 100, "loss",
                "softmax_cross_entropy(mean)", "optimizer", "SGD", "lr", 0.1);
        params = params.replace("\"[784, 1000, 10]\"", "[784, 1000, 10]");
        for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            RandomState rs = new RandomState(0);
            NdArray w1 = denseInit(rs, 784, 1000);
            NdArray w2 = denseInit(rs, 1000, 10);
            NdArray x = rs.standardNormal(100, 784).astype(dt);
            NdArray t = rs.randint(0, 10, 100);
            Net model = mlp(dt, w1, w2);
            Optimizer opt = new SGD(0.1).setup(model);
            // arrays, not variables, go in (as peers.py passes NumPy arrays): their gradients are not needed
            java.util.function.Supplier<Variable> step = () -> {
                Variable loss = F.softmaxCrossEntropy(model.apply(x), t);
                model.clearGrads();
                loss.backward();
                opt.update();
                return loss;
            };
            double[] losses = new double[20];
            for (int i = 0; i < losses.length; i++) {
                losses[i] = step.get().data().item();
            }
            double[] ts = Measure.perCall(step, 0);
            String d = dt.toString();
            Emit.line("mlp_step", d, params, "ms_per_step", Measure.median(ts) * 1e3, "ms", Measure.scale(ts, 1e3));
            Emit.line("mlp_step", d, params, "loss_step1", losses[0], "nats", null);
            Emit.line("mlp_step", d, params, "loss_step20", losses[19], "nats", null);
        }
    }

    /** DeZero's Linear init in float64: {@code W (in, out) = N(0, 1) * sqrt(1 / in)}. */
    static NdArray denseInit(RandomState rs, int in, int out) {
        return rs.standardNormal(in, out).mul(Math.sqrt(1.0 / in));
    }

    /**
     * Linear layers with the given float64 weights cast to {@code dt}, zero biases, sigmoid between
     * them (peers.py's dezero_mlp).
     */
    static Net mlp(DType dt, NdArray... ws) {
        return new Net(dt, ws);
    }

    static final class Net extends Model {
        private final Linear[] ls;

        Net(DType dt, NdArray... ws) {
            ls = new Linear[ws.length];
            for (int i = 0; i < ws.length; i++) {
                Linear l = Linear.builder(ws[i].dim(1)).dtype(dt).build(); // lazy: W is set here, never drawn
                l.W().setData(ws[i].astype(dt));
                ls[i] = addLayer("l" + i, l);
            }
        }

        @Override
        protected Variable forward(Variable x) {
            for (int i = 0; i < ls.length - 1; i++) {
                x = F.sigmoid(ls[i].apply(x));
            }
            return ls[ls.length - 1].apply(x);
        }
    }
}
