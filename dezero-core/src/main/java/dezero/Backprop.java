package dezero;

import dezero.ndarray.NdArray;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One backward pass: a max-heap of the functions to process by generation, each function processed
 * once, no recursion (a chain of a million functions backpropagates in constant stack). The heap
 * holds each function through the output by which it was reached, which backward needs.
 */
final class Backprop {
    private static final AtomicInteger PASSES = new AtomicInteger();

    final boolean retainGrad;
    private final boolean anomaly = Config.state().anomaly;
    private final int pass;
    private Variable[] heap = new Variable[16];
    private int size;
    /** Functional mode only: the gradient each touched variable had before the pass, to restore. */
    private final Map<Variable, Variable> saved;
    /** Functional mode only: variables whose creators are not followed. */
    private final Map<Variable, Boolean> stops;

    private Backprop(boolean retainGrad, Map<Variable, Variable> saved, Map<Variable, Boolean> stops) {
        this.retainGrad = retainGrad;
        this.pass = PASSES.incrementAndGet();
        this.saved = saved;
        this.stops = stops;
    }

    /** {@link Variable#backward}: {@code y.grad} is set; gradients accumulate into every variable reached. */
    static void run(Variable y, boolean retainGrad, boolean createGraph) {
        if (y.creator == null) {
            return;
        }
        new Backprop(retainGrad, null, null).loop(y, createGraph);
    }

    /**
     * Gradients of {@code y} with respect to {@code xs}, seeded with {@code gy}, without changing any
     * variable's {@code grad}: the graph is followed back to the {@code xs} only.
     */
    static Variable[] gradients(Variable y, Variable gy, Variable[] xs, boolean createGraph) {
        Map<Variable, Variable> saved = new IdentityHashMap<>();
        Map<Variable, Boolean> stops = new IdentityHashMap<>();
        for (Variable x : xs) {
            stops.put(x, Boolean.TRUE);
        }
        Backprop bp = new Backprop(false, saved, stops);
        Variable[] out = new Variable[xs.length];
        try {
            bp.save(y);
            y.grad = gy;
            if (y.creator != null && !stops.containsKey(y)) {
                bp.loop(y, createGraph);
            }
            for (Variable x : xs) {
                bp.save(x);
            }
            for (int i = 0; i < xs.length; i++) {
                out[i] = xs[i].grad;
            }
        } finally {
            for (Map.Entry<Variable, Variable> e : saved.entrySet()) {
                e.getKey().grad = e.getValue();
            }
        }
        for (int i = 0; i < xs.length; i++) {
            if (out[i] == null) {
                NdArray d = xs[i].data;
                out[i] = new Variable(NdArray.zerosLike(d));
            }
        }
        return out;
    }

    private void save(Variable v) {
        if (!saved.containsKey(v)) {
            saved.put(v, v.grad);
            v.grad = null;
        }
    }

    /** Processes the creator of {@code first} and everything before it. */
    private void loop(Variable first, boolean createGraph) {
        Config.State st = Config.state();
        boolean old = st.grad;
        st.grad = createGraph;
        try {
            first.creator.mark = pass;
            push(first);
            while (size > 0) {
                Variable y = pop();
                if (anomaly) {
                    st.anomalyBackward = y.creator;
                }
                y.creator.backwardStep(this, y);
            }
        } finally {
            st.grad = old;
            st.anomalyBackward = null;
        }
    }

    /** Adds {@code gx} to {@code x.grad} and queues {@code x}'s creator. */
    void accumulate(Function f, Variable x, Variable gx) {
        if (gx == null || x.constant) {
            return;
        }
        if (anomaly) {
            Anomaly.backward(f, x, gx);
        }
        NdArray xd = x.data;
        if (xd != null && !gx.data.shape().equals(xd.shape())) {
            throw new IllegalStateException(f.name() + ".backward: gradient of shape " + gx.data.shape()
                    + " for an input of shape " + xd.shape());
        }
        if (saved != null) {
            save(x);
        }
        Variable g = x.grad;
        x.grad = g == null ? gx : g.add(gx);
        Function c = x.creator;
        if (c != null && c.mark != pass && (stops == null || !stops.containsKey(x))) {
            c.mark = pass;
            push(x);
        }
    }

    /** Queues {@code y}'s creator, keyed by its generation. */
    private void push(Variable y) {
        if (size == heap.length) {
            heap = java.util.Arrays.copyOf(heap, size * 2);
        }
        int i = size++;
        int g = y.creator.generation;
        while (i > 0) {
            int p = (i - 1) >>> 1;
            Variable q = heap[p];
            if (q.creator.generation >= g) {
                break;
            }
            heap[i] = q;
            i = p;
        }
        heap[i] = y;
    }

    private Variable pop() {
        Variable top = heap[0];
        Variable last = heap[--size];
        heap[size] = null;
        if (size > 0) {
            int i = 0;
            int g = last.creator.generation;
            int half = size >>> 1;
            while (i < half) {
                int c = 2 * i + 1;
                Variable cv = heap[c];
                int r = c + 1;
                if (r < size && heap[r].creator.generation > cv.creator.generation) {
                    c = r;
                    cv = heap[r];
                }
                if (g >= cv.creator.generation) {
                    break;
                }
                heap[i] = cv;
                i = c;
            }
            heap[i] = last;
        }
        return top;
    }
}
