package dezero.ndarray;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the text fixtures written by {@code tools/fixtures_elementwise.py}: records of a header line
 * {@code @ kind key=value ...} followed by array lines {@code name dtype shape values...} or an
 * error line {@code err message}.
 */
final class Fixtures {
    private Fixtures() {
    }

    static final class Record {
        final String kind;
        final Map<String, String> attrs = new LinkedHashMap<>();
        final Map<String, NdArray> arrays = new LinkedHashMap<>();
        String error;

        Record(String kind) {
            this.kind = kind;
        }

        String attr(String key) {
            String v = attrs.get(key);
            if (v == null) {
                throw new IllegalStateException("fixture record " + this + " has no attribute " + key);
            }
            return v;
        }

        NdArray array(String name) {
            NdArray a = arrays.get(name);
            if (a == null) {
                throw new IllegalStateException("fixture record " + this + " has no array " + name);
            }
            return a;
        }

        @Override
        public String toString() {
            return kind + " " + attrs;
        }
    }

    /** All records of {@code fixtures/elementwise/<file>}. */
    static List<Record> load(String file) {
        String path = "/fixtures/elementwise/" + file;
        List<Record> out = new ArrayList<>();
        try (InputStream in = Fixtures.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + path);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            Record cur = null;
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isEmpty()) {
                    continue;
                }
                if (line.startsWith("@ ")) {
                    String[] t = line.substring(2).split(" ");
                    cur = new Record(t[0]);
                    for (int i = 1; i < t.length; i++) {
                        int eq = t[i].indexOf('=');
                        cur.attrs.put(t[i].substring(0, eq), t[i].substring(eq + 1));
                    }
                    out.add(cur);
                } else if (line.startsWith("err ")) {
                    cur.error = line.substring(4);
                } else {
                    String[] t = line.split(" ");
                    cur.arrays.put(t[0], parse(t));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static int[] shape(String s) {
        if (s.equals("-")) {
            return new int[0];
        }
        String[] p = s.split("x");
        int[] d = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            d[i] = Integer.parseInt(p[i]);
        }
        return d;
    }

    /** Axes of a fixture: {@code all} gives null, {@code none} an empty array. */
    static int[] axes(String s) {
        if (s.equals("all")) {
            return null;
        }
        if (s.equals("none")) {
            return new int[0];
        }
        return shape(s.replace(',', 'x'));
    }

    private static double value(String v) {
        switch (v) {
            case "nan":
                return Double.NaN;
            case "inf":
                return Double.POSITIVE_INFINITY;
            case "-inf":
                return Double.NEGATIVE_INFINITY;
            default:
                return Double.parseDouble(v);
        }
    }

    private static NdArray parse(String[] t) {
        int[] shape = shape(t[2]);
        int n = t.length - 3;
        switch (t[1]) {
            case "float64": {
                double[] d = new double[n];
                for (int i = 0; i < n; i++) {
                    d[i] = value(t[3 + i]);
                }
                return NdArray.of(d, shape);
            }
            case "float32": {
                float[] f = new float[n];
                for (int i = 0; i < n; i++) {
                    f[i] = (float) value(t[3 + i]);
                }
                return NdArray.of(f, shape);
            }
            case "int64": {
                long[] l = new long[n];
                for (int i = 0; i < n; i++) {
                    l[i] = Long.parseLong(t[3 + i]);
                }
                return NdArray.of(l, shape);
            }
            default:
                throw new IllegalStateException("unknown dtype " + t[1]);
        }
    }
}
