package dezero.data;

import static dezero.data.Fixtures.assertBitEqual;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dezero.ndarray.DType;
import dezero.ndarray.RandomState;
import dezero.ndarray.Shape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpiralTest {

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void bitExactWithNumPy(boolean train) {
        String split = train ? "train" : "test";
        Spiral s = new Spiral(train);
        assertEquals(train, s.train());
        assertEquals(300, s.size());
        assertEquals(DType.FLOAT32, s.data().dtype());
        assertEquals(Shape.of(300, 2), s.data().shape());
        assertEquals(DType.INT64, s.label().dtype());
        assertBitEqual(Fixtures.load("spiral_" + split + "_x"), s.data(), "spiral " + split + " x");
        assertBitEqual(Fixtures.load("spiral_" + split + "_t"), s.label(), "spiral " + split + " t");
        // like np.random.seed in get_spiral, the global stream continues from the spiral's draws
        assertBitEqual(Fixtures.load("spiral_" + split + "_next_rand"), RandomState.global().rand(4),
                "global stream after the spiral");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void getSpiralIsTheDatasetsArrays(boolean train) {
        RandomState.seed(99); // get_spiral reseeds, so earlier draws do not matter
        RandomState.global().randn(17);
        Batch xt = Spiral.getSpiral(train);
        Spiral s = new Spiral(train);
        assertEquals(s.data(), xt.x());
        assertEquals(s.label(), xt.t());
        long[] counts = new long[3];
        for (long c : xt.t().toLongArray()) {
            counts[(int) c]++;
        }
        assertEquals(100, counts[0]);
        assertEquals(100, counts[1]);
        assertEquals(100, counts[2]);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void examplesAndTrainDiffersFromTest(boolean train) {
        Spiral s = new Spiral(train);
        Example e = s.get(7);
        assertEquals(Shape.of(2), e.x().shape());
        assertEquals(Shape.scalar(), e.t().shape());
        assertEquals(s.data().get(7, 0), e.x().get(0));
        assertEquals(s.label().getLong(7), e.t().getLong());
        assertFalse(new Spiral(!train).data().equals(s.data()));
    }
}
