package dezero.data;

import dezero.ndarray.RandomState;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Mini-batches of a {@link Dataset}, one epoch per {@link #iterator()} (DeZero's
 * {@code DataLoader}): {@code ceil(size / batchSize)} batches, the last one smaller when the batch
 * size does not divide the dataset, every example exactly once per epoch.
 *
 * <p>With shuffling, each epoch visits the examples in the order of a fresh permutation. As in
 * DeZero, the permutation for an epoch is drawn ahead: the first when the loader is made, the
 * next when an epoch's iterator is used up ({@code reset()}); so a loader that shuffles with the
 * global {@link RandomState} draws from it at the same moments as DeZero's, and a training run
 * replays DeZero's numbers. An epoch left before its end makes the next {@code iterator()} draw a
 * fresh permutation. Not thread-safe.
 *
 * <pre>{@code
 * DataLoader loader = new DataLoader(new Spiral(true), 30);    // shuffled by the global stream
 * DataLoader seeded = new DataLoader(train, 100, 42L);         // its own RandomState(42)
 * for (int epoch = 0; epoch < 300; epoch++) {
 *     for (Batch b : loader) { ... b.x() ... b.t() ... }
 * }
 * }</pre>
 */
public final class DataLoader implements Iterable<Batch> {
    private final Dataset dataset;
    private final int batchSize;
    private final boolean shuffle;
    /** The stream permutations are drawn from; {@code null}: the global one, looked up at each draw. */
    private final RandomState random;
    /** The order of the next epoch, drawn ahead; {@code null} once taken by an iterator. */
    private int[] next;

    /** Shuffled batches, the permutations drawn from the global {@link RandomState} (DeZero's default). */
    public DataLoader(Dataset dataset, int batchSize) {
        this(dataset, batchSize, true);
    }

    /** Shuffled (by the global {@link RandomState}) or in order. */
    public DataLoader(Dataset dataset, int batchSize, boolean shuffle) {
        this(dataset, batchSize, shuffle, null);
    }

    /** Shuffled by a {@code RandomState} of its own seeded with {@code seed}. */
    public DataLoader(Dataset dataset, int batchSize, long seed) {
        this(dataset, batchSize, true, new RandomState(seed));
    }

    /** Shuffled by the permutations of {@code random}. */
    public DataLoader(Dataset dataset, int batchSize, RandomState random) {
        this(dataset, batchSize, true, requireRandom(random));
    }

    private DataLoader(Dataset dataset, int batchSize, boolean shuffle, RandomState random) {
        if (dataset == null) {
            throw new IllegalArgumentException("DataLoader: dataset must not be null");
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("DataLoader: batch size must be positive, got " + batchSize);
        }
        this.dataset = dataset;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.random = random;
        this.next = order();
    }

    private static RandomState requireRandom(RandomState random) {
        if (random == null) {
            throw new IllegalArgumentException("DataLoader: random must not be null");
        }
        return random;
    }

    public Dataset dataset() {
        return dataset;
    }

    public int batchSize() {
        return batchSize;
    }

    public boolean shuffle() {
        return shuffle;
    }

    /** The number of batches per epoch: {@code ceil(dataset.size() / batchSize)}. */
    public int numBatches() {
        return ceilDiv(dataset.size(), batchSize);
    }

    static int ceilDiv(int n, int d) {
        return (int) (((long) n + d - 1) / d);
    }

    /** The visiting order of one epoch: a permutation, or {@code 0, 1, ..., n-1}. */
    private int[] order() {
        int n = dataset.size();
        int[] order = new int[n];
        if (!shuffle) {
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            return order;
        }
        RandomState rs = random != null ? random : RandomState.global();
        long[] p = rs.permutation(n).toLongArray();
        for (int i = 0; i < n; i++) {
            order[i] = (int) p[i];
        }
        return order;
    }

    /** One epoch: the batches in this epoch's order. */
    @Override
    public Iterator<Batch> iterator() {
        int[] order = next != null ? next : order();
        next = null;
        return new Epoch(order);
    }

    private final class Epoch implements Iterator<Batch> {
        private final int[] order;
        private int start;
        private boolean finished;

        Epoch(int[] order) {
            this.order = order;
        }

        @Override
        public boolean hasNext() {
            if (start < order.length) {
                return true;
            }
            if (!finished) {
                finished = true;
                if (next == null) {
                    next = order();    // DeZero's reset() at the end of an epoch
                }
            }
            return false;
        }

        @Override
        public Batch next() {
            if (!hasNext()) {
                throw new NoSuchElementException("DataLoader: the epoch has no more batches");
            }
            int end = Math.min(order.length, start + batchSize);
            int[] indices = Arrays.copyOfRange(order, start, end);
            start = end;
            return dataset.batch(indices);
        }
    }

    @Override
    public String toString() {
        return "DataLoader(" + dataset + ", batchSize=" + batchSize + ", shuffle=" + shuffle + ")";
    }
}
