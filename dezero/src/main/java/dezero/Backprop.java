package dezero;

import dezero.ndarray.NdArray;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One backward pass: a max-heap of functions by generation, each function processed once, no
 * recursion (a chain of a million functions backpropagates in constant stack).
 */
final class Backprop {
    private static final AtomicInteger PASSES = new AtomicInteger();

    final boolean retainGrad;
    private final int pass;
    private Function[] heap = new Function[16];
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
        Function f = y.creator;
        if (f == null) {
            return;
        }
        new Backprop(retainGrad, null, null).loop(f, createGraph);
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
                bp.loop(y.creator, createGraph);
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

    private void loop(Function first, boolean createGraph) {
        Config.State st = Config.state();
        boolean old = st.grad;
        st.grad = createGraph;
        try {
            first.mark = pass;
            push(first);
            while (size > 0) {
                pop().backwardStep(this);
            }
        } finally {
            st.grad = old;
        }
    }

    /** Adds {@code gx} to {@code x.grad} and queues {@code x}'s creator. */
    void accumulate(Function f, Variable x, Variable gx) {
        if (gx == null) {
            return;
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
            push(c);
        }
    }

    private void push(Function f) {
        if (size == heap.length) {
            heap = java.util.Arrays.copyOf(heap, size * 2);
        }
        int i = size++;
        int g = f.generation;
        while (i > 0) {
            int p = (i - 1) >>> 1;
            Function q = heap[p];
            if (q.generation >= g) {
                break;
            }
            heap[i] = q;
            i = p;
        }
        heap[i] = f;
    }

    private Function pop() {
        Function top = heap[0];
        Function last = heap[--size];
        heap[size] = null;
        if (size > 0) {
            int i = 0;
            int g = last.generation;
            int half = size >>> 1;
            while (i < half) {
                int c = 2 * i + 1;
                Function cf = heap[c];
                int r = c + 1;
                if (r < size && heap[r].generation > cf.generation) {
                    c = r;
                    cf = heap[r];
                }
                if (g >= cf.generation) {
                    break;
                }
                heap[i] = cf;
                i = c;
            }
            heap[i] = last;
        }
        return top;
    }
}
