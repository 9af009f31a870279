package dezero.ndarray;

import static dezero.ndarray.Transcendental.C0;
import static dezero.ndarray.Transcendental.C1;
import static dezero.ndarray.Transcendental.C2;
import static dezero.ndarray.Transcendental.C3;
import static dezero.ndarray.Transcendental.C4;
import static dezero.ndarray.Transcendental.C5;
import static dezero.ndarray.Transcendental.EXP_FAST;
import static dezero.ndarray.Transcendental.INV_LN2;
import static dezero.ndarray.Transcendental.LN2_A;
import static dezero.ndarray.Transcendental.LN2_B;
import static dezero.ndarray.Transcendental.LN2_HI;
import static dezero.ndarray.Transcendental.LN2_LO;
import static dezero.ndarray.Transcendental.MIN_NORMAL;
import static dezero.ndarray.Transcendental.ONE_BITS;
import static dezero.ndarray.Transcendental.P0;
import static dezero.ndarray.Transcendental.P1;
import static dezero.ndarray.Transcendental.P2;
import static dezero.ndarray.Transcendental.P3;
import static dezero.ndarray.Transcendental.P4;
import static dezero.ndarray.Transcendental.P5;
import static dezero.ndarray.Transcendental.P6;
import static dezero.ndarray.Transcendental.PIO2_1;
import static dezero.ndarray.Transcendental.PIO2_2;
import static dezero.ndarray.Transcendental.PIO2_3;
import static dezero.ndarray.Transcendental.Q0;
import static dezero.ndarray.Transcendental.Q1;
import static dezero.ndarray.Transcendental.Q10;
import static dezero.ndarray.Transcendental.Q2;
import static dezero.ndarray.Transcendental.Q3;
import static dezero.ndarray.Transcendental.Q4;
import static dezero.ndarray.Transcendental.Q5;
import static dezero.ndarray.Transcendental.Q6;
import static dezero.ndarray.Transcendental.Q7;
import static dezero.ndarray.Transcendental.Q8;
import static dezero.ndarray.Transcendental.Q9;
import static dezero.ndarray.Transcendental.S0;
import static dezero.ndarray.Transcendental.S1;
import static dezero.ndarray.Transcendental.S2;
import static dezero.ndarray.Transcendental.S3;
import static dezero.ndarray.Transcendental.S4;
import static dezero.ndarray.Transcendental.S5;
import static dezero.ndarray.Transcendental.S6;
import static dezero.ndarray.Transcendental.SHIFTER;
import static dezero.ndarray.Transcendental.SHIFTER_BITS;
import static dezero.ndarray.Transcendental.SIGN_BIT;
import static dezero.ndarray.Transcendental.SQRT_HALF_BITS;
import static dezero.ndarray.Transcendental.TANH_CLAMP;
import static dezero.ndarray.Transcendental.TANH_TINY;
import static dezero.ndarray.Transcendental.TRIG_MAX;
import static jdk.incubator.vector.VectorOperators.ASHR;
import static jdk.incubator.vector.VectorOperators.EQ;
import static jdk.incubator.vector.VectorOperators.FMA;
import static jdk.incubator.vector.VectorOperators.GE;
import static jdk.incubator.vector.VectorOperators.LE;
import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.LT;
import static jdk.incubator.vector.VectorOperators.NE;
import static jdk.incubator.vector.VectorOperators.XOR;

import dezero.ndarray.Elementwise.Unary;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The algorithms of {@link Transcendental} on vector lanes, operation for operation, so every lane
 * gets the bits the scalar code gives (in every execution tier: all operations used are exactly
 * rounded; no SIMD math library is involved). Loop tails and the rare vectors holding an argument
 * outside the vector code's domain (exp: |x| &gt; 708 or NaN; log: x not a positive normal finite
 * number; sin, cos: |x| &gt; 2^20 or not finite) are computed by the scalar code.
 *
 * <p>float32 arrays are widened into a per-thread float64 buffer of {@link #CHUNK} elements, computed
 * there in place, and rounded back once (as the scalar float32 path does element by element).
 *
 * <p>Loaded only when the module {@code jdk.incubator.vector} is present. Each loop is one method with
 * its body written out (no helper taking or returning vectors), so C2 never has to box a vector.
 */
final class VectorTranscendental {
    private VectorTranscendental() {
    }

    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    static final int L = S.length();
    /** float32 work goes through a float64 buffer of this many elements. */
    static final int CHUNK = 1024;
    private static final ThreadLocal<double[]> BUFFER = ThreadLocal.withInitial(() -> new double[CHUNK]);

    /** True for the operations this class computes (SQRT is left to the plain loop, which C2 vectorizes). */
    static boolean handles(Unary op) {
        return op == Unary.EXP || op == Unary.LOG || op == Unary.SIN || op == Unary.COS || op == Unary.TANH;
    }

    /** {@code out[oo + i] = op(a[ao + i])} for EXP, LOG, SIN, COS, TANH; {@code out} may be {@code a} at the same offset. */
    static void run(Unary op, double[] a, int ao, double[] out, int oo, int n) {
        switch (op) {
            case EXP:
                exp(a, ao, out, oo, n);
                break;
            case LOG:
                log(a, ao, out, oo, n);
                break;
            case SIN:
                sinCos(a, ao, out, oo, n, 0);
                break;
            case COS:
                sinCos(a, ao, out, oo, n, 1);
                break;
            case TANH:
                tanh(a, ao, out, oo, n);
                break;
            default:
                throw new IllegalArgumentException(op + " has no vector kernel");
        }
    }

    /** The float32 form: computed in float64 and rounded once, in chunks of {@link #CHUNK}. */
    static void run(Unary op, float[] a, int ao, float[] out, int oo, int n) {
        double[] buf = BUFFER.get();
        for (int c = 0; c < n; c += CHUNK) {
            int m = Math.min(CHUNK, n - c);
            int ac = ao + c;
            for (int i = 0; i < m; i++) {
                buf[i] = a[ac + i];
            }
            run(op, buf, 0, buf, 0, m);
            int oc = oo + c;
            for (int i = 0; i < m; i++) {
                out[oc + i] = (float) buf[i];
            }
        }
    }

    // ------------------------------------------------------------------ exp

    static void exp(double[] a, int ao, double[] out, int oo, int n) {
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        int i = 0;
        for (int ub = S.loopBound(n); i < ub; i += L) {
            DoubleVector x = DoubleVector.fromArray(S, a, ao + i);
            DoubleVector t = x.lanewise(FMA, INV_LN2, SHIFTER);
            DoubleVector k = t.sub(SHIFTER);
            DoubleVector rh1 = k.lanewise(FMA, -LN2_HI, x);
            DoubleVector rh = k.lanewise(FMA, -LN2_LO, rh1);
            DoubleVector rl = k.lanewise(FMA, -LN2_LO, rh1.sub(rh));
            DoubleVector r2 = rh.mul(rh);
            DoubleVector q = rh.lanewise(FMA, Q10, Q9).lanewise(FMA, rh, Q8).lanewise(FMA, rh, Q7)
                    .lanewise(FMA, rh, Q6).lanewise(FMA, rh, Q5).lanewise(FMA, rh, Q4).lanewise(FMA, rh, Q3)
                    .lanewise(FMA, rh, Q2).lanewise(FMA, rh, Q1).lanewise(FMA, rh, Q0);
            DoubleVector tt = r2.lanewise(FMA, q, rl);
            DoubleVector s = rh.add(tt);
            DoubleVector sl = rh.sub(s).add(tt);
            DoubleVector u = s.add(1.0);
            DoubleVector pre = u.add(one.sub(u).add(s).add(sl));
            LongVector scale = t.reinterpretAsLongs().lanewise(LSHL, 52);
            pre.reinterpretAsLongs().add(scale).reinterpretAsDoubles().intoArray(out, oo + i);
            VectorMask<Double> fast = x.abs().compare(LE, EXP_FAST);
            if (!fast.allTrue()) {
                for (int j = 0; j < L; j++) {
                    if (!fast.laneIsSet(j)) {
                        out[oo + i + j] = Transcendental.exp(x.lane(j));
                    }
                }
            }
        }
        for (; i < n; i++) {
            out[oo + i] = Transcendental.exp(a[ao + i]);
        }
    }

    // ------------------------------------------------------------------ tanh

    static void tanh(double[] a, int ao, double[] out, int oo, int n) {
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        int i = 0;
        for (int ub = S.loopBound(n); i < ub; i += L) {
            DoubleVector x = DoubleVector.fromArray(S, a, ao + i);
            DoubleVector y = x.abs().mul(-2.0).max(TANH_CLAMP);
            DoubleVector t = y.lanewise(FMA, INV_LN2, SHIFTER);
            DoubleVector k = t.sub(SHIFTER);
            DoubleVector rh1 = k.lanewise(FMA, -LN2_HI, y);
            DoubleVector rh = k.lanewise(FMA, -LN2_LO, rh1);
            DoubleVector rl = k.lanewise(FMA, -LN2_LO, rh1.sub(rh));
            DoubleVector r2 = rh.mul(rh);
            DoubleVector q = rh.lanewise(FMA, Q10, Q9).lanewise(FMA, rh, Q8).lanewise(FMA, rh, Q7)
                    .lanewise(FMA, rh, Q6).lanewise(FMA, rh, Q5).lanewise(FMA, rh, Q4).lanewise(FMA, rh, Q3)
                    .lanewise(FMA, rh, Q2).lanewise(FMA, rh, Q1).lanewise(FMA, rh, Q0);
            DoubleVector tt = r2.lanewise(FMA, q, rl);
            DoubleVector s = rh.add(tt);
            DoubleVector sl = rh.sub(s).add(tt);
            DoubleVector u = s.add(1.0);
            DoubleVector ul = one.sub(u).add(s).add(sl);
            DoubleVector c = t.reinterpretAsLongs().lanewise(LSHL, 52).add(ONE_BITS).reinterpretAsDoubles();
            DoubleVector eh = u.mul(c);
            DoubleVector el = ul.mul(c);
            DoubleVector nh = one.sub(eh);
            DoubleVector nl = one.sub(nh).sub(eh).sub(el);
            DoubleVector dh = eh.add(1.0);
            DoubleVector dl = one.sub(dh).add(eh).add(el);
            DoubleVector inv = one.div(dh);
            DoubleVector th = nh.mul(inv);
            DoubleVector mth = th.neg();
            DoubleVector rem = mth.lanewise(FMA, dh, nh);
            DoubleVector tl = mth.lanewise(FMA, dl, rem.add(nl)).mul(inv);
            LongVector r = th.add(tl).reinterpretAsLongs();
            DoubleVector signed = r.or(x.reinterpretAsLongs().and(SIGN_BIT)).reinterpretAsDoubles();
            signed.blend(x, x.abs().compare(LT, TANH_TINY)).intoArray(out, oo + i);
        }
        for (; i < n; i++) {
            out[oo + i] = Transcendental.tanh(a[ao + i]);
        }
    }

    // ------------------------------------------------------------------ log

    static void log(double[] a, int ao, double[] out, int oo, int n) {
        DoubleVector two = DoubleVector.broadcast(S, 2.0);
        int i = 0;
        for (int ub = S.loopBound(n); i < ub; i += L) {
            DoubleVector x = DoubleVector.fromArray(S, a, ao + i);
            LongVector b = x.reinterpretAsLongs();
            LongVector e = b.sub(SQRT_HALF_BITS).lanewise(ASHR, 52);
            DoubleVector m = b.sub(e.lanewise(LSHL, 52)).reinterpretAsDoubles();
            DoubleVector ed = e.add(SHIFTER_BITS).reinterpretAsDoubles().sub(SHIFTER);
            DoubleVector f = m.sub(1.0);
            DoubleVector d = f.add(2.0);
            DoubleVector dl = two.sub(d).add(f);
            DoubleVector s = f.div(d);
            DoubleVector ms = s.neg();
            DoubleVector rs = ms.lanewise(FMA, d, f);
            DoubleVector sl = ms.lanewise(FMA, dl, rs).mul(s.lanewise(FMA, -0.5, 0.5));
            DoubleVector z = s.mul(s);
            DoubleVector p = z.lanewise(FMA, P6, P5).lanewise(FMA, z, P4).lanewise(FMA, z, P3)
                    .lanewise(FMA, z, P2).lanewise(FMA, z, P1).lanewise(FMA, z, P0);
            DoubleVector s2 = s.add(s);
            DoubleVector ea = ed.mul(LN2_A);
            DoubleVector hi = ea.add(s2);
            DoubleVector err = s2.sub(hi.sub(ea));
            DoubleVector lo = err.add(sl.lanewise(FMA, 2.0, ed.lanewise(FMA, LN2_B, s.mul(z).mul(p))));
            hi.add(lo).intoArray(out, oo + i);
            VectorMask<Double> normal = x.compare(GE, MIN_NORMAL).and(x.compare(LT, Double.POSITIVE_INFINITY));
            if (!normal.allTrue()) {
                for (int j = 0; j < L; j++) {
                    if (!normal.laneIsSet(j)) {
                        out[oo + i + j] = Transcendental.log(x.lane(j));
                    }
                }
            }
        }
        for (; i < n; i++) {
            out[oo + i] = Transcendental.log(a[ao + i]);
        }
    }

    // ------------------------------------------------------------------ sin, cos

    /** sin for {@code shift} 0, cos for 1 (see {@link Transcendental#sinCos}). */
    static void sinCos(double[] a, int ao, double[] out, int oo, int n, int shift) {
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        // sin(+-0) is the argument itself; cos never takes that exit (no lane equals NaN)
        double zeroExit = shift == 0 ? 0.0 : Double.NaN;
        int i = 0;
        for (int ub = S.loopBound(n); i < ub; i += L) {
            DoubleVector x = DoubleVector.fromArray(S, a, ao + i);
            DoubleVector t = x.lanewise(FMA, Transcendental.TWO_OVER_PI, SHIFTER);
            DoubleVector k = t.sub(SHIFTER);
            DoubleVector r1 = k.lanewise(FMA, -PIO2_1, x);
            DoubleVector p2h = k.mul(PIO2_2);
            DoubleVector mp2h = p2h.neg();
            DoubleVector p2l = k.lanewise(FMA, PIO2_2, mp2h);
            DoubleVector rh = r1.sub(p2h);
            DoubleVector bb = rh.sub(r1);
            DoubleVector e = r1.sub(rh.sub(bb)).add(mp2h.sub(bb));
            DoubleVector rl = k.lanewise(FMA, -PIO2_3, e.sub(p2l));
            DoubleVector z = rh.mul(rh);
            DoubleVector ps = z.lanewise(FMA, S6, S5).lanewise(FMA, z, S4).lanewise(FMA, z, S3)
                    .lanewise(FMA, z, S2).lanewise(FMA, z, S1).lanewise(FMA, z, S0);
            DoubleVector sn = rh.add(rh.mul(z).lanewise(FMA, ps, rl.mul(z).lanewise(FMA, -0.5, rl)));
            DoubleVector pc = z.lanewise(FMA, C5, C4).lanewise(FMA, z, C3).lanewise(FMA, z, C2)
                    .lanewise(FMA, z, C1).lanewise(FMA, z, C0);
            DoubleVector hz = z.mul(0.5);
            DoubleVector w = one.sub(hz);
            DoubleVector zl = rh.lanewise(FMA, rh, z.neg());
            DoubleVector cs = w.add(one.sub(w).sub(hz).sub(rh.lanewise(FMA, rl, zl.mul(0.5))).add(z.mul(z).mul(pc)));
            LongVector q = t.reinterpretAsLongs().add(shift);
            VectorMask<Double> odd = q.and(1L).compare(NE, 0L).cast(S);
            LongVector sign = q.and(2L).lanewise(LSHL, 62);
            DoubleVector r = sn.blend(cs, odd).reinterpretAsLongs().lanewise(XOR, sign).reinterpretAsDoubles();
            r.blend(x, x.compare(EQ, zeroExit)).intoArray(out, oo + i);
            VectorMask<Double> inRange = x.abs().compare(LE, TRIG_MAX);
            if (!inRange.allTrue()) {
                for (int j = 0; j < L; j++) {
                    if (!inRange.laneIsSet(j)) {
                        out[oo + i + j] = Transcendental.sinCos(x.lane(j), shift);
                    }
                }
            }
        }
        for (; i < n; i++) {
            out[oo + i] = Transcendental.sinCos(a[ao + i], shift);
        }
    }
}
