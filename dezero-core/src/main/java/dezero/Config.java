package dezero;

/**
 * Thread-local switches of the autodiff engine, DeZero's {@code Config}, scoped with
 * try-with-resources:
 *
 * <pre>{@code
 * try (var g = Config.noGrad()) {      // no graph is recorded inside (inference, parameter updates)
 *     ...
 * }
 * try (var t = Config.testMode()) {    // dropout off, batch norm uses its running statistics
 *     ...
 * }
 * }</pre>
 *
 * Both are on ({@code true}) in a fresh thread. Each thread has its own switches, so a model can be
 * trained in one thread while another evaluates.
 */
public final class Config {
    /** The switches of one thread; mutable, reached only through {@link #state()}. */
    static final class State {
        boolean grad = true;
        boolean train = true;
        /** True while an operation computes the tangent of its outputs (no nested forward mode). */
        boolean inJvp;
        /** NaN checks of {@link #detectAnomaly()}. */
        boolean anomaly;
        /** With {@link #anomaly}: the function whose backward is running, if any. */
        Function anomalyBackward;
    }

    private static final ThreadLocal<State> STATE = ThreadLocal.withInitial(State::new);

    private Config() {
    }

    static State state() {
        return STATE.get();
    }

    /** Whether operations record the graph for backpropagation (DeZero's {@code enable_backprop}). */
    public static boolean isGradEnabled() {
        return STATE.get().grad;
    }

    /** Whether layers behave as in training (DeZero's {@code Config.train}). */
    public static boolean isTrain() {
        return STATE.get().train;
    }

    /** Turns graph recording off until the returned scope is closed (DeZero's {@code no_grad()}). */
    public static Scope noGrad() {
        return setGrad(false);
    }

    /** Turns graph recording on until the returned scope is closed (to differentiate inside a {@link #noGrad()} block). */
    public static Scope enableGrad() {
        return setGrad(true);
    }

    /** Test mode until the returned scope is closed (DeZero's {@code test_mode()}). */
    public static Scope testMode() {
        State s = STATE.get();
        boolean old = s.train;
        s.train = false;
        return new Scope(s, Scope.TRAIN, old);
    }

    /**
     * Until the returned scope is closed, the first function whose forward output or backward
     * gradient contains NaN throws an {@link ArithmeticException} naming it (as PyTorch's anomaly
     * mode). Every array is scanned, so this is for debugging.
     */
    public static Scope detectAnomaly() {
        State s = STATE.get();
        boolean old = s.anomaly;
        s.anomaly = true;
        return new Scope(s, Scope.ANOMALY, old);
    }

    /** Whether {@link #detectAnomaly()} is on. */
    public static boolean isAnomalyDetection() {
        return STATE.get().anomaly;
    }

    static Scope setGrad(boolean on) {
        State s = STATE.get();
        boolean old = s.grad;
        s.grad = on;
        return new Scope(s, Scope.GRAD, old);
    }

    /** Restores the previous value of one switch when closed. Close it in the thread that opened it. */
    public static final class Scope implements AutoCloseable {
        static final int GRAD = 0;
        static final int TRAIN = 1;
        static final int ANOMALY = 2;
        private final State state;
        private final int which;
        private final boolean old;
        private boolean closed;

        Scope(State state, int which, boolean old) {
            this.state = state;
            this.which = which;
            this.old = old;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (which == GRAD) {
                state.grad = old;
            } else if (which == TRAIN) {
                state.train = old;
            } else {
                state.anomaly = old;
            }
        }
    }
}
