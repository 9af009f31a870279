package dezero.functions;

import dezero.Config;
import dezero.Variable;
import dezero.ndarray.NdArray;
import dezero.ndarray.RandomState;
import dezero.ndarray.Index;
import dezero.ndarray.Shape;

/**
 * Every differentiable function, as static methods (DeZero's {@code dezero.functions}, names in
 * lowerCamelCase: {@code get_item} is {@link #getItem}, {@code embed_id} {@link #embedId}). One name per
 * operation: DeZero's {@code average} and {@code mean} are both {@link #mean}. Each has a backward that
 * is itself differentiable and a forward-mode (jvp) rule; {@link #accuracy} is not differentiable.
 * The fused functions ({@link #softmaxCrossEntropy}, {@link #logSoftmax}, {@link #softmax},
 * {@link #sigmoid}, {@link #sigmoidCrossEntropy}, {@link #linear}) stay finite for scores of
 * {@code +-1000} and equal their plain compositions.
 *
 * <pre>{@code
 * Variable y = F.tanh(F.matmul(x, w).add(b));
 * Variable loss = F.softmaxCrossEntropy(y, t);
 * }</pre>
 */
public final class F {
    private F() {
    }

    // ---------------------------------------------------------------- core arithmetic (also Variable methods)

    public static Variable add(Variable x0, Variable x1) {
        return x0.add(x1);
    }

    public static Variable add(Variable x, double c) {
        return x.add(c);
    }

    public static Variable sub(Variable x0, Variable x1) {
        return x0.sub(x1);
    }

    public static Variable sub(Variable x, double c) {
        return x.sub(c);
    }

    /** {@code c - x}. */
    public static Variable rsub(Variable x, double c) {
        return x.rsub(c);
    }

    public static Variable mul(Variable x0, Variable x1) {
        return x0.mul(x1);
    }

    public static Variable mul(Variable x, double c) {
        return x.mul(c);
    }

    public static Variable div(Variable x0, Variable x1) {
        return x0.div(x1);
    }

    public static Variable div(Variable x, double c) {
        return x.div(c);
    }

    /** {@code c / x}. */
    public static Variable rdiv(Variable x, double c) {
        return x.rdiv(c);
    }

    public static Variable neg(Variable x) {
        return x.neg();
    }

    /** {@code x ** c}. */
    public static Variable pow(Variable x, double c) {
        return x.pow(c);
    }

    // ---------------------------------------------------------------- elementwise math

    /** {@code x^2}. */
    public static Variable square(Variable x) {
        return new MathOps.Square().apply(x);
    }

    public static Variable sqrt(Variable x) {
        return new MathOps.Sqrt().apply(x);
    }

    public static Variable exp(Variable x) {
        return new MathOps.Exp().apply(x);
    }

    /** The natural logarithm. */
    public static Variable log(Variable x) {
        return new MathOps.Log().apply(x);
    }

    public static Variable sin(Variable x) {
        return new MathOps.Sin().apply(x);
    }

    public static Variable cos(Variable x) {
        return new MathOps.Cos().apply(x);
    }

    public static Variable tanh(Variable x) {
        return new MathOps.Tanh().apply(x);
    }

    // ---------------------------------------------------------------- tensor operations

    /** The same elements in another shape (one dimension may be -1). */
    public static Variable reshape(Variable x, int... shape) {
        return x.reshape(shape);
    }

    /** Reverses the axes. */
    public static Variable transpose(Variable x) {
        return x.transpose();
    }

    /** Permutes the axes. */
    public static Variable transpose(Variable x, int... axes) {
        return x.transpose(axes);
    }

    /** NumPy indexing {@code x[spec...]} (DeZero's {@code get_item}). */
    public static Variable getItem(Variable x, Index... spec) {
        return x.get(spec);
    }

    /** Inserts an axis of length 1 at {@code axis}. */
    public static Variable expandDims(Variable x, int axis) {
        int n = x.ndim() + 1;
        int a = axis < 0 ? axis + n : axis;
        if (a < 0 || a >= n) {
            throw new IllegalArgumentException("expandDims: axis " + axis + " is out of bounds for a result of dimension "
                    + n);
        }
        int[] dims = new int[n];
        for (int i = 0, j = 0; i < n; i++) {
            dims[i] = i == a ? 1 : x.shape().dim(j++);
        }
        return x.reshape(dims);
    }

    /** Keeps the first (batch) axis and flattens the others: shape {@code (N, -1)}. */
    public static Variable flatten(Variable x) {
        return x.reshape(x.shape().dim(0), -1);
    }

    // ---------------------------------------------------------------- sums, broadcasting, products

    /** The sum of all elements. */
    public static Variable sum(Variable x) {
        return x.sum();
    }

    /** The sum over {@code axes} ({@code null}: all), keeping them as length 1 when {@code keepdims}. */
    public static Variable sum(Variable x, int[] axes, boolean keepdims) {
        return x.sum(axes, keepdims);
    }

    public static Variable sumTo(Variable x, Shape shape) {
        return x.sumTo(shape);
    }

    public static Variable sumTo(Variable x, int... shape) {
        return x.sumTo(shape);
    }

    public static Variable broadcastTo(Variable x, Shape shape) {
        return x.broadcastTo(shape);
    }

    public static Variable broadcastTo(Variable x, int... shape) {
        return x.broadcastTo(shape);
    }

    /** The mean of all elements (DeZero's {@code average} / {@code mean}). */
    public static Variable mean(Variable x) {
        return mean(x, null, false);
    }

    /** The mean over {@code axes} ({@code null}: all). */
    public static Variable mean(Variable x, int[] axes, boolean keepdims) {
        Variable y = x.sum(axes, keepdims);
        return y.mul((double) y.size() / x.size());
    }

    /** {@code np.matmul(x, w)}. */
    public static Variable matmul(Variable x, Variable w) {
        return x.matmul(w);
    }

    /** {@code x W + b} for {@code x (N, in)}, {@code W (in, out)}; {@code b} (broadcast to {@code (N, out)}) may be {@code null}. */
    public static Variable linear(Variable x, Variable w, Variable b) {
        return b == null ? new Linear().apply(x, w)[0] : new Linear().apply(x, w, b)[0];
    }

    // ---------------------------------------------------------------- max, min, clip

    /** The maximum of all elements. */
    public static Variable max(Variable x) {
        return max(x, null, false);
    }

    /** The maximum over {@code axes} ({@code null}: all); ties share the gradient. */
    public static Variable max(Variable x, int[] axes, boolean keepdims) {
        return new Reductions.Max(axes == null ? null : axes.clone(), keepdims, false).apply(x);
    }

    /** The minimum of all elements. */
    public static Variable min(Variable x) {
        return min(x, null, false);
    }

    /** The minimum over {@code axes} ({@code null}: all); ties share the gradient. */
    public static Variable min(Variable x, int[] axes, boolean keepdims) {
        return new Reductions.Max(axes == null ? null : axes.clone(), keepdims, true).apply(x);
    }

    /** Limits every element to {@code [lo, hi]}; the gradient passes where {@code lo <= x <= hi}. */
    public static Variable clip(Variable x, double lo, double hi) {
        return new Reductions.Clip(lo, hi).apply(x);
    }

    // ---------------------------------------------------------------- activations

    /** {@code 1 / (1 + exp(-x))}. */
    public static Variable sigmoid(Variable x) {
        return new Activations.Sigmoid().apply(x);
    }

    /** {@code max(x, 0)}. */
    public static Variable relu(Variable x) {
        return new Activations.ReLU().apply(x);
    }

    /** {@code x} where positive, else {@code 0.2 x}. */
    public static Variable leakyRelu(Variable x) {
        return leakyRelu(x, 0.2);
    }

    /** {@code x} where positive, else {@code slope x}. */
    public static Variable leakyRelu(Variable x, double slope) {
        return new Activations.LeakyReLU(slope).apply(x);
    }

    /** Softmax over axis 1. */
    public static Variable softmax(Variable x) {
        return softmax(x, 1);
    }

    /** Softmax over {@code axis}: {@code exp(x) / sum(exp(x), axis)}. */
    public static Variable softmax(Variable x, int axis) {
        return new Activations.Softmax(axis).apply(x);
    }

    /** Log of the softmax over axis 1. */
    public static Variable logSoftmax(Variable x) {
        return logSoftmax(x, 1);
    }

    /** {@code x - logsumexp(x, axis)}. */
    public static Variable logSoftmax(Variable x, int axis) {
        return new Activations.LogSoftmax(axis).apply(x);
    }

    // ---------------------------------------------------------------- losses

    /** {@code sum((x0 - x1)^2) / len(x0)}. */
    public static Variable meanSquaredError(Variable x0, Variable x1) {
        return new Losses.MeanSquaredError().apply(x0, x1);
    }

    /** Mean cross entropy of the softmax of scores {@code x (N, C)} against int64 labels {@code t} ({@code N} of them). */
    public static Variable softmaxCrossEntropy(Variable x, Variable t) {
        return new Losses.SoftmaxCrossEntropy().apply(x, t);
    }

    /**
     * {@link #softmaxCrossEntropy(Variable, Variable)} with the labels as an array, made a
     * {@link Variable#constant}.
     */
    public static Variable softmaxCrossEntropy(Variable x, NdArray t) {
        return softmaxCrossEntropy(x, Variable.constant(t));
    }

    /**
     * Mean binary cross entropy of {@code sigmoid(x)} against targets {@code t} in [0, 1] (divided by
     * {@code len(x)}; {@code t} is reshaped to {@code x}'s shape when their ranks differ):
     * {@code -sum(t log p + (1 - t) log(1 - p)) / len(x)} with {@code p = sigmoid(x)}, computed fused as
     * {@code sum(max(x, 0) + log(1 + exp(-|x|)) - t x) / len(x)}, finite for all finite {@code x}
     * (DeZero clips {@code p} to {@code [1e-15, 1]}, which gives the same numbers where the clip does not
     * bind, and an infinite loss for {@code x = 1000, t = 0}).
     */
    public static Variable sigmoidCrossEntropy(Variable x, Variable t) {
        if (x.ndim() != t.ndim()) {
            t = t.reshape(x.shape().dims());
        }
        return new Losses.SigmoidCrossEntropy().apply(x, t);
    }

    /**
     * Mean binary cross entropy of probabilities {@code p} against targets {@code t} (divided by
     * {@code len(t)}), with {@code p} clipped to {@code [1e-15, 0.999]} as DeZero does: finite for every
     * {@code p} in [0, 1]; no gradient flows to {@code p} where the clip binds.
     */
    public static Variable binaryCrossEntropy(Variable p, Variable t) {
        if (p.ndim() != t.ndim()) {
            t = t.reshape(p.shape().dims());
        }
        int n = t.length();
        Variable pc = clip(p, 1e-15, 0.999);
        Variable tlogp = t.mul(log(pc)).add(t.rsub(1.0).mul(log(pc.rsub(1.0))));
        return sum(tlogp).mul(-1.0).div(n);
    }

    // ---------------------------------------------------------------- others

    /** The fraction of rows of {@code y (N, C)} whose argmax equals the label in {@code t}; not differentiable. */
    public static Variable accuracy(Variable y, NdArray t) {
        NdArray pred = y.data().argmax(1).reshape(t.shape().dims());
        return new Variable(pred.eq(t).mean());
    }

    /** {@link #accuracy(Variable, NdArray)} with the labels in a variable. */
    public static Variable accuracy(Variable y, Variable t) {
        return accuracy(y, t.data());
    }

    /** Rows of {@code w} selected by the int64 indices {@code ids} (any shape): {@code w[ids]}. */
    public static Variable embedId(NdArray ids, Variable w) {
        return w.get(Index.of(ids));
    }

    /**
     * Batch normalization of {@code x} ({@code (N, C)} or {@code (N, C, H, W)}) over all axes but the
     * channel axis 1: {@code gamma (x - mean) / sqrt(var + eps) + beta}. In training mode
     * ({@link Config#isTrain()}) the batch statistics are used and the running ones are updated in
     * place ({@code running = decay running + (1 - decay) batch}, the variance unbiased); in test mode
     * the running statistics are used.
     */
    public static Variable batchNorm(Variable x, Variable gamma, Variable beta, Variable runningMean,
            Variable runningVar, double decay, double eps) {
        return Normalization.batchNorm(x, gamma, beta, runningMean, runningVar, decay, eps);
    }

    /** {@link #dropout(Variable, double, RandomState)} with ratio 0.5 and {@link RandomState#global()}. */
    public static Variable dropout(Variable x) {
        return dropout(x, 0.5, RandomState.global());
    }

    /** {@link #dropout(Variable, double, RandomState)} with {@link RandomState#global()} (NumPy's {@code np.random}). */
    public static Variable dropout(Variable x, double ratio) {
        return dropout(x, ratio, RandomState.global());
    }

    /**
     * Inverted dropout: in training mode ({@link Config#isTrain()}) each element is kept where a uniform
     * draw from {@code rng} exceeds {@code ratio} and scaled by {@code 1 / (1 - ratio)}, else zeroed; in
     * test mode {@code x} itself is returned.
     */
    public static Variable dropout(Variable x, double ratio, RandomState rng) {
        if (!(ratio >= 0 && ratio < 1)) {
            throw new IllegalArgumentException("dropout: ratio must be in [0, 1), got " + ratio);
        }
        if (!Config.isTrain()) {
            return x;
        }
        NdArray mask = rng.rand(x.shape().dims()).gt(ratio).astype(x.dtype());
        return x.mul(Variable.constant(mask)).div(1 - ratio);
    }

    // ================================================================ convolution and pooling (Conv.java)
    // (added by the layers work; see Conv for the definitions)

    /** {@link #conv2d(Variable, Variable, Variable, int[], int[])} with stride 1 and no padding. */
    public static Variable conv2d(Variable x, Variable w, Variable b) {
        return conv2d(x, w, b, 1, 0);
    }

    /** {@link #conv2d(Variable, Variable, Variable, int[], int[])} with the same stride and padding on both axes. */
    public static Variable conv2d(Variable x, Variable w, Variable b, int stride, int pad) {
        return conv2d(x, w, b, new int[] {stride}, new int[] {pad});
    }

    /**
     * 2-d convolution (cross-correlation, as DeZero's {@code conv2d}) of {@code x (N, C, H, W)} with
     * filters {@code W (OC, C, KH, KW)} and optional bias {@code b (OC,)}, zero padding: shape
     * {@code (N, OC, OH, OW)}, {@code OH = (H + 2 pad - KH) / stride + 1}. {@code stride} and
     * {@code pad} hold one value for both axes or {@code (H, W)} values.
     */
    public static Variable conv2d(Variable x, Variable w, Variable b, int[] stride, int[] pad) {
        return Conv.conv2d(x, w, b, Conv.pair("conv2d: stride", stride), Conv.pair("conv2d: pad", pad));
    }

    /** Max pooling over {@code kernel x kernel} windows (DeZero's {@code pooling}). */
    public static Variable pooling(Variable x, int kernel, int stride, int pad) {
        return pooling(x, new int[] {kernel}, new int[] {stride}, new int[] {pad});
    }

    /** Max pooling of {@code x (N, C, H, W)}: {@code (N, C, OH, OW)}; padding counts as zeros, as in DeZero. */
    public static Variable pooling(Variable x, int[] kernel, int[] stride, int[] pad) {
        return Conv.pooling(x, geometry("pooling", kernel, stride, pad), false);
    }

    /** Mean pooling over {@code kernel x kernel} windows (DeZero's {@code average_pooling}). */
    public static Variable averagePooling(Variable x, int kernel, int stride, int pad) {
        return averagePooling(x, new int[] {kernel}, new int[] {stride}, new int[] {pad});
    }

    /** Mean pooling of {@code x (N, C, H, W)}: {@code (N, C, OH, OW)}; padding counts as zeros. */
    public static Variable averagePooling(Variable x, int[] kernel, int[] stride, int[] pad) {
        return Conv.pooling(x, geometry("averagePooling", kernel, stride, pad), true);
    }

    /**
     * The windows of {@code x (N, C, H, W)} as columns: {@code (N OH OW, C KH KW)} when
     * {@code toMatrix}, else {@code (N, C, KH, KW, OH, OW)} (DeZero's {@code im2col}).
     */
    public static Variable im2col(Variable x, int[] kernel, int[] stride, int[] pad, boolean toMatrix) {
        return Conv.im2col(x, geometry("im2col", kernel, stride, pad), toMatrix);
    }

    /** The adjoint of {@link #im2col}: columns back to an image of {@code imageShape}, overlapping windows added. */
    public static Variable col2im(Variable col, int[] imageShape, int[] kernel, int[] stride, int[] pad,
            boolean fromMatrix) {
        return Conv.col2im(col, imageShape, geometry("col2im", kernel, stride, pad), fromMatrix);
    }

    private static Conv.Geometry geometry(String op, int[] kernel, int[] stride, int[] pad) {
        return Conv.Geometry.of(Conv.pair(op + ": kernel", kernel), Conv.pair(op + ": stride", stride),
                Conv.pair(op + ": pad", pad));
    }
}
