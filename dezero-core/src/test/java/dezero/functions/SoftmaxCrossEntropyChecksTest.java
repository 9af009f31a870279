package dezero.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dezero.Variable;
import dezero.ndarray.NdArray;
import org.junit.jupiter.api.Test;

/** softmaxCrossEntropy refuses labels out of range and batch/label size mismatches with clear messages. */
class SoftmaxCrossEntropyChecksTest {
    private static final Variable X = new Variable(NdArray.of(new double[][] {{1, 2, 3}, {0, 0, 1}}));

    @Test
    void labelTooLarge() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> F.softmaxCrossEntropy(X, NdArray.of(new long[] {0, 3})));
        assertEquals("softmaxCrossEntropy: label 3 at index 1 is out of range for 3 classes (labels must lie in"
                + " [0, 3))", e.getMessage());
    }

    @Test
    void negativeLabel() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> F.softmaxCrossEntropy(X, NdArray.of(new long[] {-1, 2})));
        assertTrue(e.getMessage().contains("label -1 at index 0 is out of range"), e.getMessage());
    }

    @Test
    void batchSizeMismatch() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> F.softmaxCrossEntropy(X, NdArray.of(new long[] {0, 1, 2})));
        assertTrue(e.getMessage().contains("(2, 3)") && e.getMessage().contains("(3,)")
                && e.getMessage().contains("batch size"), e.getMessage());
    }

    @Test
    void labelsAtTheEdgesAreFine() {
        double loss = F.softmaxCrossEntropy(X, NdArray.of(new long[] {2, 0})).data().item();
        double expected = (-(3 - Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)))
                - (0 - Math.log(2 + Math.exp(1)))) / 2;
        assertEquals(expected, loss, 1e-14);
    }
}
