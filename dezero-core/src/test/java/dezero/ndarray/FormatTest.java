package dezero.ndarray;

import static dezero.ndarray.IndexingFixtures.array;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FormatTest {

    static Stream<Arguments> arrays() {
        List<Map<String, Object>> cases = IndexingFixtures.cases("format.json");
        return IntStream.range(0, cases.size()).mapToObj(i -> Arguments.of(i, cases.get(i)));
    }

    @ParameterizedTest(name = "str(array) case {0}")
    @MethodSource("arrays")
    @SuppressWarnings("unchecked")
    void printsLikeNumpy(int n, Map<String, Object> c) {
        NdArray a = array((Map<String, Object>) c.get("array"));
        assertEquals(c.get("str"), a.toString(), () -> a.dtype() + " " + a.shape());
    }

    static Stream<Arguments> scalars() {
        @SuppressWarnings("unchecked")
        Map<String, Object> byType = (Map<String, Object>) ((Map<String, Object>) IndexingFixtures.load("scalars.json")).get("cases");
        return Stream.of("float64", "float32", "int64").map(t -> Arguments.of(t, byType.get(t)));
    }

    /** A 0-d array prints as Python prints the scalar: {@code repr(float)} / NumPy's float32 str. */
    @ParameterizedTest(name = "0-d {0}")
    @MethodSource("scalars")
    @SuppressWarnings("unchecked")
    void zeroDimensionalArraysPrintLikeScalars(String dtype, List<List<Object>> cases) {
        for (List<Object> c : cases) {
            Number v = (Number) c.get(0);
            NdArray a;
            switch (dtype) {
                case "float64":
                    a = NdArray.of(v.doubleValue());
                    break;
                case "float32":
                    a = NdArray.of(v.floatValue());
                    break;
                default:
                    a = NdArray.of(v.longValue());
            }
            assertEquals(c.get(1), a.toString(), () -> dtype + " " + v);
        }
    }

    @Test
    void knownStrings() {
        assertEquals("0.5", NdArray.of(0.5).toString());
        assertEquals("6.351000049838023", NdArray.of(6.351000049838023).toString());
        assertEquals("0.1", NdArray.of(0.1f).toString());
        assertEquals("1e-05", NdArray.of(1e-5).toString());
        assertEquals("3", NdArray.of(3L).toString());
        assertEquals("[1 2 3]", NdArray.of(new long[] {1, 2, 3}).toString());
        assertEquals("[[1. 2.]\n [3. 4.]]", NdArray.of(new double[][] {{1, 2}, {3, 4}}).toString());
        assertEquals("[1.  0.5]", NdArray.of(new double[] {1, 0.5}).toString());
        assertEquals("[0.1 0.2 0.3]", NdArray.of(new float[] {0.1f, 0.2f, 0.3f}).toString());
        assertEquals("[1.e-05 1.e+00]", NdArray.of(new double[] {1e-5, 1}).toString());
        assertEquals("[ 1. nan]", NdArray.of(new double[] {1, Double.NaN}).toString());
    }

    @Test
    void indentIsPrependedToEveryLineAfterTheFirst() {
        NdArray m = NdArray.of(new double[][] {{1, 2}, {3, 4}});
        assertEquals("variable([[1. 2.]\n          [3. 4.]])", "variable(" + m.toString("         ") + ")");
        NdArray cube = NdArray.of(new long[] {1, 2, 3, 4, 5, 6, 7, 8}, 2, 2, 2);
        assertEquals("[[[1 2]\n  [3 4]]\n\n [[5 6]\n  [7 8]]]", cube.toString());
        assertEquals("[[[1 2]\n>>  [3 4]]\n>>\n>> [[5 6]\n>>  [7 8]]]", cube.toString(">>"));
        assertEquals("0.5", NdArray.of(0.5).toString("    "));
    }

    @Test
    void printsStridedViews() {
        NdArray a = NdArray.of(new double[] {0, 1, 2, 3, 4, 5}, 2, 3);
        assertEquals("[[5. 2.]\n [4. 1.]\n [3. 0.]]",
                a.transpose().get(Index.slice(null, null, -1), Index.slice(null, null, -1)).toString());
    }
}
