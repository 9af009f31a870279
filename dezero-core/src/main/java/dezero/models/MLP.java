package dezero.models;

import dezero.Variable;
import dezero.functions.F;
import dezero.layers.Linear;
import dezero.ndarray.DType;
import dezero.ndarray.RandomState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A multi-layer perceptron: DeZero's {@code MLP(fc_output_sizes, activation)}. One {@link Linear}
 * per output size, registered as {@code l0, l1, ...} (lazy input sizes), the activation between
 * them and none after the last.
 *
 * <pre>{@code
 * MLP model = new MLP(10, 3);                               // DeZero's MLP((10, 3)): sigmoid, float32
 * MLP relu = new MLP(new int[] {100, 10}, F::relu);
 * MLP f64 = new MLP(new int[] {10, 3}, F::sigmoid, DType.FLOAT64, new RandomState(0));
 * }</pre>
 */
public final class MLP extends Model {
    private final List<Linear> linears;
    private final UnaryOperator<Variable> activation;

    /** Sigmoid between the layers, float32 parameters drawn from {@link RandomState#global()}. */
    public MLP(int... outputSizes) {
        this(outputSizes, F::sigmoid);
    }

    public MLP(int[] outputSizes, UnaryOperator<Variable> activation) {
        this(outputSizes, activation, DType.FLOAT32, null);
    }

    /** {@code random == null} draws from {@link RandomState#global()}. */
    public MLP(int[] outputSizes, UnaryOperator<Variable> activation, DType dtype, RandomState random) {
        if (outputSizes.length == 0) {
            throw new IllegalArgumentException("MLP: at least one output size is needed");
        }
        this.activation = Objects.requireNonNull(activation, "activation");
        List<Linear> l = new ArrayList<>(outputSizes.length);
        for (int i = 0; i < outputSizes.length; i++) {
            Linear.Builder b = Linear.builder(outputSizes[i]).dtype(dtype);
            if (random != null) {
                b.random(random);
            }
            l.add(addLayer("l" + i, b.build()));
        }
        this.linears = Collections.unmodifiableList(l);
    }

    /** The linear layers in order. */
    public List<Linear> linears() {
        return linears;
    }

    @Override
    protected Variable forward(Variable x) {
        int n = linears.size();
        for (int i = 0; i < n - 1; i++) {
            x = activation.apply(linears.get(i).apply(x));
        }
        return linears.get(n - 1).apply(x);
    }
}
