package dezero.layers;

import dezero.Parameter;
import dezero.Variable;
import dezero.functions.F;
import dezero.ndarray.DType;
import dezero.ndarray.RandomState;

/**
 * A lookup table: row {@code id} of {@code W (in, out)} for each int64 id of the input (any shape):
 * DeZero's {@code L.EmbedID}. {@code W} starts as {@code randn(in, out)} (float64, as DeZero draws
 * it). Key: {@code W}.
 */
public final class EmbedID extends Layer {
    private final Parameter w;

    /** Draws {@code W} from {@link RandomState#global()}. */
    public EmbedID(int inSize, int outSize) {
        this(inSize, outSize, RandomState.global());
    }

    public EmbedID(int inSize, int outSize, RandomState random) {
        if (inSize <= 0 || outSize <= 0) {
            throw new IllegalArgumentException("EmbedID: sizes must be positive, got (" + inSize + ", " + outSize
                    + ")");
        }
        w = addParam("W", new Parameter(random.randn(inSize, outSize), "W"));
    }

    /** The table {@code W (in, out)}. */
    public Parameter W() {
        return w;
    }

    /** The embeddings of the int64 ids held by {@code ids}: shape {@code ids.shape + (out,)}. */
    @Override
    protected Variable forward(Variable ids) {
        if (ids.dtype() != DType.INT64) {
            throw new IllegalArgumentException("EmbedID: ids must be int64, got " + ids.dtype());
        }
        return F.embedId(ids.data(), w);
    }
}
