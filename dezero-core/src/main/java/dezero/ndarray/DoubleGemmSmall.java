package dezero.ndarray;

/**
 * {@code C = A B} for small float64 matrices (a few thousand multiply-adds, as in the layers of a
 * small network), where packing and thread checks cost more than the arithmetic: A and B with any
 * strides, C written (not accumulated) row-major with row stride {@code n} from {@code co}.
 *
 * <p>Register blocking without packing: tiles of 4 rows x 2 columns of C (eight independent sums
 * over {@code p}), then 4 x 1 for a last odd column, and 1 x 4 / 1 x 1 for the last rows. Every
 * element is the plain sum {@code ((a0 b0 + a1 b1) + a2 b2) + ...} in order of {@code p}.
 */
final class DoubleGemmSmall {
    private DoubleGemmSmall() {
    }

    static void gemm(int m, int n, int k, double[] a, int ao, int ars, int acs, double[] b, int bo, int brs, int bcs,
            double[] c, int co) {
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            int a0 = ao + i * ars;
            int c0 = co + i * n;
            int j = 0;
            for (; j + 2 <= n; j += 2) {
                tile42(k, a, a0, ars, acs, b, bo + j * bcs, brs, bcs, c, c0 + j, n);
            }
            if (j < n) {
                int bj = bo + j * bcs;
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                double s3 = 0;
                for (int p = 0; p < k; p++) {
                    double bv = b[bj + p * brs];
                    int ap = a0 + p * acs;
                    s0 += a[ap] * bv;
                    s1 += a[ap + ars] * bv;
                    s2 += a[ap + 2 * ars] * bv;
                    s3 += a[ap + 3 * ars] * bv;
                }
                int ci = c0 + j;
                c[ci] = s0;
                c[ci + n] = s1;
                c[ci + 2 * n] = s2;
                c[ci + 3 * n] = s3;
            }
        }
        for (; i < m; i++) {
            int ai = ao + i * ars;
            int ci = co + i * n;
            int j = 0;
            for (; j + 4 <= n; j += 4) {
                int bj = bo + j * bcs;
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                double s3 = 0;
                for (int p = 0; p < k; p++) {
                    double av = a[ai + p * acs];
                    int bp = bj + p * brs;
                    s0 += av * b[bp];
                    s1 += av * b[bp + bcs];
                    s2 += av * b[bp + 2 * bcs];
                    s3 += av * b[bp + 3 * bcs];
                }
                c[ci + j] = s0;
                c[ci + j + 1] = s1;
                c[ci + j + 2] = s2;
                c[ci + j + 3] = s3;
            }
            for (; j < n; j++) {
                int bj = bo + j * bcs;
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += a[ai + p * acs] * b[bj + p * brs];
                }
                c[ci + j] = s;
            }
        }
    }

    /** The 4 x 2 tile of C at {@code ci} (row stride {@code ldc}): A rows at {@code a0}, B columns at {@code bj}. */
    private static void tile42(int k, double[] a, int a0, int ars, int acs, double[] b, int bj, int brs, int bcs,
            double[] c, int ci, int ldc) {
        double s00 = 0;
        double s10 = 0;
        double s20 = 0;
        double s30 = 0;
        double s01 = 0;
        double s11 = 0;
        double s21 = 0;
        double s31 = 0;
        for (int p = 0; p < k; p++) {
            int bp = bj + p * brs;
            double b0 = b[bp];
            double b1 = b[bp + bcs];
            int ap = a0 + p * acs;
            double x0 = a[ap];
            double x1 = a[ap + ars];
            double x2 = a[ap + 2 * ars];
            double x3 = a[ap + 3 * ars];
            s00 += x0 * b0;
            s10 += x1 * b0;
            s20 += x2 * b0;
            s30 += x3 * b0;
            s01 += x0 * b1;
            s11 += x1 * b1;
            s21 += x2 * b1;
            s31 += x3 * b1;
        }
        c[ci] = s00;
        c[ci + 1] = s01;
        c[ci + ldc] = s10;
        c[ci + ldc + 1] = s11;
        c[ci + 2 * ldc] = s20;
        c[ci + 2 * ldc + 1] = s21;
        c[ci + 3 * ldc] = s30;
        c[ci + 3 * ldc + 1] = s31;
    }
}
