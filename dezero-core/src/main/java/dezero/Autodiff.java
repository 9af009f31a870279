package dezero;

import dezero.ndarray.DType;
import dezero.ndarray.NdArray;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Functional transforms over differentiable functions of a variable, in the style of JAX:
 *
 * <pre>{@code
 * Autodiff.Jvp r = Autodiff.jvp(F::tanh, x, v);    // forward mode: r.value() = tanh(x), r.tangent() = J v
 * Autodiff.Vjp p = Autodiff.vjp(F::tanh, x);       // reverse mode: p.pullback(u) = u^T J
 * Variable g = Autodiff.grad(f, x);                 // df/dx of a function with one element
 * Variable h = Autodiff.hessian(f, x);              // shape x.shape + x.shape
 * Variable hv = Autodiff.hvp(f, x, v);              // H v (forward over reverse, no Hessian built)
 * }</pre>
 *
 * <p>None of them changes the {@code grad} of any variable. The results of {@link #jvp}, {@link #vjp}
 * and {@link #grad} are recorded in the graph when grad mode is on, so they can be differentiated
 * again (nested {@code grad}, {@code hvp}); {@link #jacobian} and {@link #hessian} return constants.
 * Forward mode cannot be nested over the same variable.
 */
public final class Autodiff {
    private Autodiff() {
    }

    /** The result of {@link #jvp}: {@code f(x)} and its directional derivative {@code J v}. */
    public static final class Jvp {
        private final Variable value;
        private final Variable tangent;

        Jvp(Variable value, Variable tangent) {
            this.value = value;
            this.tangent = tangent;
        }

        public Variable value() {
            return value;
        }

        public Variable tangent() {
            return tangent;
        }
    }

    /** The result of {@link #vjp}: {@code f(x)} and its pullback {@code u -> u^T J}. */
    public static final class Vjp {
        private final Variable value;
        private final Variable x;

        Vjp(Variable value, Variable x) {
            this.value = value;
            this.x = x;
        }

        public Variable value() {
            return value;
        }

        /** {@code u^T J}, of the shape of {@code x}; {@code u} has the shape of {@link #value()}. */
        public Variable pullback(Variable u) {
            if (!u.data.shape().equals(value.data.shape())) {
                throw new IllegalArgumentException("vjp: cotangent of shape " + u.data.shape()
                        + " for a value of shape " + value.data.shape());
            }
            return Backprop.gradients(value, u, new Variable[] {x}, Config.isGradEnabled())[0];
        }
    }

    /**
     * Forward mode: {@code f(x)} and the derivative of {@code f} at {@code x} in the direction {@code v}
     * (of the shape of {@code x}), computed alongside the value by each operation's jvp rule.
     */
    public static Jvp jvp(UnaryOperator<Variable> f, Variable x, Variable v) {
        if (!v.data.shape().equals(x.data.shape())) {
            throw new IllegalArgumentException("jvp: tangent of shape " + v.data.shape() + " for an input of shape "
                    + x.data.shape());
        }
        if (x.tangent != null) {
            throw new IllegalStateException("jvp: forward mode is already active on this variable (nested jvp over the"
                    + " same variable is not supported)");
        }
        Variable y;
        Variable t;
        x.tangent = v;
        try {
            y = f.apply(x);
            t = y.tangent;
        } finally {
            x.tangent = null;
        }
        if (y != x) {
            y.tangent = null;
        }
        if (t == null) {
            t = new Variable(NdArray.zerosLike(y.data));
        }
        return new Jvp(y, t);
    }

    /**
     * Forward mode in several inputs: {@code f} (which reads the variables {@code xs}) is evaluated
     * with the tangents {@code vs} attached to {@code xs}; the result's tangent is
     * {@code sum_i J_i v_i}.
     *
     * <pre>{@code
     * Autodiff.Jvp r = Autodiff.jvp(() -> a.mul(b), new Variable[] {a, b}, new Variable[] {da, db});
     * }</pre>
     */
    public static Jvp jvp(Supplier<Variable> f, Variable[] xs, Variable[] vs) {
        if (xs.length != vs.length) {
            throw new IllegalArgumentException("jvp: " + xs.length + " inputs but " + vs.length + " tangents");
        }
        for (int i = 0; i < xs.length; i++) {
            if (!vs[i].data.shape().equals(xs[i].data.shape())) {
                throw new IllegalArgumentException("jvp: tangent " + i + " of shape " + vs[i].data.shape()
                        + " for an input of shape " + xs[i].data.shape());
            }
            if (xs[i].tangent != null) {
                throw new IllegalStateException("jvp: forward mode is already active on input " + i);
            }
        }
        int set = 0;
        Variable y;
        Variable t;
        try {
            for (; set < xs.length; set++) {
                if (xs[set].tangent != null) {
                    throw new IllegalArgumentException("jvp: input " + set + " is given twice");
                }
                xs[set].tangent = vs[set];
            }
            y = f.get();
            t = y.tangent;
        } finally {
            for (int i = 0; i < set; i++) {
                xs[i].tangent = null;
            }
        }
        boolean isInput = false;
        for (Variable x : xs) {
            isInput |= x == y;
        }
        if (!isInput) {
            y.tangent = null;
        }
        if (t == null) {
            t = new Variable(NdArray.zerosLike(y.data));
        }
        return new Jvp(y, t);
    }

    /**
     * Reverse mode: {@code f(x)} and its pullback. The graph of {@code f} is recorded even in no-grad
     * mode. {@code x} must not be a constant ({@link Variable#constant}).
     */
    public static Vjp vjp(UnaryOperator<Variable> f, Variable x) {
        checkNotConstant("vjp", x, -1);
        Variable y;
        try (Config.Scope g = Config.setGrad(true)) {
            y = f.apply(x);
        }
        return new Vjp(y, x);
    }

    /** The gradient of {@code f} (which must return a single element) at {@code x}. */
    public static Variable grad(UnaryOperator<Variable> f, Variable x) {
        Vjp p = vjp(f, x);
        NdArray y = p.value.data;
        if (y.size() != 1) {
            throw new IllegalArgumentException("grad: f must return a single element, got shape " + y.shape());
        }
        return p.pullback(new Variable(NdArray.onesLike(y)));
    }

    /**
     * The gradients of {@code y} with respect to each of {@code xs}, seeded with ones (so the gradient
     * of {@code y.sum()}), like {@code torch.autograd.grad}. Variables {@code y} does not depend on get
     * zeros. No variable's {@code grad} changes. None of {@code xs} may be a constant
     * ({@link Variable#constant}).
     */
    public static Variable[] grad(Variable y, Variable... xs) {
        for (int i = 0; i < xs.length; i++) {
            checkNotConstant("grad", xs[i], i);
        }
        return Backprop.gradients(y, new Variable(NdArray.onesLike(y.data)), xs, Config.isGradEnabled());
    }

    /** A constant has no gradient: asking for one is an error, as in PyTorch. */
    private static void checkNotConstant(String op, Variable x, int index) {
        if (x.constant) {
            throw new IllegalArgumentException(op + ": " + (index < 0 ? "x" : "input " + index) + " is a constant"
                    + " (Variable.constant), which has no gradient; differentiate with respect to a new Variable"
                    + " of its data");
        }
    }

    /**
     * The Jacobian of {@code f} at {@code x}, of shape {@code f(x).shape + x.shape}, in {@code x}'s
     * floating dtype. The mode is chosen by shape: forward mode (one {@link #jvp} per element of
     * {@code x}, a column each) when {@code x} has fewer elements than {@code f(x)}, else reverse mode
     * (one {@link Vjp#pullback} per element of {@code f(x)}, a row each). When forward mode meets a
     * function without a jvp rule, reverse mode is used. A constant (not differentiable further).
     */
    public static Variable jacobian(UnaryOperator<Variable> f, Variable x) {
        NdArray y;
        try (Config.Scope g = Config.setGrad(false)) {
            y = f.apply(x).data;
        }
        if (x.data.size() < y.size()) {
            try {
                return jacobianForward(f, x);
            } catch (UnsupportedOperationException e) {
                // a function without a jvp rule: reverse mode needs none
            }
        }
        return jacobianReverse(f, x);
    }

    /** The Jacobian by forward mode: column {@code j} is the tangent of {@code f} along the unit vector {@code e_j}. */
    static Variable jacobianForward(UnaryOperator<Variable> f, Variable x) {
        int nx = x.data.size();
        int[] xDims = x.data.shape().dims();
        DType t = floating(x.data.dtype());
        double[] out = null;
        int[] yDims = null;
        int ny = 0;
        try (Config.Scope g = Config.setGrad(false)) {
            for (int j = 0; j < nx; j++) {
                double[] seed = new double[nx];
                seed[j] = 1;
                Jvp r = jvp(f, x, new Variable(NdArray.of(seed, xDims).astype(t)));
                if (out == null) {
                    yDims = r.value.data.shape().dims();
                    ny = r.value.data.size();
                    out = new double[ny * nx];
                }
                double[] col = r.tangent.data.toDoubleArray();
                for (int i = 0; i < ny; i++) {
                    out[i * nx + j] = col[i];
                }
            }
        }
        if (out == null) { // x has no elements
            try (Config.Scope g = Config.setGrad(false)) {
                yDims = f.apply(x).data.shape().dims();
            }
            out = new double[0];
        }
        return new Variable(NdArray.of(out, concat(yDims, xDims)).astype(t));
    }

    /** The Jacobian by reverse mode: row {@code i} is the pullback of the unit vector {@code e_i}. */
    static Variable jacobianReverse(UnaryOperator<Variable> f, Variable x) {
        Vjp p = vjp(f, x);
        NdArray y = p.value.data;
        int ny = y.size();
        int nx = x.data.size();
        double[] out = new double[ny * nx];
        int[] yDims = y.shape().dims();
        try (Config.Scope g = Config.setGrad(false)) {
            for (int i = 0; i < ny; i++) {
                double[] seed = new double[ny];
                seed[i] = 1;
                NdArray u = NdArray.of(seed, yDims).astype(floating(y.dtype()));
                double[] row = p.pullback(new Variable(u)).data.toDoubleArray();
                System.arraycopy(row, 0, out, i * nx, nx);
            }
        }
        int[] xDims = x.data.shape().dims();
        return new Variable(NdArray.of(out, concat(yDims, xDims)).astype(floating(x.data.dtype())));
    }

    private static int[] concat(int[] a, int[] b) {
        int[] dims = new int[a.length + b.length];
        System.arraycopy(a, 0, dims, 0, a.length);
        System.arraycopy(b, 0, dims, a.length, b.length);
        return dims;
    }

    /** The Hessian of {@code f} (one element) at {@code x}, of shape {@code x.shape + x.shape}. A constant. */
    public static Variable hessian(UnaryOperator<Variable> f, Variable x) {
        return jacobian(z -> grad(f, z), x);
    }

    /** The Hessian-vector product {@code H v} of {@code f} (one element) at {@code x}: forward mode over reverse mode. */
    public static Variable hvp(UnaryOperator<Variable> f, Variable x, Variable v) {
        return jvp(z -> grad(f, z), x, v).tangent();
    }

    private static DType floating(DType t) {
        return t.isFloating() ? t : DType.FLOAT64;
    }
}
