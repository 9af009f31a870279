package dezero.models;

import dezero.Variable;
import dezero.layers.Layer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The layers applied one after the other, registered as {@code l0, l1, ...}: DeZero's {@code Sequential}. */
public final class Sequential extends Model {
    private final List<Layer> list;

    public Sequential(Layer... layers) {
        List<Layer> l = new ArrayList<>(layers.length);
        for (int i = 0; i < layers.length; i++) {
            l.add(addLayer("l" + i, layers[i]));
        }
        this.list = Collections.unmodifiableList(l);
    }

    /** The layers in order. */
    public List<Layer> list() {
        return list;
    }

    @Override
    protected Variable forward(Variable x) {
        for (Layer l : list) {
            x = l.apply(x);
        }
        return x;
    }
}
