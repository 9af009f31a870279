package dezero.ndarray;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector-API micro-kernels of the float64 gemm; this class is loaded only when the JVM has
 * {@code jdk.incubator.vector}.
 *
 * <p>A kernel multiplies an {@code MR x kc} micro-panel of packed A by a {@code kc x NR} micro-panel
 * of packed B ({@code NR = NV} vectors of the preferred species) and adds the {@code MR x NR}
 * product into C. The tile lives in {@code MR * NV} accumulator vectors over the {@code kc}
 * steps; each step loads the {@code NV} vectors of a row of B, broadcasts each of the {@code MR}
 * elements of a column of A in turn and accumulates with fused multiply-adds:
 * {@code acc[i][v] = fma(a[i], b[v], acc[i][v])}. The tile shape follows the register file: 24
 * accumulators on AVX-512 (32 registers), 8 x 3 vectors of 8 lanes (float64) or 12 x 2 vectors of
 * 16 lanes (float32); 6 x 2 vectors elsewhere (16 registers).
 */
final class DoubleGemmVector {
    private DoubleGemmVector() {
    }

    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    /** Lanes per vector. */
    static final int L = S.length();
    /** The tile: 0 = 8 x 3 vectors, 1 = 12 x 2 vectors, 2 = 6 x 2 vectors. */
    private static final int SHAPE = S.vectorBitSize() < 512 ? 2 : L >= 16 ? 1 : 0;
    /** Rows of a tile. */
    static final int MR = SHAPE == 0 ? 8 : SHAPE == 1 ? 12 : 6;
    /** Columns of a tile: {@code NV} vectors. */
    static final int NR = (SHAPE == 0 ? 3 : 2) * L;

    /**
     * {@code C[co + i * ldc + j] += sum_p ap[ao + p * MR + i] * bp[bo + p * NR + j]} for the tile;
     * {@code kc} is even (the packing pads an odd block with a step of zeros): the loops take two
     * steps per iteration, which C2 schedules to the full FMA throughput (one step per iteration
     * reached about three quarters of it on AVX-512). The step is written out twice on purpose: an
     * inner loop over the two steps makes the accumulators loop phis of a nested loop, which C2
     * boxes (50 times slower).
     */
    static void kernel(int kc, double[] ap, int ao, double[] bp, int bo, double[] c, int co, int ldc) {
        assert (kc & 1) == 0 : kc;
        if (SHAPE == 0) {
            kernel8x3(kc, ap, ao, bp, bo, c, co, ldc);
        } else if (SHAPE == 1) {
            kernel12x2(kc, ap, ao, bp, bo, c, co, ldc);
        } else {
            kernel6x2(kc, ap, ao, bp, bo, c, co, ldc);
        }
    }

    /**
     * The {@code 8 x 3L} tile for 32-register (AVX-512) machines: 24 accumulators, 3 vectors of B
     * and one broadcast of A live per step.
     */
    static void kernel8x3(int kc, double[] ap, int ao, double[] bp, int bo, double[] c, int co, int ldc) {
        DoubleVector c00 = DoubleVector.zero(S), c01 = DoubleVector.zero(S), c02 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S), c11 = DoubleVector.zero(S), c12 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S), c21 = DoubleVector.zero(S), c22 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S), c31 = DoubleVector.zero(S), c32 = DoubleVector.zero(S);
        DoubleVector c40 = DoubleVector.zero(S), c41 = DoubleVector.zero(S), c42 = DoubleVector.zero(S);
        DoubleVector c50 = DoubleVector.zero(S), c51 = DoubleVector.zero(S), c52 = DoubleVector.zero(S);
        DoubleVector c60 = DoubleVector.zero(S), c61 = DoubleVector.zero(S), c62 = DoubleVector.zero(S);
        DoubleVector c70 = DoubleVector.zero(S), c71 = DoubleVector.zero(S), c72 = DoubleVector.zero(S);
        for (int p = 0; p < kc; p += 2) {
            {
                int bi = bo + p * 3 * L;
                int ai = ao + p * 8;
                DoubleVector b0 = DoubleVector.fromArray(S, bp, bi);
                DoubleVector b1 = DoubleVector.fromArray(S, bp, bi + L);
                DoubleVector b2 = DoubleVector.fromArray(S, bp, bi + 2 * L);
                DoubleVector a0 = DoubleVector.broadcast(S, ap[ai]);
                c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01); c02 = a0.fma(b2, c02);
                DoubleVector a1 = DoubleVector.broadcast(S, ap[ai + 1]);
                c10 = a1.fma(b0, c10); c11 = a1.fma(b1, c11); c12 = a1.fma(b2, c12);
                DoubleVector a2 = DoubleVector.broadcast(S, ap[ai + 2]);
                c20 = a2.fma(b0, c20); c21 = a2.fma(b1, c21); c22 = a2.fma(b2, c22);
                DoubleVector a3 = DoubleVector.broadcast(S, ap[ai + 3]);
                c30 = a3.fma(b0, c30); c31 = a3.fma(b1, c31); c32 = a3.fma(b2, c32);
                DoubleVector a4 = DoubleVector.broadcast(S, ap[ai + 4]);
                c40 = a4.fma(b0, c40); c41 = a4.fma(b1, c41); c42 = a4.fma(b2, c42);
                DoubleVector a5 = DoubleVector.broadcast(S, ap[ai + 5]);
                c50 = a5.fma(b0, c50); c51 = a5.fma(b1, c51); c52 = a5.fma(b2, c52);
                DoubleVector a6 = DoubleVector.broadcast(S, ap[ai + 6]);
                c60 = a6.fma(b0, c60); c61 = a6.fma(b1, c61); c62 = a6.fma(b2, c62);
                DoubleVector a7 = DoubleVector.broadcast(S, ap[ai + 7]);
                c70 = a7.fma(b0, c70); c71 = a7.fma(b1, c71); c72 = a7.fma(b2, c72);
            }
            {
                int bi = bo + (p + 1) * 3 * L;
                int ai = ao + (p + 1) * 8;
                DoubleVector b0 = DoubleVector.fromArray(S, bp, bi);
                DoubleVector b1 = DoubleVector.fromArray(S, bp, bi + L);
                DoubleVector b2 = DoubleVector.fromArray(S, bp, bi + 2 * L);
                DoubleVector a0 = DoubleVector.broadcast(S, ap[ai]);
                c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01); c02 = a0.fma(b2, c02);
                DoubleVector a1 = DoubleVector.broadcast(S, ap[ai + 1]);
                c10 = a1.fma(b0, c10); c11 = a1.fma(b1, c11); c12 = a1.fma(b2, c12);
                DoubleVector a2 = DoubleVector.broadcast(S, ap[ai + 2]);
                c20 = a2.fma(b0, c20); c21 = a2.fma(b1, c21); c22 = a2.fma(b2, c22);
                DoubleVector a3 = DoubleVector.broadcast(S, ap[ai + 3]);
                c30 = a3.fma(b0, c30); c31 = a3.fma(b1, c31); c32 = a3.fma(b2, c32);
                DoubleVector a4 = DoubleVector.broadcast(S, ap[ai + 4]);
                c40 = a4.fma(b0, c40); c41 = a4.fma(b1, c41); c42 = a4.fma(b2, c42);
                DoubleVector a5 = DoubleVector.broadcast(S, ap[ai + 5]);
                c50 = a5.fma(b0, c50); c51 = a5.fma(b1, c51); c52 = a5.fma(b2, c52);
                DoubleVector a6 = DoubleVector.broadcast(S, ap[ai + 6]);
                c60 = a6.fma(b0, c60); c61 = a6.fma(b1, c61); c62 = a6.fma(b2, c62);
                DoubleVector a7 = DoubleVector.broadcast(S, ap[ai + 7]);
                c70 = a7.fma(b0, c70); c71 = a7.fma(b1, c71); c72 = a7.fma(b2, c72);
            }
        }
        int o0 = co;
        c00.add(DoubleVector.fromArray(S, c, o0)).intoArray(c, o0);
        c01.add(DoubleVector.fromArray(S, c, o0 + L)).intoArray(c, o0 + L);
        c02.add(DoubleVector.fromArray(S, c, o0 + 2 * L)).intoArray(c, o0 + 2 * L);
        int o1 = co + ldc;
        c10.add(DoubleVector.fromArray(S, c, o1)).intoArray(c, o1);
        c11.add(DoubleVector.fromArray(S, c, o1 + L)).intoArray(c, o1 + L);
        c12.add(DoubleVector.fromArray(S, c, o1 + 2 * L)).intoArray(c, o1 + 2 * L);
        int o2 = co + 2 * ldc;
        c20.add(DoubleVector.fromArray(S, c, o2)).intoArray(c, o2);
        c21.add(DoubleVector.fromArray(S, c, o2 + L)).intoArray(c, o2 + L);
        c22.add(DoubleVector.fromArray(S, c, o2 + 2 * L)).intoArray(c, o2 + 2 * L);
        int o3 = co + 3 * ldc;
        c30.add(DoubleVector.fromArray(S, c, o3)).intoArray(c, o3);
        c31.add(DoubleVector.fromArray(S, c, o3 + L)).intoArray(c, o3 + L);
        c32.add(DoubleVector.fromArray(S, c, o3 + 2 * L)).intoArray(c, o3 + 2 * L);
        int o4 = co + 4 * ldc;
        c40.add(DoubleVector.fromArray(S, c, o4)).intoArray(c, o4);
        c41.add(DoubleVector.fromArray(S, c, o4 + L)).intoArray(c, o4 + L);
        c42.add(DoubleVector.fromArray(S, c, o4 + 2 * L)).intoArray(c, o4 + 2 * L);
        int o5 = co + 5 * ldc;
        c50.add(DoubleVector.fromArray(S, c, o5)).intoArray(c, o5);
        c51.add(DoubleVector.fromArray(S, c, o5 + L)).intoArray(c, o5 + L);
        c52.add(DoubleVector.fromArray(S, c, o5 + 2 * L)).intoArray(c, o5 + 2 * L);
        int o6 = co + 6 * ldc;
        c60.add(DoubleVector.fromArray(S, c, o6)).intoArray(c, o6);
        c61.add(DoubleVector.fromArray(S, c, o6 + L)).intoArray(c, o6 + L);
        c62.add(DoubleVector.fromArray(S, c, o6 + 2 * L)).intoArray(c, o6 + 2 * L);
        int o7 = co + 7 * ldc;
        c70.add(DoubleVector.fromArray(S, c, o7)).intoArray(c, o7);
        c71.add(DoubleVector.fromArray(S, c, o7 + L)).intoArray(c, o7 + L);
        c72.add(DoubleVector.fromArray(S, c, o7 + 2 * L)).intoArray(c, o7 + 2 * L);
    }

    /**
     * The {@code 12 x 2L} tile for 32-register machines with 16 lanes (float32 on AVX-512): 24
     * accumulators, and {@code NR = 32} divides the power-of-two sizes that 48 would not.
     */
    static void kernel12x2(int kc, double[] ap, int ao, double[] bp, int bo, double[] c, int co, int ldc) {
        DoubleVector c00 = DoubleVector.zero(S), c01 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S), c11 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S), c21 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S), c31 = DoubleVector.zero(S);
        DoubleVector c40 = DoubleVector.zero(S), c41 = DoubleVector.zero(S);
        DoubleVector c50 = DoubleVector.zero(S), c51 = DoubleVector.zero(S);
        DoubleVector c60 = DoubleVector.zero(S), c61 = DoubleVector.zero(S);
        DoubleVector c70 = DoubleVector.zero(S), c71 = DoubleVector.zero(S);
        DoubleVector c80 = DoubleVector.zero(S), c81 = DoubleVector.zero(S);
        DoubleVector c90 = DoubleVector.zero(S), c91 = DoubleVector.zero(S);
        DoubleVector c100 = DoubleVector.zero(S), c101 = DoubleVector.zero(S);
        DoubleVector c110 = DoubleVector.zero(S), c111 = DoubleVector.zero(S);
        for (int p = 0; p < kc; p += 2) {
            {
                int bi = bo + p * 2 * L;
                int ai = ao + p * 12;
                DoubleVector b0 = DoubleVector.fromArray(S, bp, bi);
                DoubleVector b1 = DoubleVector.fromArray(S, bp, bi + L);
                DoubleVector a0 = DoubleVector.broadcast(S, ap[ai]);
                c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01);
                DoubleVector a1 = DoubleVector.broadcast(S, ap[ai + 1]);
                c10 = a1.fma(b0, c10); c11 = a1.fma(b1, c11);
                DoubleVector a2 = DoubleVector.broadcast(S, ap[ai + 2]);
                c20 = a2.fma(b0, c20); c21 = a2.fma(b1, c21);
                DoubleVector a3 = DoubleVector.broadcast(S, ap[ai + 3]);
                c30 = a3.fma(b0, c30); c31 = a3.fma(b1, c31);
                DoubleVector a4 = DoubleVector.broadcast(S, ap[ai + 4]);
                c40 = a4.fma(b0, c40); c41 = a4.fma(b1, c41);
                DoubleVector a5 = DoubleVector.broadcast(S, ap[ai + 5]);
                c50 = a5.fma(b0, c50); c51 = a5.fma(b1, c51);
                DoubleVector a6 = DoubleVector.broadcast(S, ap[ai + 6]);
                c60 = a6.fma(b0, c60); c61 = a6.fma(b1, c61);
                DoubleVector a7 = DoubleVector.broadcast(S, ap[ai + 7]);
                c70 = a7.fma(b0, c70); c71 = a7.fma(b1, c71);
                DoubleVector a8 = DoubleVector.broadcast(S, ap[ai + 8]);
                c80 = a8.fma(b0, c80); c81 = a8.fma(b1, c81);
                DoubleVector a9 = DoubleVector.broadcast(S, ap[ai + 9]);
                c90 = a9.fma(b0, c90); c91 = a9.fma(b1, c91);
                DoubleVector a10 = DoubleVector.broadcast(S, ap[ai + 10]);
                c100 = a10.fma(b0, c100); c101 = a10.fma(b1, c101);
                DoubleVector a11 = DoubleVector.broadcast(S, ap[ai + 11]);
                c110 = a11.fma(b0, c110); c111 = a11.fma(b1, c111);
            }
            {
                int bi = bo + (p + 1) * 2 * L;
                int ai = ao + (p + 1) * 12;
                DoubleVector b0 = DoubleVector.fromArray(S, bp, bi);
                DoubleVector b1 = DoubleVector.fromArray(S, bp, bi + L);
                DoubleVector a0 = DoubleVector.broadcast(S, ap[ai]);
                c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01);
                DoubleVector a1 = DoubleVector.broadcast(S, ap[ai + 1]);
                c10 = a1.fma(b0, c10); c11 = a1.fma(b1, c11);
                DoubleVector a2 = DoubleVector.broadcast(S, ap[ai + 2]);
                c20 = a2.fma(b0, c20); c21 = a2.fma(b1, c21);
                DoubleVector a3 = DoubleVector.broadcast(S, ap[ai + 3]);
                c30 = a3.fma(b0, c30); c31 = a3.fma(b1, c31);
                DoubleVector a4 = DoubleVector.broadcast(S, ap[ai + 4]);
                c40 = a4.fma(b0, c40); c41 = a4.fma(b1, c41);
                DoubleVector a5 = DoubleVector.broadcast(S, ap[ai + 5]);
                c50 = a5.fma(b0, c50); c51 = a5.fma(b1, c51);
                DoubleVector a6 = DoubleVector.broadcast(S, ap[ai + 6]);
                c60 = a6.fma(b0, c60); c61 = a6.fma(b1, c61);
                DoubleVector a7 = DoubleVector.broadcast(S, ap[ai + 7]);
                c70 = a7.fma(b0, c70); c71 = a7.fma(b1, c71);
                DoubleVector a8 = DoubleVector.broadcast(S, ap[ai + 8]);
                c80 = a8.fma(b0, c80); c81 = a8.fma(b1, c81);
                DoubleVector a9 = DoubleVector.broadcast(S, ap[ai + 9]);
                c90 = a9.fma(b0, c90); c91 = a9.fma(b1, c91);
                DoubleVector a10 = DoubleVector.broadcast(S, ap[ai + 10]);
                c100 = a10.fma(b0, c100); c101 = a10.fma(b1, c101);
                DoubleVector a11 = DoubleVector.broadcast(S, ap[ai + 11]);
                c110 = a11.fma(b0, c110); c111 = a11.fma(b1, c111);
            }
        }
        int o0 = co;
        c00.add(DoubleVector.fromArray(S, c, o0)).intoArray(c, o0);
        c01.add(DoubleVector.fromArray(S, c, o0 + L)).intoArray(c, o0 + L);
        int o1 = co + ldc;
        c10.add(DoubleVector.fromArray(S, c, o1)).intoArray(c, o1);
        c11.add(DoubleVector.fromArray(S, c, o1 + L)).intoArray(c, o1 + L);
        int o2 = co + 2 * ldc;
        c20.add(DoubleVector.fromArray(S, c, o2)).intoArray(c, o2);
        c21.add(DoubleVector.fromArray(S, c, o2 + L)).intoArray(c, o2 + L);
        int o3 = co + 3 * ldc;
        c30.add(DoubleVector.fromArray(S, c, o3)).intoArray(c, o3);
        c31.add(DoubleVector.fromArray(S, c, o3 + L)).intoArray(c, o3 + L);
        int o4 = co + 4 * ldc;
        c40.add(DoubleVector.fromArray(S, c, o4)).intoArray(c, o4);
        c41.add(DoubleVector.fromArray(S, c, o4 + L)).intoArray(c, o4 + L);
        int o5 = co + 5 * ldc;
        c50.add(DoubleVector.fromArray(S, c, o5)).intoArray(c, o5);
        c51.add(DoubleVector.fromArray(S, c, o5 + L)).intoArray(c, o5 + L);
        int o6 = co + 6 * ldc;
        c60.add(DoubleVector.fromArray(S, c, o6)).intoArray(c, o6);
        c61.add(DoubleVector.fromArray(S, c, o6 + L)).intoArray(c, o6 + L);
        int o7 = co + 7 * ldc;
        c70.add(DoubleVector.fromArray(S, c, o7)).intoArray(c, o7);
        c71.add(DoubleVector.fromArray(S, c, o7 + L)).intoArray(c, o7 + L);
        int o8 = co + 8 * ldc;
        c80.add(DoubleVector.fromArray(S, c, o8)).intoArray(c, o8);
        c81.add(DoubleVector.fromArray(S, c, o8 + L)).intoArray(c, o8 + L);
        int o9 = co + 9 * ldc;
        c90.add(DoubleVector.fromArray(S, c, o9)).intoArray(c, o9);
        c91.add(DoubleVector.fromArray(S, c, o9 + L)).intoArray(c, o9 + L);
        int o10 = co + 10 * ldc;
        c100.add(DoubleVector.fromArray(S, c, o10)).intoArray(c, o10);
        c101.add(DoubleVector.fromArray(S, c, o10 + L)).intoArray(c, o10 + L);
        int o11 = co + 11 * ldc;
        c110.add(DoubleVector.fromArray(S, c, o11)).intoArray(c, o11);
        c111.add(DoubleVector.fromArray(S, c, o11 + L)).intoArray(c, o11 + L);
    }

    /** The {@code 6 x 2L} tile for 16-register (AVX2) machines: 12 accumulators. */
    static void kernel6x2(int kc, double[] ap, int ao, double[] bp, int bo, double[] c, int co, int ldc) {
        DoubleVector c00 = DoubleVector.zero(S), c01 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S), c11 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S), c21 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S), c31 = DoubleVector.zero(S);
        DoubleVector c40 = DoubleVector.zero(S), c41 = DoubleVector.zero(S);
        DoubleVector c50 = DoubleVector.zero(S), c51 = DoubleVector.zero(S);
        for (int p = 0; p < kc; p += 2) {
            {
                int bi = bo + p * 2 * L;
                int ai = ao + p * 6;
                DoubleVector b0 = DoubleVector.fromArray(S, bp, bi);
                DoubleVector b1 = DoubleVector.fromArray(S, bp, bi + L);
                DoubleVector a0 = DoubleVector.broadcast(S, ap[ai]);
                c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01);
                DoubleVector a1 = DoubleVector.broadcast(S, ap[ai + 1]);
                c10 = a1.fma(b0, c10); c11 = a1.fma(b1, c11);
                DoubleVector a2 = DoubleVector.broadcast(S, ap[ai + 2]);
                c20 = a2.fma(b0, c20); c21 = a2.fma(b1, c21);
                DoubleVector a3 = DoubleVector.broadcast(S, ap[ai + 3]);
                c30 = a3.fma(b0, c30); c31 = a3.fma(b1, c31);
                DoubleVector a4 = DoubleVector.broadcast(S, ap[ai + 4]);
                c40 = a4.fma(b0, c40); c41 = a4.fma(b1, c41);
                DoubleVector a5 = DoubleVector.broadcast(S, ap[ai + 5]);
                c50 = a5.fma(b0, c50); c51 = a5.fma(b1, c51);
            }
            {
                int bi = bo + (p + 1) * 2 * L;
                int ai = ao + (p + 1) * 6;
                DoubleVector b0 = DoubleVector.fromArray(S, bp, bi);
                DoubleVector b1 = DoubleVector.fromArray(S, bp, bi + L);
                DoubleVector a0 = DoubleVector.broadcast(S, ap[ai]);
                c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01);
                DoubleVector a1 = DoubleVector.broadcast(S, ap[ai + 1]);
                c10 = a1.fma(b0, c10); c11 = a1.fma(b1, c11);
                DoubleVector a2 = DoubleVector.broadcast(S, ap[ai + 2]);
                c20 = a2.fma(b0, c20); c21 = a2.fma(b1, c21);
                DoubleVector a3 = DoubleVector.broadcast(S, ap[ai + 3]);
                c30 = a3.fma(b0, c30); c31 = a3.fma(b1, c31);
                DoubleVector a4 = DoubleVector.broadcast(S, ap[ai + 4]);
                c40 = a4.fma(b0, c40); c41 = a4.fma(b1, c41);
                DoubleVector a5 = DoubleVector.broadcast(S, ap[ai + 5]);
                c50 = a5.fma(b0, c50); c51 = a5.fma(b1, c51);
            }
        }
        int o0 = co;
        c00.add(DoubleVector.fromArray(S, c, o0)).intoArray(c, o0);
        c01.add(DoubleVector.fromArray(S, c, o0 + L)).intoArray(c, o0 + L);
        int o1 = co + ldc;
        c10.add(DoubleVector.fromArray(S, c, o1)).intoArray(c, o1);
        c11.add(DoubleVector.fromArray(S, c, o1 + L)).intoArray(c, o1 + L);
        int o2 = co + 2 * ldc;
        c20.add(DoubleVector.fromArray(S, c, o2)).intoArray(c, o2);
        c21.add(DoubleVector.fromArray(S, c, o2 + L)).intoArray(c, o2 + L);
        int o3 = co + 3 * ldc;
        c30.add(DoubleVector.fromArray(S, c, o3)).intoArray(c, o3);
        c31.add(DoubleVector.fromArray(S, c, o3 + L)).intoArray(c, o3 + L);
        int o4 = co + 4 * ldc;
        c40.add(DoubleVector.fromArray(S, c, o4)).intoArray(c, o4);
        c41.add(DoubleVector.fromArray(S, c, o4 + L)).intoArray(c, o4 + L);
        int o5 = co + 5 * ldc;
        c50.add(DoubleVector.fromArray(S, c, o5)).intoArray(c, o5);
        c51.add(DoubleVector.fromArray(S, c, o5 + L)).intoArray(c, o5 + L);
    }
}
