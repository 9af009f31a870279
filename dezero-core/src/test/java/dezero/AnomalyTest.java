package dezero;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dezero.functions.F;
import dezero.ndarray.NdArray;
import org.junit.jupiter.api.Test;

/** {@link Config#detectAnomaly()}: the first function producing NaN is named, forward or backward. */
class AnomalyTest {
    @Test
    void offByDefaultAndScoped() {
        assertFalse(Config.isAnomalyDetection());
        try (var a = Config.detectAnomaly()) {
            assertTrue(Config.isAnomalyDetection());
            try (var b = Config.detectAnomaly()) {
                assertTrue(Config.isAnomalyDetection());
            }
            assertTrue(Config.isAnomalyDetection());
        }
        assertFalse(Config.isAnomalyDetection());
        // without the switch NaN passes silently
        Variable y = F.log(new Variable(NdArray.of(new double[] {-1, 2})));
        assertTrue(Double.isNaN(y.data().get(0)));
    }

    @Test
    void forwardNaNNamesTheFunction() {
        Variable x = new Variable(NdArray.of(new double[] {1, -1, 4}));
        try (var a = Config.detectAnomaly()) {
            Variable s = F.exp(x); // fine
            ArithmeticException e = assertThrows(ArithmeticException.class, () -> F.sqrt(x.sub(2.0)).mul(s));
            assertTrue(e.getMessage().contains("Sqrt.forward produced NaN"), e.getMessage());
            assertTrue(e.getMessage().contains("(3,)"), e.getMessage());
            assertFalse(e.getMessage().contains("already in input"), e.getMessage());
        }
    }

    @Test
    void nanInTheDataIsReportedAsAlreadyInTheInput() {
        Variable x = new Variable(NdArray.of(new double[] {1, Double.NaN}));
        try (var a = Config.detectAnomaly()) {
            ArithmeticException e = assertThrows(ArithmeticException.class, () -> x.mul(2.0));
            assertTrue(e.getMessage().contains("NaN already in input 0"), e.getMessage());
        }
    }

    @Test
    void backwardNaNNamesTheFunction() {
        // sqrt(x) at 0: forward 0, backward 0 * inf = NaN in the gradient of mul's input
        Variable x = new Variable(NdArray.of(new double[] {0, 4}));
        Variable y = F.sqrt(x).mul(new Variable(NdArray.of(new double[] {0, 1})));
        try (var a = Config.detectAnomaly()) {
            ArithmeticException e = assertThrows(ArithmeticException.class, () -> y.backward());
            assertTrue(e.getMessage().contains("Sqrt.backward produced NaN"), e.getMessage());
            assertTrue(e.getMessage().contains("(in Div, output 0)"), e.getMessage());
        }
        x.clearGrad();
        Variable z = F.sqrt(x).mul(new Variable(NdArray.of(new double[] {0, 1})));
        z.backward(); // without the switch: NaN in the gradient, no error
        assertTrue(Double.isNaN(x.grad().data().get(0)));
    }

    @Test
    void infinityAloneIsNotAnAnomaly() {
        try (var a = Config.detectAnomaly()) {
            Variable y = F.exp(new Variable(NdArray.of(new double[] {1000, -1000})));
            assertEquals(Double.POSITIVE_INFINITY, y.data().get(0));
            Variable z = new Variable(NdArray.of(new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}))
                    .mul(1.0);
            assertTrue(Double.isInfinite(z.data().get(1)));
        }
    }
}
