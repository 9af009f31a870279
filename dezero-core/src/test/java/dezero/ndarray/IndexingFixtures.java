package dezero.ndarray;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the NumPy fixtures written by {@code tools/fixtures_indexing.py} (JSON; see the encoding
 * described there) and decodes arrays and index expressions.
 */
final class IndexingFixtures {
    private IndexingFixtures() {
    }

    /** The {@code cases} of {@code fixtures/indexing/<name>}. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> cases(String name) {
        return (List<Map<String, Object>>) ((Map<String, Object>) load(name)).get("cases");
    }

    static Object load(String name) {
        String path = "/fixtures/indexing/" + name;
        try (InputStream in = IndexingFixtures.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return new Parser(new String(in.readAllBytes(), StandardCharsets.UTF_8)).parseDocument();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ decoding

    static DType dtype(Object name) {
        switch ((String) name) {
            case "float64":
                return DType.FLOAT64;
            case "float32":
                return DType.FLOAT32;
            case "int64":
                return DType.INT64;
            default:
                throw new IllegalArgumentException("unknown dtype " + name);
        }
    }

    static int[] ints(Object list) {
        List<?> l = (List<?>) list;
        int[] r = new int[l.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = ((Number) l.get(i)).intValue();
        }
        return r;
    }

    /** An array from {@code {dtype, shape, data}} or {@code {dtype, shape, gen}}; without either, arange. */
    @SuppressWarnings("unchecked")
    static NdArray array(Map<String, Object> m) {
        DType dtype = dtype(m.get("dtype"));
        int[] shape = ints(m.get("shape"));
        int n = Shape.of(shape).size();
        double[] d = new double[n];
        long[] l = new long[n];
        if (m.containsKey("data")) {
            List<Object> data = (List<Object>) m.get("data");
            for (int i = 0; i < n; i++) {
                Object v = data.get(i);
                d[i] = ((Number) v).doubleValue();
                l[i] = v instanceof Long ? (Long) v : (long) d[i];
            }
        } else {
            Map<String, Object> gen = (Map<String, Object>) m.get("gen");
            double mul = gen == null ? 1 : ((Number) gen.get("mul")).doubleValue();
            double add = gen == null ? 0 : ((Number) gen.get("add")).doubleValue();
            double div = gen == null ? 1 : ((Number) gen.get("div")).doubleValue();
            for (int i = 0; i < n; i++) {
                d[i] = (i * mul + add) / div;
                l[i] = (long) d[i];
            }
        }
        switch (dtype) {
            case FLOAT64:
                return NdArray.of(d, shape);
            case FLOAT32: {
                float[] f = new float[n];
                for (int i = 0; i < n; i++) {
                    f[i] = (float) d[i];
                }
                return NdArray.of(f, shape);
            }
            default:
                return NdArray.of(l, shape);
        }
    }

    /** The fixtures' source arrays: {@code arange(size).reshape(shape)} in the given dtype. */
    static NdArray arange(DType dtype, int[] shape) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dtype", dtype.toString());
        List<Object> s = new ArrayList<>();
        for (int x : shape) {
            s.add((long) x);
        }
        m.put("shape", s);
        return array(m);
    }

    @SuppressWarnings("unchecked")
    static Index[] spec(Object list) {
        List<Object> l = (List<Object>) list;
        Index[] r = new Index[l.size()];
        for (int i = 0; i < r.length; i++) {
            Object e = l.get(i);
            if ("newaxis".equals(e)) {
                r[i] = Index.newAxis();
                continue;
            }
            Map<String, Object> m = (Map<String, Object>) e;
            if (m.containsKey("at")) {
                r[i] = Index.at(((Number) m.get("at")).intValue());
            } else if (m.containsKey("slice")) {
                List<Object> s = (List<Object>) m.get("slice");
                Integer start = s.get(0) == null ? null : ((Number) s.get(0)).intValue();
                Integer stop = s.get(1) == null ? null : ((Number) s.get(1)).intValue();
                int step = s.get(2) == null ? 1 : ((Number) s.get(2)).intValue();
                r[i] = Index.slice(start, stop, step);
            } else {
                r[i] = Index.of(array((Map<String, Object>) m.get("array")));
            }
        }
        return r;
    }

    /** Asserts dtype, shape and every element (exactly; NaN equals NaN) against a fixture array. */
    static void assertArray(Map<String, Object> expected, NdArray actual, String what) {
        NdArray e = array(expected);
        assertEquals(e.dtype(), actual.dtype(), what + ": dtype");
        assertEquals(e.shape(), actual.shape(), what + ": shape");
        if (e.dtype() == DType.INT64) {
            assertArrayEquals(e.toLongArray(), actual.toLongArray(), what + ": values");
        } else {
            assertArrayEquals(e.toDoubleArray(), actual.toDoubleArray(), what + ": values");
        }
    }

    // ------------------------------------------------------------------ a small JSON reader

    /** JSON with Python's NaN / Infinity extensions; integers become Long, other numbers Double. */
    static final class Parser {
        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        Object parseDocument() {
            Object v = value();
            skip();
            if (i != s.length()) {
                throw error("trailing characters");
            }
            return v;
        }

        private Object value() {
            skip();
            char c = s.charAt(i);
            switch (c) {
                case '{': {
                    i++;
                    Map<String, Object> m = new LinkedHashMap<>();
                    skip();
                    if (s.charAt(i) == '}') {
                        i++;
                        return m;
                    }
                    while (true) {
                        skip();
                        String k = string();
                        skip();
                        expect(':');
                        m.put(k, value());
                        skip();
                        if (s.charAt(i) == ',') {
                            i++;
                        } else {
                            expect('}');
                            return m;
                        }
                    }
                }
                case '[': {
                    i++;
                    List<Object> l = new ArrayList<>();
                    skip();
                    if (s.charAt(i) == ']') {
                        i++;
                        return l;
                    }
                    while (true) {
                        l.add(value());
                        skip();
                        if (s.charAt(i) == ',') {
                            i++;
                        } else {
                            expect(']');
                            return l;
                        }
                    }
                }
                case '"':
                    return string();
                default:
                    return literal();
            }
        }

        private Object literal() {
            for (String w : new String[] {"null", "true", "false", "NaN", "Infinity", "-Infinity"}) {
                if (s.startsWith(w, i)) {
                    i += w.length();
                    switch (w) {
                        case "null":
                            return null;
                        case "true":
                            return Boolean.TRUE;
                        case "false":
                            return Boolean.FALSE;
                        case "NaN":
                            return Double.NaN;
                        case "Infinity":
                            return Double.POSITIVE_INFINITY;
                        default:
                            return Double.NEGATIVE_INFINITY;
                    }
                }
            }
            int start = i;
            boolean integral = true;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                integral &= "0123456789-".indexOf(s.charAt(i)) >= 0;
                i++;
            }
            if (start == i) {
                throw error("unexpected character");
            }
            String t = s.substring(start, i);
            return integral ? (Object) Long.parseLong(t) : (Object) Double.parseDouble(t);
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                char e = s.charAt(i++);
                switch (e) {
                    case 'n':
                        b.append('\n');
                        break;
                    case 't':
                        b.append('\t');
                        break;
                    case 'r':
                        b.append('\r');
                        break;
                    case 'b':
                        b.append('\b');
                        break;
                    case 'f':
                        b.append('\f');
                        break;
                    case 'u':
                        b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                        break;
                    default:
                        b.append(e);
                }
            }
        }

        private void expect(char c) {
            if (i >= s.length() || s.charAt(i) != c) {
                throw error("expected '" + c + "'");
            }
            i++;
        }

        private void skip() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private IllegalStateException error(String what) {
            return new IllegalStateException("JSON: " + what + " at offset " + i);
        }
    }
}
