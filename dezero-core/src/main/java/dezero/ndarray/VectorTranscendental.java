package dezero.ndarray;

import static dezero.ndarray.Transcendental.C0;
import static dezero.ndarray.Transcendental.C1;
import static dezero.ndarray.Transcendental.C2;
import static dezero.ndarray.Transcendental.C3;
import static dezero.ndarray.Transcendental.C4;
import static dezero.ndarray.Transcendental.C5;
import static dezero.ndarray.Transcendental.CF0;
import static dezero.ndarray.Transcendental.CF1;
import static dezero.ndarray.Transcendental.CF2;
import static dezero.ndarray.Transcendental.CF3;
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
import static dezero.ndarray.Transcendental.PF0;
import static dezero.ndarray.Transcendental.PF1;
import static dezero.ndarray.Transcendental.PF2;
import static dezero.ndarray.Transcendental.PF3;
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
import static dezero.ndarray.Transcendental.QF0;
import static dezero.ndarray.Transcendental.QF1;
import static dezero.ndarray.Transcendental.QF2;
import static dezero.ndarray.Transcendental.QF3;
import static dezero.ndarray.Transcendental.QF4;
import static dezero.ndarray.Transcendental.QF5;
import static dezero.ndarray.Transcendental.QF6;
import static dezero.ndarray.Transcendental.R0;
import static dezero.ndarray.Transcendental.R1;
import static dezero.ndarray.Transcendental.R2;
import static dezero.ndarray.Transcendental.R3;
import static dezero.ndarray.Transcendental.R4;
import static dezero.ndarray.Transcendental.R5;
import static dezero.ndarray.Transcendental.R6;
import static dezero.ndarray.Transcendental.R7;
import static dezero.ndarray.Transcendental.R8;
import static dezero.ndarray.Transcendental.R9;
import static dezero.ndarray.Transcendental.S0;
import static dezero.ndarray.Transcendental.S1;
import static dezero.ndarray.Transcendental.S2;
import static dezero.ndarray.Transcendental.S3;
import static dezero.ndarray.Transcendental.S4;
import static dezero.ndarray.Transcendental.S5;
import static dezero.ndarray.Transcendental.S6;
import static dezero.ndarray.Transcendental.SF0;
import static dezero.ndarray.Transcendental.SF1;
import static dezero.ndarray.Transcendental.SF2;
import static dezero.ndarray.Transcendental.SF3;
import static dezero.ndarray.Transcendental.SHIFTER;
import static dezero.ndarray.Transcendental.SHIFTER_BITS;
import static dezero.ndarray.Transcendental.SIGN_BIT;
import static dezero.ndarray.Transcendental.SQRT_HALF_BITS;
import static dezero.ndarray.Transcendental.TANH_FAST;
import static dezero.ndarray.Transcendental.TRIG_MAX;
import static dezero.ndarray.Transcendental.TWO_OVER_PI;
import static jdk.incubator.vector.VectorOperators.ASHR;
import static jdk.incubator.vector.VectorOperators.D2F;
import static jdk.incubator.vector.VectorOperators.F2D;
import static jdk.incubator.vector.VectorOperators.FMA;
import static jdk.incubator.vector.VectorOperators.GE;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.LE;
import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.LT;
import static jdk.incubator.vector.VectorOperators.XOR;

import dezero.ndarray.Elementwise.Unary;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The algorithms of {@link Transcendental} on vector lanes, operation for operation, so every lane
 * gets the bits the scalar code gives (in every execution tier: all operations used are exactly
 * rounded; no SIMD math library is involved). Loop tails and the rare arguments outside the vector
 * code's domain (exp: |x| &gt; 708; tanh: |x| &gt; 354; log: x not a positive normal finite number;
 * sin, cos: |x| &gt; 2^20; and NaN) are computed by the scalar code.
 *
 * <p>float32 arrays have their own (cheaper) algorithms, also computed in float64 lanes: float32
 * lanes are widened on load and rounded once on store, as the scalar float32 code does.
 *
 * <p>Loaded only when the module {@code jdk.incubator.vector} is present. Written for C2 to keep every
 * vector in registers (a boxed vector costs 5-10 times the time): each loop is one method with its body
 * written out (no helper taking or returning vectors), a loop-carried vector is only ever an argument,
 * never the receiver, and sin/cos select with bit operations rather than masks (JDK 17 boxes these in
 * some cases). {@code TranscendentalSpeed} (test sources) reports bytes allocated per call: 0 on JDK 17
 * and 25 with AVX2 and AVX-512.
 */
final class VectorTranscendental {
    private VectorTranscendental() {
    }

    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    static final VectorSpecies<Long> LS = S.withLanes(long.class);
    static final int L = S.length();
    /** As many float32 lanes as S has float64 lanes: loaded, widened to S, narrowed back. */
    static final VectorSpecies<Float> F = VectorSpecies.of(float.class, VectorShape.forBitSize(S.vectorBitSize() / 2));

    private static final long EXP_FAST_BITS = Double.doubleToRawLongBits(EXP_FAST);
    private static final long TANH_FAST_BITS = Double.doubleToRawLongBits(TANH_FAST);
    private static final long TRIG_MAX_BITS = Double.doubleToRawLongBits(TRIG_MAX);
    private static final long MIN_NORMAL_BITS = Double.doubleToRawLongBits(MIN_NORMAL);
    private static final long INF_BITS = Double.doubleToRawLongBits(Double.POSITIVE_INFINITY);
    private static final long ABS_MASK = ~SIGN_BIT;

    /**
     * True when these loops are worth using and compile well: vectors of 256 bits or more (x86-64 with
     * AVX2 or AVX-512, AArch64 with SVE). With narrower vectors (SSE, AVX, NEON) the plain loops are
     * used: the results are the same.
     */
    static boolean supported() {
        return S.vectorBitSize() >= 256 && LS.vectorBitSize() == S.vectorBitSize();
    }

    /** True for the operations this class computes (SQRT is left to the plain loop, which C2 vectorizes). */
    static boolean handles(Unary op) {
        return op == Unary.EXP || op == Unary.LOG || op == Unary.SIN || op == Unary.COS || op == Unary.TANH;
    }

    /** {@code out[oo + i] = op(a[ao + i])} for EXP, LOG, SIN, COS, TANH; {@code out} and {@code a} do not overlap. */
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

    /** The float32 form: the float32 algorithms of {@link Transcendental} on float64 lanes, rounded once. */
    static void run(Unary op, float[] a, int ao, float[] out, int oo, int n) {
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

    // The loops compute every lane with the vector code and keep the largest |x| (as bits: the order of
    // the magnitudes, NaN above infinity) or the extreme bits of x; only when these show an argument
    // outside the vector code's domain does a second pass recompute such elements with the scalar code.
    // (The accumulator is the argument, never the receiver: C2 types a loop phi inexactly while
    // parsing and would leave a virtual call, and a boxed vector, in the loop.)

    // ------------------------------------------------------------------ exp

    static void exp(double[] a, int ao, double[] out, int oo, int n) {
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        LongVector worst = LongVector.zero(LS);
        int i = 0;
        for (int ub = S.loopBound(n); i < ub; i += L) {
            DoubleVector x = DoubleVector.fromArray(S, a, ao + i);
            worst = x.reinterpretAsLongs().and(ABS_MASK).max(worst);
            DoubleVector t = x.lanewise(FMA, INV_LN2, SHIFTER);
            DoubleVector k = t.sub(SHIFTER);
            DoubleVector rh1 = k.lanewise(FMA, -LN2_HI, x);
            DoubleVector rh = k.lanewise(FMA, -LN2_LO, rh1);
            DoubleVector rl = k.lanewise(FMA, -LN2_LO, rh1.sub(rh));
            DoubleVector r2 = rh.mul(rh);
            DoubleVector r4 = r2.mul(r2);
            DoubleVector b03 = rh.lanewise(FMA, Q3, Q2).lanewise(FMA, r2, rh.lanewise(FMA, Q1, Q0));
            DoubleVector b47 = rh.lanewise(FMA, Q7, Q6).lanewise(FMA, r2, rh.lanewise(FMA, Q5, Q4));
            DoubleVector b8a = r2.lanewise(FMA, Q10, rh.lanewise(FMA, Q9, Q8));
            DoubleVector q = b8a.lanewise(FMA, r4.mul(r4), b47.lanewise(FMA, r4, b03));
            DoubleVector tt = r2.lanewise(FMA, q, rl);
            DoubleVector s = rh.add(tt);
            DoubleVector sl = rh.sub(s).add(tt);
            DoubleVector u = s.add(1.0);
            DoubleVector pre = u.add(one.sub(u).add(s).add(sl));
            LongVector scale = t.reinterpretAsLongs().lanewise(LSHL, 52);
            pre.reinterpretAsLongs().add(scale).reinterpretAsDoubles().intoArray(out, oo + i);
        }
        if (worst.compare(GT, EXP_FAST_BITS).anyTrue()) {
            for (int j = 0; j < i; j++) {
                double x = a[ao + j];
                if (!(Math.abs(x) <= EXP_FAST)) {
                    out[oo + j] = Transcendental.exp(x);
                }
            }
        }
        for (; i < n; i++) {
            out[oo + i] = Transcendental.exp(a[ao + i]);
        }
    }

    // ------------------------------------------------------------------ tanh

    static void tanh(double[] a, int ao, double[] out, int oo, int n) {
        DoubleVector two = DoubleVector.broadcast(S, 2.0);
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        LongVector worst = LongVector.zero(LS);
        int i = 0;
        for (int ub = S.loopBound(n); i < ub; i += L) {
            DoubleVector x = DoubleVector.fromArray(S, a, ao + i);
            LongVector xb = x.reinterpretAsLongs();
            LongVector axb = xb.and(ABS_MASK);
            worst = axb.max(worst);
            DoubleVector y = axb.reinterpretAsDoubles().mul(-2.0);
            DoubleVector t = y.lanewise(FMA, INV_LN2, SHIFTER);
            DoubleVector k = t.sub(SHIFTER);
            DoubleVector rh1 = k.lanewise(FMA, -LN2_HI, y);
            DoubleVector rh = k.lanewise(FMA, -LN2_LO, rh1);
            DoubleVector rl = k.lanewise(FMA, -LN2_LO, rh1.sub(rh));
            DoubleVector hr = rh.mul(0.5);
            DoubleVector h = hr.mul(rh);
            DoubleVector hl = hr.lanewise(FMA, rh, h.neg());
            DoubleVector r2 = rh.mul(rh);
            DoubleVector r4 = r2.mul(r2);
            DoubleVector b03 = rh.lanewise(FMA, R3, R2).lanewise(FMA, r2, rh.lanewise(FMA, R1, R0));
            DoubleVector b47 = rh.lanewise(FMA, R7, R6).lanewise(FMA, r2, rh.lanewise(FMA, R5, R4));
            DoubleVector q = rh.lanewise(FMA, R9, R8).lanewise(FMA, r4.mul(r4), b47.lanewise(FMA, r4, b03));
            DoubleVector lo = r2.mul(rh).lanewise(FMA, q, rl.lanewise(FMA, rh, rl).add(hl));
            DoubleVector s0 = rh.add(h);
            DoubleVector w = rh.sub(s0).add(h).add(lo);
            DoubleVector s = s0.add(w);
            DoubleVector sl = s0.sub(s).add(w);
            DoubleVector c = t.reinterpretAsLongs().lanewise(LSHL, 52).add(ONE_BITS).reinterpretAsDoubles();
            DoubleVector ch = c.sub(1.0);
            DoubleVector cl = c.sub(ch.add(1.0));
            DoubleVector cs = c.mul(s);
            DoubleVector eh = ch.add(cs);
            DoubleVector el = ch.sub(eh).add(cs).add(c.lanewise(FMA, sl, cl));
            DoubleVector dh = eh.add(2.0);
            DoubleVector dl = two.sub(dh).add(eh).add(el);
            DoubleVector inv = one.div(dh);
            DoubleVector th = eh.mul(inv);
            DoubleVector mth = th.neg();
            DoubleVector rem = mth.lanewise(FMA, dh, eh);
            DoubleVector tl = mth.lanewise(FMA, dl, rem.add(el)).mul(inv);
            LongVector r = th.add(tl).reinterpretAsLongs().and(ABS_MASK);
            r.or(xb.and(SIGN_BIT)).reinterpretAsDoubles().intoArray(out, oo + i);
        }
        if (worst.compare(GT, TANH_FAST_BITS).anyTrue()) {
            for (int j = 0; j < i; j++) {
                double x = a[ao + j];
                if (!(Math.abs(x) <= TANH_FAST)) {
                    out[oo + j] = Transcendental.tanh(x);
                }
            }
        }
        for (; i < n; i++) {
            out[oo + i] = Transcendental.tanh(a[ao + i]);
        }
    }

    // ------------------------------------------------------------------ log

    static void log(double[] a, int ao, double[] out, int oo, int n) {
        DoubleVector two = DoubleVector.broadcast(S, 2.0);
        LongVector lowest = LongVector.broadcast(LS, Long.MAX_VALUE);
        LongVector highest = LongVector.broadcast(LS, Long.MIN_VALUE);
        int i = 0;
        for (int ub = S.loopBound(n); i < ub; i += L) {
            DoubleVector x = DoubleVector.fromArray(S, a, ao + i);
            LongVector b = x.reinterpretAsLongs();
            lowest = b.min(lowest);
            highest = b.max(highest);
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
            DoubleVector z2 = z.mul(z);
            DoubleVector p = z2.lanewise(FMA, P6, z.lanewise(FMA, P5, P4)).lanewise(FMA, z2.mul(z2),
                    z.lanewise(FMA, P3, P2).lanewise(FMA, z2, z.lanewise(FMA, P1, P0)));
            DoubleVector s2 = s.add(s);
            DoubleVector ea = ed.mul(LN2_A);
            DoubleVector hi = ea.add(s2);
            DoubleVector err = s2.sub(hi.sub(ea));
            DoubleVector lo = err.add(sl.lanewise(FMA, 2.0, ed.lanewise(FMA, LN2_B, s.mul(z).mul(p))));
            hi.add(lo).intoArray(out, oo + i);
        }
        if (lowest.compare(LT, MIN_NORMAL_BITS).anyTrue() || highest.compare(GE, INF_BITS).anyTrue()) {
            for (int j = 0; j < i; j++) {
                double x = a[ao + j];
                if (!(x >= MIN_NORMAL && x < Double.POSITIVE_INFINITY)) {
                    out[oo + j] = Transcendental.log(x);
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
        // sin is odd: computed for |x|, it takes x's sign at the end; cos is even
        long xSign = shift == 0 ? SIGN_BIT : 0;
        LongVector worst = LongVector.zero(LS);
        int i = 0;
        for (int ub = S.loopBound(n); i < ub; i += L) {
            LongVector xb = DoubleVector.fromArray(S, a, ao + i).reinterpretAsLongs();
            LongVector axb = xb.and(ABS_MASK);
            worst = axb.max(worst);
            DoubleVector ax = axb.reinterpretAsDoubles();
            DoubleVector t = ax.lanewise(FMA, TWO_OVER_PI, SHIFTER);
            DoubleVector k = t.sub(SHIFTER);
            DoubleVector r1 = k.lanewise(FMA, -PIO2_1, ax);
            DoubleVector p2h = k.mul(PIO2_2);
            DoubleVector mp2h = p2h.neg();
            DoubleVector p2l = k.lanewise(FMA, PIO2_2, mp2h);
            DoubleVector rh = r1.sub(p2h);
            DoubleVector bb = rh.sub(r1);
            DoubleVector e = r1.sub(rh.sub(bb)).add(mp2h.sub(bb));
            DoubleVector rl = k.lanewise(FMA, -PIO2_3, e.sub(p2l));
            DoubleVector z = rh.mul(rh);
            DoubleVector z2 = z.mul(z);
            DoubleVector z4 = z2.mul(z2);
            DoubleVector ps = z2.lanewise(FMA, S6, z.lanewise(FMA, S5, S4)).lanewise(FMA, z4,
                    z.lanewise(FMA, S3, S2).lanewise(FMA, z2, z.lanewise(FMA, S1, S0)));
            DoubleVector sn = rh.add(rh.mul(z).lanewise(FMA, ps, rl.mul(z).lanewise(FMA, -0.5, rl)));
            DoubleVector pc = z.lanewise(FMA, C5, C4).lanewise(FMA, z4,
                    z.lanewise(FMA, C3, C2).lanewise(FMA, z2, z.lanewise(FMA, C1, C0)));
            DoubleVector hz = z.mul(0.5);
            DoubleVector w = one.sub(hz);
            DoubleVector zl = rh.lanewise(FMA, rh, z.neg());
            DoubleVector cs = w.add(one.sub(w).sub(hz).sub(rh.lanewise(FMA, rl, zl.mul(0.5))).add(z2.mul(pc)));
            LongVector q = t.reinterpretAsLongs().add(shift);
            // cs where q is odd, sn where even: selected with bit operations (no mask)
            LongVector snb = sn.reinterpretAsLongs();
            LongVector odd = q.and(1L).neg();
            LongVector v = snb.lanewise(XOR, snb.lanewise(XOR, cs.reinterpretAsLongs()).and(odd));
            LongVector sign = q.and(2L).lanewise(LSHL, 62).lanewise(XOR, xb.and(xSign));
            v.lanewise(XOR, sign).reinterpretAsDoubles().intoArray(out, oo + i);
        }
        if (worst.compare(GT, TRIG_MAX_BITS).anyTrue()) {
            for (int j = 0; j < i; j++) {
                double x = a[ao + j];
                if (!(Math.abs(x) <= TRIG_MAX)) {
                    out[oo + j] = Transcendental.sinCos(x, shift);
                }
            }
        }
        for (; i < n; i++) {
            out[oo + i] = Transcendental.sinCos(a[ao + i], shift);
        }
    }

    // ------------------------------------------------------------------ float32

    static void exp(float[] a, int ao, float[] out, int oo, int n) {
        LongVector worst = LongVector.zero(LS);
        int i = 0;
        for (int ub = S.loopBound(n); i < ub; i += L) {
            DoubleVector x = (DoubleVector) FloatVector.fromArray(F, a, ao + i).convertShape(F2D, S, 0);
            worst = x.reinterpretAsLongs().and(ABS_MASK).max(worst);
            DoubleVector t = x.lanewise(FMA, INV_LN2, SHIFTER);
            DoubleVector k = t.sub(SHIFTER);
            DoubleVector r = k.lanewise(FMA, -LN2_HI, x);
            DoubleVector r2 = r.mul(r);
            DoubleVector r4 = r2.mul(r2);
            DoubleVector q = r2.lanewise(FMA, QF6, r.lanewise(FMA, QF5, QF4)).lanewise(FMA, r4,
                    r.lanewise(FMA, QF3, QF2).lanewise(FMA, r2, r.lanewise(FMA, QF1, QF0)));
            DoubleVector p = r2.lanewise(FMA, q, r);
            DoubleVector c = t.reinterpretAsLongs().lanewise(LSHL, 52).add(ONE_BITS).reinterpretAsDoubles();
            DoubleVector y = p.add(1.0).mul(c);
            ((FloatVector) y.convertShape(D2F, F, 0)).intoArray(out, oo + i);
        }
        if (worst.compare(GT, EXP_FAST_BITS).anyTrue()) {
            for (int j = 0; j < i; j++) {
                float x = a[ao + j];
                if (!(Math.abs(x) <= EXP_FAST)) {
                    out[oo + j] = Transcendental.exp(x);
                }
            }
        }
        for (; i < n; i++) {
            out[oo + i] = Transcendental.exp(a[ao + i]);
        }
    }

    static void tanh(float[] a, int ao, float[] out, int oo, int n) {
        LongVector worst = LongVector.zero(LS);
        int i = 0;
        for (int ub = S.loopBound(n); i < ub; i += L) {
            DoubleVector x = (DoubleVector) FloatVector.fromArray(F, a, ao + i).convertShape(F2D, S, 0);
            LongVector xb = x.reinterpretAsLongs();
            LongVector axb = xb.and(ABS_MASK);
            worst = axb.max(worst);
            DoubleVector y = axb.reinterpretAsDoubles().mul(-2.0);
            DoubleVector t = y.lanewise(FMA, INV_LN2, SHIFTER);
            DoubleVector k = t.sub(SHIFTER);
            DoubleVector r = k.lanewise(FMA, -LN2_HI, y);
            DoubleVector r2 = r.mul(r);
            DoubleVector r4 = r2.mul(r2);
            DoubleVector q = r2.lanewise(FMA, QF6, r.lanewise(FMA, QF5, QF4)).lanewise(FMA, r4,
                    r.lanewise(FMA, QF3, QF2).lanewise(FMA, r2, r.lanewise(FMA, QF1, QF0)));
            DoubleVector p = r2.lanewise(FMA, q, r);
            DoubleVector c = t.reinterpretAsLongs().lanewise(LSHL, 52).add(ONE_BITS).reinterpretAsDoubles();
            DoubleVector em = c.lanewise(FMA, p, c.sub(1.0));
            LongVector v = em.div(em.add(2.0)).reinterpretAsLongs().and(ABS_MASK);
            DoubleVector th = v.or(xb.and(SIGN_BIT)).reinterpretAsDoubles();
            ((FloatVector) th.convertShape(D2F, F, 0)).intoArray(out, oo + i);
        }
        if (worst.compare(GT, TANH_FAST_BITS).anyTrue()) {
            for (int j = 0; j < i; j++) {
                float x = a[ao + j];
                if (!(Math.abs(x) <= TANH_FAST)) {
                    out[oo + j] = Transcendental.tanh(x);
                }
            }
        }
        for (; i < n; i++) {
            out[oo + i] = Transcendental.tanh(a[ao + i]);
        }
    }

    static void log(float[] a, int ao, float[] out, int oo, int n) {
        LongVector lowest = LongVector.broadcast(LS, Long.MAX_VALUE);
        LongVector highest = LongVector.broadcast(LS, Long.MIN_VALUE);
        int i = 0;
        for (int ub = S.loopBound(n); i < ub; i += L) {
            DoubleVector x = (DoubleVector) FloatVector.fromArray(F, a, ao + i).convertShape(F2D, S, 0);
            LongVector b = x.reinterpretAsLongs();
            lowest = b.min(lowest);
            highest = b.max(highest);
            LongVector e = b.sub(SQRT_HALF_BITS).lanewise(ASHR, 52);
            DoubleVector m = b.sub(e.lanewise(LSHL, 52)).reinterpretAsDoubles();
            DoubleVector ed = e.add(SHIFTER_BITS).reinterpretAsDoubles().sub(SHIFTER);
            DoubleVector f = m.sub(1.0);
            DoubleVector s = f.div(f.add(2.0));
            DoubleVector z = s.mul(s);
            DoubleVector p = z.lanewise(FMA, PF3, PF2).lanewise(FMA, z.mul(z), z.lanewise(FMA, PF1, PF0));
            DoubleVector y = ed.lanewise(FMA, LN2_HI, s.mul(z).lanewise(FMA, p, s.add(s)));
            ((FloatVector) y.convertShape(D2F, F, 0)).intoArray(out, oo + i);
        }
        // positive zero has bits 0; every positive float32 has bits above 0
        if (lowest.compare(LE, 0L).anyTrue() || highest.compare(GE, INF_BITS).anyTrue()) {
            for (int j = 0; j < i; j++) {
                float x = a[ao + j];
                if (!(x > 0 && x < Float.POSITIVE_INFINITY)) {
                    out[oo + j] = Transcendental.log(x);
                }
            }
        }
        for (; i < n; i++) {
            out[oo + i] = Transcendental.log(a[ao + i]);
        }
    }

    static void sinCos(float[] a, int ao, float[] out, int oo, int n, int shift) {
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        LongVector worst = LongVector.zero(LS);
        int i = 0;
        for (int ub = S.loopBound(n); i < ub; i += L) {
            DoubleVector x = (DoubleVector) FloatVector.fromArray(F, a, ao + i).convertShape(F2D, S, 0);
            worst = x.reinterpretAsLongs().and(ABS_MASK).max(worst);
            DoubleVector t = x.lanewise(FMA, TWO_OVER_PI, SHIFTER);
            DoubleVector k = t.sub(SHIFTER);
            DoubleVector r = k.lanewise(FMA, -PIO2_2, k.lanewise(FMA, -PIO2_1, x));
            DoubleVector z = r.mul(r);
            DoubleVector z2 = z.mul(z);
            DoubleVector sn = r.mul(z.lanewise(FMA,
                    z.lanewise(FMA, SF3, SF2).lanewise(FMA, z2, z.lanewise(FMA, SF1, SF0)), one));
            DoubleVector cs = z2.lanewise(FMA, z.lanewise(FMA, CF3, CF2).lanewise(FMA, z2, z.lanewise(FMA, CF1, CF0)),
                    z.lanewise(FMA, -0.5, one));
            LongVector q = t.reinterpretAsLongs().add(shift);
            // -1.0 where q is odd, +1.0 where even
            VectorMask<Double> odd = q.lanewise(LSHL, 63).or(ONE_BITS).reinterpretAsDoubles().compare(LT, 0.0);
            LongVector sign = q.and(2L).lanewise(LSHL, 62);
            DoubleVector y = sn.blend(cs, odd).reinterpretAsLongs().lanewise(XOR, sign).reinterpretAsDoubles();
            ((FloatVector) y.convertShape(D2F, F, 0)).intoArray(out, oo + i);
        }
        if (worst.compare(GT, TRIG_MAX_BITS).anyTrue()) {
            for (int j = 0; j < i; j++) {
                float x = a[ao + j];
                if (!(Math.abs(x) <= TRIG_MAX)) {
                    out[oo + j] = (float) Transcendental.sinCos32(x, shift);
                }
            }
        }
        for (; i < n; i++) {
            out[oo + i] = (float) Transcendental.sinCos32(a[ao + i], shift);
        }
    }
}
