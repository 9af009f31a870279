package dezero.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dezero.ndarray.NdArray;
import dezero.ndarray.RandomState;
import dezero.ndarray.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DataLoaderTest {

    /** n examples: x_i = (i, -i) as float32, t_i = i, so a batch's t tells which examples it holds. */
    private static ArrayDataset indexed(int n) {
        float[] x = new float[2 * n];
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = i;
            x[2 * i + 1] = -i;
            t[i] = i;
        }
        return new ArrayDataset(NdArray.of(x, n, 2), NdArray.of(t));
    }

    /** The t values of every batch of one epoch, one row per batch. */
    private static List<long[]> epoch(Iterable<Batch> loader) {
        List<long[]> out = new ArrayList<>();
        for (Batch b : loader) {
            out.add(b.t().toLongArray());
        }
        return out;
    }

    private static long[] flat(List<long[]> batches) {
        return batches.stream().flatMapToLong(Arrays::stream).toArray();
    }

    @ParameterizedTest
    @CsvSource({"10, 3", "10, 5", "10, 10", "10, 16", "1, 1", "300, 30", "7, 2"})
    void batchSizesAndEveryIndexOncePerEpoch(int n, int batchSize) {
        DataLoader loader = new DataLoader(indexed(n), batchSize, 123L);
        int expectedBatches = (n + batchSize - 1) / batchSize;
        assertEquals(expectedBatches, loader.numBatches());
        for (int e = 0; e < 3; e++) {
            List<long[]> batches = epoch(loader);
            assertEquals(expectedBatches, batches.size());
            for (int k = 0; k < batches.size(); k++) {
                int size = k < expectedBatches - 1 ? batchSize : n - batchSize * (expectedBatches - 1);
                assertEquals(size, batches.get(k).length, "batch " + k + " of epoch " + e);
            }
            long[] seen = flat(batches);
            Arrays.sort(seen);
            long[] all = new long[n];
            Arrays.setAll(all, i -> i);
            assertArrayEquals(all, seen, "epoch " + e + " must visit every example exactly once");
        }
    }

    @Test
    void batchesHoldTheExamples() {
        DataLoader loader = new DataLoader(indexed(5), 2, false);
        Iterator<Batch> it = loader.iterator();
        Batch b = it.next();
        assertEquals(Shape.of(2, 2), b.x().shape());
        assertArrayEquals(new float[] {0, 0, 1, -1}, b.x().toFloatArray());
        it.next();
        Batch last = it.next();
        assertEquals(Shape.of(1, 2), last.x().shape());
        assertArrayEquals(new long[] {4}, last.t().toLongArray());
        assertFalse(it.hasNext());
        assertThrows(NoSuchElementException.class, it::next);
    }

    @Test
    void withoutShuffleTheOrderIsFixed() {
        DataLoader loader = new DataLoader(indexed(7), 3, false);
        for (int e = 0; e < 2; e++) {
            List<long[]> batches = epoch(loader);
            assertArrayEquals(new long[] {0, 1, 2}, batches.get(0));
            assertArrayEquals(new long[] {3, 4, 5}, batches.get(1));
            assertArrayEquals(new long[] {6}, batches.get(2));
        }
    }

    @Test
    void seededShuffleIsDeterministicAndReshufflesEachEpoch() {
        DataLoader a = new DataLoader(indexed(50), 7, 2024L);
        DataLoader b = new DataLoader(indexed(50), 7, new RandomState(2024));
        long[] firstA = flat(epoch(a));
        long[] firstB = flat(epoch(b));
        assertArrayEquals(firstA, firstB);
        long[] secondA = flat(epoch(a));
        assertArrayEquals(secondA, flat(epoch(b)));
        assertFalse(Arrays.equals(firstA, secondA), "each epoch draws a new permutation");
        assertNotEquals(Arrays.toString(firstA), Arrays.toString(flat(epoch(new DataLoader(indexed(50), 7, 2025L)))));
    }

    @Test
    void ownRandomStateGivesNumPysPermutations() {
        // np.random.RandomState(42).permutation(10), four times
        NdArray perms = Fixtures.load("loader_perms_rs42");
        DataLoader loader = new DataLoader(indexed(10), 3, new RandomState(42));
        for (int e = 0; e < 4; e++) {
            assertArrayEquals(perms.get(dezero.ndarray.Index.at(e)).toLongArray(), flat(epoch(loader)), "epoch " + e);
        }
    }

    @Test
    void globalStreamDrawsLikeDeZero() {
        // np.random.seed(7); DataLoader(ds, 3) draws its first permutation when made, the next one
        // when an epoch ends: the epochs see permutation(10) four times in a row
        NdArray perms = Fixtures.load("loader_perms_global_seed7");
        RandomState.seed(7);
        DataLoader loader = new DataLoader(indexed(10), 3);
        for (int e = 0; e < 4; e++) {
            assertArrayEquals(perms.get(dezero.ndarray.Index.at(e)).toLongArray(), flat(epoch(loader)), "epoch " + e);
        }
    }

    @Test
    void permutationIsDrawnWhenTheLoaderIsMade() {
        RandomState.seed(7);
        DataLoader loader = new DataLoader(indexed(10), 3);
        RandomState.global().rand(5); // other draws between construction and the first epoch
        long[] expected = Fixtures.load("loader_perms_global_seed7").get(dezero.ndarray.Index.at(0)).toLongArray();
        assertArrayEquals(expected, flat(epoch(loader)));
    }

    @Test
    void abandonedEpochStartsAFreshOne() {
        DataLoader loader = new DataLoader(indexed(10), 3, 5L);
        Iterator<Batch> it = loader.iterator();
        it.next(); // leave the epoch early
        long[] next = flat(epoch(loader));
        long[] sorted = next.clone();
        Arrays.sort(sorted);
        assertArrayEquals(new long[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, sorted);
        assertEquals(4, epoch(loader).size());
    }

    @Test
    void badArguments() {
        assertThrows(IllegalArgumentException.class, () -> new DataLoader(indexed(3), 0));
        assertThrows(IllegalArgumentException.class, () -> new DataLoader(null, 3));
        assertThrows(IllegalArgumentException.class, () -> new SeqDataLoader(indexed(3), -1));
    }

    @Test
    void seqDataLoaderOffsetsAsDeZero() {
        // DeZero's SeqDataLoader on 10 examples with batch size 3: jump = 3, 4 batches,
        // batch k holds (i * 3 + k) % 10 for i = 0, 1, 2
        SeqDataLoader loader = new SeqDataLoader(indexed(10), 3);
        assertEquals(4, loader.numBatches());
        for (int e = 0; e < 2; e++) {
            List<long[]> batches = epoch(loader);
            assertEquals(4, batches.size());
            assertArrayEquals(new long[] {0, 3, 6}, batches.get(0));
            assertArrayEquals(new long[] {1, 4, 7}, batches.get(1));
            assertArrayEquals(new long[] {2, 5, 8}, batches.get(2));
            assertArrayEquals(new long[] {3, 6, 9}, batches.get(3));
        }
    }

    @ParameterizedTest
    @CsvSource({"999, 30", "1000, 1", "10, 4", "5, 7"})
    void seqDataLoaderFormula(int n, int batchSize) {
        SeqDataLoader loader = new SeqDataLoader(indexed(n), batchSize);
        int jump = n / batchSize;
        List<long[]> batches = epoch(loader);
        assertEquals((n + batchSize - 1) / batchSize, batches.size());
        for (int k = 0; k < batches.size(); k++) {
            long[] b = batches.get(k);
            assertEquals(batchSize, b.length);
            for (int i = 0; i < batchSize; i++) {
                assertEquals((long) (i * jump + k) % n, b[i], "batch " + k + " row " + i);
            }
        }
    }
}
