package dezero.examples;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeedCommandTest {
    @Test
    void printsTheNotebooksNumbers() {
        String out = Cli.run("seed").expect(0).out;
        String[] expected = {
            "data 1.0, after setData 2.0",
            "Square of 10: Variable holding 100",
            "square(exp(square(0.5))) = 1.648721270700128",
            "numerical_diff(square, 2.0) = 4.000000000004",
            "numerical_diff(square(exp(square(x))), 0.5) = 3.2974426293330694",
            "backward by hand: x.grad = 3.297442541400256",
            "automatic backward: x.grad = 3.297442541400256",
            "square(exp(square(x))).backward(): x.grad = 3.297442541400256",
            "backprop 6.351000049838023, numerical 6.351000335633739",
            "1.0, 1.0, 1.2840254166877414, 6.351000049838023",
            "Variable.of(1.0): accepted, variable(1.0); new Variable(null): ok (data set later);"
                + " Variable.of(\"1.0\"): refused: Variable.of: java.lang.String is not supported",
            "square(2.0) = 4.0, gradient at 3.0 = 6.0, gradient check at random x = passed",
        };
        for (String e : expected) {
            assertTrue(out.contains(e), () -> "missing '" + e + "' in:\n" + out);
        }
        assertEquals(12, out.lines().count(), out);
    }

    @Test
    void nonArrayDataIsRefusedAtRunTime() {
        assertEquals("accepted, variable([1. 2.])", SeedCommand.refusal(new double[] {1, 2}));
        assertEquals("refused: Variable.of: java.lang.Boolean is not supported (give an NdArray, a Java number,"
                + " or a double[], double[][], float[], float[][], long[] or int[])", SeedCommand.refusal(true));
    }
}
