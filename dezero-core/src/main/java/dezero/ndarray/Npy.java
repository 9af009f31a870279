package dezero.ndarray;

import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * NumPy's {@code .npy} and {@code .npz} files: what {@code np.save}, {@code np.savez} and
 * {@code np.savez_compressed} write, and {@code np.load} reads.
 *
 * <pre>{@code
 * Npy.save(Path.of("w.npy"), w);                       // np.save('w.npy', w)
 * NdArray w2 = Npy.load(Path.of("w.npy"));            // np.load('w.npy')
 * Npy.saveNpz(Path.of("model.npz"), Map.of("W", w));  // np.savez('model.npz', W=w)
 * Map<String, NdArray> p = Npy.loadNpz(Path.of("model.npz"));
 * }</pre>
 *
 * <p><b>Writing</b> gives the bytes {@code np.save} gives for the same array: format version 1.0
 * (2.0 only for a header longer than 65535 bytes), {@code fortran_order: False}, C order, the
 * dtype's little-endian descr ({@code <f8}, {@code <f4}, {@code <i8}), the header padded with
 * spaces so that the data starts at a multiple of 64 bytes. Views of any strides are written in C
 * order. Saving to a path is atomic: the file is written to a temporary file in the same
 * directory, forced to disk, and renamed over the target, so that the target holds either the old
 * or the new content, never a part. The path is used as given (no {@code .npy} suffix is added).
 *
 * <p><b>Reading</b> accepts format versions 1.0, 2.0 and 3.0, either byte order, C and Fortran
 * order (returned in C order), and these dtypes:
 * <ul>
 *   <li>{@code f8}, {@code f4}, {@code i8}: read as float64, float32, int64;</li>
 *   <li>{@code f2} (float16): read as float32 (exact);</li>
 *   <li>{@code i1}, {@code i2}, {@code i4}, {@code u1}, {@code u2}, {@code u4}, {@code b1}
 *       (bool): read as int64 (exact), since label files often use them;</li>
 *   <li>{@code u8}: read as int64; a value above {@link Long#MAX_VALUE} is an error.</li>
 * </ul>
 * Other dtypes (complex, object, strings, datetimes, structured) are refused with a message naming
 * the dtype.
 *
 * <p><b>Bad files</b> (truncated, corrupted, or lying about their size, dtype or shape) throw a
 * {@link NpyFormatException} naming the file, or the archive and entry, and the problem; a load
 * never half-succeeds. No more memory is allocated than the data actually present could fill: the
 * header's claim is checked against the file size before allocating, and a stream of unknown
 * length (an input stream, a compressed archive entry) is read in bounded chunks. A file holding
 * more bytes than its header accounts for is refused as well.
 */
public final class Npy {
    /** Bytes converted per step when reading or writing data. */
    private static final int CHUNK = 1 << 20;
    private static final String STREAM = "<stream>";

    private Npy() {
    }

    // ------------------------------------------------------------------ .npy

    /** {@code np.save(path, a)}: writes {@code a} as a {@code .npy} file, atomically. */
    public static void save(Path path, NdArray a) throws IOException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(a, "array");
        atomicWrite(path, out -> write(out, a));
    }

    /** {@code np.load(path)} of a {@code .npy} file. */
    public static NdArray load(Path path) throws IOException {
        long size = Files.size(path);
        try (InputStream in = Files.newInputStream(path)) {
            return readArray(in, path.toString(), size, true, true);
        }
    }

    /**
     * Writes the bytes of a {@code .npy} file holding {@code a} to {@code out} (the stream is
     * neither buffered nor closed here).
     */
    public static void write(OutputStream out, NdArray a) throws IOException {
        out.write(NpyHeader.encode(a.dtype, a.shape.raw()));
        writeData(out, a);
    }

    /**
     * Reads one {@code .npy} array from {@code in}, for example a resource of a jar; the stream is
     * left just after the array's data (so several arrays written one after the other can be read
     * in turn) and is not closed.
     */
    public static NdArray read(InputStream in) throws IOException {
        Objects.requireNonNull(in, "in");
        return readArray(in, STREAM, -1, false, false);
    }

    // ------------------------------------------------------------------ .npz

    /**
     * {@code np.savez(path, **arrays)}: a zip archive (entries stored, not compressed) with one
     * {@code <key>.npy} entry per array, in the map's iteration order; atomic.
     */
    public static void saveNpz(Path path, Map<String, NdArray> arrays) throws IOException {
        saveNpz(path, arrays, false);
    }

    /** {@code np.savez_compressed(path, **arrays)}: as {@link #saveNpz}, the entries deflated. */
    public static void saveNpzCompressed(Path path, Map<String, NdArray> arrays) throws IOException {
        saveNpz(path, arrays, true);
    }

    /**
     * {@code np.load} of an {@code .npz} archive: every entry, in the archive's order, keyed by its
     * name without the {@code .npy} suffix. Each entry's CRC and size are checked (the CRC covers
     * an entry's bytes, not its name). Either all arrays load or an exception is thrown.
     */
    public static Map<String, NdArray> loadNpz(Path path) throws IOException {
        long fileSize = Files.size(path);
        String name = path.toString();
        Map<String, NdArray> out = new LinkedHashMap<>();
        java.io.File file = path.toFile(); // ZipFile needs the default file system
        ZipFile zip;
        try {
            zip = new ZipFile(file);
        } catch (FileNotFoundException | FileSystemException e) {
            throw e; // not there, or not readable: not a format problem
        } catch (IOException | RuntimeException e) { // ZipException, or EOFException from a damaged end record
            throw new NpyFormatException(name + ": not a valid .npz (zip) archive: " + e, e);
        }
        try (ZipFile z = zip) {
            Enumeration<? extends ZipEntry> entries = z.entries();
            while (true) {
                ZipEntry e;
                try {
                    if (!entries.hasMoreElements()) {
                        break;
                    }
                    e = entries.nextElement();
                } catch (RuntimeException ex) {
                    throw new NpyFormatException(name + ": corrupted .npz (zip) archive: " + ex.getMessage(), ex);
                }
                if (e.isDirectory()) {
                    continue;
                }
                String entryName = e.getName();
                String key = entryName.endsWith(".npy") ? entryName.substring(0, entryName.length() - 4) : entryName;
                String source = name + " entry '" + entryName + "'";
                if (out.containsKey(key)) {
                    throw new NpyFormatException(source + ": a second array named '" + key + "'");
                }
                out.put(key, readEntry(z, e, source, fileSize));
            }
        }
        return out;
    }

    private static void saveNpz(Path path, Map<String, NdArray> arrays, boolean compressed) throws IOException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(arrays, "arrays");
        String op = compressed ? "saveNpzCompressed" : "saveNpz";
        atomicWrite(path, out -> {
            ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
            for (Map.Entry<String, NdArray> kv : arrays.entrySet()) {
                String key = kv.getKey();
                NdArray a = kv.getValue();
                if (key == null) {
                    throw new IllegalArgumentException(op + ": null key");
                }
                if (a == null) {
                    throw new IllegalArgumentException(op + ": null array for key '" + key + "'");
                }
                ZipEntry e = new ZipEntry(key + ".npy");
                if (compressed) {
                    e.setMethod(ZipEntry.DEFLATED);
                } else {
                    // a stored entry needs its size and CRC up front: a first pass computes the CRC
                    CRC32 crc = new CRC32();
                    write(new CheckedOutputStream(OutputStream.nullOutputStream(), crc), a);
                    long size = NpyHeader.encode(a.dtype, a.shape.raw()).length + (long) a.size() * a.dtype.itemSize();
                    e.setMethod(ZipEntry.STORED);
                    e.setSize(size);
                    e.setCompressedSize(size);
                    e.setCrc(crc.getValue());
                }
                zip.putNextEntry(e);
                write(zip, a);
                zip.closeEntry();
            }
            zip.close(); // finishes the archive; the shield keeps the file open for the fsync
        });
    }

    /** Reads one archive entry as a {@code .npy}, checking that it ends where the array ends and its CRC. */
    private static NdArray readEntry(ZipFile zip, ZipEntry e, String source, long fileSize) throws IOException {
        long declared = e.getSize();
        // a stored entry's size is bounded by the archive's; a deflated entry's may lie or be a bomb
        boolean trusted = e.getMethod() == ZipEntry.STORED && declared >= 0 && declared <= fileSize;
        CRC32 crc = new CRC32();
        try (GuardedInputStream in = new GuardedInputStream(zip.getInputStream(e), crc)) {
            NdArray a;
            try {
                a = readArray(in, source, declared, trusted, true);
            } catch (NpyFormatException bad) {
                // a damaged entry usually fails to parse before its end: tell the real cause if the CRC shows it
                if (e.getCrc() >= 0 && drained(in, declared) && crc.getValue() != e.getCrc()) {
                    throw new NpyFormatException(source + ": CRC mismatch (the entry is corrupted); reading it gave: "
                            + bad.getMessage().substring(source.length() + 2), bad);
                }
                throw bad;
            }
            if (declared >= 0 && in.count != declared) {
                throw new NpyFormatException(source + ": the entry holds " + in.count + " bytes, the archive says "
                        + declared);
            }
            if (e.getCrc() >= 0 && crc.getValue() != e.getCrc()) {
                throw new NpyFormatException(source + ": CRC mismatch (the entry is corrupted): computed "
                        + String.format("%08x", crc.getValue()) + ", the archive says "
                        + String.format("%08x", e.getCrc()));
            }
            return a;
        } catch (ZipException | EOFException ex) {
            throw new NpyFormatException(source + ": corrupted entry: " + ex.getMessage(), ex);
        } catch (RuntimeException ex) {
            throw new NpyFormatException(source + ": corrupted entry: " + ex, ex);
        }
    }

    /** Reads {@code in} to its end (at most {@code declared} bytes in all, when known); false if that fails. */
    private static boolean drained(GuardedInputStream in, long declared) {
        byte[] buf = new byte[1 << 16];
        try {
            while (declared < 0 || in.count <= declared) {
                if (in.read(buf, 0, buf.length) < 0) {
                    return true;
                }
            }
            return false;
        } catch (IOException ex) {
            return false;
        }
    }

    /**
     * An archive entry's stream that counts and checksums what it delivers and turns the zip
     * library's runtime exceptions on malformed data into {@link ZipException}s.
     */
    private static final class GuardedInputStream extends FilterInputStream {
        final CRC32 crc;
        long count;

        GuardedInputStream(InputStream in, CRC32 crc) {
            super(in);
            this.crc = crc;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n <= 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                n = in.read(b, off, len);
            } catch (RuntimeException ex) {
                ZipException z = new ZipException(ex.toString());
                z.initCause(ex);
                throw z;
            }
            if (n > 0) {
                crc.update(b, off, n);
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) {
            return 0;
        }
    }

    // ------------------------------------------------------------------ atomic saves

    private interface Body {
        void write(OutputStream out) throws IOException;
    }

    /**
     * Writes through {@code body} into a new temporary file beside {@code path}, forces it to disk
     * and renames it over {@code path}; on any failure the temporary file is removed and
     * {@code path} is untouched.
     */
    private static void atomicWrite(Path path, Body body) throws IOException {
        Path target = path.toAbsolutePath();
        Path dir = target.getParent();
        if (dir == null) {
            throw new IOException(path + ": not a file path");
        }
        String base = target.getFileName().toString();
        if (base.length() > 100) {
            base = base.substring(0, 100);
        }
        Path tmp = null;
        FileChannel ch = null;
        for (int attempt = 0; ch == null; attempt++) {
            tmp = dir.resolve("." + base + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
            try {
                ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 10) {
                    throw e;
                }
            }
        }
        boolean done = false;
        try {
            try (FileChannel c = ch) {
                OutputStream buffered = new BufferedOutputStream(Channels.newOutputStream(c), 1 << 16);
                // the body may close its stream (e.g. a ZipOutputStream); that must not close the channel
                OutputStream shield = new FilterOutputStream(buffered) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                    }

                    @Override
                    public void close() throws IOException {
                        flush();
                    }
                };
                body.write(shield);
                buffered.flush();
                c.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        } finally {
            if (!done) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the original failure is what matters
                }
            }
        }
        // make the rename durable; not possible on every platform (e.g. Windows), hence best effort
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | RuntimeException ignored) {
            // the file itself is complete and in place
        }
    }

    // ------------------------------------------------------------------ data out

    private static void writeData(OutputStream out, NdArray a) throws IOException {
        NdArray c = a.contiguous();
        int n = c.size();
        if (n == 0) {
            return;
        }
        int item = c.dtype.itemSize();
        int per = Math.min(n, CHUNK / item);
        byte[] buf = new byte[per * item];
        ByteBuffer bb = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN);
        for (int done = 0; done < n; done += per) {
            int k = Math.min(per, n - done);
            int at = c.offset + done;
            switch (c.dtype) {
                case FLOAT64:
                    bb.clear();
                    bb.asDoubleBuffer().put(c.doubleData, at, k);
                    break;
                case FLOAT32:
                    bb.clear();
                    bb.asFloatBuffer().put(c.floatData, at, k);
                    break;
                default:
                    bb.clear();
                    bb.asLongBuffer().put(c.longData, at, k);
            }
            out.write(buf, 0, k * item);
        }
    }

    // ------------------------------------------------------------------ data in

    /**
     * Reads magic, header and data.
     *
     * @param totalSize bytes from the start of the array to the end of its file or entry, or -1
     * @param trustSize whether {@code totalSize} bounds the real data, so storage can be allocated
     *     up front (else it grows with the data read)
     * @param toEnd whether the array must end exactly at the end of {@code in}
     */
    private static NdArray readArray(InputStream in, String source, long totalSize, boolean trustSize, boolean toEnd)
            throws IOException {
        byte[] prefix = new byte[8];
        int got = readFully(in, prefix, 0, 8);
        int check = Math.min(got, NpyHeader.MAGIC.length);
        if (!Arrays.equals(prefix, 0, check, NpyHeader.MAGIC, 0, check)) {
            if (got >= 4 && prefix[0] == 'P' && prefix[1] == 'K' && prefix[2] == 3 && prefix[3] == 4) {
                throw new NpyFormatException(source + ": not a .npy file: it starts like a zip archive"
                        + " (an .npz? read it with Npy.loadNpz)");
            }
            throw new NpyFormatException(source + ": not a .npy file: it starts with " + hex(prefix, check)
                    + " instead of 93 4e 55 4d 50 59 (\\x93NUMPY)");
        }
        if (got < 8) {
            throw new NpyFormatException(source + ": truncated: " + (got == 0 ? "empty" : "only " + got + " bytes")
                    + ", too short for a .npy file");
        }
        int major = prefix[6] & 0xFF;
        int minor = prefix[7] & 0xFF;
        if (major < 1 || major > 3 || minor != 0) {
            throw new NpyFormatException(source + ": unsupported .npy format version " + major + "." + minor
                    + " (readable: 1.0, 2.0, 3.0)");
        }
        int lengthBytes = major == 1 ? 2 : 4;
        byte[] lb = new byte[lengthBytes];
        if (readFully(in, lb, 0, lengthBytes) < lengthBytes) {
            throw new NpyFormatException(source + ": truncated in the header length field");
        }
        long headerLength = 0;
        for (int i = lengthBytes - 1; i >= 0; i--) {
            headerLength = (headerLength << 8) | (lb[i] & 0xFF);
        }
        long dataStart = 8 + lengthBytes + headerLength;
        if (totalSize >= 0 && dataStart > totalSize) {
            throw new NpyFormatException(source + ": truncated: the header length " + headerLength
                    + " runs past the end (" + totalSize + " bytes in all)");
        }
        if (headerLength > NpyHeader.MAX_HEADER_BYTES) {
            throw new NpyFormatException(source + ": the header length " + headerLength + " exceeds the limit of "
                    + NpyHeader.MAX_HEADER_BYTES + " bytes");
        }
        byte[] hb = readBounded(in, (int) headerLength);
        if (hb.length < headerLength) {
            throw new NpyFormatException(source + ": truncated: the header should have " + headerLength
                    + " bytes, the data ends after " + hb.length);
        }
        String text;
        if (major == 3) {
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(hb)).toString();
            } catch (CharacterCodingException e) {
                throw new NpyFormatException(source + ": the header is not valid UTF-8", e);
            }
        } else {
            text = new String(hb, StandardCharsets.ISO_8859_1);
        }
        NpyHeader h = NpyHeader.parse(text, major <= 2, source);
        if (totalSize >= 0) {
            long remaining = totalSize - dataStart;
            if (h.dataBytes > remaining) {
                throw new NpyFormatException(source + ": truncated: the header claims " + h.describe() + " ("
                        + bytes(h.dataBytes) + " of data) but " + remaining + " bytes follow the header");
            }
            if (toEnd && h.dataBytes < remaining) {
                throw new NpyFormatException(source + ": " + (remaining - h.dataBytes) + " bytes after the data of "
                        + h.describe() + " (" + h.dataBytes + " bytes); the file is corrupted or its header lies");
            }
        }
        if (h.elements > NpyHeader.MAX_ELEMENTS) {
            throw new NpyFormatException(source + ": " + h.describe() + " has " + (h.elements == Long.MAX_VALUE
                    ? "more than " + Long.MAX_VALUE : String.valueOf(h.elements))
                    + " elements, more than a Java array can hold (" + NpyHeader.MAX_ELEMENTS + ")");
        }
        NdArray a = readData(in, h, source, trustSize && totalSize >= 0);
        if (toEnd && in.read() != -1) {
            throw new NpyFormatException(source + ": more bytes after the data of " + h.describe() + " ("
                    + h.dataBytes + " bytes); the file is corrupted or its header lies");
        }
        return a;
    }

    private static String bytes(long n) {
        return n == Long.MAX_VALUE ? "more than " + Long.MAX_VALUE + " bytes" : n + " bytes";
    }

    private static String hex(byte[] b, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i > 0 ? " " : "").append(String.format("%02x", b[i] & 0xFF));
        }
        return n == 0 ? "nothing" : sb.toString();
    }

    /** Reads up to {@code n} bytes until the end of the stream; returns how many were read. */
    private static int readFully(InputStream in, byte[] b, int off, int n) throws IOException {
        int done = 0;
        while (done < n) {
            int r = in.read(b, off + done, n - done);
            if (r < 0) {
                break;
            }
            done += r;
        }
        return done;
    }

    /** Up to {@code n} bytes (fewer if the stream ends first), allocating only as they arrive. */
    private static byte[] readBounded(InputStream in, int n) throws IOException {
        byte[] b = new byte[Math.min(n, 1 << 16)];
        int done = 0;
        while (done < n) {
            if (done == b.length) {
                b = Arrays.copyOf(b, (int) Math.min(n, 2L * b.length));
            }
            int r = in.read(b, done, b.length - done);
            if (r < 0) {
                return Arrays.copyOf(b, done);
            }
            done += r;
        }
        return b;
    }

    /**
     * Reads the data into storage of the header's target dtype, in bounded chunks. With
     * {@code allocateAll} the storage is allocated at once (the size was checked against the file);
     * otherwise it grows as data arrives, so a lying header on a short stream costs nothing.
     */
    private static NdArray readData(InputStream in, NpyHeader h, String source, boolean allocateAll)
            throws IOException {
        int n = (int) h.elements;
        int item = h.elem.size;
        int per = Math.max(1, Math.min(n, CHUNK / item));
        byte[] buf = new byte[n == 0 ? 0 : per * item];
        Decoder dec = new Decoder(h, source, allocateAll ? n : Math.min(n, per));
        for (int pos = 0; pos < n; pos += per) {
            int k = Math.min(per, n - pos);
            int got = readFully(in, buf, 0, k * item);
            if (got < k * item) {
                throw new NpyFormatException(source + ": truncated: " + h.describe() + " needs " + h.dataBytes
                        + " bytes of data, the data ends after " + ((long) pos * item + got));
            }
            dec.decode(buf, k, pos, n);
        }
        int[] dims = h.dims;
        if (h.fortranOrder && dims.length > 1) {
            int[] reversed = new int[dims.length];
            for (int i = 0; i < dims.length; i++) {
                reversed[i] = dims[dims.length - 1 - i];
            }
            return dec.result(Shape.of(reversed)).transpose().contiguous();
        }
        return dec.result(Shape.of(dims));
    }

    /** Converts raw chunks into typed storage with bulk buffer copies. */
    private static final class Decoder {
        private final NpyHeader.Elem elem;
        private final ByteOrder order;
        private final String source;
        private double[] d;
        private float[] f;
        private long[] l;
        private short[] shorts;
        private int[] ints;

        Decoder(NpyHeader h, String source, int capacity) {
            this.elem = h.elem;
            this.order = h.order;
            this.source = source;
            switch (elem.target) {
                case FLOAT64:
                    d = new double[capacity];
                    break;
                case FLOAT32:
                    f = new float[capacity];
                    break;
                default:
                    l = new long[capacity];
            }
        }

        private int capacity() {
            return d != null ? d.length : f != null ? f.length : l.length;
        }

        /** Decodes {@code k} elements from {@code buf} into positions {@code pos...} of at most {@code n}. */
        void decode(byte[] buf, int k, int pos, int n) throws NpyFormatException {
            if (pos + k > capacity()) {
                int cap = (int) Math.min(n, Math.max(pos + k, 2L * capacity()));
                if (d != null) {
                    d = Arrays.copyOf(d, cap);
                } else if (f != null) {
                    f = Arrays.copyOf(f, cap);
                } else {
                    l = Arrays.copyOf(l, cap);
                }
            }
            ByteBuffer bb = ByteBuffer.wrap(buf, 0, k * elem.size).order(order);
            switch (elem) {
                case F8:
                    bb.asDoubleBuffer().get(d, pos, k);
                    break;
                case F4:
                    bb.asFloatBuffer().get(f, pos, k);
                    break;
                case F2: {
                    short[] s = shortTemp(k);
                    bb.asShortBuffer().get(s, 0, k);
                    for (int i = 0; i < k; i++) {
                        f[pos + i] = halfToFloat(s[i]);
                    }
                    break;
                }
                case I8:
                    bb.asLongBuffer().get(l, pos, k);
                    break;
                case U8: {
                    bb.asLongBuffer().get(l, pos, k);
                    for (int i = 0; i < k; i++) {
                        if (l[pos + i] < 0) {
                            throw new NpyFormatException(source + ": uint64 element " + (pos + i) + " = "
                                    + Long.toUnsignedString(l[pos + i]) + " does not fit int64");
                        }
                    }
                    break;
                }
                case I4: {
                    int[] t = intTemp(k);
                    bb.asIntBuffer().get(t, 0, k);
                    for (int i = 0; i < k; i++) {
                        l[pos + i] = t[i];
                    }
                    break;
                }
                case U4: {
                    int[] t = intTemp(k);
                    bb.asIntBuffer().get(t, 0, k);
                    for (int i = 0; i < k; i++) {
                        l[pos + i] = t[i] & 0xFFFFFFFFL;
                    }
                    break;
                }
                case I2: {
                    short[] s = shortTemp(k);
                    bb.asShortBuffer().get(s, 0, k);
                    for (int i = 0; i < k; i++) {
                        l[pos + i] = s[i];
                    }
                    break;
                }
                case U2: {
                    short[] s = shortTemp(k);
                    bb.asShortBuffer().get(s, 0, k);
                    for (int i = 0; i < k; i++) {
                        l[pos + i] = s[i] & 0xFFFF;
                    }
                    break;
                }
                case I1:
                    for (int i = 0; i < k; i++) {
                        l[pos + i] = buf[i];
                    }
                    break;
                case U1:
                    for (int i = 0; i < k; i++) {
                        l[pos + i] = buf[i] & 0xFF;
                    }
                    break;
                default: // B1
                    for (int i = 0; i < k; i++) {
                        l[pos + i] = buf[i] != 0 ? 1 : 0;
                    }
            }
        }

        private short[] shortTemp(int k) {
            if (shorts == null || shorts.length < k) {
                shorts = new short[k];
            }
            return shorts;
        }

        private int[] intTemp(int k) {
            if (ints == null || ints.length < k) {
                ints = new int[k];
            }
            return ints;
        }

        NdArray result(Shape shape) {
            int n = shape.size();
            if (d != null) {
                return NdArray.wrap(d.length == n ? d : Arrays.copyOf(d, n), shape);
            }
            if (f != null) {
                return NdArray.wrap(f.length == n ? f : Arrays.copyOf(f, n), shape);
            }
            return NdArray.wrap(l.length == n ? l : Arrays.copyOf(l, n), shape);
        }
    }

    /** IEEE 754 half precision to single precision (exact: every half is a float). */
    static float halfToFloat(short h) {
        int bits = h & 0xFFFF;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1F;
        int mant = bits & 0x3FF;
        if (exp == 0x1F) { // infinity or NaN (payload kept)
            return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));
        }
        if (exp == 0) { // zero or subnormal: mant * 2^-24, exact in float
            float v = mant * 0x1p-24f;
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }
}
