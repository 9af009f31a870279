package dezero.ndarray;

import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The header of a {@code .npy} file: the dict NumPy writes as a Python literal,
 * {@code {'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }}, parsed by a small strict
 * parser of Python literals (dicts, tuples, lists, strings, integers, {@code True}, {@code False},
 * {@code None}), and written byte for byte as {@code np.save} writes it.
 */
final class NpyHeader {
    /** {@code \x93NUMPY}. */
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** NumPy pads magic, length field and header to a multiple of this. */
    static final int ALIGN = 64;
    /** NumPy leaves room in the header for the growing axis to reach this many digits. */
    static final int GROWTH_DIGITS = 21;
    /** Largest header this reader accepts (NumPy itself refuses more than 10000 characters by default). */
    static final int MAX_HEADER_BYTES = 1 << 24;
    /** Largest Java array. */
    static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;
    /** Deepest nesting of brackets the parser follows (real headers nest at most a few levels). */
    private static final int MAX_DEPTH = 64;

    /** How stored elements are encoded, and the dtype they are read as (widening, never losing values). */
    enum Elem {
        F8(8, DType.FLOAT64), F4(4, DType.FLOAT32), F2(2, DType.FLOAT32),
        I8(8, DType.INT64), I4(4, DType.INT64), I2(2, DType.INT64), I1(1, DType.INT64),
        U8(8, DType.INT64), U4(4, DType.INT64), U2(2, DType.INT64), U1(1, DType.INT64),
        B1(1, DType.INT64);

        final int size;
        final DType target;

        Elem(int size, DType target) {
            this.size = size;
            this.target = target;
        }
    }

    final String descr;
    final Elem elem;
    final ByteOrder order;
    final boolean fortranOrder;
    /** The shape as the header states it (each dimension fits in an int). */
    final int[] dims;
    /** Product of the dimensions, saturated at {@link Long#MAX_VALUE}. */
    final long elements;
    /** Bytes of data the header promises, saturated at {@link Long#MAX_VALUE}. */
    final long dataBytes;

    private NpyHeader(String descr, Elem elem, ByteOrder order, boolean fortranOrder, int[] dims) {
        this.descr = descr;
        this.elem = elem;
        this.order = order;
        this.fortranOrder = fortranOrder;
        this.dims = dims;
        long n = 1;
        for (int d : dims) {
            n = saturatedMultiply(n, d);
        }
        this.elements = n;
        this.dataBytes = saturatedMultiply(n, elem.size);
    }

    private static long saturatedMultiply(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        return hi != 0 || lo < 0 ? Long.MAX_VALUE : lo;
    }

    /** The shape and dtype, for messages: {@code shape (2, 3) of '<f8'}. */
    String describe() {
        return "shape " + Shape.format(dims) + " of '" + descr + "'";
    }

    // ------------------------------------------------------------------ writing

    /**
     * The complete header of an array of {@code dtype} and shape {@code dims} in C order: magic,
     * version, header length, the dict, padding spaces and the newline, exactly as {@code np.save}
     * writes it (format 1.0, or 2.0 when the header does not fit a 16-bit length).
     */
    static byte[] encode(DType dtype, int[] dims) {
        StringBuilder sb = new StringBuilder(128);
        sb.append("{'descr': '").append(dtype.descr()).append("', 'fortran_order': False, 'shape': ")
                .append(Shape.format(dims)).append(", }");
        if (dims.length > 0) {
            sb.append(" ".repeat(GROWTH_DIGITS - Integer.toString(dims[0]).length()));
        }
        byte[] text = sb.toString().getBytes(StandardCharsets.US_ASCII);
        int hlen = text.length + 1; // the final newline
        int major = 1;
        int lengthBytes = 2;
        int pad = ALIGN - (MAGIC.length + 2 + lengthBytes + hlen) % ALIGN;
        if (hlen + pad > 0xFFFF) {
            major = 2;
            lengthBytes = 4;
            pad = ALIGN - (MAGIC.length + 2 + lengthBytes + hlen) % ALIGN;
        }
        int prefix = MAGIC.length + 2 + lengthBytes;
        int total = hlen + pad;
        byte[] out = new byte[prefix + total];
        System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
        out[6] = (byte) major;
        out[7] = 0;
        for (int i = 0; i < lengthBytes; i++) {
            out[8 + i] = (byte) (total >>> (8 * i));
        }
        System.arraycopy(text, 0, out, prefix, text.length);
        for (int i = prefix + text.length; i < out.length - 1; i++) {
            out[i] = ' ';
        }
        out[out.length - 1] = '\n';
        return out;
    }

    // ------------------------------------------------------------------ reading

    /**
     * Parses and checks a header's text.
     *
     * @param longSuffix accept Python 2's {@code 3L} integers (format versions 1.0 and 2.0)
     * @param source the file or entry, for messages
     */
    static NpyHeader parse(String text, boolean longSuffix, String source) throws NpyFormatException {
        Object value;
        try {
            value = new Parser(text, longSuffix).parseAll();
        } catch (Parser.Error e) {
            throw new NpyFormatException(source + ": cannot parse the header: " + e.getMessage() + " at character "
                    + e.position + " of " + quote(text));
        }
        if (!(value instanceof Map)) {
            throw new NpyFormatException(source + ": the header is not a dict: " + quote(text));
        }
        Map<?, ?> d = (Map<?, ?>) value;
        for (String key : new String[] {"descr", "fortran_order", "shape"}) {
            if (!d.containsKey(key)) {
                throw new NpyFormatException(source + ": the header has no '" + key + "' key: " + quote(text));
            }
        }
        for (Object key : d.keySet()) {
            if (!key.equals("descr") && !key.equals("fortran_order") && !key.equals("shape")) {
                throw new NpyFormatException(source + ": the header has an unexpected key '" + key + "': "
                        + quote(text));
            }
        }
        Object fortran = d.get("fortran_order");
        if (!(fortran instanceof Boolean)) {
            throw new NpyFormatException(source + ": 'fortran_order' is not True or False: " + repr(fortran));
        }
        int[] dims = parseShape(d.get("shape"), source);
        Object descr = d.get("descr");
        if (descr instanceof List) {
            throw new NpyFormatException(source + ": unsupported dtype: structured dtype " + repr(descr)
                    + " (" + READABLE + ")");
        }
        if (!(descr instanceof String)) {
            throw new NpyFormatException(source + ": 'descr' is not a dtype string: " + repr(descr));
        }
        String s = (String) descr;
        Elem elem = elemOf(s);
        if (elem == null) {
            throw new NpyFormatException(source + ": unsupported dtype '" + s + "'" + kindName(s) + " (" + READABLE
                    + ")");
        }
        ByteOrder order = s.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        return new NpyHeader(s, elem, order, (Boolean) fortran, dims);
    }

    private static final String READABLE = "readable dtypes: float64, float32, int64; float16 is read as float32;"
            + " int8/16/32, uint8/16/32/64 and bool are read as int64";

    private static int[] parseShape(Object shape, String source) throws NpyFormatException {
        if (!(shape instanceof Tuple)) {
            throw new NpyFormatException(source + ": 'shape' is not a tuple: " + repr(shape));
        }
        List<Object> items = ((Tuple) shape).items;
        int[] dims = new int[items.size()];
        for (int i = 0; i < dims.length; i++) {
            Object x = items.get(i);
            if (!(x instanceof BigInteger)) {
                throw new NpyFormatException(source + ": 'shape' " + repr(shape) + " holds a non-integer at axis " + i
                        + ": " + repr(x));
            }
            BigInteger b = (BigInteger) x;
            if (b.signum() < 0) {
                throw new NpyFormatException(source + ": 'shape' " + repr(shape) + " has a negative dimension " + b
                        + " at axis " + i);
            }
            if (b.bitLength() > 31) {
                throw new NpyFormatException(source + ": 'shape' " + repr(shape) + " has dimension " + b + " at axis "
                        + i + ", more than a Java array can hold (" + Integer.MAX_VALUE + ")");
            }
            dims[i] = b.intValue();
        }
        return dims;
    }

    /** The encoding of a descr this reader supports, or null. */
    private static Elem elemOf(String descr) {
        if (descr.length() != 3) {
            return null;
        }
        char order = descr.charAt(0);
        Elem e;
        switch (descr.substring(1)) {
            case "f8": e = Elem.F8; break;
            case "f4": e = Elem.F4; break;
            case "f2": e = Elem.F2; break;
            case "i8": e = Elem.I8; break;
            case "i4": e = Elem.I4; break;
            case "i2": e = Elem.I2; break;
            case "i1": e = Elem.I1; break;
            case "u8": e = Elem.U8; break;
            case "u4": e = Elem.U4; break;
            case "u2": e = Elem.U2; break;
            case "u1": e = Elem.U1; break;
            case "b1": e = Elem.B1; break;
            default: return null;
        }
        // multi-byte types need an explicit byte order; for single bytes NumPy writes '|' (any is harmless)
        boolean ok = e.size == 1 ? order == '|' || order == '<' || order == '>' : order == '<' || order == '>';
        return ok ? e : null;
    }

    /** A hint at what an unsupported descr is, e.g. {@code  (complex)}. */
    private static String kindName(String descr) {
        if (descr.isEmpty()) {
            return "";
        }
        int k = "<>|=".indexOf(descr.charAt(0)) >= 0 ? 1 : 0;
        if (k >= descr.length()) {
            return "";
        }
        switch (descr.charAt(k)) {
            case 'c': return " (complex)";
            case 'O': return " (Python objects, pickled)";
            case 'U': return " (unicode strings)";
            case 'S': case 'a': return " (byte strings)";
            case 'V': return " (raw bytes / void)";
            case 'M': return " (datetime64)";
            case 'm': return " (timedelta64)";
            case 'f': return " (floating point of this size or byte order)";
            case 'i': case 'u': return " (integer of this size or byte order)";
            case 'b': return " (bool of this size)";
            default: return "";
        }
    }

    private static String quote(String text) {
        String t = text.length() > 200 ? text.substring(0, 200) + "..." : text;
        return '"' + t.replace("\n", "\\n") + '"';
    }

    /** A parsed value as Python would print it (for messages). */
    static String repr(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof Boolean) {
            return (Boolean) v ? "True" : "False";
        }
        if (v instanceof String) {
            return "'" + v + "'";
        }
        if (v instanceof Tuple) {
            List<Object> items = ((Tuple) v).items;
            StringBuilder sb = new StringBuilder("(");
            for (int i = 0; i < items.size(); i++) {
                sb.append(i > 0 ? ", " : "").append(repr(items.get(i)));
            }
            return sb.append(items.size() == 1 ? ",)" : ")").toString();
        }
        if (v instanceof List) {
            StringBuilder sb = new StringBuilder("[");
            List<?> items = (List<?>) v;
            for (int i = 0; i < items.size(); i++) {
                sb.append(i > 0 ? ", " : "").append(repr(items.get(i)));
            }
            return sb.append(']').toString();
        }
        if (v instanceof Map) {
            StringBuilder sb = new StringBuilder("{");
            int i = 0;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                sb.append(i++ > 0 ? ", " : "").append(repr(e.getKey())).append(": ").append(repr(e.getValue()));
            }
            return sb.append('}').toString();
        }
        return v.toString();
    }

    /** A Python tuple (a {@link List} stands for a Python list). */
    static final class Tuple {
        final List<Object> items;

        Tuple(List<Object> items) {
            this.items = items;
        }
    }

    /**
     * A strict recursive-descent parser of the Python literals a header may hold. Values: a
     * {@link LinkedHashMap} with string keys for a dict, {@link Tuple}, {@link ArrayList} for a
     * list, {@link String}, {@link BigInteger}, {@link Boolean}, and {@code null} for {@code None}.
     * Anything else (floats, expressions, calls, comments) is an error.
     */
    static final class Parser {
        /** A syntax error at a character position. */
        static final class Error extends Exception {
            private static final long serialVersionUID = 1L;
            final int position;

            Error(String message, int position) {
                super(message, null, false, false);
                this.position = position;
            }
        }

        private final String s;
        private final boolean longSuffix;
        private int p;
        private int depth;

        Parser(String s, boolean longSuffix) {
            this.s = s;
            this.longSuffix = longSuffix;
        }

        Object parseAll() throws Error {
            skipSpace();
            Object v = value();
            skipSpace();
            if (p != s.length()) {
                throw error("unexpected " + describe(s.charAt(p)) + " after the value");
            }
            return v;
        }

        private Error error(String message) {
            return new Error(message, p);
        }

        private static String describe(char c) {
            return c >= 0x20 && c < 0x7F ? "'" + c + "'" : String.format("character U+%04X", (int) c);
        }

        private void skipSpace() {
            while (p < s.length()) {
                char c = s.charAt(p);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
                    return;
                }
                p++;
            }
        }

        private boolean at(char c) {
            return p < s.length() && s.charAt(p) == c;
        }

        private Object value() throws Error {
            if (p >= s.length()) {
                throw error("unexpected end of the header");
            }
            char c = s.charAt(p);
            switch (c) {
                case '{':
                    return dict();
                case '(':
                    return tuple();
                case '[':
                    return list();
                case '\'':
                case '"':
                    return string();
                default:
                    if (c == '-' || c == '+' || (c >= '0' && c <= '9')) {
                        return integer();
                    }
                    if (Character.isLetter(c) || c == '_') {
                        return name();
                    }
                    throw error("unexpected " + describe(c));
            }
        }

        private void enter() throws Error {
            if (++depth > MAX_DEPTH) {
                throw error("brackets nested more than " + MAX_DEPTH + " deep");
            }
            p++;
            skipSpace();
        }

        private Map<String, Object> dict() throws Error {
            enter();
            Map<String, Object> m = new LinkedHashMap<>();
            while (!at('}')) {
                int keyAt = p;
                Object k = value();
                if (!(k instanceof String)) {
                    throw new Error("a dict key is not a string: " + repr(k), keyAt);
                }
                skipSpace();
                if (!at(':')) {
                    throw error("expected ':' after the key " + repr(k));
                }
                p++;
                skipSpace();
                Object v = value();
                if (m.containsKey(k)) {
                    throw new Error("duplicate key " + repr(k), keyAt);
                }
                m.put((String) k, v);
                if (!separator('}')) {
                    break;
                }
            }
            p++;
            depth--;
            return m;
        }

        /** After an item: consumes {@code ,} and returns true, or returns false in front of {@code close}. */
        private boolean separator(char close) throws Error {
            skipSpace();
            if (at(',')) {
                p++;
                skipSpace();
                return true;
            }
            if (at(close)) {
                return false;
            }
            if (p >= s.length()) {
                throw error("unexpected end of the header, expected ',' or '" + close + "'");
            }
            throw error("expected ',' or '" + close + "', got " + describe(s.charAt(p)));
        }

        private Object tuple() throws Error {
            enter();
            List<Object> items = new ArrayList<>();
            if (at(')')) {
                p++;
                depth--;
                return new Tuple(items);
            }
            Object first = value();
            skipSpace();
            if (at(')')) { // (x) is x, not a tuple
                p++;
                depth--;
                return first;
            }
            items.add(first);
            if (separator(')')) {
                while (!at(')')) {
                    items.add(value());
                    if (!separator(')')) {
                        break;
                    }
                }
            }
            p++;
            depth--;
            return new Tuple(items);
        }

        private List<Object> list() throws Error {
            enter();
            List<Object> items = new ArrayList<>();
            while (!at(']')) {
                items.add(value());
                if (!separator(']')) {
                    break;
                }
            }
            p++;
            depth--;
            return items;
        }

        private String string() throws Error {
            char q = s.charAt(p++);
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (p >= s.length()) {
                    throw error("unterminated string");
                }
                char c = s.charAt(p++);
                if (c == q) {
                    return sb.toString();
                }
                if (c == '\n' || c == '\r') {
                    throw error("line break in a string");
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                if (p >= s.length()) {
                    throw error("unterminated string");
                }
                char e = s.charAt(p++);
                switch (e) {
                    case '\\': sb.append('\\'); break;
                    case '\'': sb.append('\''); break;
                    case '"': sb.append('"'); break;
                    case 'n': sb.append('\n'); break;
                    case 'r': sb.append('\r'); break;
                    case 't': sb.append('\t'); break;
                    case 'x': sb.appendCodePoint(hex(2)); break;
                    case 'u': sb.appendCodePoint(hex(4)); break;
                    case 'U': sb.appendCodePoint(hex(8)); break;
                    default:
                        p--;
                        throw error("unsupported escape '\\" + e + "' in a string");
                }
            }
        }

        private int hex(int digits) throws Error {
            if (p + digits > s.length()) {
                throw error("truncated escape in a string");
            }
            int v = 0;
            for (int i = 0; i < digits; i++) {
                int d = Character.digit(s.charAt(p), 16);
                if (d < 0) {
                    throw error("bad hex digit in an escape");
                }
                v = v * 16 + d;
                p++;
            }
            if (v > Character.MAX_CODE_POINT) {
                throw error("escape beyond U+10FFFF");
            }
            return v;
        }

        private BigInteger integer() throws Error {
            int start = p;
            boolean negative = false;
            if (at('-') || at('+')) {
                negative = s.charAt(p) == '-';
                p++;
                skipSpace();
            }
            int digitsAt = p;
            while (p < s.length() && s.charAt(p) >= '0' && s.charAt(p) <= '9') {
                p++;
            }
            int digits = p - digitsAt;
            if (digits == 0) {
                throw error("expected digits");
            }
            if (digits > 1 && s.charAt(digitsAt) == '0') {
                throw new Error("integer with a leading zero", digitsAt);
            }
            if (digits > 100) {
                throw new Error("integer of " + digits + " digits", digitsAt);
            }
            String text = s.substring(digitsAt, p);
            if (longSuffix && (at('L') || at('l'))) {
                p++;
            }
            if (p < s.length()) {
                char c = s.charAt(p);
                if (c == '.' || c == '_' || Character.isLetterOrDigit(c)) {
                    throw new Error("not an integer: " + s.substring(start, Math.min(s.length(), p + 1)) + "...",
                            start);
                }
            }
            BigInteger v = new BigInteger(text);
            return negative ? v.negate() : v;
        }

        private Object name() throws Error {
            int start = p;
            while (p < s.length() && (Character.isLetterOrDigit(s.charAt(p)) || s.charAt(p) == '_')) {
                p++;
            }
            String word = s.substring(start, p);
            switch (word) {
                case "True":
                    return Boolean.TRUE;
                case "False":
                    return Boolean.FALSE;
                case "None":
                    return null;
                default:
                    throw new Error("unexpected name '" + (word.length() > 40 ? word.substring(0, 40) + "..." : word)
                            + "'", start);
            }
        }
    }
}
