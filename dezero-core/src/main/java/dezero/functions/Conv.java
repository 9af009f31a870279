package dezero.functions;

import dezero.UnaryFunction;
import dezero.Variable;
import dezero.ndarray.Index;
import dezero.ndarray.NdArray;
import java.util.ArrayList;
import java.util.List;

/**
 * Convolution and pooling on {@code (N, C, H, W)} images, built as DeZero builds them: {@code im2col}
 * unfolds every kernel window into a column, then a matrix product (convolution) or a max/mean
 * (pooling) reduces the columns. {@link Im2col} and {@link Col2im} are each other's adjoint, so each
 * serves as the other's backward (and both are linear, so their jvp is themselves); everything else
 * is composed of differentiable core operations, so every order of derivative and forward mode
 * work.
 *
 * <p>Geometry: kernel {@code (KH, KW)}, stride {@code (SH, SW)}, zero padding {@code (PH, PW)}; the
 * output size is {@code OH = (H + 2 PH - KH) / SH + 1} (floor), likewise {@code OW}.
 */
final class Conv {
    private Conv() {
    }

    /** The kernel geometry of one call. */
    record Geometry(int kh, int kw, int sh, int sw, int ph, int pw) {
        Geometry {
            if (kh <= 0 || kw <= 0 || sh <= 0 || sw <= 0 || ph < 0 || pw < 0) {
                throw new IllegalArgumentException("conv: kernel (" + kh + ", " + kw + ") and stride (" + sh + ", "
                        + sw + ") must be positive and padding (" + ph + ", " + pw + ") non-negative");
            }
        }

        int outH(int h) {
            return (h + 2 * ph - kh) / sh + 1;
        }

        int outW(int w) {
            return (w + 2 * pw - kw) / sw + 1;
        }

        static Geometry of(int[] kernel, int[] stride, int[] pad) {
            return new Geometry(kernel[0], kernel[1], stride[0], stride[1], pad[0], pad[1]);
        }
    }

    static void checkImage(String op, NdArray x, Geometry g) {
        if (x.ndim() != 4) {
            throw new IllegalArgumentException(op + ": input must be 4-d (N, C, H, W), got shape " + x.shape());
        }
        int h = x.dim(2);
        int w = x.dim(3);
        if (h + 2 * g.ph() < g.kh() || w + 2 * g.pw() < g.kw()) {
            throw new IllegalArgumentException(op + ": kernel (" + g.kh() + ", " + g.kw() + ") is larger than the "
                    + "padded input " + x.shape() + " with padding (" + g.ph() + ", " + g.pw() + ")");
        }
    }

    /** {@code x (N, C, H, W)} to columns {@code (N, C, KH, KW, OH, OW)}. */
    static NdArray im2colArray(NdArray x, Geometry g) {
        int n = x.dim(0);
        int c = x.dim(1);
        int h = x.dim(2);
        int w = x.dim(3);
        int oh = g.outH(h);
        int ow = g.outW(w);
        NdArray img = x;
        if (g.ph() > 0 || g.pw() > 0) {
            img = NdArray.zeros(x.dtype(), n, c, h + 2 * g.ph(), w + 2 * g.pw())
                    .addAt(new Index[] {Index.all(), Index.all(), Index.slice(g.ph(), g.ph() + h),
                            Index.slice(g.pw(), g.pw() + w)}, x);
        }
        List<NdArray> parts = new ArrayList<>(g.kh() * g.kw());
        for (int i = 0; i < g.kh(); i++) {
            for (int j = 0; j < g.kw(); j++) {
                parts.add(img.get(Index.all(), Index.all(), Index.slice(i, i + g.sh() * (oh - 1) + 1, g.sh()),
                        Index.slice(j, j + g.sw() * (ow - 1) + 1, g.sw())));
            }
        }
        return NdArray.stack(parts, 2).reshape(n, c, g.kh(), g.kw(), oh, ow);
    }

    /** Columns {@code (N, C, KH, KW, OH, OW)} back to an image of {@code (N, C, H, W)}, overlaps added. */
    static NdArray col2imArray(NdArray col, int h, int w, Geometry g) {
        int n = col.dim(0);
        int c = col.dim(1);
        int oh = col.dim(4);
        int ow = col.dim(5);
        NdArray img = NdArray.zeros(col.dtype(), n, c, h + 2 * g.ph(), w + 2 * g.pw());
        for (int i = 0; i < g.kh(); i++) {
            for (int j = 0; j < g.kw(); j++) {
                img = img.addAt(new Index[] {Index.all(), Index.all(), Index.slice(i, i + g.sh() * (oh - 1) + 1,
                        g.sh()), Index.slice(j, j + g.sw() * (ow - 1) + 1, g.sw())},
                        col.get(Index.all(), Index.all(), Index.at(i), Index.at(j)));
            }
        }
        if (g.ph() == 0 && g.pw() == 0) {
            return img;
        }
        return img.get(Index.all(), Index.all(), Index.slice(g.ph(), g.ph() + h), Index.slice(g.pw(), g.pw() + w));
    }

    /** {@code (N, C, H, W)} to {@code (N, C, KH, KW, OH, OW)}; backward and jvp: {@link Col2im} / itself. */
    static final class Im2col extends UnaryFunction {
        private final Geometry g;
        private int h;
        private int w;

        Im2col(Geometry g) {
            this.g = g;
        }

        @Override
        protected NdArray forward(NdArray x) {
            checkImage("im2col", x, g);
            h = x.dim(2);
            w = x.dim(3);
            return im2colArray(x, g);
        }

        @Override
        protected Variable backward(Variable gy) {
            return new Col2im(h, w, g).apply(gy);
        }

        @Override
        protected Variable jvp(Variable x, Variable y, Variable dx) {
            return new Im2col(g).apply(dx);
        }
    }

    /** {@code (N, C, KH, KW, OH, OW)} to {@code (N, C, H, W)}; backward and jvp: {@link Im2col} / itself. */
    static final class Col2im extends UnaryFunction {
        private final int h;
        private final int w;
        private final Geometry g;

        Col2im(int h, int w, Geometry g) {
            this.h = h;
            this.w = w;
            this.g = g;
        }

        @Override
        protected NdArray forward(NdArray col) {
            if (col.ndim() != 6 || col.dim(2) != g.kh() || col.dim(3) != g.kw() || col.dim(4) != g.outH(h)
                    || col.dim(5) != g.outW(w)) {
                throw new IllegalArgumentException("col2im: columns of shape " + col.shape()
                        + " do not fit an image of " + h + " x " + w + " with kernel (" + g.kh() + ", " + g.kw() + "), stride (" + g.sh() + ", "
                        + g.sw() + "), padding (" + g.ph() + ", " + g.pw() + ")");
            }
            return col2imArray(col, h, w, g);
        }

        @Override
        protected Variable backward(Variable gy) {
            return new Im2col(g).apply(gy);
        }

        @Override
        protected Variable jvp(Variable x, Variable y, Variable dx) {
            return new Col2im(h, w, g).apply(dx);
        }
    }

    /** Columns as a matrix {@code (N OH OW, C KH KW)} when {@code toMatrix}, else {@code (N, C, KH, KW, OH, OW)}. */
    static Variable im2col(Variable x, Geometry g, boolean toMatrix) {
        Variable col = new Im2col(g).apply(x);
        if (!toMatrix) {
            return col;
        }
        int n = col.shape().dim(0);
        int oh = col.shape().dim(4);
        int ow = col.shape().dim(5);
        return col.transpose(0, 4, 5, 1, 2, 3).reshape(n * oh * ow, -1);
    }

    /** The inverse arrangement of {@link #im2col} (overlaps added) back to {@code imageShape (N, C, H, W)}. */
    static Variable col2im(Variable col, int[] imageShape, Geometry g, boolean fromMatrix) {
        if (imageShape.length != 4) {
            throw new IllegalArgumentException("col2im: the image shape must be (N, C, H, W), got "
                    + java.util.Arrays.toString(imageShape));
        }
        int n = imageShape[0];
        int c = imageShape[1];
        int h = imageShape[2];
        int w = imageShape[3];
        if (fromMatrix) {
            col = col.reshape(n, g.outH(h), g.outW(w), c, g.kh(), g.kw()).transpose(0, 3, 4, 5, 1, 2);
        }
        return new Col2im(h, w, g).apply(col);
    }

    /** {@code y[n, oc, i, j] = sum_{c, u, v} W[oc, c, u, v] xpad[n, c, SH i + u, SW j + v] + b[oc]}. */
    static Variable conv2d(Variable x, Variable w, Variable b, int[] stride, int[] pad) {
        if (w.ndim() != 4) {
            throw new IllegalArgumentException("conv2d: W must be 4-d (OC, C, KH, KW), got shape " + w.shape());
        }
        if (x.ndim() != 4 || x.shape().dim(1) != w.shape().dim(1)) {
            throw new IllegalArgumentException("conv2d: input " + x.shape() + " must be (N, C, H, W) with C = "
                    + w.shape().dim(1) + " channels of W " + w.shape());
        }
        int oc = w.shape().dim(0);
        if (b != null && (b.ndim() != 1 || b.shape().dim(0) != oc)) {
            throw new IllegalArgumentException("conv2d: b must have shape (" + oc + ",), got " + b.shape());
        }
        Geometry g = new Geometry(w.shape().dim(2), w.shape().dim(3), stride[0], stride[1], pad[0], pad[1]);
        int n = x.shape().dim(0);
        int oh = g.outH(x.shape().dim(2));
        int ow = g.outW(x.shape().dim(3));
        Variable col = im2col(x, g, true);                           // (N OH OW, C KH KW)
        Variable y = col.matmul(w.reshape(oc, -1).transpose());     // (N OH OW, OC)
        if (b != null) {
            y = y.add(b);
        }
        return y.reshape(n, oh, ow, oc).transpose(0, 3, 1, 2);
    }

    /** Max (or mean) over each window: {@code (N, C, H, W)} to {@code (N, C, OH, OW)}; padding counts as zeros. */
    static Variable pooling(Variable x, Geometry g, boolean average) {
        Variable col = new Im2col(g).apply(x);                       // (N, C, KH, KW, OH, OW)
        int[] d = col.shape().dims();
        Variable flat = col.reshape(d[0], d[1], d[2] * d[3], d[4], d[5]);
        return average ? F.mean(flat, new int[] {2}, false) : F.max(flat, new int[] {2}, false);
    }

    static int[] pair(String what, int[] v) {
        if (v.length == 1) {
            return new int[] {v[0], v[0]};
        }
        if (v.length != 2) {
            throw new IllegalArgumentException(what + ": expected 1 or 2 values, got " + java.util.Arrays.toString(v));
        }
        return v.clone();
    }
}
