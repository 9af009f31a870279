package dezero.examples;

import dezero.Autodiff;
import dezero.UnaryFunction;
import dezero.Variable;
import dezero.ndarray.NdArray;
import dezero.ndarray.RandomState;
import dezero.utils.GradientCheck;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code dezero seed}: the book's steps 1 to 10 written in Java, each printing the numbers the
 * learner's notebook printed. The functions are defined here as a learner would, by extending
 * {@link UnaryFunction} ({@link Square}, {@link Exp}, {@link Cube}).
 */
@Command(name = "seed", mixinStandardHelpOptions = true,
        description = {"Replays the book's steps 1-10 (Variable, Function, numerical and automatic differentiation)"
                + " and prints the values the learner's notebook printed."})
final class SeedCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** {@code y = x²}, dy/dx = 2x. */
    static final class Square extends UnaryFunction {
        @Override
        protected NdArray forward(NdArray x) {
            return x.mul(x);
        }

        @Override
        protected Variable backward(Variable gy) {
            return input().mul(2.0).mul(gy);
        }

        @Override
        protected Variable jvp(Variable x, Variable y, Variable dx) {
            return x.mul(2.0).mul(dx);
        }
    }

    /** {@code y = eˣ}, dy/dx = eˣ. */
    static final class Exp extends UnaryFunction {
        @Override
        protected NdArray forward(NdArray x) {
            return x.exp();
        }

        @Override
        protected Variable backward(Variable gy) {
            return new Variable(input().data().exp()).mul(gy);
        }

        @Override
        protected Variable jvp(Variable x, Variable y, Variable dx) {
            return new Variable(y.data()).mul(dx);
        }
    }

    /** {@code y = x³}, dy/dx = 3x². */
    static final class Cube extends UnaryFunction {
        @Override
        protected NdArray forward(NdArray x) {
            return x.mul(x).mul(x);
        }

        @Override
        protected Variable backward(Variable gy) {
            Variable x = input();
            return x.mul(x).mul(3.0).mul(gy);
        }

        @Override
        protected Variable jvp(Variable x, Variable y, Variable dx) {
            return x.mul(x).mul(3.0).mul(dx);
        }
    }

    static Variable square(Variable x) {
        return new Square().apply(x);
    }

    static Variable exp(Variable x) {
        return new Exp().apply(x);
    }

    static Variable cube(Variable x) {
        return new Cube().apply(x);
    }

    /** The number as NumPy prints a 0-d array (Python's repr of the scalar). */
    private static String num(NdArray a) {
        return a.toString();
    }

    private static String num(Variable v) {
        return num(v.data());
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();

        // step 1: a Variable is a box holding an array
        Variable v = new Variable(NdArray.of(1.0));
        String first = num(v);
        v.setData(NdArray.of(2.0));
        out.println("step 1   Variable: data " + first + ", after setData " + num(v));

        // step 2: a Function maps variables to variables
        Variable y2 = square(new Variable(NdArray.of(10L)));
        out.println("step 2   Square of 10: " + y2.getClass().getSimpleName() + " holding " + num(y2));

        // step 3: functions chain
        Variable x = new Variable(NdArray.of(0.5));
        out.println("step 3   square(exp(square(0.5))) = " + num(square(exp(square(x)))));

        // step 4: numerical differentiation by central differences, eps = 1e-4
        out.println("step 4   numerical_diff(square, 2.0) = "
                + num(GradientCheck.numericalDiff(SeedCommand::square, new Variable(NdArray.of(2.0)))));
        UnaryOperator<Variable> f = t -> square(exp(square(t)));
        out.println("         numerical_diff(square(exp(square(x))), 0.5) = "
                + num(GradientCheck.numericalDiff(f, new Variable(NdArray.of(0.5)))));

        // step 6: backpropagation by hand, calling each function's backward in reverse order
        Square a = new Square();
        Exp b = new Exp();
        Square c = new Square();
        Variable x6 = new Variable(NdArray.of(0.5));
        Variable a6 = a.apply(x6);
        Variable b6 = b.apply(a6);
        Variable y6 = c.apply(b6);
        y6.setGrad(new Variable(NdArray.of(1.0)));
        b6.setGrad(c.backward(y6.grad()));
        a6.setGrad(b.backward(b6.grad()));
        x6.setGrad(a.backward(a6.grad()));
        out.println("step 6   backward by hand: x.grad = " + num(x6.grad()));

        // steps 7-8: the variables remember their creators, backward walks the graph
        Variable x7 = new Variable(NdArray.of(0.5));
        Variable y7 = c7(x7);
        y7.setGrad(new Variable(NdArray.of(1.0)));
        y7.backward();
        out.println("step 7-8 automatic backward: x.grad = " + num(x7.grad()));

        // step 9: functions as methods, the seed gradient set by backward itself
        Variable x9 = new Variable(NdArray.of(0.5));
        Variable y9 = square(exp(square(x9)));
        y9.backward();
        out.println("step 9   square(exp(square(x))).backward(): x.grad = " + num(x9.grad()));

        Variable xc = new Variable(NdArray.of(0.5));
        Variable yc = cube(exp(square(xc)));
        yc.backward();
        UnaryOperator<Variable> g = t -> cube(exp(square(t)));
        out.println("         cube(exp(square(x))): backprop " + num(xc.grad()) + ", numerical "
                + num(GradientCheck.numericalDiff(g, new Variable(NdArray.of(0.5)))));

        // forward mode: the tangent dv/dx of each intermediate v, carried along with the values
        Variable one = new Variable(NdArray.of(1.0));
        Variable x0 = new Variable(NdArray.of(0.5));
        out.println("         forward mode, dv/dx along x, square, exp, cube: "
                + num(Autodiff.jvp(t -> t, x0, one).tangent()) + ", "
                + num(Autodiff.jvp(SeedCommand::square, x0, one).tangent()) + ", "
                + num(Autodiff.jvp(t -> exp(square(t)), x0, one).tangent()) + ", "
                + num(Autodiff.jvp(g, x0, one).tangent()));

        out.println("         Variable.of(1.0): " + refusal(1.0) + "; new Variable(null): ok (data set later);"
                + " Variable.of(\"1.0\"): " + refusal("1.0"));

        // step 10: the tests of Square
        Variable x10 = new Variable(NdArray.of(3.0));
        Variable y10 = square(x10);
        y10.backward();
        Variable xr = new Variable(new RandomState(0).rand(1));   // np.random.rand(1)
        String check;
        try {
            GradientCheck.gradientCheck(t -> square(t).sum(), xr);
            check = "passed";
        } catch (AssertionError e) {
            check = "FAILED: " + e.getMessage();
        }
        out.println("step 10  tests: square(2.0) = " + num(square(new Variable(NdArray.of(2.0))))
                + ", gradient at 3.0 = " + num(x10.grad()) + ", gradient check at random x = " + check);
        out.flush();
        return check.equals("passed") ? 0 : Main.EXIT_FAILURE;
    }

    /** {@code square(exp(square(x)))} made of separate function objects, as in steps 7 and 8. */
    private static Variable c7(Variable x) {
        Square a = new Square();
        Exp b = new Exp();
        Square c = new Square();
        return c.apply(b.apply(a.apply(x)));
    }

    /**
     * Step 9's rule: a variable holds an array. {@code new Variable(...)} takes an {@code NdArray}, so the
     * compiler refuses {@code new Variable(1.0)}; {@code Variable.of} wraps Java numbers and arrays
     * (as {@code np.array} would) and refuses anything else at run time, as DeZero raises
     * {@code TypeError: <class 'float'> is not supported}.
     */
    static String refusal(Object data) {
        try {
            return "accepted, " + Variable.of(data);
        } catch (IllegalArgumentException e) {
            return "refused: " + e.getMessage();
        }
    }
}
