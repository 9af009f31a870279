package dezero;

import dezero.ndarray.DType;
import dezero.ndarray.Index;
import dezero.ndarray.NdArray;
import dezero.ndarray.Shape;
import java.util.ArrayDeque;

/**
 * A node of the computational graph holding an {@link NdArray}: DeZero's {@code Variable}.
 *
 * <pre>{@code
 * Variable x = Variable.of(0.5);        // new Variable(NdArray.of(0.5))
 * Variable y = x.mul(x).add(1.0);       // the graph is recorded as the code runs
 * y.backward();
 * x.grad();                              // variable(1.0)
 * }</pre>
 *
 * <p>The core operations are methods ({@link #add}, {@link #mul}, {@link #matmul}, {@link #reshape},
 * {@link #sum}, {@link #get}, ...); everything else is in {@code dezero.functions.F}. An operation with
 * a Java {@code double} keeps this variable's dtype ({@code float32} stays {@code float32}).
 *
 * <p>Gradients are variables too: with {@link Backward#CREATE_GRAPH} the gradient computation is
 * recorded and can be differentiated again.
 *
 * <p>Variables are mutable (data, gradient, name) and not thread-safe: a graph is built and
 * backpropagated by one thread at a time.
 */
public class Variable {
    NdArray data;
    String name;
    Variable grad;
    Function creator;
    int generation;
    /** Forward mode: the tangent carried along with the value (set by {@link Autodiff#jvp}). */
    Variable tangent;
    /** True for a variable that needs no gradient ({@link #constant}). */
    boolean constant;

    /** A variable holding {@code data}, which may be {@code null} (data set later with {@link #setData}). */
    public Variable(NdArray data) {
        this.data = data;
    }

    public Variable(NdArray data, String name) {
        this.data = data;
        this.name = name;
    }

    // ---------------------------------------------------------------- factories

    /*
     * Variable.of(v) is new Variable(NdArray.of(v)) for each one-argument NdArray.of; of(Object) takes
     * the same values when their type is known only at run time and refuses anything else (DeZero's
     * "TypeError: <class 'float'> is not supported").
     */

    /** A 0-d float64 variable: {@code Variable.of(0.5)}. */
    public static Variable of(double value) {
        return new Variable(NdArray.of(value));
    }

    /** A 0-d float32 variable. */
    public static Variable of(float value) {
        return new Variable(NdArray.of(value));
    }

    /** A 0-d int64 variable (an {@code int} literal lands here, as in {@code NdArray.of(2)} and NumPy). */
    public static Variable of(long value) {
        return new Variable(NdArray.of(value));
    }

    /** A 1-d float64 variable (the values are copied). */
    public static Variable of(double[] values) {
        return new Variable(NdArray.of(values));
    }

    /** A 2-d float64 variable from rectangular rows (copied). */
    public static Variable of(double[][] rows) {
        return new Variable(NdArray.of(rows));
    }

    /** A 1-d float32 variable (copied). */
    public static Variable of(float[] values) {
        return new Variable(NdArray.of(values));
    }

    /** A 2-d float32 variable from rectangular rows (copied). */
    public static Variable of(float[][] rows) {
        return new Variable(NdArray.of(rows));
    }

    /** A 1-d int64 variable (copied). */
    public static Variable of(long[] values) {
        return new Variable(NdArray.of(values));
    }

    /** A 1-d int64 variable from Java ints. */
    public static Variable of(int[] values) {
        return new Variable(NdArray.of(values));
    }

    /**
     * A variable from a value whose type is known only at run time: an {@link NdArray} (held as is,
     * as the constructor does), a boxed {@code Double}, {@code Float}, {@code Long}, {@code Integer},
     * {@code Short} or {@code Byte}, or a {@code double[]}, {@code double[][]}, {@code float[]},
     * {@code float[][]}, {@code long[]} or {@code int[]}, each as the typed overload of this name makes
     * it. Anything else, {@code null} included, is refused.
     *
     * @throws IllegalArgumentException {@code Variable.of: java.lang.String is not supported (...)}
     */
    public static Variable of(Object value) {
        if (value instanceof NdArray) {
            return new Variable((NdArray) value);
        }
        if (value instanceof Double) {
            return of(((Double) value).doubleValue());
        }
        if (value instanceof Float) {
            return of(((Float) value).floatValue());
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return of(((Number) value).longValue());
        }
        if (value instanceof double[]) {
            return of((double[]) value);
        }
        if (value instanceof double[][]) {
            return of((double[][]) value);
        }
        if (value instanceof float[]) {
            return of((float[]) value);
        }
        if (value instanceof float[][]) {
            return of((float[][]) value);
        }
        if (value instanceof long[]) {
            return of((long[]) value);
        }
        if (value instanceof int[]) {
            return of((int[]) value);
        }
        String what = value == null ? "null" : value.getClass().getTypeName();
        throw new IllegalArgumentException("Variable.of: " + what + " is not supported (give an NdArray, a Java"
                + " number, or a double[], double[][], float[], float[][], long[] or int[]"
                + (value == null ? "; new Variable(null) makes a variable whose data is set later)" : ")"));
    }

    /**
     * A variable that needs no gradient (PyTorch's {@code requires_grad=False}), such as a batch of
     * inputs or labels: backward computes no gradient for it (its {@link #grad()} stays {@code null}),
     * and in grad mode a function whose inputs are all constants gives a constant that is not recorded
     * in the graph. Layers and {@code F} make one of an {@code NdArray} argument ({@code layer.apply(x)},
     * {@code F.softmaxCrossEntropy(y, t)}); {@code new Variable(data)} gets a gradient, as in DeZero.
     */
    public static Variable constant(NdArray data) {
        Variable v = new Variable(data);
        v.constant = true;
        return v;
    }

    /** True for a variable that needs no gradient: made by {@link #constant}, or computed from constants only. */
    public boolean isConstant() {
        return constant;
    }

    // ---------------------------------------------------------------- state

    public NdArray data() {
        return data;
    }

    /** Replaces the data (optimizers do this with the updated parameter). The graph is not changed. */
    public void setData(NdArray data) {
        this.data = data;
    }

    public String name() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    /** The gradient after {@link #backward}, or {@code null}. */
    public Variable grad() {
        return grad;
    }

    /** Sets the gradient (e.g. the seed of {@link #backward}); {@code null} clears it. */
    public void setGrad(Variable grad) {
        this.grad = grad;
    }

    /** Forgets the gradient (DeZero's {@code cleargrad}); do it before a new backward pass. */
    public void clearGrad() {
        grad = null;
    }

    /** The function that made this variable, or {@code null} for a leaf (an input or parameter). */
    public Function creator() {
        return creator;
    }

    /** The depth in the graph: 0 for a leaf, one more than the creator's deepest input otherwise. */
    public int generation() {
        return generation;
    }

    public Shape shape() {
        return data.shape();
    }

    public int ndim() {
        return data.ndim();
    }

    public int size() {
        return data.size();
    }

    public DType dtype() {
        return data.dtype();
    }

    /** The length of the first axis (Python's {@code len}). */
    public int length() {
        if (data.ndim() == 0) {
            throw new IllegalArgumentException("length: a 0-d variable has no length");
        }
        return data.shape().dim(0);
    }

    /** {@code variable(...)} with the data printed as NumPy prints it. */
    @Override
    public String toString() {
        if (data == null) {
            return "variable(null)";
        }
        return "variable(" + data.toString("         ") + ")";
    }

    // ---------------------------------------------------------------- backpropagation

    /**
     * Computes the gradients of this variable with respect to every variable it depends on and adds
     * them to their {@link #grad()}. The seed is {@link #grad()} if set, else ones. By default only
     * leaves keep their gradients and the gradient computation is not recorded; see {@link Backward}.
     */
    public void backward(Backward... options) {
        boolean retain = false;
        boolean create = false;
        for (Backward o : options) {
            if (o == Backward.RETAIN_GRAD) {
                retain = true;
            } else if (o == Backward.CREATE_GRAPH) {
                create = true;
            }
        }
        if (data == null) {
            throw new IllegalStateException("backward: the variable holds no data");
        }
        if (grad == null) {
            grad = new Variable(NdArray.onesLike(data));
        }
        Backprop.run(this, retain, create);
    }

    /**
     * A new leaf holding the same data (not copied): no creator, no gradient, no name. Nothing that is
     * computed from it propagates a gradient back to this variable (PyTorch's {@code detach}).
     */
    public Variable detach() {
        return new Variable(data);
    }

    /** Forgets the creator: this variable becomes a leaf (DeZero's {@code unchain}). */
    public void unchain() {
        creator = null;
    }

    /**
     * Cuts the graph behind this variable: every variable it depends on forgets its creator, so the
     * functions can be freed (DeZero's {@code unchain_backward}, used to truncate backpropagation
     * through time). This variable keeps its creator.
     */
    public void unchainBackward() {
        if (creator == null) {
            return;
        }
        ArrayDeque<Function> todo = new ArrayDeque<>();
        todo.push(creator);
        while (!todo.isEmpty()) {
            Function f = todo.pop();
            for (int i = 0, n = f.inputCount(); i < n; i++) {
                Variable x = f.inputAt(i);
                if (x != null && x.creator != null) {
                    todo.push(x.creator);
                    x.unchain();
                }
            }
        }
    }

    // ---------------------------------------------------------------- arithmetic

    /*
     * The arithmetic methods, matmul, transpose() and sumTo (the operations of the common backward
     * passes) take a shortcut when nothing is recorded (no-grad mode, which includes backward without
     * CREATE_GRAPH) and no tangent is carried: the result is the same as through the function,
     * without making one.
     */

    /**
     * True when an operation on {@code a} (and {@code b}, may be null) records nothing and checks
     * nothing ({@link Config#detectAnomaly()} off): compute directly.
     */
    private static boolean direct(Config.State st, Variable a, Variable b) {
        return !st.grad && !st.anomaly && (st.inJvp || (a.tangent == null && (b == null || b.tangent == null)));
    }

    /** {@code v.data}, or the error a function gives for an input without data. */
    private static NdArray dataFor(String op, Variable v) {
        NdArray d = v.data;
        if (d == null) {
            throw new IllegalArgumentException(op + ": input variable" + (v.name == null ? "" : " '" + v.name + "'")
                    + " holds no data");
        }
        return d;
    }

    public Variable add(Variable other) {
        Config.State st = Config.state();
        if (direct(st, this, other)) {
            return new Variable(dataFor("Add", this).add(dataFor("Add", other)));
        }
        return new CoreOps.Add().apply(this, other, st);
    }

    public Variable add(double c) {
        Config.State st = Config.state();
        if (direct(st, this, null)) {
            return new Variable(dataFor("Add", this).add(c));
        }
        return new CoreOps.AddScalar(c).apply(this, st);
    }

    public Variable sub(Variable other) {
        Config.State st = Config.state();
        if (direct(st, this, other)) {
            return new Variable(dataFor("Sub", this).sub(dataFor("Sub", other)));
        }
        return new CoreOps.Sub().apply(this, other, st);
    }

    public Variable sub(double c) {
        Config.State st = Config.state();
        if (direct(st, this, null)) {
            return new Variable(dataFor("Sub", this).sub(c));
        }
        return new CoreOps.SubScalar(c).apply(this, st);
    }

    /** {@code c - this} (Python's {@code c - x}). */
    public Variable rsub(double c) {
        Config.State st = Config.state();
        if (direct(st, this, null)) {
            NdArray d = dataFor("Sub", this);
            return new Variable(CoreOps.constant(c, d).sub(d));
        }
        return new CoreOps.RSubScalar(c).apply(this, st);
    }

    public Variable mul(Variable other) {
        Config.State st = Config.state();
        if (direct(st, this, other)) {
            return new Variable(dataFor("Mul", this).mul(dataFor("Mul", other)));
        }
        return new CoreOps.Mul().apply(this, other, st);
    }

    public Variable mul(double c) {
        Config.State st = Config.state();
        if (direct(st, this, null)) {
            return new Variable(dataFor("Mul", this).mul(c));
        }
        return new CoreOps.MulScalar(c).apply(this, st);
    }

    public Variable div(Variable other) {
        Config.State st = Config.state();
        if (direct(st, this, other)) {
            return new Variable(dataFor("Div", this).div(dataFor("Div", other)));
        }
        return new CoreOps.Div().apply(this, other, st);
    }

    public Variable div(double c) {
        Config.State st = Config.state();
        if (direct(st, this, null)) {
            return new Variable(dataFor("Div", this).div(c));
        }
        return new CoreOps.DivScalar(c).apply(this, st);
    }

    /** {@code c / this} (Python's {@code c / x}). */
    public Variable rdiv(double c) {
        Config.State st = Config.state();
        if (direct(st, this, null)) {
            NdArray d = dataFor("Div", this);
            return new Variable(CoreOps.constant(c, d).div(d));
        }
        return new CoreOps.RDivScalar(c).apply(this, st);
    }

    public Variable neg() {
        Config.State st = Config.state();
        if (direct(st, this, null)) {
            return new Variable(dataFor("Neg", this).neg());
        }
        return new CoreOps.Neg().apply(this, st);
    }

    /** {@code this ** c} for a constant exponent. */
    public Variable pow(double c) {
        return new CoreOps.Pow(c).apply(this);
    }

    /** {@code np.matmul}: matrix product (1-d, 2-d, and batched with broadcast batch axes). */
    public Variable matmul(Variable other) {
        Config.State st = Config.state();
        if (direct(st, this, other)) {
            return new Variable(dataFor("MatMul", this).matmul(dataFor("MatMul", other)));
        }
        return new CoreOps.MatMul().apply(this, other, st);
    }

    // ---------------------------------------------------------------- shape

    /** The same elements in another shape (one dimension may be -1); this variable if the shape is unchanged. */
    public Variable reshape(int... shape) {
        if (data != null && sameDims(data.shape(), shape)) {
            return this;
        }
        return new CoreOps.Reshape(shape.clone()).apply(this);
    }

    static boolean sameDims(Shape s, int[] dims) {
        if (s.rank() != dims.length) {
            return false;
        }
        for (int i = 0; i < dims.length; i++) {
            if (s.dim(i) != dims[i]) {
                return false;
            }
        }
        return true;
    }

    /** Reverses the axes (the matrix transpose for 2-d). */
    public Variable transpose() {
        Config.State st = Config.state();
        if (direct(st, this, null)) {
            return new Variable(dataFor("Transpose", this).transpose());
        }
        return new CoreOps.Transpose(null).apply(this, st);
    }

    /** The transpose, {@link #transpose()} (NumPy's and DeZero's {@code x.T}). */
    public Variable T() {
        return transpose();
    }

    /** Permutes the axes: axis {@code i} of the result is axis {@code axes[i]} of this variable. */
    public Variable transpose(int... axes) {
        return new CoreOps.Transpose(axes.clone()).apply(this);
    }

    /** Sum over the given axes (all axes when none are given). */
    public Variable sum(int... axes) {
        return new CoreOps.Sum(axes.length == 0 ? null : axes.clone(), false).apply(this);
    }

    /** Sum over the given axes ({@code null}: all), keeping them as length 1 when {@code keepdims}. */
    public Variable sum(int[] axes, boolean keepdims) {
        return new CoreOps.Sum(axes == null ? null : axes.clone(), keepdims).apply(this);
    }

    /** Sums down to {@code shape} (the adjoint of {@link #broadcastTo}); this variable if the shape is unchanged. */
    public Variable sumTo(Shape shape) {
        if (data != null && data.shape().equals(shape)) {
            return this;
        }
        Config.State st = Config.state();
        if (direct(st, this, null)) {
            return new Variable(dataFor("SumTo", this).sumTo(shape));
        }
        return new CoreOps.SumTo(shape).apply(this, st);
    }

    public Variable sumTo(int... shape) {
        return sumTo(Shape.of(shape));
    }

    /** Broadcasts to {@code shape} (NumPy's rules); this variable if the shape is unchanged. */
    public Variable broadcastTo(Shape shape) {
        if (data != null && data.shape().equals(shape)) {
            return this;
        }
        return new CoreOps.BroadcastTo(shape).apply(this);
    }

    public Variable broadcastTo(int... shape) {
        return broadcastTo(Shape.of(shape));
    }

    /** NumPy indexing {@code x[spec...]} (DeZero's {@code get_item}); the gradient scatters back with add. */
    public Variable get(Index... spec) {
        return new CoreOps.GetItem(spec.clone()).apply(this);
    }
}
