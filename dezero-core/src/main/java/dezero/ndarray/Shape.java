package dezero.ndarray;

import java.util.Arrays;

/** An immutable array shape: the length of each axis, C (row-major) order. */
public final class Shape {
    private static final Shape SCALAR = new Shape(new int[0]);
    private final int[] dims;
    private final int size;
    /** The element strides of a C-order array of this shape, shared by every such array (never modified). */
    private final int[] strides;

    private Shape(int[] dims) {
        this.dims = dims;
        long s = 1;
        for (int d : dims) {
            s *= d;
            if (s > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("shape " + format(dims) + " has more than "
                        + Integer.MAX_VALUE + " elements");
            }
        }
        this.size = (int) s;
        this.strides = stridesOf(dims);
    }

    /** The element strides of a C-order array with dimensions {@code dims} (a fresh array). */
    static int[] stridesOf(int[] dims) {
        int[] s = new int[dims.length];
        int acc = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= Math.max(dims[i], 1);
        }
        return s;
    }

    /** A shape of the given dimensions; each must be {@code >= 0}. */
    public static Shape of(int... dims) {
        if (dims.length == 0) {
            return SCALAR;
        }
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 0) {
                throw new IllegalArgumentException("shape " + format(dims) + ": negative dimension "
                        + dims[i] + " at axis " + i);
            }
        }
        return new Shape(dims.clone());
    }

    /** Wraps without copying; the caller gives up the array. */
    static Shape wrap(int[] dims) {
        return dims.length == 0 ? SCALAR : new Shape(dims);
    }

    public static Shape scalar() {
        return SCALAR;
    }

    /** Number of axes. */
    public int rank() {
        return dims.length;
    }

    /** Length of axis {@code axis}; negative axes count from the end. */
    public int dim(int axis) {
        return dims[normalizeAxis("shape", axis, dims.length)];
    }

    /** A copy of the dimensions. */
    public int[] dims() {
        return dims.clone();
    }

    /** The dimensions, not copied: package code must not modify them. */
    int[] raw() {
        return dims;
    }

    /** The strides of a contiguous array of this shape: shared, package code must not modify them. */
    int[] contiguousStrides() {
        return strides;
    }

    /** Product of the dimensions (1 for a 0-d shape). */
    public int size() {
        return size;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape && Arrays.equals(dims, ((Shape) o).dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** As NumPy prints it: {@code ()}, {@code (3,)}, {@code (2, 3)}. */
    @Override
    public String toString() {
        return format(dims);
    }

    static String format(int[] dims) {
        if (dims.length == 1) {
            return "(" + dims[0] + ",)";
        }
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < dims.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(dims[i]);
        }
        return sb.append(')').toString();
    }

    /** Maps a possibly negative axis into {@code [0, rank)}, or throws naming the operation. */
    static int normalizeAxis(String op, int axis, int rank) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException(op + ": axis " + axis + " is out of bounds for array of dimension " + rank);
        }
        return a;
    }
}
