package dezero.functions;

import dezero.Config;
import dezero.Variable;
import dezero.ndarray.NdArray;

/** Batch normalization, composed of primitives (so every derivative order and forward mode are exact). */
final class Normalization {
    private Normalization() {
    }

    static Variable batchNorm(Variable x, Variable gamma, Variable beta, Variable runningMean, Variable runningVar,
            double decay, double eps) {
        int nd = x.ndim();
        if (nd != 2 && nd != 4) {
            throw new IllegalArgumentException("batchNorm: x must be 2-d (N, C) or 4-d (N, C, H, W), got shape "
                    + x.shape());
        }
        int c = x.shape().dim(1);
        if (gamma.size() != c || beta.size() != c) {
            throw new IllegalArgumentException("batchNorm: gamma " + gamma.shape() + " and beta " + beta.shape()
                    + " must have " + c + " elements for x of shape " + x.shape());
        }
        int[] inDims = x.shape().dims();
        Variable x2 = nd == 4 ? x.transpose(0, 2, 3, 1).reshape(-1, c) : x;
        Variable xc;
        if (Config.isTrain()) {
            int m = x2.shape().dim(0);
            Variable mean = x2.sum(0).div(m);
            Variable diff = x2.sub(mean);
            Variable var = diff.mul(diff).sum(0).div(m);
            Variable invStd = F.sqrt(var.add(eps)).rdiv(1.0);
            xc = diff.mul(invStd);
            double s = m - 1.0 > 1.0 ? m - 1.0 : 1.0;
            double adjust = m / s;
            NdArray rm = runningMean.data().mul(decay).add(mean.data().mul(1 - decay));
            NdArray rv = runningVar.data().mul(decay).add(var.data().mul((1 - decay) * adjust));
            runningMean.setData(rm);
            runningVar.setData(rv);
        } else {
            NdArray v = runningVar.data();
            NdArray invStd = Activations.constant(1, v).div(v.add(eps).sqrt());
            xc = x2.sub(Variable.constant(runningMean.data())).mul(Variable.constant(invStd));
        }
        Variable y = gamma.mul(xc).add(beta);
        if (nd == 4) {
            y = y.reshape(inDims[0], inDims[2], inDims[3], c).transpose(0, 3, 1, 2);
        }
        return y;
    }
}
