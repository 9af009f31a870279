package dezero.ndarray;

/**
 * The loop plan of an elementwise operation: the operands' strides broadcast to the result shape
 * (stride 0 on broadcast axes), with axes of length 1 dropped and adjacent axes merged wherever every
 * operand allows it, so that a kernel runs few, long innermost loops.
 *
 * <p>The result is written contiguously in C order; {@link #dims} describes the same elements in
 * fewer axes (at least one).
 */
final class Broadcast {
    /** The coalesced loop dimensions (rank at least 1); their product is the result size. */
    final int[] dims;
    /** Per operand, the element stride along each of {@link #dims}. */
    final int[][] strides;
    /** Per operand, the storage offset of the first element. */
    final int[] offsets;

    private Broadcast(int[] dims, int[][] strides, int[] offsets) {
        this.dims = dims;
        this.strides = strides;
        this.offsets = offsets;
    }

    /** The plan for {@code operands} broadcast to {@code shape} (which they must broadcast to). */
    static Broadcast of(Shape shape, NdArray a, NdArray b) {
        return of(shape, new Shape[] {a.shape, b.shape}, new int[][] {a.strides, b.strides},
                new int[] {a.offset, b.offset});
    }

    /** The plan for operands given by shape, strides and offset, broadcast to {@code shape}. */
    static Broadcast of(Shape shape, Shape[] shapes, int[][] strides, int[] offsets) {
        int[] out = shape.raw();
        int rank = out.length;
        int k = shapes.length;
        int[][] full = new int[k][rank];
        for (int j = 0; j < k; j++) {
            int[] d = shapes[j].raw();
            int lead = rank - d.length;
            for (int i = 0; i < d.length; i++) {
                full[j][lead + i] = d[i] == 1 ? 0 : strides[j][i];
            }
        }
        return coalesce(out, full, offsets.clone());
    }

    /** Drops axes of length 1 and merges axis {@code i} into {@code i - 1} when all strides allow it. */
    static Broadcast coalesce(int[] dims, int[][] strides, int[] offsets) {
        int k = strides.length;
        int[] cd = new int[Math.max(1, dims.length)];
        int[][] cs = new int[k][cd.length];
        int r = 0;
        for (int i = 0; i < dims.length; i++) {
            int d = dims[i];
            if (d == 1) {
                continue;
            }
            boolean merge = r > 0;
            for (int j = 0; merge && j < k; j++) {
                merge = cs[j][r - 1] == strides[j][i] * d;
            }
            if (merge) {
                cd[r - 1] *= d;
                for (int j = 0; j < k; j++) {
                    cs[j][r - 1] = strides[j][i];
                }
            } else {
                cd[r] = d;
                for (int j = 0; j < k; j++) {
                    cs[j][r] = strides[j][i];
                }
                r++;
            }
        }
        if (r == 0) {
            cd[0] = 1;
            r = 1;
        }
        if (r < cd.length) {
            cd = java.util.Arrays.copyOf(cd, r);
            for (int j = 0; j < k; j++) {
                cs[j] = java.util.Arrays.copyOf(cs[j], r);
            }
        }
        return new Broadcast(cd, cs, offsets);
    }

    /** The storage offset of C-order position {@code flat} in axes {@code dims} with {@code strides}. */
    static int offsetOf(int[] dims, int[] strides, int flat) {
        int off = 0;
        for (int ax = dims.length - 1; ax >= 0 && flat != 0; ax--) {
            int d = dims[ax];
            off += (flat % d) * strides[ax];
            flat /= d;
        }
        return off;
    }
}
