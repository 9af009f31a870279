package dezero.examples;

import dezero.ndarray.NdArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The per-epoch figures of a training run: the mean training loss and accuracy over the epoch's
 * batches, and the test loss and accuracy after the epoch ({@code NaN} without a test set).
 */
final class History {
    private final List<double[]> rows = new ArrayList<>();

    static final String[] KEYS = {"loss", "acc", "test_loss", "test_acc"};

    void add(double loss, double acc, double testLoss, double testAcc) {
        rows.add(new double[] {loss, acc, testLoss, testAcc});
    }

    int epochs() {
        return rows.size();
    }

    /** Column {@code k} ({@link #KEYS}) over the epochs. */
    double[] column(int k) {
        double[] c = new double[rows.size()];
        for (int i = 0; i < c.length; i++) {
            c[i] = rows.get(i)[k];
        }
        return c;
    }

    double[] loss() {
        return column(0);
    }

    double[] acc() {
        return column(1);
    }

    double[] testLoss() {
        return column(2);
    }

    double[] testAcc() {
        return column(3);
    }

    double lastLoss() {
        return rows.get(rows.size() - 1)[0];
    }

    double lastAcc() {
        return rows.get(rows.size() - 1)[1];
    }

    double lastTestLoss() {
        return rows.get(rows.size() - 1)[2];
    }

    double lastTestAcc() {
        return rows.get(rows.size() - 1)[3];
    }

    boolean hasTest() {
        return !rows.isEmpty() && !Double.isNaN(rows.get(0)[2]);
    }

    /** The history as float64 arrays {@code <prefix>loss}, ... (an empty history gives empty arrays). */
    void putInto(Map<String, NdArray> arrays, String prefix) {
        for (int k = 0; k < KEYS.length; k++) {
            double[] c = column(k);
            arrays.put(prefix + KEYS[k], c.length == 0 ? NdArray.zeros(0) : NdArray.of(c));
        }
    }

    /** The history saved by {@link #putInto}. */
    static History from(Map<String, NdArray> arrays, String prefix) {
        double[][] cols = new double[KEYS.length][];
        for (int k = 0; k < KEYS.length; k++) {
            NdArray a = arrays.get(prefix + KEYS[k]);
            if (a == null || a.ndim() != 1) {
                throw new IllegalArgumentException("training state: missing or malformed '" + prefix + KEYS[k] + "'");
            }
            cols[k] = a.toDoubleArray();
            if (cols[k].length != cols[0].length) {
                throw new IllegalArgumentException("training state: '" + prefix + KEYS[k] + "' has "
                        + cols[k].length + " epochs, '" + prefix + KEYS[0] + "' " + cols[0].length);
            }
        }
        History h = new History();
        for (int i = 0; i < cols[0].length; i++) {
            h.add(cols[0][i], cols[1][i], cols[2][i], cols[3][i]);
        }
        return h;
    }
}
