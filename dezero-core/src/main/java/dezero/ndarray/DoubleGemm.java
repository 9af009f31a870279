package dezero.ndarray;

/**
 * The float64 general matrix multiply {@code C = A B} (C zero on entry), with A ({@code m x k}) and B ({@code k x n})
 * given by an offset and a row and a column stride each (so transposed and sliced views need no copy),
 * and C ({@code m x n}) row-major with row stride {@code ldc}.
 *
 * <p>The Vector-API path is cache-blocked in the usual way: a {@code KC x NC} panel of B and an
 * {@code MC x KC} block of A are packed (copied into the order the micro-kernel reads them, padded
 * with zeros to whole {@code MR x NR} tiles), and the micro-kernel of {@link DoubleGemmVector} keeps
 * an {@code MR x NR} tile of C in registers over the {@code KC} steps. Packing reads any strides, so
 * a transposed or sliced operand needs no copy of its own (packing a column-major B is a transpose,
 * somewhat slower than the plain copy of a row-major one). Products of at least
 * {@code 2^21} multiply-adds are split into row (or column) ranges of whole tiles over the threads of
 * {@link Gemm}; each range is computed exactly as on one thread, so the result does not depend on
 * the split. Without the Vector API, {@link DoubleGemmPlain} does the same job in plain Java.
 */
final class DoubleGemm {
    private DoubleGemm() {
    }

    /*
     * Block sizes (elements), package-private and mutable for the tests of the blocking edges:
     * an MR x kc micro-panel of A (16 KB for float64 with 8 x 3 tiles, 12 KB for float32 with
     * 12 x 2) stays in L1 while the kernel walks along the kc x NR micro-panels of B (48 and 32 KB,
     * too large to keep in L1 beside it), which stream from the KC x NC panel of B in L2 (at most
     * 4 MB for float64, less for the sizes that matter); the MC x KC block of A (192 KB) stays in L2.
     * (Walking the other way, a B micro-panel in L1 and A streaming, was 5-10 % slower for float32.)
     */
    static int KC = 256;
    static int MC = 96;
    static int NC = 2048;

    /**
     * {@code C = A B} with C zero on entry: small products ({@link Linalg#SMALL_WORK}) take the
     * register-blocked loops of {@link DoubleGemmSmall}, a single row or column of C the naive loop,
     * the rest the plain-Java or Vector-API blocked kernel, split over threads when large.
     */
    static void gemm(int m, int n, int k, double[] a, int ao, int ars, int acs, double[] b, int bo, int brs, int bcs,
            double[] c, int co, int ldc) {
        if (m == 0 || n == 0 || k == 0) {
            return;
        }
        long work = (long) m * n * k;
        if (work <= Linalg.SMALL_WORK && ldc == n) {
            DoubleGemmSmall.gemm(m, n, k, a, ao, ars, acs, b, bo, brs, bcs, c, co);
            return;
        }
        if (work <= Linalg.SMALL_WORK || m == 1 || n == 1) {
            DoubleGemmPlain.naive(m, n, k, a, ao, ars, acs, b, bo, brs, bcs, c, co, ldc);
            return;
        }
        boolean vec = Gemm.vector();
        if (vec && !warm) {
            warmUp();
        }
        int parts = Gemm.parts(work);
        if (parts <= 1) {
            single(vec, m, n, k, a, ao, ars, acs, b, bo, brs, bcs, c, co, ldc);
            return;
        }
        // split C into parts aligned to whole tiles: by rows (each part packs all of B, a plain
        // copy when B is row-major) unless B is the larger operand to pack twice
        boolean byCols = n > m;
        int len = byCols ? n : m;
        int unit = vec ? (byCols ? DoubleGemmVector.NR : DoubleGemmVector.MR) : 4;
        int units = (len + unit - 1) / unit;
        int p = Math.min(parts, units);
        Gemm.run(p, i -> {
            int from = (int) ((long) units * i / p) * unit;
            int to = Math.min(len, (int) ((long) units * (i + 1) / p) * unit);
            if (from >= to) {
                return;
            }
            if (byCols) {
                single(vec, m, to - from, k, a, ao, ars, acs, b, bo + from * bcs, brs, bcs, c, co + from, ldc);
            } else {
                single(vec, to - from, n, k, a, ao + from * ars, ars, acs, b, bo, brs, bcs, c, co + from * ldc, ldc);
            }
        });
    }

    /** Whether {@link #warmUp} has run in this JVM. */
    private static volatile boolean warm;

    /**
     * Gets the Vector-API kernel compiled before the first real product uses it. Until C2 has
     * compiled it, vector code runs in the interpreter and in C1 code with every vector boxed,
     * hundreds of times slower, so the first products of a fresh JVM would crawl for the better
     * part of a second. This runs a 64 x 64 x 64 product on the calling thread until three in a
     * row finish at compiled speed (over 5 GFLOP/s), for at most two seconds, once per JVM.
     */
    private static void warmUp() {
        synchronized (DoubleGemm.class) {
            if (warm) {
                return;
            }
            int s = 64;
            double[] a = new double[s * s];
            double[] b = new double[s * s];
            double[] c = new double[s * s];
            long fastNanos = 2L * s * s * s / 5;
            long deadline = System.nanoTime() + 2_000_000_000L;
            for (int fast = 0; fast < 3 && System.nanoTime() < deadline;) {
                long t0 = System.nanoTime();
                blocked(s, s, s, a, 0, s, 1, b, 0, s, 1, c, 0, s, 1);
                fast = System.nanoTime() - t0 < fastNanos ? fast + 1 : 0;
            }
            warm = true;
        }
    }

    private static void single(boolean vec, int m, int n, int k, double[] a, int ao, int ars, int acs, double[] b,
            int bo, int brs, int bcs, double[] c, int co, int ldc) {
        if (!vec) {
            DoubleGemmPlain.blocked(m, n, k, a, ao, ars, acs, b, bo, brs, bcs, c, co, ldc);
        } else if (swap(m, n)) {
            // C^T = B^T A^T: the narrow side of C along the micro-kernel's rows wastes less padding
            blocked(n, m, k, b, bo, bcs, brs, a, ao, acs, ars, c, co, 1, ldc);
        } else {
            blocked(m, n, k, a, ao, ars, acs, b, bo, brs, bcs, c, co, ldc, 1);
        }
    }

    /** True when computing the transposed product pads ({@code MR x NR} tiles) clearly less. */
    static boolean swap(int m, int n) {
        int mr = DoubleGemmVector.MR;
        int nr = DoubleGemmVector.NR;
        long straight = (long) roundUp(m, mr) * roundUp(n, nr);
        long swapped = (long) roundUp(n, mr) * roundUp(m, nr);
        return swapped * 4 < straight * 3;
    }

    /** One thread's blocked product with the Vector-API micro-kernel; C has strides ({@code crs}, {@code ccs}). */
    static void blocked(int m, int n, int k, double[] a, int ao, int ars, int acs, double[] b, int bo, int brs,
            int bcs, double[] c, int co, int crs, int ccs) {
        final int mr = DoubleGemmVector.MR;
        final int nr = DoubleGemmVector.NR;
        int kcMax = Math.min(k, KC);
        int ncMax = Math.min(roundUp(n, nr), roundUp(NC, nr));
        int mcMax = Math.min(roundUp(m, mr), roundUp(MC, mr));
        double[][] bufs = BUFFERS.get();
        double[] bp = buffer(bufs, 0, roundUp(kcMax, 2) * ncMax);
        double[] ap = buffer(bufs, 1, mcMax * roundUp(kcMax, 2));
        double[] tile = buffer(bufs, 2, mr * nr);
        for (int jc = 0; jc < n; jc += ncMax) {
            int nc = Math.min(ncMax, n - jc);
            for (int pc = 0; pc < k; pc += kcMax) {
                int kc = Math.min(kcMax, k - pc);
                // the micro-kernels take two steps at a time: an odd block gets a step of zeros
                int kcp = roundUp(kc, 2);
                packB(kc, kcp, nc, b, bo + pc * brs + jc * bcs, brs, bcs, bp, nr);
                for (int ic = 0; ic < m; ic += mcMax) {
                    int mc = Math.min(mcMax, m - ic);
                    packA(mc, kc, kcp, a, ao + ic * ars + pc * acs, ars, acs, ap, mr);
                    for (int ir = 0; ir < mc; ir += mr) {
                        int mrr = Math.min(mr, mc - ir);
                        for (int jr = 0; jr < nc; jr += nr) {
                            int nrr = Math.min(nr, nc - jr);
                            int ci = co + (ic + ir) * crs + (jc + jr) * ccs;
                            if (mrr == mr && nrr == nr && ccs == 1) {
                                DoubleGemmVector.kernel(kcp, ap, ir * kcp, bp, jr * kcp, c, ci, crs);
                            } else {
                                java.util.Arrays.fill(tile, 0);
                                DoubleGemmVector.kernel(kcp, ap, ir * kcp, bp, jr * kcp, tile, 0, nr);
                                for (int i = 0; i < mrr; i++) {
                                    for (int j = 0; j < nrr; j++) {
                                        c[ci + i * crs + j * ccs] += tile[i * nr + j];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /** Per-thread packing buffers (packed B, packed A, edge tile), reused across products. */
    private static final ThreadLocal<double[][]> BUFFERS = ThreadLocal.withInitial(() -> new double[3][]);

    /** Buffers larger than this many elements are not kept between products. */
    private static final int KEEP_MAX = 1 << 20;

    private static double[] buffer(double[][] bufs, int which, int size) {
        double[] b = bufs[which];
        if (b != null && b.length >= size) {
            return b;
        }
        b = new double[size];
        if (size <= KEEP_MAX) {
            bufs[which] = b;
        }
        return b;
    }

    static int roundUp(int x, int unit) {
        return (x + unit - 1) / unit * unit;
    }

    /**
     * Packs the {@code mc x kc} block of A at {@code off} into {@code mr}-row micro-panels of
     * {@code kcp >= kc} steps: panel {@code r} holds, for each step {@code p}, its {@code mr} elements
     * of column {@code p}; missing rows and the steps from {@code kc} on are 0.
     */
    static void packA(int mc, int kc, int kcp, double[] a, int off, int rs, int cs, double[] ap, int mr) {
        int dst = 0;
        for (int ir = 0; ir < mc; ir += mr) {
            int rows = Math.min(mr, mc - ir);
            int src = off + ir * rs;
            if (rs == 1 && rows == mr) {
                // column-major A (a transposed view): each step reads mr consecutive elements
                for (int p = 0; p < kc; p++) {
                    System.arraycopy(a, src + p * cs, ap, dst + p * mr, mr);
                }
            } else {
                for (int i = 0; i < rows; i++) {
                    int s = src + i * rs;
                    int d = dst + i;
                    for (int p = 0; p < kc; p++) {
                        ap[d + p * mr] = a[s + p * cs];
                    }
                }
                for (int i = rows; i < mr; i++) {
                    for (int p = 0; p < kc; p++) {
                        ap[dst + i + p * mr] = 0;
                    }
                }
            }
            java.util.Arrays.fill(ap, dst + kc * mr, dst + kcp * mr, 0);
            dst += mr * kcp;
        }
    }

    /**
     * Packs the {@code kc x nc} panel of B at {@code off} into {@code nr}-column micro-panels of
     * {@code kcp >= kc} steps: panel {@code j} holds, for each step {@code p}, its {@code nr} elements
     * of row {@code p}; missing columns and the steps from {@code kc} on are 0.
     */
    static void packB(int kc, int kcp, int nc, double[] b, int off, int rs, int cs, double[] bp, int nr) {
        int dst = 0;
        for (int jr = 0; jr < nc; jr += nr) {
            int cols = Math.min(nr, nc - jr);
            int src = off + jr * cs;
            if (cs == 1 && cols == nr) {
                for (int p = 0; p < kc; p++) {
                    System.arraycopy(b, src + p * rs, bp, dst + p * nr, nr);
                }
            } else {
                for (int j = 0; j < cols; j++) {
                    int s = src + j * cs;
                    int d = dst + j;
                    for (int p = 0; p < kc; p++) {
                        bp[d + p * nr] = b[s + p * rs];
                    }
                }
                for (int j = cols; j < nr; j++) {
                    for (int p = 0; p < kc; p++) {
                        bp[dst + j + p * nr] = 0;
                    }
                }
            }
            java.util.Arrays.fill(bp, dst + kc * nr, dst + kcp * nr, 0);
            dst += nr * kcp;
        }
    }
}
