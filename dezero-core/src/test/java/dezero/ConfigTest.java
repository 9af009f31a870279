package dezero;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dezero.ndarray.NdArray;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ConfigTest {
    @Test
    void scopesNestAndRestore() {
        assertTrue(Config.isGradEnabled());
        try (Config.Scope a = Config.noGrad()) {
            assertFalse(Config.isGradEnabled());
            try (Config.Scope b = Config.enableGrad()) {
                assertTrue(Config.isGradEnabled());
            }
            assertFalse(Config.isGradEnabled());
            try (Config.Scope c = Config.noGrad()) {
                assertFalse(Config.isGradEnabled());
            }
            assertFalse(Config.isGradEnabled());
        }
        assertTrue(Config.isGradEnabled());
    }

    @Test
    void testModeIsScoped() {
        assertTrue(Config.isTrain());
        try (Config.Scope t = Config.testMode()) {
            assertFalse(Config.isTrain());
            assertTrue(Config.isGradEnabled());
        }
        assertTrue(Config.isTrain());
    }

    @Test
    void closingTwiceIsHarmless() {
        Config.Scope outer = Config.noGrad();
        Config.Scope inner = Config.noGrad();
        inner.close();
        inner.close();
        assertFalse(Config.isGradEnabled());
        outer.close();
        assertTrue(Config.isGradEnabled());
    }

    @Test
    void modesArePerThread() throws InterruptedException {
        AtomicBoolean otherGrad = new AtomicBoolean();
        AtomicBoolean otherTrain = new AtomicBoolean();
        Variable[] made = new Variable[1];
        try (Config.Scope g = Config.noGrad(); Config.Scope t = Config.testMode()) {
            Thread th = new Thread(() -> {
                otherGrad.set(Config.isGradEnabled());
                otherTrain.set(Config.isTrain());
                made[0] = new Variable(NdArray.of(1.0)).mul(2.0);
            });
            th.start();
            th.join();
            Variable here = new Variable(NdArray.of(1.0)).mul(2.0);
            assertNull(here.creator());
        }
        assertTrue(otherGrad.get());
        assertTrue(otherTrain.get());
        assertNotNull(made[0].creator());
    }
}
