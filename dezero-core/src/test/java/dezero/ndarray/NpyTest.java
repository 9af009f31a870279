package dezero.ndarray;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class NpyTest {
    private static final String DIR = "/fixtures/npy/";

    @TempDir
    Path tmp;

    // ------------------------------------------------------------------ the manifest of NumPy's fixtures

    /** One array of the manifest written by tools/fixtures_npy.py. */
    static final class Case {
        final String name;
        final DType dtype;
        final int[] shape;
        final String[] values;
        final String line;

        Case(String line) {
            String[] p = line.split("\t", -1);
            this.line = line;
            this.name = p[0];
            this.dtype = p[1].equals("float64") ? DType.FLOAT64 : p[1].equals("float32") ? DType.FLOAT32 : DType.INT64;
            this.shape = p[2].isEmpty() ? new int[0] : Arrays.stream(p[2].split(",")).mapToInt(Integer::parseInt).toArray();
            this.values = p.length < 4 || p[3].isEmpty() ? new String[0] : p[3].split(" ");
        }

        NdArray expected() {
            int n = values.length;
            switch (dtype) {
                case FLOAT64: {
                    double[] d = new double[n];
                    for (int i = 0; i < n; i++) {
                        d[i] = Double.longBitsToDouble(Long.parseUnsignedLong(values[i], 16));
                    }
                    return NdArray.of(d, shape);
                }
                case FLOAT32: {
                    float[] f = new float[n];
                    for (int i = 0; i < n; i++) {
                        f[i] = Float.intBitsToFloat(Integer.parseUnsignedInt(values[i], 16));
                    }
                    return NdArray.of(f, shape);
                }
                default:
                    return NdArray.of(Arrays.stream(values).mapToLong(Long::parseLong).toArray(), shape);
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static List<String> manifestLines() {
        return new String(resource("manifest.tsv"), StandardCharsets.UTF_8).lines()
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).collect(Collectors.toList());
    }

    static Stream<Case> npyCases() {
        return manifestLines().stream().filter(l -> !l.split("\t")[1].equals("error")).map(Case::new)
                .filter(c -> !c.name.contains(":"));
    }

    static Stream<Case> npzCases(String archive) {
        return manifestLines().stream().map(l -> l.split("\t")).filter(p -> !p[1].equals("error"))
                .filter(p -> p[0].startsWith(archive + ":")).map(p -> new Case(String.join("\t", p)));
    }

    /** Files that np.save wrote from a little-endian C-order float64/float32/int64 array. */
    static Stream<Case> canonicalCases() {
        return npyCases().filter(c -> c.name.matches("(f8|f4|i8)_(0d|1d|2d|3d|empty|empty3|big_dim)\\.npy"));
    }

    static Stream<String> refusedCases() {
        return manifestLines().stream().filter(l -> l.split("\t")[1].equals("error"));
    }

    static byte[] resource(String name) {
        try (InputStream in = NpyTest.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path resourcePath(String name) {
        URL url = NpyTest.class.getResource(DIR + name);
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Same dtype, shape, and elements bit for bit (NaN payloads and -0.0 included). */
    static void assertSameArray(NdArray expected, NdArray actual, String what) {
        assertEquals(expected.dtype(), actual.dtype(), what + ": dtype");
        assertEquals(expected.shape(), actual.shape(), what + ": shape");
        switch (expected.dtype()) {
            case FLOAT64: {
                double[] e = expected.toDoubleArray();
                double[] a = actual.toDoubleArray();
                for (int i = 0; i < e.length; i++) {
                    if (Double.doubleToRawLongBits(e[i]) != Double.doubleToRawLongBits(a[i])) {
                        fail(what + ": element " + i + ": expected " + e[i] + ", got " + a[i]);
                    }
                }
                break;
            }
            case FLOAT32: {
                float[] e = expected.toFloatArray();
                float[] a = actual.toFloatArray();
                for (int i = 0; i < e.length; i++) {
                    if (Float.floatToRawIntBits(e[i]) != Float.floatToRawIntBits(a[i])) {
                        fail(what + ": element " + i + ": expected " + e[i] + ", got " + a[i]);
                    }
                }
                break;
            }
            default:
                assertArrayEquals(expected.toLongArray(), actual.toLongArray(), what);
        }
    }

    // ------------------------------------------------------------------ reading what NumPy wrote

    @ParameterizedTest
    @MethodSource("npyCases")
    void readsNumpyFixture(Case c) throws IOException {
        NdArray expected = c.expected();
        assertSameArray(expected, Npy.load(resourcePath(c.name)), c.name + " via load");
        try (InputStream in = NpyTest.class.getResourceAsStream(DIR + c.name)) {
            assertSameArray(expected, Npy.read(in), c.name + " via read");
            assertEquals(-1, in.read(), "read consumes exactly the array");
        }
        // through a stream that hands out a few bytes at a time
        assertSameArray(expected, Npy.read(new TrickleStream(resource(c.name), new Random(1))), c.name + " trickled");
    }

    @Test
    void fixturesCoverEveryLayout() {
        List<String> names = npyCases().map(c -> c.name).collect(Collectors.toList());
        for (String n : List.of("f8_0d.npy", "f4_1d.npy", "i8_3d.npy", "f8_empty.npy", "f8_fortran.npy",
                "i8_fortran3.npy", "f8_be.npy", "f8_v2.npy", "f4_v3.npy", "i4_labels.npy", "b1.npy", "f2.npy")) {
            assertTrue(names.contains(n), n);
        }
        // the headers really are what the names say
        assertEquals(2, resource("f8_v2.npy")[6]);
        assertEquals(3, resource("f4_v3.npy")[6]);
        assertTrue(new String(resource("f8_fortran.npy"), StandardCharsets.ISO_8859_1).contains("'fortran_order': True"));
        assertTrue(new String(resource("i8_be.npy"), StandardCharsets.ISO_8859_1).contains("'>i8'"));
    }

    @Test
    void fortranOrderIsReturnedInCOrder() throws IOException {
        NdArray a = Npy.load(resourcePath("i8_fortran3.npy"));
        assertEquals(Shape.of(2, 3, 4), a.shape());
        assertEquals(13, a.getLong(1, 0, 1)); // np.arange(24).reshape(2, 3, 4)[1, 0, 1]
        assertTrue(a.isContiguous());
    }

    @Test
    void float16IsReadExactly() throws IOException {
        float[] f = Npy.load(resourcePath("f2.npy")).toFloatArray();
        assertEquals(65504f, f[4]);
        assertEquals(0x1p-14f, f[5]); // smallest normal
        assertEquals(0x1p-24f, f[6]); // smallest subnormal
        assertEquals(Float.POSITIVE_INFINITY, f[7]);
        assertTrue(Float.isNaN(f[9]));
        assertEquals(0x80000000, Float.floatToRawIntBits(f[1]));
        // every half that is a float's rounding: exhaustive check of the conversion's inverse on normals
        for (int h = 0; h < 0x10000; h++) {
            float v = Npy.halfToFloat((short) h);
            int exp = (h >>> 10) & 0x1F;
            if (exp == 0x1F) {
                assertTrue(Float.isNaN(v) || Float.isInfinite(v));
                continue;
            }
            double mant = (h & 0x3FF) / 1024.0;
            double expected = exp == 0 ? mant * Math.pow(2, -14) : (1 + mant) * Math.pow(2, exp - 15);
            assertEquals((h & 0x8000) != 0 ? -expected : expected, v, 0.0, "half 0x" + Integer.toHexString(h));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"npz_stored.npz", "npz_compressed.npz"})
    void readsNumpyNpz(String archive) throws IOException {
        Map<String, NdArray> m = Npy.loadNpz(resourcePath(archive));
        List<Case> cases = npzCases(archive).collect(Collectors.toList());
        assertEquals(cases.stream().map(c -> c.name.split(":")[1]).collect(Collectors.toList()),
                new ArrayList<>(m.keySet()), "keys in file order, without .npy");
        for (Case c : cases) {
            assertSameArray(c.expected(), m.get(c.name.split(":")[1]), c.name);
        }
    }

    @ParameterizedTest
    @MethodSource("refusedCases")
    void refusesDtypesItCannotHold(String line) {
        String[] c = line.split("\t");
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.load(resourcePath(c[0])));
        assertTrue(e.getMessage().contains(c[2]), e.getMessage());
        assertTrue(e.getMessage().contains(c[0]), "names the file: " + e.getMessage());
        NpyFormatException s = assertThrows(NpyFormatException.class, () -> Npy.read(new ByteArrayInputStream(resource(c[0]))));
        assertTrue(s.getMessage().contains(c[2]), s.getMessage());
    }

    // ------------------------------------------------------------------ writing what NumPy writes

    @ParameterizedTest
    @MethodSource("canonicalCases")
    void writesTheBytesNumpyWrites(Case c) throws IOException {
        byte[] numpy = resource(c.name);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(out, c.expected());
        assertArrayEquals(numpy, out.toByteArray(), c.name + " via write");
        Path p = tmp.resolve(c.name);
        Npy.save(p, c.expected());
        assertArrayEquals(numpy, Files.readAllBytes(p), c.name + " via save");
        // and the header NumPy writes for other layouts of the same values
        Npy.save(p, Npy.load(resourcePath(c.name)));
        assertArrayEquals(numpy, Files.readAllBytes(p), c.name + " loaded and saved");
    }

    @Test
    void headersArePaddedToSixtyFourBytes() {
        for (int[] dims : new int[][] {{}, {3}, {2, 3}, {1234567890, 0}, {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}}) {
            for (DType t : DType.values()) {
                byte[] h = NpyHeader.encode(t, dims);
                assertEquals(0, h.length % 64, Shape.format(dims));
                assertEquals('\n', h[h.length - 1]);
                assertEquals(h.length - 10, (h[8] & 0xFF) | (h[9] & 0xFF) << 8);
            }
        }
    }

    @Test
    void hugeHeaderUsesVersionTwo() throws IOException {
        int[] dims = new int[25000];
        Arrays.fill(dims, 1);
        dims[0] = 2;
        byte[] h = NpyHeader.encode(DType.FLOAT64, dims);
        assertEquals(2, h[6]);
        assertEquals(0, h.length % 64);
        assertEquals(h.length - 12, ByteBuffer.wrap(h, 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
        NdArray a = NdArray.of(new double[] {1.5, -2}, dims);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(out, a);
        assertSameArray(a, Npy.read(new ByteArrayInputStream(out.toByteArray())), "version 2.0 round trip");
    }

    // ------------------------------------------------------------------ round trips

    static IntStream seeds() {
        return IntStream.range(0, 40);
    }

    /** A random array, often a non-contiguous view, with its elements in C order computed independently. */
    static final class Sample {
        final NdArray array;
        final NdArray expected;

        Sample(NdArray array, NdArray expected) {
            this.array = array;
            this.expected = expected;
        }
    }

    static Sample randomSample(Random r) {
        DType dt = DType.values()[r.nextInt(3)];
        int rank = r.nextInt(5);
        int[] dims = new int[rank];
        for (int i = 0; i < rank; i++) {
            dims[i] = r.nextInt(10) == 0 ? 0 : 1 + r.nextInt(5);
        }
        // storage: a bigger box, of which the array takes every step-th element from some start
        int[] steps = new int[rank];
        int[] starts = new int[rank];
        int[] big = new int[rank];
        boolean[] broadcast = new boolean[rank];
        boolean view = r.nextBoolean();
        for (int i = 0; i < rank; i++) {
            steps[i] = view ? 1 + r.nextInt(3) : 1;
            starts[i] = view ? r.nextInt(3) : 0;
            broadcast[i] = view && r.nextInt(6) == 0;
            big[i] = starts[i] + Math.max(dims[i], 1) * steps[i];
        }
        int storage = 1;
        for (int b : big) {
            storage *= b;
        }
        int[] cs = NdArray.contiguousStrides(big);
        int[] strides = new int[rank];
        int offset = 0;
        for (int i = 0; i < rank; i++) {
            strides[i] = broadcast[i] ? 0 : cs[i] * steps[i];
            offset += starts[i] * cs[i];
        }
        double[] d = null;
        float[] f = null;
        long[] l = null;
        switch (dt) {
            case FLOAT64:
                d = new double[storage];
                for (int i = 0; i < storage; i++) {
                    d[i] = randomDouble(r);
                }
                break;
            case FLOAT32:
                f = new float[storage];
                for (int i = 0; i < storage; i++) {
                    f[i] = (float) randomDouble(r);
                }
                break;
            default:
                l = new long[storage];
                for (int i = 0; i < storage; i++) {
                    l[i] = r.nextBoolean() ? r.nextLong() : r.nextInt(100) - 50;
                }
        }
        NdArray a = new NdArray(dt, Shape.of(dims), strides, offset, d, f, l);
        // the elements in C order, by plain index arithmetic
        int n = Shape.of(dims).size();
        int[] pos = new int[n];
        int[] idx = new int[rank];
        for (int k = 0; k < n; k++) {
            int p = offset;
            for (int i = 0; i < rank; i++) {
                p += idx[i] * strides[i];
            }
            pos[k] = p;
            for (int i = rank - 1; i >= 0; i--) {
                if (++idx[i] < dims[i]) {
                    break;
                }
                idx[i] = 0;
            }
        }
        NdArray expected;
        switch (dt) {
            case FLOAT64: {
                double[] e = new double[n];
                for (int k = 0; k < n; k++) {
                    e[k] = d[pos[k]];
                }
                expected = NdArray.of(e, dims);
                break;
            }
            case FLOAT32: {
                float[] e = new float[n];
                for (int k = 0; k < n; k++) {
                    e[k] = f[pos[k]];
                }
                expected = NdArray.of(e, dims);
                break;
            }
            default: {
                long[] e = new long[n];
                for (int k = 0; k < n; k++) {
                    e[k] = l[pos[k]];
                }
                expected = NdArray.of(e, dims);
            }
        }
        if (rank >= 2 && r.nextBoolean()) { // a transposed view as well
            int[] perm = IntStream.range(0, rank).toArray();
            for (int i = rank - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
            return new Sample(a.transpose(perm), transposeByHand(expected, perm));
        }
        return new Sample(a, expected);
    }

    private static NdArray transposeByHand(NdArray c, int[] perm) {
        int[] dims = c.shape().dims();
        int rank = dims.length;
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            out[i] = dims[perm[i]];
        }
        int[] cs = NdArray.contiguousStrides(dims);
        int n = c.size();
        int[] src = new int[n];
        int[] idx = new int[rank];
        for (int k = 0; k < n; k++) {
            int p = 0;
            for (int i = 0; i < rank; i++) {
                p += idx[i] * cs[perm[i]];
            }
            src[k] = p;
            for (int i = rank - 1; i >= 0; i--) {
                if (++idx[i] < out[i]) {
                    break;
                }
                idx[i] = 0;
            }
        }
        switch (c.dtype()) {
            case FLOAT64: {
                double[] d = c.toDoubleArray();
                double[] e = new double[n];
                for (int k = 0; k < n; k++) {
                    e[k] = d[src[k]];
                }
                return NdArray.of(e, out);
            }
            case FLOAT32: {
                float[] f = c.toFloatArray();
                float[] e = new float[n];
                for (int k = 0; k < n; k++) {
                    e[k] = f[src[k]];
                }
                return NdArray.of(e, out);
            }
            default: {
                long[] l = c.toLongArray();
                long[] e = new long[n];
                for (int k = 0; k < n; k++) {
                    e[k] = l[src[k]];
                }
                return NdArray.of(e, out);
            }
        }
    }

    private static double randomDouble(Random r) {
        switch (r.nextInt(12)) {
            case 0:
                return Double.NaN;
            case 1:
                return r.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
            case 2:
                return -0.0;
            case 3:
                return Double.MIN_VALUE * r.nextInt(1000);
            default:
                return r.nextGaussian() * Math.pow(10, r.nextInt(20) - 10);
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void roundTripsEveryDtypeAndView(int seed) throws IOException {
        Random r = new Random(seed);
        Sample s = randomSample(r);
        String what = "seed " + seed + " " + s.array.dtype() + " " + s.array.shape();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(out, s.array);
        byte[] bytes = out.toByteArray();
        ByteArrayOutputStream canonical = new ByteArrayOutputStream();
        Npy.write(canonical, s.expected);
        assertArrayEquals(canonical.toByteArray(), bytes, what + ": a view is written as its C-order copy");
        assertEquals(NpyHeader.encode(s.array.dtype(), s.array.shape().dims()).length
                + (long) s.array.size() * s.array.dtype().itemSize(), bytes.length, what);
        assertSameArray(s.expected, Npy.read(new ByteArrayInputStream(bytes)), what + " read");
        assertSameArray(s.expected, Npy.read(new TrickleStream(bytes, r)), what + " trickled");

        Path p = tmp.resolve("a.npy");
        Npy.save(p, s.array);
        assertSameArray(s.expected, Npy.load(p), what + " load");

        Sample s2 = randomSample(r);
        Sample s3 = randomSample(r);
        Map<String, NdArray> m = new LinkedHashMap<>();
        m.put("z_first", s.array);
        m.put("a/second", s2.array);
        m.put("médio", s3.array);
        for (boolean compressed : new boolean[] {false, true}) {
            Path z = tmp.resolve(compressed ? "c.npz" : "s.npz");
            if (compressed) {
                Npy.saveNpzCompressed(z, m);
            } else {
                Npy.saveNpz(z, m);
            }
            Map<String, NdArray> back = Npy.loadNpz(z);
            assertEquals(List.of("z_first", "a/second", "médio"), new ArrayList<>(back.keySet()), what);
            assertSameArray(s.expected, back.get("z_first"), what + " npz " + compressed);
            assertSameArray(s2.expected, back.get("a/second"), what + " npz " + compressed);
            assertSameArray(s3.expected, back.get("médio"), what + " npz " + compressed);
        }
    }

    @Test
    void readsArraysOneAfterAnotherFromOneStream() throws IOException {
        Random r = new Random(5);
        List<Sample> samples = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < 6; i++) {
            Sample s = randomSample(r);
            samples.add(s);
            Npy.write(out, s.array);
        }
        InputStream in = new TrickleStream(out.toByteArray(), r);
        for (Sample s : samples) {
            assertSameArray(s.expected, Npy.read(in), "array in sequence");
        }
        assertEquals(-1, in.read());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void largeArraysCrossChunkBoundaries(int dtype) throws IOException {
        Random r = new Random(dtype);
        DType t = DType.values()[dtype];
        int n = 300_006; // more than one 1 MiB chunk in every dtype, and not a multiple of any chunk
        NdArray a;
        if (t == DType.FLOAT64) {
            a = NdArray.of(r.doubles(n).toArray(), 7, 42_858, 1);
        } else if (t == DType.FLOAT32) {
            float[] f = new float[n];
            for (int i = 0; i < n; i++) {
                f[i] = r.nextFloat();
            }
            a = NdArray.of(f, n);
        } else {
            a = NdArray.of(r.longs(n).toArray(), n);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(out, a);
        assertSameArray(a, Npy.read(new TrickleStream(out.toByteArray(), r, 100_000)), "large " + t);
        Path p = tmp.resolve("large.npy");
        Npy.save(p, a.transpose().transpose());
        assertSameArray(a, Npy.load(p), "large " + t + " via file");
        Npy.saveNpzCompressed(tmp.resolve("large.npz"), Map.of("x", a));
        assertSameArray(a, Npy.loadNpz(tmp.resolve("large.npz")).get("x"), "large " + t + " via npz");
    }

    // ------------------------------------------------------------------ header syntax NumPy and others write

    /** A .npy file with the given version and header text (encoded as that version requires). */
    static byte[] npy(int major, String header, byte[] data) {
        byte[] h = header.getBytes(major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        int lb = major == 1 ? 2 : 4;
        ByteBuffer b = ByteBuffer.allocate(8 + lb + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(NpyHeader.MAGIC).put((byte) major).put((byte) 0);
        if (lb == 2) {
            b.putShort((short) h.length);
        } else {
            b.putInt(h.length);
        }
        return b.put(h).put(data).array();
    }

    static byte[] doubles(double... v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double x : v) {
            b.putDouble(x);
        }
        return b.array();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }",
        "{'shape': (2, 3), 'fortran_order': False, 'descr': '<f8'}",
        "{\"descr\":\"<f8\",\"fortran_order\":False,\"shape\":(2,3)}",
        "  {'descr' : '<f8' ,\n\t'fortran_order':False,\r\n 'shape':( 2 , 3 , ) ,}\n",
        "{'descr': '\\x3cf8', 'fortran_order': False, 'shape': (+2, 3)}",
        "{'descr': '<f8', 'fortran_order': False, 'shape': ((2), 3)}",
    })
    void acceptsHeaderVariations(String header) throws IOException {
        byte[] data = doubles(1, 2, 3, 4, 5, 6);
        NdArray expected = NdArray.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        for (int v = 1; v <= 3; v++) {
            assertSameArray(expected, Npy.read(new ByteArrayInputStream(npy(v, header, data))), header + " v" + v);
        }
    }

    @Test
    void acceptsPython2LongsInOldVersionsOnly() throws IOException {
        String h = "{'descr': '<f8', 'fortran_order': False, 'shape': (2L, 1L), }";
        byte[] data = doubles(1, 2);
        assertEquals(Shape.of(2, 1), Npy.read(new ByteArrayInputStream(npy(1, h, data))).shape());
        assertEquals(Shape.of(2, 1), Npy.read(new ByteArrayInputStream(npy(2, h, data))).shape());
        assertThrows(NpyFormatException.class, () -> Npy.read(new ByteArrayInputStream(npy(3, h, data))));
    }

    @Test
    void readsUtf8HeaderOfVersionThree() throws IOException {
        // a version 3.0 header is UTF-8 (this dtype is refused, but its name comes through intact)
        String h = "{'descr': '<\u00fc8', 'fortran_order': False, 'shape': (1,), }";
        NpyFormatException u = assertThrows(NpyFormatException.class,
                () -> Npy.read(new ByteArrayInputStream(npy(3, h, doubles(1)))));
        assertTrue(u.getMessage().contains("unsupported dtype '<\u00fc8'"), u.getMessage());
        String ok = "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), } ";
        assertEquals(1.0, Npy.read(new ByteArrayInputStream(npy(3, ok, doubles(1)))).item());
        byte[] bad = npy(3, ok, doubles(1));
        bad[12] = (byte) 0xC3; // a lone UTF-8 lead byte where the '{' was
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.read(new ByteArrayInputStream(bad)));
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
    }

    // ------------------------------------------------------------------ bad files: every way to lie

    static Stream<String[]> badHeaders() {
        String ok = "'fortran_order': False, 'shape': (2,)";
        return Stream.of(
                new String[] {"", "unexpected end"},
                new String[] {"{", "unexpected end"},
                new String[] {"{'descr': '<f8', 'fortran_order': False, 'shape': (2,), ", "unexpected end"},
                new String[] {"{'descr': '<f8' 'fortran_order': False, 'shape': (2,)}", "expected ',' or '}'"},
                new String[] {"{'descr': '<f8', " + ok + "} junk", "after the value"},
                new String[] {"[1, 2]", "not a dict"},
                new String[] {"{'descr': '<f8', 'fortran_order': False}", "no 'shape' key"},
                new String[] {"{'fortran_order': False, 'shape': (2,)}", "no 'descr' key"},
                new String[] {"{'descr': '<f8', " + ok + ", 'extra': 1}", "unexpected key 'extra'"},
                new String[] {"{'descr': '<f8', " + ok + ", 'descr': '<f8'}", "duplicate key 'descr'"},
                new String[] {"{'descr': '<f8', 'fortran_order': 0, 'shape': (2,)}", "'fortran_order' is not True or False"},
                new String[] {"{'descr': '<f8', 'fortran_order': False, 'shape': [2]}", "'shape' is not a tuple"},
                new String[] {"{'descr': '<f8', 'fortran_order': False, 'shape': (2)}", "'shape' is not a tuple"},
                new String[] {"{'descr': '<f8', 'fortran_order': False, 'shape': (-2,)}", "negative dimension -2"},
                new String[] {"{'descr': '<f8', 'fortran_order': False, 'shape': (2, 99999999999)}",
                    "dimension 99999999999 at axis 1, more than a Java array can hold"},
                new String[] {"{'descr': '<f8', 'fortran_order': False, 'shape': (2.5,)}", "not an integer"},
                new String[] {"{'descr': '<f8', 'fortran_order': False, 'shape': (True,)}", "non-integer"},
                new String[] {"{'descr': '<f8', 'fortran_order': False, 'shape': (02,)}", "leading zero"},
                new String[] {"{'descr': '<f8', 'fortran_order': False, 'shape': __import__('os')}",
                    "unexpected name '__import__'"},
                new String[] {"{'descr': '<f8, " + ok + "}", "expected ',' or '}'"},
                new String[] {"{'descr': '<f8\n', " + ok + "}", "line break in a string"},
                new String[] {"{'descr': '<f8\\q', " + ok + "}", "unsupported escape"},
                new String[] {"{'descr': '<c8', " + ok + "}", "unsupported dtype '<c8' (complex)"},
                new String[] {"{'descr': '|f8', " + ok + "}", "unsupported dtype '|f8'"},
                new String[] {"{'descr': '<O', " + ok + "}", "unsupported dtype '<O'"},
                new String[] {"{'descr': 8, " + ok + "}", "'descr' is not a dtype string"},
                new String[] {"{'descr': [('x', '<f8')], " + ok + "}", "structured dtype [('x', '<f8')]"},
                new String[] {"{1: 2}", "a dict key is not a string"},
                new String[] {"(" .repeat(100_000) + ")".repeat(100_000), "nested more than"},
                new String[] {"{'descr': '<f8', 'fortran_order': False, 'shape': (" + "9".repeat(5000) + ",)}",
                    "digits"});
    }

    @ParameterizedTest
    @MethodSource("badHeaders")
    void refusesBadHeaders(String header, String words) throws IOException {
        byte[] file = npy(header.length() > 60_000 ? 2 : 1, header, doubles(1, 2));
        NpyFormatException s = assertThrows(NpyFormatException.class, () -> Npy.read(new ByteArrayInputStream(file)));
        assertTrue(s.getMessage().contains(words), s.getMessage());
        Path p = tmp.resolve("bad.npy");
        Files.write(p, file);
        NpyFormatException f = assertThrows(NpyFormatException.class, () -> Npy.load(p));
        assertTrue(f.getMessage().startsWith(p.toString() + ": "), f.getMessage());
        assertTrue(f.getMessage().contains(words), f.getMessage());
    }

    @Test
    void refusesBadMagicAndVersions() throws IOException {
        byte[] good = resource("f8_2d.npy");
        assertBad(new byte[0], "empty");
        assertBad(Arrays.copyOf(good, 3), "too short");
        assertBad("PK\u0003\u0004 and more bytes".getBytes(StandardCharsets.ISO_8859_1), "Npy.loadNpz");
        assertBad("hello, world, not an array".getBytes(StandardCharsets.ISO_8859_1), "68 65 6c 6c 6f 2c");
        for (int[] version : new int[][] {{0, 0}, {4, 0}, {1, 1}, {255, 255}}) {
            byte[] b = good.clone();
            b[6] = (byte) version[0];
            b[7] = (byte) version[1];
            assertBad(b, "unsupported .npy format version " + version[0] + "." + version[1]);
        }
    }

    @Test
    void refusesHeaderLengthPastTheEnd() throws IOException {
        byte[] b = resource("f8_2d.npy");
        b[8] = (byte) 0xFF;
        b[9] = (byte) 0xFF;
        assertBad(b, "truncated");
        byte[] v2 = npy(2, "{'descr': '<f8', 'fortran_order': False, 'shape': (1,)}", doubles(1));
        v2[8] = v2[9] = v2[10] = v2[11] = (byte) 0xFF; // 4 GiB header
        assertBad(v2, "header length 4294967295");
    }

    @Test
    void refusesDataShorterOrLongerThanTheHeaderSays() throws IOException {
        byte[] good = resource("f8_2d.npy");
        byte[] longer = Arrays.copyOf(good, good.length + 1);
        Path p = tmp.resolve("longer.npy");
        Files.write(p, longer);
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.load(p));
        assertTrue(e.getMessage().contains("1 bytes after the data"), e.getMessage());
        // a stream may hold more after the array: read() stops at the array's end
        InputStream in = new ByteArrayInputStream(longer);
        assertSameArray(Npy.load(resourcePath("f8_2d.npy")), Npy.read(in), "stream with more after");
        assertEquals(0, in.read());
        assertBad(Arrays.copyOf(good, good.length - 1), "truncated");
    }

    /** Every prefix of every fixture is refused with an IOException, never another exception or an error. */
    @ParameterizedTest
    @MethodSource("npyCases")
    void everyTruncationIsAnIOException(Case c) throws IOException {
        byte[] good = resource(c.name);
        Path p = tmp.resolve("cut.npy");
        for (int len = 0; len < good.length; len++) {
            byte[] cut = Arrays.copyOf(good, len);
            Files.write(p, cut);
            String what = c.name + " cut at " + len;
            NpyFormatException f = assertThrows(NpyFormatException.class, () -> Npy.load(p), what);
            assertTrue(f.getMessage().startsWith(p.toString()), what + ": " + f.getMessage());
            assertThrows(NpyFormatException.class, () -> Npy.read(new ByteArrayInputStream(cut)), what);
        }
    }

    /** Single-byte corruptions: an IOException or an array, never another exception. */
    @ParameterizedTest
    @ValueSource(strings = {"f8_2d.npy", "i8_fortran3.npy", "f4_v3.npy", "f8_be.npy", "b1.npy"})
    void corruptedBytesNeverCrash(String name) throws IOException {
        byte[] good = resource(name);
        Random r = new Random(name.hashCode());
        for (int i = 0; i < good.length; i++) {
            for (int trial = 0; trial < 4; trial++) {
                byte[] b = good.clone();
                b[i] = trial == 0 ? (byte) ~b[i] : (byte) r.nextInt(256);
                try {
                    Npy.read(new ByteArrayInputStream(b));
                } catch (NpyFormatException expected) {
                    assertFalse(expected.getMessage().isEmpty());
                }
            }
        }
    }

    @Test
    void hugeClaimsFailFastWithoutAllocating() throws IOException {
        String[] headers = {
            "{'descr': '<f8', 'fortran_order': False, 'shape': (1000000000, 1000000000), }",
            "{'descr': '<f8', 'fortran_order': False, 'shape': (2000000000,), }", // 16 GB, a valid Java array length
            "{'descr': '<f4', 'fortran_order': True, 'shape': (46341, 46341), }", // more than Integer.MAX_VALUE
            "{'descr': '<i8', 'fortran_order': False, 'shape': (2147483647, 2147483647, 2147483647, 4), }",
        };
        for (String h : headers) {
            byte[] file = npy(1, h, new byte[200 - 10 - h.length()]);
            assertEquals(200, file.length);
            Path p = tmp.resolve("huge.npy");
            Files.write(p, file);
            long before = allocatedBytes();
            NpyFormatException f = assertThrows(NpyFormatException.class, () -> Npy.load(p), h);
            NpyFormatException s = assertThrows(NpyFormatException.class,
                    () -> Npy.read(new TrickleStream(file, new Random(3))), h);
            long used = allocatedBytes() - before;
            if (before >= 0) {
                assertTrue(used < 32L << 20, h + ": allocated " + used + " bytes");
            }
            assertTrue(f.getMessage().contains("truncated") || f.getMessage().contains("more than a Java array"),
                    f.getMessage());
            assertTrue(s.getMessage().contains("truncated") || s.getMessage().contains("more than a Java array"),
                    s.getMessage());
        }
    }

    /** Bytes this thread allocated so far, or -1 where the JVM does not tell. */
    private static long allocatedBytes() {
        java.lang.management.ThreadMXBean b = ManagementFactory.getThreadMXBean();
        if (b instanceof com.sun.management.ThreadMXBean) {
            return ((com.sun.management.ThreadMXBean) b).getCurrentThreadAllocatedBytes();
        }
        return -1;
    }

    private void assertBad(byte[] file, String words) throws IOException {
        NpyFormatException s = assertThrows(NpyFormatException.class, () -> Npy.read(new ByteArrayInputStream(file)));
        assertTrue(s.getMessage().contains(words), s.getMessage());
        Path p = tmp.resolve("bad.npy");
        Files.write(p, file);
        NpyFormatException f = assertThrows(NpyFormatException.class, () -> Npy.load(p));
        assertTrue(f.getMessage().contains(words) && f.getMessage().startsWith(p.toString()), f.getMessage());
    }

    // ------------------------------------------------------------------ bad archives

    @Test
    void refusesFilesThatAreNotArchives() throws IOException {
        Path p = tmp.resolve("x.npz");
        for (byte[] content : new byte[][] {new byte[0], resource("f8_2d.npy"), "PK\u0003\u0004junk".getBytes(StandardCharsets.ISO_8859_1)}) {
            Files.write(p, content);
            NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.loadNpz(p));
            assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
        }
        assertThrows(NoSuchFileException.class, () -> Npy.loadNpz(tmp.resolve("missing.npz")));
        assertThrows(NoSuchFileException.class, () -> Npy.load(tmp.resolve("missing.npy")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"npz_stored.npz", "npz_compressed.npz"})
    void everyTruncatedArchiveIsAnIOException(String archive) throws IOException {
        byte[] good = resource(archive);
        Path p = tmp.resolve("cut.npz");
        for (int len = 0; len < good.length; len++) {
            Files.write(p, Arrays.copyOf(good, len));
            assertThrows(NpyFormatException.class, () -> Npy.loadNpz(p), archive + " cut at " + len);
        }
    }

    /** Every single-byte change either is refused or (in a field nobody reads) loads the same arrays. */
    @ParameterizedTest
    @ValueSource(strings = {"npz_stored.npz", "npz_compressed.npz"})
    void everyCorruptedArchiveByteIsCaught(String archive) throws IOException {
        byte[] good = resource(archive);
        Map<String, NdArray> expected = Npy.loadNpz(resourcePath(archive));
        Path p = tmp.resolve("flip.npz");
        int refused = 0;
        for (int i = 0; i < good.length; i++) {
            byte[] b = good.clone();
            b[i] ^= (byte) (1 << (i % 8));
            Files.write(p, b);
            Map<String, NdArray> got;
            try {
                got = Npy.loadNpz(p);
            } catch (NpyFormatException e) {
                refused++;
                continue;
            }
            // the data is under CRC; a name is not, so a flipped bit in a name gives another name
            List<String> ek = new ArrayList<>(expected.keySet());
            List<String> gk = new ArrayList<>(got.keySet());
            assertEquals(ek.size(), gk.size(), archive + " flipped at " + i);
            for (int k = 0; k < ek.size(); k++) {
                String what = archive + " flipped at " + i + " key " + ek.get(k);
                assertTrue(nearlySameName(ek.get(k) + ".npy", gk.get(k)), what + " became " + gk.get(k));
                assertSameArray(expected.get(ek.get(k)), got.get(gk.get(k)), what);
            }
        }
        assertTrue(refused > good.length / 2, refused + " of " + good.length);
    }

    @Test
    void damagedEntryIsReportedAsCrcMismatch() throws IOException {
        byte[] b = resource("npz_stored.npz");
        int at = new String(b, StandardCharsets.ISO_8859_1).indexOf("'descr'"); // in the stored entry W.npy
        assertTrue(at > 0);
        b[at + 1] = 'x';
        Path p = tmp.resolve("damaged.npz");
        Files.write(p, b);
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.loadNpz(p));
        assertTrue(e.getMessage().startsWith(p + " entry 'W.npy': CRC mismatch"), e.getMessage());
        assertTrue(e.getMessage().contains("'xescr'"), e.getMessage());
    }

    /** Whether entry name {@code a} and the entry of key {@code key} differ in at most one character. */
    private static boolean nearlySameName(String a, String key) {
        for (String b : new String[] {key, key + ".npy"}) {
            if (a.length() == b.length()) {
                int diff = 0;
                for (int i = 0; i < a.length(); i++) {
                    diff += a.charAt(i) != b.charAt(i) ? 1 : 0;
                }
                if (diff <= 1) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void refusesArchiveEntriesThatAreNotArrays() throws IOException {
        Path p = tmp.resolve("bad.npz");
        byte[] good = resource("f8_2d.npy");
        writeZip(p, Map.of("a.npy", good, "b.npy", "hello".getBytes(StandardCharsets.US_ASCII)), true);
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.loadNpz(p));
        assertTrue(e.getMessage().contains("entry 'b.npy'") && e.getMessage().contains("not a .npy file"), e.getMessage());

        writeZip(p, Map.of("t.npy", Arrays.copyOf(good, good.length - 8)), false);
        e = assertThrows(NpyFormatException.class, () -> Npy.loadNpz(p));
        assertTrue(e.getMessage().contains("entry 't.npy'") && e.getMessage().contains("truncated"), e.getMessage());

        writeZip(p, Map.of("long.npy", Arrays.copyOf(good, good.length + 3)), true);
        e = assertThrows(NpyFormatException.class, () -> Npy.loadNpz(p));
        assertTrue(e.getMessage().contains("3 bytes after the data"), e.getMessage());

        // an entry claiming 16 GB in 200 bytes: refused before any allocation
        String h = "{'descr': '<f8', 'fortran_order': False, 'shape': (2000000000,), }";
        writeZip(p, Map.of("huge.npy", npy(1, h, new byte[100])), true);
        long before = allocatedBytes();
        e = assertThrows(NpyFormatException.class, () -> Npy.loadNpz(p));
        if (before >= 0) {
            assertTrue(allocatedBytes() - before < 32L << 20);
        }
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());

        // entries without the .npy suffix keep their names; "a" and "a.npy" would clash
        Map<String, byte[]> two = new LinkedHashMap<>();
        two.put("a", good);
        two.put("a.npy", good);
        writeZip(p, two, false);
        e = assertThrows(NpyFormatException.class, () -> Npy.loadNpz(p));
        assertTrue(e.getMessage().contains("a second array named 'a'"), e.getMessage());
    }

    private static void writeZip(Path p, Map<String, byte[]> entries, boolean deflate) throws IOException {
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(p))) {
            for (Map.Entry<String, byte[]> e : new LinkedHashMap<>(entries).entrySet()) {
                ZipEntry ze = new ZipEntry(e.getKey());
                if (!deflate) {
                    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                    crc.update(e.getValue());
                    ze.setMethod(ZipEntry.STORED);
                    ze.setSize(e.getValue().length);
                    ze.setCrc(crc.getValue());
                }
                z.putNextEntry(ze);
                z.write(e.getValue());
                z.closeEntry();
            }
        }
    }

    // ------------------------------------------------------------------ atomic saves

    @Test
    void saveReplacesTheOldFile() throws IOException {
        Path p = tmp.resolve("w.npy");
        Npy.save(p, NdArray.of(new double[] {1, 2}));
        Npy.save(p, NdArray.of(new long[] {7, 8, 9}));
        assertSameArray(NdArray.of(new long[] {7, 8, 9}), Npy.load(p), "replaced");
        assertEquals(Set.of("w.npy"), listing(tmp));
    }

    @Test
    void failedSaveLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path p = tmp.resolve("model.npz");
        Map<String, NdArray> old = Map.of("w", NdArray.of(new double[] {1, 2, 3}));
        Npy.saveNpz(p, old);
        byte[] before = Files.readAllBytes(p);

        // fails midway: the first entry is written, then the second array is missing
        Map<String, NdArray> broken = new LinkedHashMap<>();
        broken.put("a", NdArray.ones(3, 4));
        broken.put("b", null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Npy.saveNpz(p, broken));
        assertTrue(e.getMessage().contains("'b'"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(p));
        assertEquals(Set.of("model.npz"), listing(tmp));

        // fails midway in the caller's own code: a map whose iteration throws after one entry
        Map<String, NdArray> throwing = new AbstractMap<>() {
            @Override
            public Set<Entry<String, NdArray>> entrySet() {
                return new java.util.AbstractSet<>() {
                    @Override
                    public Iterator<Entry<String, NdArray>> iterator() {
                        return new Iterator<>() {
                            int i;

                            @Override
                            public boolean hasNext() {
                                return true;
                            }

                            @Override
                            public Entry<String, NdArray> next() {
                                if (i++ == 1) {
                                    throw new IllegalStateException("the caller failed");
                                }
                                return Map.entry("x" + i, NdArray.zeros(1000));
                            }
                        };
                    }

                    @Override
                    public int size() {
                        return 2;
                    }
                };
            }
        };
        assertThrows(IllegalStateException.class, () -> Npy.saveNpzCompressed(p, throwing));
        assertArrayEquals(before, Files.readAllBytes(p));
        assertEquals(Set.of("model.npz"), listing(tmp));
        assertSameArray(old.get("w"), Npy.loadNpz(p).get("w"), "old content");
    }

    @Test
    void saveOverSomethingThatCannotBeReplacedFails() throws IOException {
        Path dir = tmp.resolve("taken.npy");
        Files.createDirectory(dir);
        Files.write(dir.resolve("inside"), new byte[] {1, 2, 3});
        assertThrows(IOException.class, () -> Npy.save(dir, NdArray.of(1.0)));
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(dir.resolve("inside")));
        assertEquals(Set.of("taken.npy"), listing(tmp));
        assertThrows(NoSuchFileException.class, () -> Npy.save(tmp.resolve("no/such/dir/a.npy"), NdArray.of(1.0)));
        assertEquals(Set.of("taken.npy"), listing(tmp));
    }

    private static Set<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(x -> x.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    // ------------------------------------------------------------------ files for NumPy to check

    /**
     * Re-saves every readable fixture with Java into {@code target/npy-java-written/} with a
     * manifest, for {@code python3 tools/fixtures_npy.py --verify dezero/target/npy-java-written}
     * (NumPy reads them and compares values and bytes). Here: they read back the same.
     */
    @Test
    void javaWrittenFilesForNumpy() throws IOException {
        Path out = Path.of("target", "npy-java-written");
        Files.createDirectories(out);
        List<String> lines = new ArrayList<>();
        for (Case c : npyCases().collect(Collectors.toList())) {
            NdArray a = Npy.load(resourcePath(c.name));
            Npy.save(out.resolve(c.name), a);
            assertSameArray(c.expected(), Npy.load(out.resolve(c.name)), c.name);
            lines.add(c.name + "\t" + c.line.split("\t", 2)[1]);
        }
        Random r = new Random(11);
        Map<String, NdArray> views = new LinkedHashMap<>();
        for (int i = 0; i < 12; i++) {
            Sample s = randomSample(r);
            String name = "view" + i + ".npy";
            Npy.save(out.resolve(name), s.array);
            views.put("view" + i, s.array);
            lines.add(manifestLine(name, s.expected));
        }
        for (String archive : new String[] {"npz_stored.npz", "npz_compressed.npz"}) {
            Map<String, NdArray> m = Npy.loadNpz(resourcePath(archive));
            m.putAll(views);
            if (archive.contains("stored")) {
                Npy.saveNpz(out.resolve(archive), m);
            } else {
                Npy.saveNpzCompressed(out.resolve(archive), m);
            }
            Map<String, NdArray> back = Npy.loadNpz(out.resolve(archive));
            for (Map.Entry<String, NdArray> e : m.entrySet()) {
                lines.add(manifestLine(archive + ":" + e.getKey(), e.getValue()));
                assertSameArray(e.getValue(), back.get(e.getKey()), archive + ":" + e.getKey());
            }
        }
        Files.write(out.resolve("java_manifest.tsv"), lines, StandardCharsets.UTF_8);
    }

    private static String manifestLine(String name, NdArray a) {
        StringBuilder sb = new StringBuilder(name).append('\t').append(a.dtype()).append('\t');
        int[] dims = a.shape().dims();
        for (int i = 0; i < dims.length; i++) {
            sb.append(i > 0 ? "," : "").append(dims[i]);
        }
        sb.append('\t');
        switch (a.dtype()) {
            case FLOAT64:
                sb.append(Arrays.stream(a.toDoubleArray()).mapToObj(
                        v -> String.format("%016x", Double.doubleToRawLongBits(v))).collect(Collectors.joining(" ")));
                break;
            case FLOAT32: {
                float[] f = a.toFloatArray();
                sb.append(IntStream.range(0, f.length).mapToObj(
                        i -> String.format("%08x", Float.floatToRawIntBits(f[i]))).collect(Collectors.joining(" ")));
                break;
            }
            default:
                sb.append(Arrays.stream(a.toLongArray()).mapToObj(Long::toString).collect(Collectors.joining(" ")));
        }
        return sb.toString();
    }

    /** A stream that returns at most a few random bytes per read, as slow networks and zip entries do. */
    static final class TrickleStream extends FilterInputStream {
        private final Random r;
        private final int max;

        TrickleStream(byte[] data, Random r) {
            this(data, r, 7);
        }

        TrickleStream(byte[] data, Random r, int max) {
            super(new ByteArrayInputStream(data));
            this.r = r;
            this.max = max;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, 1 + r.nextInt(max)));
        }
    }
}
