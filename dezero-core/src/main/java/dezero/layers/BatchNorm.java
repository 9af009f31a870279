package dezero.layers;

import dezero.Parameter;
import dezero.Variable;
import dezero.functions.F;
import dezero.ndarray.NdArray;

/**
 * Batch normalization over the channel axis 1 of {@code (N, C)} or {@code (N, C, H, W)} inputs:
 * DeZero's {@code L.BatchNorm} (see {@link F#batchNorm}). The parameters are sized and typed by the
 * first input: {@code avg_mean} zeros, {@code avg_var} ones, {@code gamma} ones, {@code beta} zeros.
 * The running statistics {@code avg_mean} and {@code avg_var} are parameters, so they are saved
 * with the weights, but they get no gradient and optimizers leave them alone.
 *
 * <p>Keys (in this order): {@code avg_mean}, {@code avg_var}, {@code gamma}, {@code beta}.
 */
public final class BatchNorm extends Layer {
    private final Parameter avgMean = addParam("avg_mean", new Parameter(null, "avg_mean"));
    private final Parameter avgVar = addParam("avg_var", new Parameter(null, "avg_var"));
    private final Parameter gamma = addParam("gamma", new Parameter(null, "gamma"));
    private final Parameter beta = addParam("beta", new Parameter(null, "beta"));
    private final double decay;
    private final double eps;

    /** {@code decay = 0.9}, {@code eps = 2e-5}, as DeZero. */
    public BatchNorm() {
        this(0.9, 2e-5);
    }

    public BatchNorm(double decay, double eps) {
        this.decay = decay;
        this.eps = eps;
    }

    @Override
    protected Variable forward(Variable x) {
        if (x.ndim() < 2) {
            throw new IllegalArgumentException("BatchNorm: input must have a channel axis 1, got shape " + x.shape());
        }
        int d = x.shape().dim(1);
        if (avgMean.data() == null) {
            avgMean.setData(NdArray.zeros(x.dtype(), d));
        }
        if (avgVar.data() == null) {
            avgVar.setData(NdArray.ones(x.dtype(), d));
        }
        if (gamma.data() == null) {
            gamma.setData(NdArray.ones(x.dtype(), d));
        }
        if (beta.data() == null) {
            beta.setData(NdArray.zeros(x.dtype(), d));
        }
        return F.batchNorm(x, gamma, beta, avgMean, avgVar, decay, eps);
    }

    public Parameter gamma() {
        return gamma;
    }

    public Parameter beta() {
        return beta;
    }

    /** The running mean (updated by each forward pass in training mode). */
    public Parameter avgMean() {
        return avgMean;
    }

    /** The running variance (updated by each forward pass in training mode). */
    public Parameter avgVar() {
        return avgVar;
    }
}
