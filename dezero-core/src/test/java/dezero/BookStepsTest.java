package dezero;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dezero.functions.F;
import dezero.ndarray.NdArray;
import dezero.utils.GradientCheck;
import dezero.utils.Graphs;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The demos of the book's steps 1-36 (stages 1-3), written with this API, asserting what the book's
 * programs print (numbers as NumPy prints them; the book's own DeZero gives the same text).
 */
class BookStepsTest {
    private static Variable scalar(double v) {
        return new Variable(NdArray.of(v));
    }

    /** The composite of steps 3-9: square(exp(square(x))). */
    private static Variable composite(Variable x) {
        return F.square(F.exp(F.square(x)));
    }

    @Test
    void step01VariableHoldsData() {
        Variable x = scalar(1.0);
        assertEquals("1.0", x.data().toString());
        x.setData(NdArray.of(2.0));
        assertEquals("2.0", x.data().toString());
    }

    @Test
    void step02FunctionOnAVariable() {
        Variable y = F.square(new Variable(NdArray.of(10L)));
        assertEquals(Variable.class, y.getClass());
        assertEquals("100", y.data().toString());
    }

    @Test
    void step03ChainOfFunctions() {
        assertEquals("1.648721270700128", composite(scalar(0.5)).data().toString());
    }

    @Test
    void step04NumericalDifferentiation() {
        assertEquals("4.000000000004", GradientCheck.numericalDiff(F::square, scalar(2.0)).toString());
        assertEquals("3.2974426293330694", GradientCheck.numericalDiff(BookStepsTest::composite, scalar(0.5))
                .toString());
    }

    @Test
    void step06To09Backpropagation() {
        Variable x = scalar(0.5);
        Variable y = composite(x);
        y.backward();
        assertEquals("3.297442541400256", x.grad().data().toString());
    }

    @Test
    void step10SquareGradientCheck() {
        Variable x = new Variable(NdArray.of(new double[] {0.3, -1.2, 2.5}));
        GradientCheck.gradientCheck(F::square, x);
        Variable y = F.square(scalar(3.0));
        y.backward();
        assertEquals(9.0, y.data().item());
    }

    @Test
    void step11And12VariadicAdd() {
        Variable y = F.add(new Variable(NdArray.of(2L)), new Variable(NdArray.of(3L)));
        assertEquals("5", y.data().toString());
    }

    @Test
    void step13MultipleInputsBackward() {
        Variable x = scalar(2.0);
        Variable y = scalar(3.0);
        Variable z = F.add(F.square(x), F.square(y));
        z.backward();
        assertEquals("13.0", z.data().toString());
        assertEquals("4.0", x.grad().data().toString());
        assertEquals("6.0", y.grad().data().toString());
    }

    @Test
    void step14SameVariableTwice() {
        Variable x = scalar(3.0);
        F.add(x, x).backward();
        assertEquals("2.0", x.grad().data().toString());
        x.clearGrad();
        F.add(F.add(x, x), x).backward();
        assertEquals("3.0", x.grad().data().toString());
    }

    @Test
    void step16GenerationOrder() {
        Variable x = scalar(2.0);
        Variable a = F.square(x);
        Variable y = F.add(F.square(a), F.square(a));
        y.backward();
        assertEquals("32.0", y.data().toString());
        assertEquals("64.0", x.grad().data().toString());
    }

    @Test
    void step17MemoryIsFreedBetweenIterations() {
        java.lang.ref.WeakReference<Function> first = null;
        for (int i = 0; i < 10; i++) {
            Variable x = new Variable(NdArray.zeros(10000));
            Variable y = F.square(F.square(F.square(x)));
            if (first == null) {
                first = new java.lang.ref.WeakReference<>(y.creator());
            }
        }
        for (int i = 0; i < 50 && first.get() != null; i++) {
            System.gc();
        }
        assertNull(first.get());
    }

    @Test
    void step18RetainGradAndNoGrad() {
        Variable x0 = scalar(1.0);
        Variable x1 = scalar(1.0);
        Variable t = F.add(x0, x1);
        Variable y = F.add(x0, t);
        y.backward();
        assertNull(y.grad());
        assertNull(t.grad());
        assertEquals("2.0 1.0", x0.grad().data() + " " + x1.grad().data());
        try (Config.Scope g = Config.noGrad()) {
            Variable x = new Variable(NdArray.ones(100, 100, 100));
            Variable z = F.square(F.square(F.square(x)));
            assertNull(z.creator());
        }
    }

    @Test
    void step19NameShapeAndPrinting() {
        Variable x = new Variable(NdArray.of(new long[] {1, 2, 3, 4, 5, 6}, 2, 3));
        x.setName("x");
        assertEquals("x", x.name());
        assertEquals("(2, 3)", x.shape().toString());
        assertEquals("variable([[1 2 3]\n          [4 5 6]])", x.toString());
    }

    @Test
    void step20MulAndAdd() {
        Variable a = scalar(3.0);
        Variable b = scalar(2.0);
        Variable c = scalar(1.0);
        Variable y = a.mul(b).add(c);
        y.backward();
        assertEquals("variable(7.0)", y.toString());
        assertEquals("2.0", a.grad().data().toString());
        assertEquals("3.0", b.grad().data().toString());
    }

    @Test
    void step21OperandsOfOtherTypes() {
        Variable x = scalar(2.0);
        assertEquals("variable(5.0)", x.add(new Variable(NdArray.of(3.0))).toString());
        assertEquals("variable(5.0)", x.add(3.0).toString());
        assertEquals("variable(7.0)", x.mul(3.0).add(1.0).toString());
    }

    @Test
    void step22MoreOperators() {
        Variable x = scalar(2.0);
        assertEquals("variable(-2.0)", x.neg().toString());
        assertEquals("variable(0.0)", x.rsub(2.0).toString());
        assertEquals("variable(1.0)", x.sub(1.0).toString());
        assertEquals("variable(1.5)", x.rdiv(3.0).toString());
        Variable y = x.pow(3);
        y.backward();
        assertEquals("variable(8.0)", y.toString());
        assertEquals("variable(12.0)", x.grad().toString());
    }

    @Test
    void step23Package() {
        Variable x = scalar(1.0);
        Variable y = x.add(3).pow(2);
        y.backward();
        assertEquals("variable(16.0)", y.toString());
        assertEquals("variable(8.0)", x.grad().toString());
    }

    static Variable sphere(Variable x, Variable y) {
        return x.pow(2).add(y.pow(2));
    }

    static Variable matyas(Variable x, Variable y) {
        return x.pow(2).add(y.pow(2)).mul(0.26).sub(x.mul(0.48).mul(y));
    }

    static Variable goldstein(Variable x, Variable y) {
        Variable a = x.add(y).add(1).pow(2);
        Variable b = x.mul(14).rsub(19).add(x.pow(2).mul(3)).sub(y.mul(14)).add(x.mul(6).mul(y)).add(y.pow(2).mul(3));
        Variable c = x.mul(2).sub(y.mul(3)).pow(2);
        Variable d = x.mul(32).rsub(18).add(x.pow(2).mul(12)).add(y.mul(48)).sub(x.mul(36).mul(y))
                .add(y.pow(2).mul(27));
        return a.mul(b).add(1).mul(c.mul(d).add(30));
    }

    @Test
    void step24OptimizationBenchmarkFunctions() {
        Variable x = scalar(1.0);
        Variable y = scalar(1.0);
        goldstein(x, y).backward();
        assertEquals("variable(-5376.0) variable(8064.0)", x.grad() + " " + y.grad());
        x = scalar(1.0);
        y = scalar(1.0);
        sphere(x, y).backward();
        assertEquals("variable(2.0) variable(2.0)", x.grad() + " " + y.grad());
        x = scalar(1.0);
        y = scalar(1.0);
        matyas(x, y).backward();
        assertEquals("variable(0.040000000000000036) variable(0.040000000000000036)", x.grad() + " " + y.grad());
    }

    /** Function name -> count in a DOT text. */
    static Map<String, Integer> functionCounts(String dot) {
        Map<String, Integer> m = new TreeMap<>();
        for (String line : dot.split("\n")) {
            if (line.contains("shape=box")) {
                String name = line.substring(line.indexOf("label=\"") + 7, line.indexOf("\", color"));
                m.merge(name, 1, Integer::sum);
            }
        }
        return m;
    }

    @Test
    void step25And26GraphOfGoldstein() {
        Variable x = scalar(1.0);
        Variable y = scalar(1.0);
        Variable z = goldstein(x, y);
        x.setName("x");
        y.setName("y");
        z.setName("z");
        String dot = Graphs.dotGraph(z, false);
        assertTrue(dot.startsWith("digraph g {\n1 [label=\"z\", color=orange, style=filled]\n"), dot);
        assertTrue(dot.contains("[label=\"x\", color=orange, style=filled]"));
        assertTrue(dot.endsWith("}"));
        // the same 38 functions as the book's graph of goldstein
        assertEquals(Map.of("Add", 10, "Mul", 17, "Pow", 6, "Sub", 5), functionCounts(dot));
    }

    static Variable mySin(Variable x, double threshold) {
        Variable y = null;
        for (int i = 0; i < 100000; i++) {
            BigInteger fact = BigInteger.ONE;
            for (int k = 2; k <= 2 * i + 1; k++) {
                fact = fact.multiply(BigInteger.valueOf(k));
            }
            double c = (i % 2 == 0 ? BigDecimal.ONE : BigDecimal.ONE.negate())
                    .divide(new BigDecimal(fact), MathContext.DECIMAL128).doubleValue();
            Variable t = x.pow(2 * i + 1).mul(c);
            y = y == null ? t.add(0.0) : y.add(t);
            if (Math.abs(t.data().item()) < threshold) {
                break;
            }
        }
        return y;
    }

    @Test
    void step27TaylorSeriesOfSin() {
        Variable x = scalar(Math.PI / 4);
        Variable y = F.sin(x);
        y.backward();
        assertEquals("0.7071067811865475", y.data().toString());
        assertEquals("variable(0.7071067811865476)", x.grad().toString());
        x = scalar(Math.PI / 4);
        y = mySin(x, 1e-4);
        y.backward();
        assertEquals("0.7071064695751781", y.data().toString());
        assertEquals("variable(0.7071032148228457)", x.grad().toString());
        x = scalar(Math.PI / 4);
        y = mySin(x, 1e-150);
        y.backward();
        assertEquals("0.7071067811865475", y.data().toString());
        assertEquals("variable(0.7071067811865475)", x.grad().toString());
    }

    @Test
    void step28RosenbrockGradientDescent() {
        Variable x0 = scalar(0.0);
        Variable x1 = scalar(2.0);
        double lr = 0.001;
        StringBuilder printed = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            printed.append(x0).append(' ').append(x1).append('\n');
            Variable y = x1.sub(x0.pow(2)).pow(2).mul(100).add(x0.sub(1).pow(2));
            x0.clearGrad();
            x1.clearGrad();
            y.backward();
            x0.setData(x0.data().sub(x0.grad().data().mul(lr)));
            x1.setData(x1.data().sub(x1.grad().data().mul(lr)));
        }
        String[] lines = printed.toString().split("\n");
        assertEquals("variable(0.0) variable(2.0)", lines[0]);
        assertEquals("variable(0.002) variable(1.6)", lines[1]);
        assertEquals("variable(0.0052759968) variable(1.2800008)", lines[2]);
        assertEquals("variable(0.009966698110960038) variable(1.0240062072284468)", lines[3]);
        assertEquals("variable(0.683050901186937) variable(0.4650457116280863)", lines[997]);
        assertEquals("variable(0.6834917840420289) variable(0.46565059996514135)", lines[999]);
    }

    private static final String[] NEWTON = {"0 variable(2.0)", "1 variable(1.4545454545454546)",
        "2 variable(1.1510467893775467)", "3 variable(1.0253259289766978)", "4 variable(1.0009084519430513)",
        "5 variable(1.0000012353089454)", "6 variable(1.000000000002289)", "7 variable(1.0)", "8 variable(1.0)",
        "9 variable(1.0)"};

    private static Variable quartic(Variable x) {
        return x.pow(4).sub(x.pow(2).mul(2));
    }

    @Test
    void step29NewtonWithAnalyticSecondDerivative() {
        Variable x = scalar(2.0);
        for (int i = 0; i < 10; i++) {
            assertEquals(NEWTON[i], i + " " + x);
            Variable y = quartic(x);
            x.clearGrad();
            y.backward();
            NdArray gx2 = x.data().pow(2).mul(12).sub(4);
            x.setData(x.data().sub(x.grad().data().div(gx2)));
        }
    }

    @Test
    void step33NewtonWithDoubleBackprop() {
        Variable x = scalar(2.0);
        for (int i = 0; i < 10; i++) {
            assertEquals(NEWTON[i], i + " " + x);
            Variable y = quartic(x);
            x.clearGrad();
            y.backward(Backward.CREATE_GRAPH);
            Variable gx = x.grad();
            x.clearGrad();
            gx.backward();
            Variable gx2 = x.grad();
            x.setData(x.data().sub(gx.data().div(gx2.data())));
        }
    }

    @Test
    void step34HigherDerivativesOfSin() {
        Variable x = new Variable(NdArray.linspace(-7, 7, 200));
        Variable y = F.sin(x);
        y.backward(Backward.CREATE_GRAPH);
        NdArray[] logs = new NdArray[4];
        logs[0] = y.data();
        for (int i = 0; i < 3; i++) {
            logs[i + 1] = x.grad().data();
            Variable gx = x.grad();
            x.clearGrad();
            gx.backward(Backward.CREATE_GRAPH);
        }
        double[][] expected = {{-0.6569865987187891, -0.1510623868615259, 0.6569865987187891},
            {0.7539022543433046, -0.9885242310007877, 0.7539022543433046},
            {0.6569865987187891, 0.1510623868615259, -0.6569865987187891},
            {-0.7539022543433046, 0.9885242310007877, -0.7539022543433046}};
        int[] at = {0, 57, 199};
        for (int k = 0; k < 4; k++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(expected[k][j], logs[k].get(at[j]), "derivative " + k + " at index " + at[j]);
            }
        }
    }

    @Test
    void step35HigherDerivativesOfTanhAndTheirGraphs() {
        double[] values = {0.41997434161402614, -0.6397000084492246, 0.6216266807712962, 0.6650910447505024,
            -5.556893558473722, 13.624075441312101, 12.288367894320414, -277.06213560303127};
        int[] functions = {4, 9, 21, 51, 129, 339, 921, 2571};
        for (int iters = 0; iters < values.length; iters++) {
            Variable x = scalar(1.0);
            Variable y = F.tanh(x);
            y.backward(Backward.CREATE_GRAPH);
            for (int i = 0; i < iters; i++) {
                Variable gx = x.grad();
                x.clearGrad();
                gx.backward(Backward.CREATE_GRAPH);
            }
            Variable gx = x.grad();
            gx.setName("gx" + (iters + 1));
            assertEquals(values[iters], gx.data().item(), Math.ulp(values[iters]) * 4, "derivative " + (iters + 1));
            int n = functionCounts(Graphs.dotGraph(gx, false)).values().stream().mapToInt(Integer::intValue).sum();
            assertEquals(functions[iters], n, "functions in the graph of derivative " + (iters + 1));
        }
    }

    @Test
    void step36DoubleBackpropUses() {
        Variable x = scalar(2.0);
        Variable y = x.pow(2);
        y.backward(Backward.CREATE_GRAPH);
        Variable gx = x.grad();
        x.clearGrad();
        Variable z = gx.pow(3).add(y);
        z.backward();
        assertEquals("variable(100.0)", x.grad().toString());
    }

    @Test
    void seedNotebookValues() {
        UnaryOperator<Variable> triple = v -> F.square(F.exp(F.square(v)));
        assertEquals(3.2974426293330694, GradientCheck.numericalDiff(triple, scalar(0.5)).item());
        Variable x = scalar(0.5);
        F.exp(F.square(x)).pow(3).backward();
        assertEquals(6.351000049838023, x.grad().data().item());
    }
}
