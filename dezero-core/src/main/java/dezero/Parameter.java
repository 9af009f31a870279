package dezero;

import dezero.ndarray.NdArray;

/**
 * A {@link Variable} that a layer learns. It behaves exactly like a variable; the type marks what
 * optimizers update and what models save.
 */
public final class Parameter extends Variable {
    /** A parameter holding {@code data} ({@code null} for a parameter initialized later). */
    public Parameter(NdArray data) {
        super(data);
    }

    public Parameter(NdArray data, String name) {
        super(data, name);
    }
}
