package dezero.testutil;

import dezero.ndarray.NdArray;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the text fixtures written by {@code tools/fixtures_autodiff.py} (and {@code tools/fixtures_faudit.py}). */
public final class Fixtures {
    private Fixtures() {
    }

    /** The named arrays of {@code fixtures/autodiff/<name>.txt}. */
    public static Map<String, NdArray> load(String name) {
        return load("autodiff", name);
    }

    /** The named arrays of {@code fixtures/<area>/<name>.txt}. */
    public static Map<String, NdArray> load(String area, String name) {
        String path = "/fixtures/" + area + "/" + name + ".txt";
        Map<String, NdArray> out = new LinkedHashMap<>();
        try (InputStream in = Fixtures.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String header;
            while ((header = r.readLine()) != null) {
                if (header.isBlank()) {
                    continue;
                }
                String[] h = header.trim().split(" ");
                int[] dims = new int[h.length - 2];
                for (int i = 0; i < dims.length; i++) {
                    dims[i] = Integer.parseInt(h[i + 2]);
                }
                String line = r.readLine().trim();
                String[] vs = line.isEmpty() ? new String[0] : line.split(" ");
                if (h[1].equals("int64")) {
                    long[] l = new long[vs.length];
                    for (int i = 0; i < l.length; i++) {
                        l[i] = Long.parseLong(vs[i]);
                    }
                    out.put(h[0], NdArray.of(l, dims));
                } else {
                    double[] d = new double[vs.length];
                    for (int i = 0; i < d.length; i++) {
                        d[i] = Double.parseDouble(vs[i]);
                    }
                    out.put(h[0], NdArray.of(d, dims));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
