package dezero.ndarray;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * For {@code tools/transcendental_accuracy.py} (not a test): reads little-endian float64 arguments,
 * writes for each the float64 result of {@link Transcendental} followed by the float32 result for the
 * argument rounded to float32 (as a float64).
 *
 * <pre>java -cp dezero/target/classes:dezero/target/test-classes dezero.ndarray.TranscendentalDump exp in.bin out.bin</pre>
 */
final class TranscendentalDump {
    private TranscendentalDump() {
    }

    public static void main(String[] args) throws IOException {
        String fn = args[0];
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(Path.of(args[1]))).order(ByteOrder.LITTLE_ENDIAN);
        int n = in.remaining() / 8;
        ByteBuffer out = ByteBuffer.allocate(16 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            double x = in.getDouble();
            float xf = (float) x;
            switch (fn) {
                case "exp":
                    out.putDouble(Transcendental.exp(x)).putDouble(Transcendental.exp(xf));
                    break;
                case "log":
                    out.putDouble(Transcendental.log(x)).putDouble(Transcendental.log(xf));
                    break;
                case "tanh":
                    out.putDouble(Transcendental.tanh(x)).putDouble(Transcendental.tanh(xf));
                    break;
                case "sin":
                    out.putDouble(Transcendental.sin(x)).putDouble(Transcendental.sin(xf));
                    break;
                case "cos":
                    out.putDouble(Transcendental.cos(x)).putDouble(Transcendental.cos(xf));
                    break;
                default:
                    throw new IllegalArgumentException("unknown function " + fn);
            }
        }
        Files.write(Path.of(args[2]), out.array());
    }
}
