package dezero.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dezero.ndarray.DType;
import dezero.ndarray.Index;
import dezero.ndarray.NdArray;
import dezero.ndarray.Shape;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MNISTTest {
    private static final int N = 5;
    private static final int ROWS = 28;
    private static final int COLS = 28;

    @TempDir
    Path dir;

    // ------------------------------------------------------------------ writing IDX files

    /** Pixels of N random images (every byte value 0..255 can occur). */
    private static byte[] pixels(long seed, int n) {
        byte[] b = new byte[n * ROWS * COLS];
        new Random(seed).nextBytes(b);
        b[0] = (byte) 255;
        b[1] = 0;
        return b;
    }

    private static byte[] labels(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) ((3 * i + 1) % 10);
        }
        return b;
    }

    static byte[] idx(int magic, int[] dims, byte[] payload) {
        ByteBuffer buf = ByteBuffer.allocate(4 + 4 * dims.length + payload.length); // big-endian by default
        buf.putInt(magic);
        for (int d : dims) {
            buf.putInt(d);
        }
        buf.put(payload);
        return buf.array();
    }

    static byte[] gzip(byte[] data) {
        try {
            ByteArrayOutputStream bos = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
                gz.write(data);
            }
            return bos.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String name, byte[] content) throws IOException {
        Files.write(dir.resolve(name), content);
    }

    private static byte[] imageFile(byte[] pixels, int n) {
        return idx(2051, new int[] {n, ROWS, COLS}, pixels);
    }

    private static byte[] labelFile(byte[] labels) {
        return idx(2049, new int[] {labels.length}, labels);
    }

    private void writeSplit(boolean train, boolean gz, byte[] images, byte[] labels) throws IOException {
        String img = train ? "train-images-idx3-ubyte" : "t10k-images-idx3-ubyte";
        String lab = train ? "train-labels-idx1-ubyte" : "t10k-labels-idx1-ubyte";
        write(img + (gz ? ".gz" : ""), gz ? gzip(images) : images);
        write(lab + (gz ? ".gz" : ""), gz ? gzip(labels) : labels);
    }

    private static void assertHolds(MNIST m, byte[] px, byte[] lab) {
        NdArray x = m.data();
        assertEquals(DType.FLOAT32, x.dtype());
        assertEquals(Shape.of(N, 1, ROWS, COLS), x.shape());
        float[] f = x.toFloatArray();
        for (int i = 0; i < f.length; i++) {
            assertEquals(px[i] & 0xFF, f[i], "pixel " + i);
        }
        assertEquals(DType.INT64, m.label().dtype());
        long[] expected = new long[lab.length];
        for (int i = 0; i < lab.length; i++) {
            expected[i] = lab[i];
        }
        assertArrayEquals(expected, m.label().toLongArray());
    }

    // ------------------------------------------------------------------ reading

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void readsGzipAndPlainFiles(boolean gz) throws IOException {
        byte[] px = pixels(1, N);
        byte[] lab = labels(N);
        writeSplit(true, gz, imageFile(px, N), labelFile(lab));
        byte[] px2 = pixels(2, N);
        writeSplit(false, !gz, imageFile(px2, N), labelFile(lab));
        MNIST train = MNIST.load(dir, true);
        assertTrue(train.train());
        assertEquals(N, train.size());
        assertHolds(train, px, lab);
        MNIST test = MNIST.load(dir, false);
        assertFalse(test.train());
        assertHolds(test, px2, lab);
    }

    @Test
    void defaultTransformIsFlattenToFloatNormalize255() throws IOException {
        byte[] px = pixels(3, N);
        writeSplit(true, true, imageFile(px, N), labelFile(labels(N)));
        MNIST m = MNIST.load(dir, true);
        Example e = m.get(2);
        assertEquals(DType.FLOAT32, e.x().dtype());
        assertEquals(Shape.of(ROWS * COLS), e.x().shape());
        float[] v = e.x().toFloatArray();
        int off = 2 * ROWS * COLS;
        for (int i = 0; i < v.length; i++) {
            assertEquals((float) (px[off + i] & 0xFF) / 255f, v[i], "value " + i); // float32 division, as NumPy
        }
        assertEquals(Shape.scalar(), e.t().shape());
        assertEquals(labels(N)[2], e.t().getLong());
        Batch b = m.batch(new int[] {4, 2});
        assertEquals(Shape.of(2, ROWS * COLS), b.x().shape());
        assertEquals(e.x(), b.x().get(Index.at(1)));
        assertArrayEquals(new long[] {labels(N)[4], labels(N)[2]}, b.t().toLongArray());
    }

    @Test
    void rawImagesWithoutTransform() throws IOException {
        byte[] px = pixels(4, N);
        writeSplit(true, false, imageFile(px, N), labelFile(labels(N)));
        MNIST m = MNIST.load(dir, true, null, null);
        Example e = m.get(0);
        assertEquals(Shape.of(1, ROWS, COLS), e.x().shape());
        assertEquals(255.0, e.x().get(0, 0, 0));
    }

    @Test
    void dottedFileNamesAreAccepted() throws IOException {
        byte[] px = pixels(5, N);
        write("train-images.idx3-ubyte", imageFile(px, N));
        write("train-labels.idx1-ubyte", labelFile(labels(N)));
        assertHolds(MNIST.load(dir, true), px, labels(N));
    }

    @Test
    void otherImageSizesAndEmptySets() throws IOException {
        byte[] px = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        write("t10k-images-idx3-ubyte", idx(2051, new int[] {2, 2, 3}, px));
        write("t10k-labels-idx1-ubyte", labelFile(new byte[] {7, 9}));
        MNIST m = MNIST.load(dir, false);
        assertEquals(Shape.of(2, 1, 2, 3), m.data().shape());
        assertArrayEquals(new float[] {7, 8, 9, 10, 11, 12}, m.data().get(Index.at(1)).toFloatArray());
        write("train-images-idx3-ubyte", idx(2051, new int[] {0, 28, 28}, new byte[0]));
        write("train-labels-idx1-ubyte", labelFile(new byte[0]));
        assertEquals(0, MNIST.load(dir, true).size());
    }

    // ------------------------------------------------------------------ missing and corrupt files

    @Test
    void missingFilesSayWhatToPutWhere() throws IOException {
        write("train-labels-idx1-ubyte.gz", gzip(labelFile(labels(N))));
        FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> MNIST.load(dir, true));
        String m = e.getMessage();
        assertTrue(m.contains("train-images-idx3-ubyte.gz"), m);
        assertTrue(m.contains(dir.toAbsolutePath().toString()), m);
        assertTrue(m.contains("--download"), m);
        assertTrue(m.contains(MNIST.DEFAULT_BASE_URL), m);
        assertTrue(m.contains("is missing"), m);

        Path nowhere = dir.resolve("no-such-dir");
        e = assertThrows(FileNotFoundException.class, () -> MNIST.load(nowhere, false));
        m = e.getMessage();
        assertTrue(m.contains("t10k-images-idx3-ubyte.gz") && m.contains("t10k-labels-idx1-ubyte.gz"), m);
        assertTrue(m.contains("does not exist"), m);
    }

    private String loadError() {
        IOException e = assertThrows(IOException.class, () -> MNIST.load(dir, true));
        assertFalse(e instanceof FileNotFoundException, e.getMessage());
        return e.getMessage();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void wrongMagic(boolean gz) throws IOException {
        // a label file where the image file should be
        writeSplit(true, gz, labelFile(labels(N)), labelFile(labels(N)));
        String m = loadError();
        assertTrue(m.contains("train-images-idx3-ubyte") && m.contains("magic number 2049") && m.contains("2051"), m);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void truncatedPayload(boolean gz) throws IOException {
        byte[] full = imageFile(pixels(6, N), N);
        writeSplit(true, gz, Arrays.copyOf(full, full.length - 100), labelFile(labels(N)));
        String m = loadError();
        assertTrue(m.contains("truncated") && m.contains("5 images of 28x28") && m.contains("3820"), m);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void hugeDeclaredSizeIsRejectedWithoutAllocatingIt(boolean gz) throws IOException {
        // the header claims 2,000,000 images (1.5 GB) but the file holds 5
        byte[] lying = idx(2051, new int[] {2_000_000, ROWS, COLS}, pixels(7, N));
        writeSplit(true, gz, lying, labelFile(labels(N)));
        String m = loadError();
        assertTrue(m.contains("truncated") && m.contains("2000000 images"), m);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void trailingBytes(boolean gz) throws IOException {
        byte[] full = imageFile(pixels(8, N), N);
        writeSplit(true, gz, Arrays.copyOf(full, full.length + 10), labelFile(labels(N)));
        String m = loadError();
        assertTrue(m.contains("too long"), m);
    }

    @Test
    void dimensionsNotMatchingTheSize() throws IOException {
        // 5 images of 28x28 in the payload, but the header says 28x27
        writeSplit(true, false, idx(2051, new int[] {N, 28, 27}, pixels(9, N)), labelFile(labels(N)));
        assertTrue(loadError().contains("28x27"));
    }

    @Test
    void truncatedHeader() throws IOException {
        writeSplit(true, false, new byte[] {0, 0, 8, 3, 0, 0}, labelFile(labels(N)));
        assertTrue(loadError().contains("truncated"));
        writeSplit(true, true, new byte[] {0, 0}, labelFile(labels(N)));
        assertTrue(loadError().contains("truncated"));
    }

    @Test
    void negativeDimension() throws IOException {
        writeSplit(true, false, idx(2051, new int[] {-5, 28, 28}, new byte[0]), labelFile(labels(N)));
        assertTrue(loadError().contains("invalid dimension -5"));
    }

    @Test
    void countMismatchBetweenImagesAndLabels() throws IOException {
        writeSplit(true, true, imageFile(pixels(10, N), N), labelFile(labels(N - 1)));
        String m = loadError();
        assertTrue(m.contains("5 images") && m.contains("4 labels"), m);
    }

    @Test
    void corruptGzip() throws IOException {
        byte[] gz = gzip(imageFile(pixels(11, N), N));
        write("train-images-idx3-ubyte.gz", Arrays.copyOf(gz, gz.length / 2));
        write("train-labels-idx1-ubyte.gz", gzip(labelFile(labels(N))));
        String m = loadError();
        assertTrue(m.contains("train-images-idx3-ubyte.gz") && m.contains("gzip"), m);
    }

    // ------------------------------------------------------------------ downloading

    /** Writes the gzip files of both splits into {@code src}. */
    private static void publish(Path src, byte[] trainPx, byte[] testPx) throws IOException {
        Files.createDirectories(src);
        Files.write(src.resolve("train-images-idx3-ubyte.gz"), gzip(imageFile(trainPx, N)));
        Files.write(src.resolve("train-labels-idx1-ubyte.gz"), gzip(labelFile(labels(N))));
        Files.write(src.resolve("t10k-images-idx3-ubyte.gz"), gzip(imageFile(testPx, N)));
        Files.write(src.resolve("t10k-labels-idx1-ubyte.gz"), gzip(labelFile(labels(N))));
    }

    @Test
    void downloadFromAFileUrl() throws IOException {
        Path src = dir.resolve("mirror");
        byte[] px = pixels(12, N);
        publish(src, px, pixels(13, N));
        Path cache = dir.resolve("cache");
        Path got = MNIST.download(src.toUri().toString(), cache, true);
        assertEquals(cache, got);
        assertTrue(Files.isRegularFile(cache.resolve("train-images-idx3-ubyte.gz")));
        assertFalse(Files.exists(cache.resolve("t10k-images-idx3-ubyte.gz")), "only the asked split is fetched");
        assertHolds(MNIST.load(cache, true), px, labels(N));
        try (var files = Files.list(cache)) {
            assertEquals(2, files.count(), "no temporary files are left");
        }
    }

    @Test
    void downloadOverHttpFetchesOnlyMissingFiles() throws IOException {
        Path src = dir.resolve("site");
        byte[] px = pixels(14, N);
        publish(src, pixels(15, N), px);
        List<String> requests = new ArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/mnist/", exchange -> {
            String name = exchange.getRequestURI().getPath().substring("/mnist/".length());
            synchronized (requests) {
                requests.add(name);
            }
            Path f = src.resolve(name);
            if (Files.isRegularFile(f)) {
                byte[] body = Files.readAllBytes(f);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } else {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
            }
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/mnist"; // no trailing slash
            Path cache = dir.resolve("cache");
            Files.createDirectories(cache);
            // the labels are there already (uncompressed): only the images are fetched
            Files.write(cache.resolve("t10k-labels-idx1-ubyte"), labelFile(labels(N)));
            MNIST.download(base, cache, false);
            assertEquals(List.of("t10k-images-idx3-ubyte.gz"), requests);
            assertHolds(MNIST.load(cache, false), px, labels(N));
            MNIST.download(base, cache, false);
            assertEquals(1, requests.size(), "complete files are not fetched again");

            // a missing file on the server: an IOException with the URL and the HTTP status
            Path other = dir.resolve("other");
            IOException e = assertThrows(IOException.class,
                    () -> MNIST.download("http://127.0.0.1:" + server.getAddress().getPort() + "/mnist/nothing/", other,
                            true));
            assertTrue(e.getMessage().contains("404") && e.getMessage().contains("train-images-idx3-ubyte.gz"),
                    e.getMessage());
            try (var files = Files.list(other)) {
                assertEquals(0, files.count(), "a failed download leaves no file behind");
            }
        } finally {
            server.stop(0);
        }
    }

    @Test
    void downloadedContentMustBeIdx() throws IOException {
        Path src = dir.resolve("bad");
        Files.createDirectories(src);
        Files.write(src.resolve("train-images-idx3-ubyte.gz"), gzip("<html>not found</html>".getBytes()));
        Path cache = dir.resolve("cache");
        IOException e = assertThrows(IOException.class, () -> MNIST.download(src.toUri().toString(), cache, true));
        assertTrue(e.getMessage().contains("IDX"), e.getMessage());
        assertFalse(Files.exists(cache.resolve("train-images-idx3-ubyte.gz")));
    }

    @Test
    void unreachableServerSaysHowToWorkOffline() throws IOException {
        // a port nobody listens on (bound, then closed)
        int port;
        try (var s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path cache = dir.resolve("cache");
        int p = port;
        IOException e = assertThrows(IOException.class,
                () -> MNIST.download("http://127.0.0.1:" + p + "/", cache, true));
        assertTrue(e.getMessage().contains("cannot download") && e.getMessage().contains(cache.toString()),
                e.getMessage());
    }

    @Test
    void defaults() {
        assertEquals(Path.of(System.getProperty("user.home"), ".dezero", "mnist"), MNIST.defaultCacheDir());
        assertEquals("Compose(Flatten(), ToFloat(float32), Normalize(mean=0.0, std=255.0))",
                MNIST.defaultTransform().toString());
    }
}
