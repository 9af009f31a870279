package dezero.data;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Batches for truncated backpropagation through time over a sequence dataset (DeZero's
 * {@code SeqDataLoader}): the {@code batchSize} rows of a batch follow {@code batchSize} parallel
 * positions of the sequence, {@code jump = size / batchSize} apart; batch {@code k} of an epoch
 * holds the examples {@code (i * jump + k) % size} for {@code i = 0 .. batchSize-1}. An epoch
 * has {@code ceil(size / batchSize)} batches, all of {@code batchSize} rows; nothing is shuffled.
 *
 * <pre>{@code
 * SeqDataLoader loader = new SeqDataLoader(new SinCurve(true), 30);
 * for (Batch b : loader) { ... }          // b.x(): (30, 1), b.t(): (30, 1)
 * }</pre>
 */
public final class SeqDataLoader implements Iterable<Batch> {
    private final Dataset dataset;
    private final int batchSize;

    public SeqDataLoader(Dataset dataset, int batchSize) {
        if (dataset == null) {
            throw new IllegalArgumentException("SeqDataLoader: dataset must not be null");
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("SeqDataLoader: batch size must be positive, got " + batchSize);
        }
        this.dataset = dataset;
        this.batchSize = batchSize;
    }

    public Dataset dataset() {
        return dataset;
    }

    public int batchSize() {
        return batchSize;
    }

    /** The number of batches per epoch: {@code ceil(dataset.size() / batchSize)}. */
    public int numBatches() {
        return DataLoader.ceilDiv(dataset.size(), batchSize);
    }

    /** The dataset indices of batch {@code k} of an epoch. */
    int[] indices(int k) {
        int n = dataset.size();
        int jump = n / batchSize;
        int[] idx = new int[batchSize];
        for (int i = 0; i < batchSize; i++) {
            idx[i] = (int) (((long) i * jump + k) % n);
        }
        return idx;
    }

    /** One epoch. */
    @Override
    public Iterator<Batch> iterator() {
        int count = numBatches();
        return new Iterator<>() {
            private int k;

            @Override
            public boolean hasNext() {
                return k < count;
            }

            @Override
            public Batch next() {
                if (k >= count) {
                    throw new NoSuchElementException("SeqDataLoader: the epoch has no more batches");
                }
                return dataset.batch(indices(k++));
            }
        };
    }

    @Override
    public String toString() {
        return "SeqDataLoader(" + dataset + ", batchSize=" + batchSize + ")";
    }
}
