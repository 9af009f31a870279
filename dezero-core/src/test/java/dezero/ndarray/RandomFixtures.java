package dezero.ndarray;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/** Reads the line-based fixtures written by {@code tools/fixtures_random.py}. */
final class RandomFixtures {
    private RandomFixtures() {
    }

    /** One fixture line {@code op args : values}, with the override lines ({@code cr}, {@code crx}) after it. */
    static final class Step {
        final int lineNumber;
        final String op;
        final String[] args;
        final String[] values;
        final List<String[]> overrides = new ArrayList<>();

        Step(int lineNumber, String op, String[] args, String[] values) {
            this.lineNumber = lineNumber;
            this.op = op;
            this.args = args;
            this.values = values;
        }

        int[] intArgs(int from) {
            int[] r = new int[args.length - from];
            for (int i = 0; i < r.length; i++) {
                r[i] = Integer.parseInt(args[from + i]);
            }
            return r;
        }

        double[] doubleValues() {
            double[] d = new double[values.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = Double.parseDouble(values[i]);
            }
            return d;
        }

        long[] longValues() {
            long[] l = new long[values.length];
            for (int i = 0; i < l.length; i++) {
                l[i] = Long.parseLong(values[i]);
            }
            return l;
        }

        @Override
        public String toString() {
            return "line " + lineNumber + " (" + op + " " + String.join(" ", args) + ")";
        }
    }

    static List<Step> read(String name) {
        String path = "/fixtures/random/" + name;
        List<Step> steps = new ArrayList<>();
        try (InputStream in = RandomFixtures.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("cr ") || line.startsWith("crx ")) {
                    steps.get(steps.size() - 1).overrides.add(line.trim().split("\\s+"));
                    continue;
                }
                int colon = line.indexOf(" : ");
                String head = colon < 0 ? line : line.substring(0, colon);
                String tail = colon < 0 ? "" : line.substring(colon + 3).trim();
                String[] h = head.trim().split("\\s+");
                String[] args = new String[h.length - 1];
                System.arraycopy(h, 1, args, 0, args.length);
                String[] values = tail.isEmpty() ? new String[0] : tail.split("\\s+");
                steps.add(new Step(n, h[0], args, values));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
        return steps;
    }

    /** SHA-256 (lower-case hex) of the little-endian bytes of {@code d}. */
    static String sha256(double[] d) {
        ByteBuffer b = ByteBuffer.allocate(8 * d.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : d) {
            b.putDouble(v);
        }
        return sha256(b.array());
    }

    /** SHA-256 (lower-case hex) of the little-endian bytes of {@code l}. */
    static String sha256(long[] l) {
        ByteBuffer b = ByteBuffer.allocate(8 * l.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : l) {
            b.putLong(v);
        }
        return sha256(b.array());
    }

    private static String sha256(byte[] bytes) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(bytes);
            StringBuilder sb = new StringBuilder();
            for (byte x : h) {
                sb.append(String.format("%02x", x & 0xFF));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
