package dezero.data;

import dezero.data.transforms.Compose;
import dezero.data.transforms.Flatten;
import dezero.data.transforms.Normalize;
import dezero.data.transforms.ToFloat;
import dezero.data.transforms.Transform;
import dezero.ndarray.NdArray;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLConnection;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * The MNIST handwritten digits (DeZero's {@code MNIST}), read from the original IDX files:
 * 60,000 training or 10,000 test images of 28×28 pixels, values 0..255, with labels 0..9.
 *
 * <p>{@link #data()} is float32 {@code (N, 1, 28, 28)} with the raw values 0..255 and
 * {@link #label()} is int64 {@code (N,)}. As in DeZero, the default transform is
 * {@code Compose(Flatten(), ToFloat(), Normalize(0, 255))}, so an example's x is float32
 * {@code (784,)} scaled to [0, 1]; pass another transform (or {@code null} for the raw image).
 *
 * <p>The files are looked up in a directory: {@code train-images-idx3-ubyte},
 * {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte},
 * each gzip-compressed (with {@code .gz}) or not (the {@code train-images.idx3-ubyte} spelling is
 * accepted too). {@link #download} fetches the missing ones from a base URL ({@link #DEFAULT_BASE_URL}
 * unless another is given) into a directory, by default {@link #defaultCacheDir()}
 * ({@code ~/.dezero/mnist}).
 *
 * <pre>{@code
 * MNIST train = MNIST.load(Path.of("data/mnist"), true);                  // files already there
 * MNIST test = MNIST.load(MNIST.download(false), false);                  // fetch into the cache
 * }</pre>
 *
 * <p>Errors: missing files give a {@link FileNotFoundException} that names the files, the
 * directory and how to download them; a file that is not a valid IDX file of the expected kind
 * (wrong magic number, truncated, trailing bytes, corrupt gzip) or an image count that differs
 * from the label count gives an {@link IOException} naming the file. The sizes in a header are
 * believed only once the file turned out to hold that many bytes, so a corrupt header cannot make
 * the loader allocate more than the file's content.
 */
public final class MNIST extends ArrayDataset {
    /** Where {@link #download(boolean)} fetches the gzip files from (a mirror of the original site). */
    public static final String DEFAULT_BASE_URL = "https://ossci-datasets.s3.amazonaws.com/mnist/";

    static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
    /** IDX magic numbers: 0x0000 0803 (unsigned bytes, 3 dimensions) and 0x0000 0801 (1 dimension). */
    static final int IMAGES_MAGIC = 2051;
    static final int LABELS_MAGIC = 2049;

    private static final int CONNECT_TIMEOUT_MS = 30_000;
    private static final int READ_TIMEOUT_MS = 120_000;
    private static final int CHUNK = 1 << 20;

    private MNIST(boolean train, NdArray data, NdArray label, Transform transform, Transform targetTransform) {
        super(train, data, label, transform, targetTransform);
    }

    /** {@code ~/.dezero/mnist}: where {@link #download(boolean)} and {@link #load(boolean)} keep the files. */
    public static Path defaultCacheDir() {
        return Path.of(System.getProperty("user.home"), ".dezero", "mnist");
    }

    /** DeZero's default transform: {@code Compose(Flatten(), ToFloat(), Normalize(0, 255))}. */
    public static Transform defaultTransform() {
        return new Compose(new Flatten(), new ToFloat(), new Normalize(0, 255));
    }

    /** The training or test set from {@link #defaultCacheDir()}, without any network access. */
    public static MNIST load(boolean train) throws IOException {
        return load(defaultCacheDir(), train);
    }

    /** The training or test set from the files in {@code dir}, with the default transform. */
    public static MNIST load(Path dir, boolean train) throws IOException {
        return load(dir, train, defaultTransform(), null);
    }

    /**
     * The training or test set from the files in {@code dir}, with the given transforms
     * ({@code null}: the identity, i.e. raw float32 {@code (1, 28, 28)} images with values 0..255).
     */
    public static MNIST load(Path dir, boolean train, Transform transform, Transform targetTransform)
            throws IOException {
        String[] names = names(train);
        Path images = find(dir, names[0]);
        Path labels = find(dir, names[1]);
        if (images == null || labels == null) {
            List<String> missing = new ArrayList<>();
            if (images == null) {
                missing.add(names[0] + ".gz");
            }
            if (labels == null) {
                missing.add(names[1] + ".gz");
            }
            throw new FileNotFoundException(missingMessage(dir, train, missing));
        }
        Idx x = readIdx(images, IMAGES_MAGIC);
        Idx t = readIdx(labels, LABELS_MAGIC);
        if (x.dims[0] != t.dims[0]) {
            throw new IOException("MNIST: " + images + " holds " + x.dims[0] + " images but " + labels + " holds "
                    + t.dims[0] + " labels");
        }
        int n = x.dims[0];
        int rows = x.dims[1];
        int cols = x.dims[2];
        NdArray data = NdArray.of(toFloats(x), n, 1, rows, cols);
        NdArray label = NdArray.of(toLongs(t));
        return new MNIST(train, data, label, transform, targetTransform);
    }

    private static float[] toFloats(Idx idx) {
        float[] f = new float[idx.length];
        int off = 0;
        for (byte[] b : idx.chunks) {
            for (int i = 0; i < b.length; i++) {
                f[off + i] = b[i] & 0xFF;
            }
            off += b.length;
        }
        return f;
    }

    private static long[] toLongs(Idx idx) {
        long[] l = new long[idx.length];
        int off = 0;
        for (byte[] b : idx.chunks) {
            for (int i = 0; i < b.length; i++) {
                l[off + i] = b[i] & 0xFF;
            }
            off += b.length;
        }
        return l;
    }

    /** Fetches the missing files of a split from {@link #DEFAULT_BASE_URL} into {@link #defaultCacheDir()}. */
    public static Path download(boolean train) throws IOException {
        return download(DEFAULT_BASE_URL, defaultCacheDir(), train);
    }

    /**
     * Fetches the files of the training or test split that {@code dir} lacks from
     * {@code baseUrl + name + ".gz"} ({@code http:}, {@code https:} or {@code file:}) into
     * {@code dir} (created if needed), each through a temporary file renamed when complete and
     * checked to be an IDX file. Files already there are not fetched again.
     *
     * @return {@code dir}, for {@link #load(Path, boolean)}
     */
    public static Path download(String baseUrl, Path dir, boolean train) throws IOException {
        URI base;
        try {
            base = new URI(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("MNIST.download: bad base URL " + baseUrl + ": " + e.getMessage(), e);
        }
        Files.createDirectories(dir);
        String[] names = names(train);
        int[] magics = {IMAGES_MAGIC, LABELS_MAGIC};
        for (int k = 0; k < 2; k++) {
            if (find(dir, names[k]) != null) {
                continue;
            }
            String file = names[k] + ".gz";
            URI uri = base.resolve(file);
            Path target = dir.resolve(file);
            Path tmp = Files.createTempFile(dir, file, ".part");
            try {
                fetch(uri, tmp, dir, train);
                checkMagic(tmp, magics[k], uri);
                move(tmp, target);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        return dir;
    }

    private static void fetch(URI uri, Path tmp, Path dir, boolean train) throws IOException {
        try {
            URLConnection conn = uri.toURL().openConnection();
            conn.setConnectTimeout(CONNECT_TIMEOUT_MS);
            conn.setReadTimeout(READ_TIMEOUT_MS);
            if (conn instanceof HttpURLConnection) {
                HttpURLConnection http = (HttpURLConnection) conn;
                http.setInstanceFollowRedirects(true);
                int code = http.getResponseCode();
                if (code != HttpURLConnection.HTTP_OK) {
                    http.disconnect();
                    throw new IOException("MNIST: downloading " + uri + " failed: HTTP " + code + " "
                            + http.getResponseMessage());
                }
            }
            try (InputStream in = conn.getInputStream(); OutputStream out = Files.newOutputStream(tmp)) {
                in.transferTo(out);
            }
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("MNIST:")) {
                throw e;
            }
            throw new IOException("MNIST: cannot download " + uri + " (" + e + "). Without network access, put "
                    + String.join(" and ", gzNames(train)) + " in " + dir + " by hand", e);
        }
    }

    private static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Checks that a downloaded file starts like an IDX file of the expected kind. */
    private static void checkMagic(Path file, int magic, URI from) throws IOException {
        try (InputStream in = open(file)) {
            byte[] h = in.readNBytes(4);
            int m = h.length == 4 ? readInt(h, 0) : -1;
            if (m != magic) {
                throw new IOException("MNIST: " + from + " did not give an IDX file with magic number " + magic
                        + " (first bytes: " + Arrays.toString(h) + ")");
            }
        } catch (ZipException | EOFException e) {
            throw new IOException("MNIST: " + from + " did not give valid gzip data: " + e.getMessage(), e);
        }
    }

    private static String[] names(boolean train) {
        return train ? new String[] {TRAIN_IMAGES, TRAIN_LABELS} : new String[] {TEST_IMAGES, TEST_LABELS};
    }

    private static String[] gzNames(boolean train) {
        String[] n = names(train);
        return new String[] {n[0] + ".gz", n[1] + ".gz"};
    }

    /** The file for {@code name} in {@code dir}: gzip first, then uncompressed, then the dotted spelling. */
    static Path find(Path dir, String name) {
        String dotted = name.replaceFirst("-idx", ".idx");
        for (String candidate : new String[] {name + ".gz", name, dotted + ".gz", dotted}) {
            Path p = dir.resolve(candidate);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private static String missingMessage(Path dir, boolean train, List<String> missing) {
        String split = train ? "training" : "test";
        String where = Files.isDirectory(dir) ? dir.toAbsolutePath().toString()
                : dir.toAbsolutePath() + " (the directory does not exist)";
        return "MNIST " + split + " set: " + String.join(" and ", missing) + (missing.size() == 1 ? " is" : " are")
                + " missing in " + where + ". Put the files " + String.join(", ", gzNames(train))
                + " there (gzip as published, or uncompressed without .gz), or download them: "
                + "./dezero train mnist --download (in code MNIST.download(" + train + ")) fetches them from "
                + DEFAULT_BASE_URL + " into " + defaultCacheDir();
    }

    // ------------------------------------------------------------------ IDX reading

    /** An IDX file's dimensions and its unsigned-byte payload of {@code length} bytes, in chunks. */
    static final class Idx {
        final int[] dims;
        final List<byte[]> chunks;
        final int length;

        Idx(int[] dims, List<byte[]> chunks, int length) {
            this.dims = dims;
            this.chunks = chunks;
            this.length = length;
        }
    }

    /** The file's content, decompressed if it starts with the gzip magic bytes. */
    private static InputStream open(Path file) throws IOException {
        BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            return new GZIPInputStream(in, 1 << 16);
        }
        return in;
    }

    private static int readInt(byte[] b, int off) {
        return ((b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    }

    /**
     * Reads an IDX file of unsigned bytes with the given magic number ({@link #IMAGES_MAGIC}: count,
     * rows, columns; {@link #LABELS_MAGIC}: count), gzip or plain, and checks that the payload has
     * exactly the size the header declares.
     */
    static Idx readIdx(Path file, int magic) throws IOException {
        String kind = magic == IMAGES_MAGIC ? "image" : "label";
        int ndim = magic & 0xFF;
        boolean gzip;
        try (InputStream in = open(file)) {
            gzip = in instanceof GZIPInputStream;
            byte[] header = in.readNBytes(4);
            if (header.length < 4) {
                throw new IOException("MNIST: " + file + " is truncated: " + header.length
                        + " bytes, too short for an IDX header");
            }
            int m = readInt(header, 0);
            if (m != magic) {
                throw new IOException("MNIST: " + file + " is not an IDX " + kind + " file: magic number " + m
                        + " (0x" + String.format("%08x", m) + "), expected " + magic + " (0x"
                        + String.format("%08x", magic) + ")");
            }
            byte[] dimBytes = in.readNBytes(4 * ndim);
            if (dimBytes.length < 4 * ndim) {
                throw new IOException("MNIST: " + file + " is truncated inside its IDX header (" + ndim
                        + " dimensions expected)");
            }
            int[] dims = new int[ndim];
            long payload = 1;
            for (int i = 0; i < ndim; i++) {
                dims[i] = readInt(dimBytes, 4 * i);
                if (dims[i] < 0 || (i > 0 && dims[i] == 0)) {
                    throw new IOException("MNIST: " + file + " declares an invalid dimension " + dims[i] + " in "
                            + Arrays.toString(dims));
                }
                payload *= dims[i];
                if (payload > Integer.MAX_VALUE - 64) {
                    throw new IOException("MNIST: " + file + " declares dimensions " + Arrays.toString(dims)
                            + " too large to load");
                }
            }
            String declared = describe(kind, dims) + " (" + payload + " bytes after the " + (4 + 4 * ndim)
                    + "-byte header)";
            long headerLength = 4 + 4L * ndim;
            if (!gzip) {
                long available = Files.size(file) - headerLength;
                if (available != payload) {
                    throw new IOException("MNIST: " + file + (available < payload ? " is truncated" : " is too long")
                            + ": its header declares " + declared + " but it holds " + available + " bytes");
                }
            }
            List<byte[]> data = new ArrayList<>();
            int got = readPayload(in, (int) payload, data);
            int extra = got < payload ? 0 : countRest(in);
            if (got < payload || extra > 0) {
                long held = got < payload ? got : payload + extra;
                throw new IOException("MNIST: " + file + (got < payload ? " is truncated" : " is too long")
                        + ": its header declares " + declared + " but it holds " + held
                        + (extra == Integer.MAX_VALUE ? " or more" : "") + " bytes");
            }
            return new Idx(dims, data, got);
        } catch (ZipException | EOFException e) {
            throw new IOException("MNIST: " + file + " holds corrupt or truncated gzip data: " + e.getMessage(), e);
        }
    }

    private static String describe(String kind, int[] dims) {
        if (dims.length == 3) {
            return dims[0] + " images of " + dims[1] + "x" + dims[2];
        }
        return dims[0] + " labels";
    }

    /**
     * Reads up to {@code expected} bytes of {@code in} into {@code chunks} of at most 1 MiB each
     * and returns how many arrived. Chunks are allocated only as data arrives, so a header that
     * declares more than the file holds costs no more memory than the file's real content.
     */
    private static int readPayload(InputStream in, int expected, List<byte[]> chunks) throws IOException {
        int total = 0;
        while (total < expected) {
            byte[] chunk = new byte[Math.min(expected - total, CHUNK)];
            int n = in.readNBytes(chunk, 0, chunk.length);
            total += n;
            if (n < chunk.length) {
                if (n > 0) {
                    chunks.add(Arrays.copyOf(chunk, n));
                }
                break;
            }
            chunks.add(chunk);
        }
        return total;
    }

    /** The number of bytes left in {@code in} (capped at {@code Integer.MAX_VALUE}). */
    private static int countRest(InputStream in) throws IOException {
        byte[] skip = new byte[8192];
        long total = 0;
        for (int r = in.read(skip); r >= 0; r = in.read(skip)) {
            total += r;
            if (total >= Integer.MAX_VALUE) {
                return Integer.MAX_VALUE;
            }
        }
        return (int) total;
    }
}
