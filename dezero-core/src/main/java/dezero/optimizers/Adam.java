package dezero.optimizers;

import dezero.Parameter;
import dezero.layers.Layer;
import dezero.ndarray.NdArray;
import java.util.List;

/**
 * Adam, as DeZero computes it: at step {@code t} (counted by {@link #update()}, from 1),
 * {@code m += (1 - beta1) (grad - m)}, {@code v += (1 - beta2) (grad^2 - v)},
 * {@code p -= lr_t m / (sqrt(v) + eps)} with {@code lr_t = alpha sqrt(1 - beta2^t) / (1 - beta1^t)}
 * (the bias correction folded into the step size, so {@code eps} is added to the uncorrected
 * {@code sqrt(v)}). State: slots {@code m}, {@code v} and the counter {@code t}.
 */
public class Adam extends Optimizer {
    private double alpha;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private long t;

    /** {@code alpha = 0.001, beta1 = 0.9, beta2 = 0.999, eps = 1e-8}. */
    public Adam() {
        this(0.001);
    }

    public Adam(double alpha) {
        this(alpha, 0.9, 0.999, 1e-8);
    }

    public Adam(double alpha, double beta1, double beta2, double eps) {
        super("m", "v");
        this.alpha = alpha;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
    }

    /** Counts the step, then updates. */
    @Override
    public void update() {
        if (target() == null) {
            throw new IllegalStateException(getClass().getSimpleName() + ".update: call setup(target) first");
        }
        t++;
        super.update();
    }

    /** The step size of the current step, {@code alpha sqrt(1 - beta2^t) / (1 - beta1^t)}. */
    public double lr() {
        double fix1 = 1.0 - Math.pow(beta1, t);
        double fix2 = 1.0 - Math.pow(beta2, t);
        return alpha * Math.sqrt(fix2) / fix1;
    }

    public double alpha() {
        return alpha;
    }

    public void setAlpha(double alpha) {
        this.alpha = alpha;
    }

    /** The number of updates so far. */
    public long t() {
        return t;
    }

    @Override
    protected NdArray updateOne(Parameter p, NdArray data, NdArray grad) {
        NdArray m = state("m", p);
        NdArray v = state("v", p);
        m = m.addScaled(grad.sub(m), 1 - beta1);
        v = v.addScaled(grad.mul(grad).sub(v), 1 - beta2);
        setState("m", p, m);
        setState("v", p, v);
        return step(data, m.mul(lr()).div(v.sqrt().add(eps)));
    }

    /** The new data given the Adam step {@code lr_t m / (sqrt(v) + eps)}. */
    NdArray step(NdArray data, NdArray delta) {
        return data.sub(delta);
    }

    @Override
    protected final List<String> counterNames() {
        return List.of("t");
    }

    @Override
    protected final long counter(String name) {
        if (!"t".equals(name)) {
            return super.counter(name);
        }
        return t;
    }

    @Override
    protected final void setCounter(String name, long value) {
        if (!"t".equals(name)) {
            super.setCounter(name, value);
        }
        t = value;
    }

    /** Sets the layer to optimize; returns this {@code Adam}. */
    @Override
    public Adam setup(Layer target) {
        super.setup(target);
        return this;
    }
}
