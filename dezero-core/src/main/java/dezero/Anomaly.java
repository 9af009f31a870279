package dezero;

import dezero.ndarray.NdArray;

/**
 * The checks of {@link Config#detectAnomaly()}: the first function whose forward outputs or
 * backward gradients contain NaN throws an {@link ArithmeticException} naming it.
 */
final class Anomaly {
    private Anomaly() {
    }

    static boolean hasNaN(NdArray a) {
        if (a == null || !a.dtype().isFloating() || a.size() == 0) {
            return false;
        }
        // a NaN makes the sum NaN; a NaN sum without NaN elements (inf - inf) is ruled out by x == x
        return Double.isNaN(a.sum().item()) && a.eq(a).min().item() == 0;
    }

    /** After {@code f.forward}: throws if an output holds NaN. */
    static void forward(Function f, NdArray[] outs, Variable... inputs) {
        for (int i = 0; i < outs.length; i++) {
            if (hasNaN(outs[i])) {
                StringBuilder in = new StringBuilder();
                for (int j = 0; j < inputs.length; j++) {
                    if (hasNaN(inputs[j].data)) {
                        in.append(in.length() == 0 ? " (NaN already in input " : ", ").append(j);
                    }
                }
                if (in.length() > 0) {
                    in.append(')');
                }
                Function b = Config.state().anomalyBackward;
                String where = b == null ? f.name() + ".forward produced NaN in output " + i
                        : b.name() + ".backward produced NaN (in " + f.name() + ", output " + i + ")";
                throw new ArithmeticException("detectAnomaly: " + where + " of shape " + outs[i].shape() + in);
            }
        }
    }

    /** During backward: throws if the gradient {@code f} passes to its input {@code x} holds NaN. */
    static void backward(Function f, Variable x, Variable gx) {
        if (gx != null && hasNaN(gx.data)) {
            int i = 0;
            while (i < f.inputCount() && f.inputAt(i) != x) {
                i++;
            }
            throw new ArithmeticException("detectAnomaly: " + f.name() + ".backward produced NaN in the gradient of "
                    + "input " + i + " (shape " + gx.data.shape() + ")");
        }
    }
}
