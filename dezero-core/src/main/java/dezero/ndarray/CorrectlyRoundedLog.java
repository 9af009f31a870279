package dezero.ndarray;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The natural logarithm rounded to the nearest double (ties to even): the exact value of
 * {@code ln x} correctly rounded, whatever the platform.
 *
 * <p>Why: NumPy's legacy Gaussian draws (polar Box-Muller) take {@code log} of a random number,
 * and the C library's {@code log} differs between platforms in the last bit now and then. A
 * correctly rounded log is the one definition every good libm agrees with almost always (glibc's
 * {@code log} rounds about 1 argument in 1200 the other way), so {@link RandomState} reproduces
 * NumPy's Gaussian stream to the bit except on those rare draws, and gives the same numbers on
 * every JVM. {@link Math#log} is only specified to within one ulp; its last bit may depend on the
 * JVM and the hardware.
 *
 * <p>Method (Ziv's strategy). Write {@code x = 2^e m} with {@code m} in {@code [sqrt(1/2),
 * sqrt(2))} and pick {@code c = 1 + j/256} nearest to {@code m}; with {@code r}, the double
 * nearest {@code 1/c}, {@code ln x = e ln 2 - ln r + ln(1 + t)} where {@code t = m r - 1} is
 * computed exactly as a sum of two doubles (|t| &lt; 2^-8.5). {@code ln r} (a table made at class
 * initialisation) and {@code ln 2} are known to about 106 bits; {@code ln(1 + t)} is summed from
 * its Taylor series with the leading terms in double-double arithmetic. The result, good to about
 * 2^-69 relative, decides the rounding unless it lies within 2^-68 (relative) of a midpoint
 * between two doubles; then (about 4 calls in 100,000) the logarithm is recomputed with
 * {@link BigDecimal} at increasing precision until the rounding is certain.
 */
final class CorrectlyRoundedLog {
    private CorrectlyRoundedLog() {
    }

    /** Reduction grid: {@code c = 1 + j / STEPS}. */
    private static final int STEPS = 256;
    private static final int J_MIN = -76;
    private static final int J_MAX = 107;
    private static final double SQRT2 = 1.4142135623730951;

    /**
     * {@code ln 2 = LN2_HI + LN2_LO} (LN2_LO the double nearest the rest); LN2_HI has its 12 low
     * mantissa bits zero, so {@code e * LN2_HI} is exact.
     */
    static final double LN2_HI = 0x1.62e42fefa3p-1;
    static final double LN2_LO = 0x1.3de6af278ece6p-42;
    /** {@code INV_C[j - J_MIN]} = the double nearest {@code 1 / (1 + j/STEPS)}. */
    static final double[] INV_C = new double[J_MAX - J_MIN + 1];

    /*
     * -ln(INV_C[k]) = LOG_C_HI[k] + LOG_C_LO[k]: LOG_C_HI the nearest double, LOG_C_LO the nearest
     * double to the rest. Constants, so that the first Gaussian draw does not wait for 184
     * logarithms in BigDecimal arithmetic (50 ms in a fresh JVM); CorrectlyRoundedLogTest computes
     * them again that way and compares the bits.
     */
    static final double[] LOG_C_HI = {
        -0x1.68ac83e9c6a15p-2, -0x1.630030b3aac48p-2, -0x1.5d5bddf595f31p-2, -0x1.57bf753c8d1fbp-2,
        -0x1.522ae0738a3d7p-2, -0x1.4c9e09e172c3dp-2, -0x1.4718dc271c41cp-2, -0x1.419b423d5e8c6p-2,
        -0x1.3c25277333183p-2, -0x1.36b6776be1116p-2, -0x1.314f1e1d35ce3p-2, -0x1.2bef07cdc9355p-2,
        -0x1.269621134db91p-2, -0x1.214456d0eb8d5p-2, -0x1.1bf99635a6b95p-2, -0x1.16b5ccbacfb73p-2,
        -0x1.1178e8227e47ap-2, -0x1.0c42d676162e2p-2, -0x1.07138604d5864p-2, -0x1.01eae5626c691p-2,
        -0x1.f991c6cb3b37ap-3, -0x1.ef5ade4dcffe5p-3, -0x1.e530effe71013p-3, -0x1.db13db0d48941p-3,
        -0x1.d1037f2655e7bp-3, -0x1.c6ffbc6f00f71p-3, -0x1.bd087383bd8aap-3, -0x1.b31d8575bce3bp-3,
        -0x1.a93ed3c8ad9e5p-3, -0x1.9f6c407089663p-3, -0x1.95a5adcf70182p-3, -0x1.8beafeb38fe8fp-3,
        -0x1.823c16551a3cp-3, -0x1.7898d85444c74p-3, -0x1.6f0128b756ab9p-3, -0x1.6574ebe8c1339p-3,
        -0x1.5bf406b543dbp-3, -0x1.527e5e4a1b58dp-3, -0x1.4913d8333b563p-3, -0x1.3fb45a59928cap-3,
        -0x1.365fcb0159014p-3, -0x1.2d1610c86813dp-3, -0x1.23d712a49c201p-3, -0x1.1aa2b7e23f729p-3,
        -0x1.1178e8227e47ap-3, -0x1.08598b59e3a07p-3, -0x1.fe89139dbd565p-4, -0x1.ec739830a1126p-4,
        -0x1.da7276384469ep-4, -0x1.c885801bc4b2p-4, -0x1.b6ac88dad5b1dp-4, -0x1.a4e7640b1bc38p-4,
        -0x1.9335e5d594988p-4, -0x1.8197e2f40e3fp-4, -0x1.700d30aeac0e8p-4, -0x1.5e95a4d9791cdp-4,
        -0x1.4d3115d207eacp-4, -0x1.3bdf5a7d1ee5ep-4, -0x1.2aa04a44717a1p-4, -0x1.1973bd1465561p-4,
        -0x1.08598b59e3a06p-4, -0x1.eea31c006b87cp-5, -0x1.ccb73cdddb2dp-5, -0x1.aaef2d0fb1108p-5,
        -0x1.894aa149fb34bp-5, -0x1.67c94f2d4bb65p-5, -0x1.466aed42de3f9p-5, -0x1.252f32f8d184p-5,
        -0x1.0415d89e7444p-5, -0x1.c63d2ec14aad7p-6, -0x1.8492528c8cac5p-6, -0x1.432a925980cbcp-6,
        -0x1.0205658935837p-6, -0x1.82448a388a283p-7, -0x1.010157588de69p-7, -0x1.0080559588b25p-8,
        0x0.0p0, 0x1.ff00aa2b10bap-9, 0x1.fe02a6b106799p-8, 0x1.7dc475f810a69p-7,
        0x1.fc0a8b0fc03c4p-7, 0x1.3cea44346a584p-6, 0x1.7b91b07d5b126p-6, 0x1.b9fc027af919ap-6,
        0x1.f829b0e7832f8p-6, 0x1.1b0d98923d97fp-5, 0x1.39e87b9febd68p-5, 0x1.58a5bafc8e4d3p-5,
        0x1.77458f632dcffp-5, 0x1.95c830ec8e3f2p-5, 0x1.b42dd711971b9p-5, 0x1.d276b8adb0b56p-5,
        0x1.f0a30c01162a8p-5, 0x1.075983598e471p-4, 0x1.16536eea37ae3p-4, 0x1.253f62f0a1417p-4,
        0x1.341d7961bd1dp-4, 0x1.42edcbea646eep-4, 0x1.51b073f06183cp-4, 0x1.60658a93750c4p-4,
        0x1.6f0d28ae56b4ep-4, 0x1.7da766d7b12dp-4, 0x1.8c345d6319b23p-4, 0x1.9ab42462033aep-4,
        0x1.a926d3a4ad562p-4, 0x1.b78c82bb0edap-4, 0x1.c5e548f5bc743p-4, 0x1.d4313d66cb35dp-4,
        0x1.e27076e2af2eap-4, 0x1.f0a30c01162a4p-4, 0x1.fec9131dbeabcp-4, 0x1.0671512ca596fp-3,
        0x1.0d77e7cd08e5bp-3, 0x1.14785846742acp-3, 0x1.1b72ad52f67a2p-3, 0x1.2266f190a5acdp-3,
        0x1.29552f81ff521p-3, 0x1.303d718e47fd5p-3, 0x1.371fc201e8f75p-3, 0x1.3dfc2b0ecc62ap-3,
        0x1.44d2b6ccb7d1cp-3, 0x1.4ba36f39a55e5p-3, 0x1.526e5e3a1b438p-3, 0x1.59338d9982085p-3,
        0x1.5ff3070a793d6p-3, 0x1.66acd4272ad51p-3, 0x1.6d60fe719d21bp-3, 0x1.740f8f54037a3p-3,
        0x1.7ab890210d907p-3, 0x1.815c0a14357e9p-3, 0x1.87fa06520c911p-3, 0x1.8e928de886d41p-3,
        0x1.9525a9cf456b6p-3, 0x1.9bb362e7dfb85p-3, 0x1.a23bc1fe2b561p-3, 0x1.a8becfc882f19p-3,
        0x1.af3c94e80bff3p-3, 0x1.b5b519e8fb5a6p-3, 0x1.bc286742d8cd4p-3, 0x1.c2968558c18c2p-3,
        0x1.c8ff7c79a9a2p-3, 0x1.cf6354e09c5ddp-3, 0x1.d5c216b4fbb94p-3, 0x1.dc1bca0abec7bp-3,
        0x1.e27076e2af2e8p-3, 0x1.e8c0252aa5a6p-3, 0x1.ef0adcbdc5935p-3, 0x1.f550a564b7b37p-3,
        0x1.fb9186d5e3e29p-3, 0x1.00e6c45ad501dp-2, 0x1.0402594b4d041p-2, 0x1.071b85fcd590dp-2,
        0x1.0a324e27390e2p-2, 0x1.0d46b579ab74bp-2, 0x1.1058bf9ae4ad4p-2, 0x1.136870293a8bp-2,
        0x1.1675cababa60fp-2, 0x1.1980d2dd4236fp-2, 0x1.1c898c16999fbp-2, 0x1.1f8ff9e48a2f3p-2,
        0x1.22941fbcf7966p-2, 0x1.2596010df763ap-2, 0x1.2895a13de86a4p-2, 0x1.2b9303ab89d25p-2,
        0x1.2e8e2bae11d31p-2, 0x1.31871c9544185p-2, 0x1.347dd9a987d56p-2, 0x1.3772662bfd85cp-2,
        0x1.3a64c556945eap-2, 0x1.3d54fa5c1f71p-2, 0x1.404308686a7e4p-2, 0x1.432ef2a04e813p-2,
        0x1.4618bc21c5ec2p-2, 0x1.49006804009dp-2, 0x1.4be5f957778a1p-2, 0x1.4ec9732600269p-2,
        0x1.51aad872df82ep-2, 0x1.548a2c3add263p-2, 0x1.5767717455a6cp-2, 0x1.5a42ab0f4cfe2p-2,
        0x1.5d1bdbf5809cap-2, 0x1.5ff3070a793d4p-2, 0x1.62c82f2b9c796p-2, 0x1.659b57303e1f2p-2,
    };
    static final double[] LOG_C_LO = {
        0x1.acd8a9145ff44p-57, -0x1.ee0c6728fffccp-56, -0x1.d5f75b9a23ae4p-59, 0x1.2908d15f88b63p-57,
        -0x1.3840b263acb43p-56, 0x1.123615b147a5fp-58, -0x1.d8fb4c14c56eep-56, -0x1.5b7648704e721p-58,
        -0x1.152d81af5713ap-56, 0x1.324f0e883859p-58, -0x1.22966f61a3c23p-56, 0x1.22dad7fd86088p-56,
        -0x1.e0efadd9db02ap-56, 0x1.50a2dca28b3edp-58, 0x1.e9575c2124912p-56, -0x1.56fbd28b40935p-56,
        -0x1.b8ce2d07f1cb7p-56, 0x1.5a74e18a8bb85p-56, 0x1.24e912b16ec8bp-60, -0x1.d9f5bd0b5b348p-57,
        -0x1.ecca0cdf30143p-58, -0x1.7754d2238f75fp-58, 0x1.f7627ef82f3fp-57, 0x1.8af715b0349a4p-57,
        0x1.3f3adb7b71cbcp-58, 0x1.ae58b2c57a4a5p-57, 0x1.1165504ad749ep-59, 0x1.0d4eace1aa537p-59,
        -0x1.bcafa9de97202p-57, 0x1.52979a7e86605p-57, -0x1.8a16283fdbd1cp-57, 0x1.54aae92cd0b87p-59,
        -0x1.6dcd318f4187ep-57, -0x1.be3dbaf3ec804p-60, 0x1.37967087859b9p-59, -0x1.c5961e173bc82p-57,
        0x1.1f5b44c0df7f7p-61, 0x1.b8d4b411cadffp-60, 0x1.0d5604930f137p-58, 0x1.d87e6a354d057p-57,
        -0x1.bea08d2dca256p-57, -0x1.d997036941a6dp-60, -0x1.51c7e9efae297p-57, -0x1.6e4438993442p-57,
        0x1.0e63a5f01c693p-58, 0x1.fd7009902bf32p-57, 0x1.ac9f4215f9394p-58, -0x1.eea033743f95bp-58,
        -0x1.401fa71733017p-58, 0x1.5c734aa6598fcp-58, 0x1.002bf768e52dp-58, 0x1.9b5ca203e4259p-58,
        0x1.478a85704ccb7p-58, 0x1.230690020895fp-59, -0x1.a36a677b4c8b2p-59, 0x1.4c78ba3a3baf6p-58,
        -0x1.da7d0b1e10b2fp-60, -0x1.f52eda76b68acp-60, -0x1.aea2c72d05c08p-58, 0x1.7aac1b3d3568p-58,
        0x1.dd7009902bf32p-58, 0x1.7c9f9276f6cd8p-60, 0x1.e48fb0500efd5p-59, -0x1.68d4eed0b82aep-59,
        0x1.2ba0b44cfaee5p-59, -0x1.0413e6505e5f9p-59, 0x1.9badefe942718p-60, -0x1.ae021b67a9ba8p-61,
        -0x1.c05cf1d753621p-59, -0x1.8fe7acbca131dp-63, 0x1.d192d0619fa68p-60, 0x1.8cdaf39004193p-60,
        -0x1.27c8e8416e717p-60, -0x1.04b16137f097p-62, -0x1.46662d417cecep-62, -0x1.f96638cf63675p-62,
        0x0.0p0, 0x1.2821ad5a6d357p-63, -0x1.e44b7e3711e7fp-67, 0x1.74944bc161072p-61,
        -0x1.83092c5964281p-62, -0x1.865ad48159dp-61, -0x1.6d80ab38e943p-62, -0x1.90ae69229dc86p-60,
        0x1.33e3f04f1ef25p-60, -0x1.74d7444dd6241p-59, -0x1.5bfa937f551b7p-59, -0x1.cab8569c56e4p-64,
        0x1.8d3ca87b92968p-63, 0x1.eb41d00a417e9p-60, 0x1.0a34531f67db5p-59, 0x1.078f14c95ff53p-59,
        0x1.85f325c5bbacdp-59, 0x1.006d2999e22dcp-58, 0x1.2189705cf74cap-58, 0x1.1f6d34e01d981p-61,
        -0x1.3599f227becbbp-58, -0x1.511583653349bp-58, -0x1.5b61c65e5741ap-58, -0x1.f108b1d8436d3p-59,
        -0x1.20db323097324p-59, 0x1.a2240644d7da2p-59, -0x1.294d2f5668495p-58, -0x1.a099e1c184e8ep-59,
        -0x1.d7a16eab1e2adp-59, -0x1.3ef0e61f9b03cp-58, 0x1.2eb0bf7c0b0d9p-59, 0x1.b90dd951d90fap-58,
        -0x1.61578001e015ap-60, 0x1.8be64b8b7759bp-59, -0x1.5746b9981b36cp-58, -0x1.2f39b81479b67p-58,
        0x1.9a5dc5e9030adp-57, 0x1.94409f1d3f83ap-60, -0x1.fbe7ee5c69946p-57, -0x1.dab840e7f6177p-57,
        0x1.301771c407dcp-57, -0x1.b5ae71f658247p-57, 0x1.e6cb62af18a02p-62, 0x1.ba62b8c13f7f4p-57,
        0x1.7d3d950f87e23p-59, -0x1.f767e433c98aap-57, -0x1.546ff8a470d3ap-57, 0x1.8d16eaaba9419p-57,
        -0x1.bc60efafc6f6cp-58, -0x1.9201c9c3d5165p-59, 0x1.d551d97132e87p-57, 0x1.6d9bf9d57b326p-58,
        -0x1.1072534a57e7dp-57, 0x1.141b7f8c5fa9ep-58, -0x1.9f7fdbfa08d9ap-57, 0x1.2589eb96a624p-59,
        -0x1.26fb3e2b1d1dap-57, -0x1.51439c1ff83e7p-58, 0x1.24dc46c1ea664p-57, -0x1.a8c37918c39ebp-58,
        0x1.a3398064df33ep-57, -0x1.d5d8023e61e5fp-57, 0x1.cfce744870f57p-58, 0x1.6108e3ae024acp-60,
        -0x1.4f689f8434011p-57, 0x1.339a07d55b696p-57, -0x1.a37794d03657dp-58, 0x1.c698a33316dfbp-58,
        -0x1.61578001e015ep-59, -0x1.dc074737f9135p-60, 0x1.e8637950dc20dp-57, -0x1.13a09202fe73dp-57,
        0x1.355519b0de535p-57, -0x1.3b9568ff6feadp-57, -0x1.08ec217a5022dp-57, 0x1.08b83fcbdef4p-57,
        0x1.bdcfde8061c03p-56, 0x1.21f640e1e5ec9p-56, 0x1.3f415699663ecp-63, 0x1.86cc531dba494p-57,
        0x1.ce63eab883727p-61, -0x1.02c2e4f1b2eb9p-56, 0x1.9f1a39d500e3cp-56, -0x1.93fbf3418960dp-57,
        -0x1.dbd7ac258a2bdp-58, -0x1.9eed8ae0ebd3cp-59, 0x1.7ad24c13f040fp-56, -0x1.85ad7f614ab51p-58,
        -0x1.1e99b72bd7bf2p-57, -0x1.ea3598981366fp-57, -0x1.16ea62c048cfbp-56, 0x1.02a7589fba088p-57,
        0x1.cbcd735d03424p-60, 0x1.53668e578d9cdp-58, -0x1.f79f6c1059cdbp-57, -0x1.83262e2b59206p-57,
        -0x1.7a42642661c62p-61, -0x1.bff0d07c5df6dp-59, -0x1.4b366b609027ap-58, -0x1.1aa87d977dc5ep-56,
        -0x1.d8db0a7cc1543p-56, -0x1.58ce7bf1846eep-56, -0x1.fb2a49af933e8p-57, -0x1.c6bcb7dee9a3dp-56,
        -0x1.7dc9c7c23801fp-56, -0x1.063077d7e37b7p-56, -0x1.090a0dd59fe35p-58, 0x1.db0af8efb83c7p-62,
    };

    /** Coefficients {@code (-1)^(k+1) / (k + 3)} of {@code (ln(1+t) - t + t^2/2) / t^3} beyond the first. */
    private static final double[] TAIL = new double[9];

    private static final int LN2_DIGITS = 130;

    /** {@code ln 2} to 130 digits, for the slow path only (made when first needed). */
    private static final class Ln2 {
        static final BigDecimal BIG = computeLn2(new MathContext(LN2_DIGITS, RoundingMode.HALF_EVEN));
    }

    static {
        for (int j = J_MIN; j <= J_MAX; j++) {
            INV_C[j - J_MIN] = 1 / (1 + (double) j / STEPS);
        }
        for (int i = 0; i < TAIL.length; i++) {
            int n = i + 4;
            TAIL[i] = (n % 2 == 0 ? -1.0 : 1.0) / n;
        }
    }

    /** {@code ln x} correctly rounded; NaN, zero, negative and infinite arguments as {@link Math#log}. */
    static double log(double x) {
        if (!(x > 0) || x == Double.POSITIVE_INFINITY) {
            return Math.log(x);
        }
        if (x == 1) {
            return 0;
        }
        long bits = Double.doubleToRawLongBits(x);
        int e = (int) (bits >>> 52);
        if (e == 0) { // subnormal: scale into the normal range
            bits = Double.doubleToRawLongBits(x * 0x1p54);
            e = (int) (bits >>> 52) - 54;
        }
        e -= 1023;
        double m = Double.longBitsToDouble((bits & 0x000FFFFFFFFFFFFFL) | 0x3FF0000000000000L);
        if (m >= SQRT2) {
            m *= 0.5;
            e++;
        }
        int j = (int) Math.rint((m - 1) * STEPS);
        int k = j - J_MIN;
        double r = INV_C[k];

        // t = m * r - 1 = th + tl exactly.
        double p = m * r;
        double perr = twoProductError(m, r, p);
        double q = p - 1; // exact: p is within a factor 2 of 1
        double th = q + perr;
        double tl = twoSumError(q, perr, th);

        // ln(1 + t) = t - t^2/2 + t^3/3 - ...; th^2 = sq + sqErr exactly.
        double sq = th * th;
        double sqErr = twoProductError(th, th, sq);
        double halfSq = 0.5 * sq;
        double a = th - halfSq;
        double aErr = twoSumError(th, -halfSq, a);
        double tail = TAIL[TAIL.length - 1];
        for (int i = TAIL.length - 2; i >= 0; i--) {
            tail = tail * th + TAIL[i];
        }
        // t^3/3 + t^4 * tail, with the first-order effect of tl on t^2/2 and t^3/3.
        double cube = sq * th;
        double series = cube * (1.0 / 3) + cube * th * tail;
        double small = aErr + tl - 0.5 * sqErr - th * tl + sq * tl + series;

        // e ln 2 + ln c + ln(1 + t) in double-double.
        double eHi = e * LN2_HI; // exact
        double s1 = eHi + LOG_C_HI[k];
        double s1Err = twoSumError(eHi, LOG_C_HI[k], s1);
        double s2 = s1 + a;
        double s2Err = twoSumError(s1, a, s2);
        double rest = s1Err + s2Err + (e * LN2_LO + LOG_C_LO[k]) + small;
        double hi = s2 + rest;
        double lo = twoSumError(s2, rest, hi);

        // |ln x - (hi + lo)| < 2^-69.2 |hi|, mostly the rounding of t^3/3 (|t| < 2^-8.5); the largest
        // seen against 300-bit logarithms is 2^-71. Round hi + lo unless a midpoint is that close.
        double eps = Math.abs(hi) * 0x1p-68;
        double gap = lo >= 0 == hi > 0 ? Math.ulp(hi) : Math.abs(hi - towardZero(hi));
        double mid = gap * 0.5;
        double dist = Math.abs(lo);
        if (dist < mid - eps) {
            return hi;
        }
        if (dist > mid + eps && dist < gap * 1.5 - eps) {
            return lo > 0 ? Math.nextUp(hi) : Math.nextDown(hi);
        }
        return slowLog(x);
    }

    private static double towardZero(double v) {
        return v > 0 ? Math.nextDown(v) : Math.nextUp(v);
    }

    /** The rounding error of {@code s = a + b}: {@code a + b = s + err} exactly (Knuth's TwoSum). */
    private static double twoSumError(double a, double b, double s) {
        double bb = s - a;
        return (a - (s - bb)) + (b - bb);
    }

    private static final double SPLIT = 0x1p27 + 1;

    /** The rounding error of {@code p = a * b}: {@code a * b = p + err} exactly (Dekker's product). */
    private static double twoProductError(double a, double b, double p) {
        double ta = SPLIT * a;
        double ah = ta - (ta - a);
        double al = a - ah;
        double tb = SPLIT * b;
        double bh = tb - (tb - b);
        double bl = b - bh;
        return ((ah * bh - p) + ah * bl + al * bh) + al * bl;
    }

    // ------------------------------------------------------------------ arbitrary precision

    /** {@code ln x} for finite {@code x > 0}, correctly rounded by BigDecimal arithmetic of growing precision. */
    static double slowLog(double x) {
        long bits = Double.doubleToRawLongBits(x);
        int e = (int) (bits >>> 52);
        if (e == 0) {
            bits = Double.doubleToRawLongBits(x * 0x1p54);
            e = (int) (bits >>> 52) - 54;
        }
        e -= 1023;
        double m = Double.longBitsToDouble((bits & 0x000FFFFFFFFFFFFFL) | 0x3FF0000000000000L);
        if (m >= SQRT2) {
            m *= 0.5;
            e++;
        }
        for (int digits = 40;; digits *= 2) {
            MathContext mc = new MathContext(digits + 10, RoundingMode.HALF_EVEN);
            BigDecimal v = logOfNormalized(new BigDecimal(m), mc).add(ln2(mc).multiply(BigDecimal.valueOf(e)), mc);
            // |v - ln x| is far below 10^-digits |v|: every step works with digits + 10 digits, and
            // |ln x| >= ln(sqrt 2) > 0.3 whenever e != 0 (ln m carries its own relative accuracy).
            BigDecimal eta = v.abs().movePointLeft(digits);
            double lower = v.subtract(eta).doubleValue();
            double upper = v.add(eta).doubleValue();
            if (lower == upper) {
                return lower;
            }
        }
    }

    /** {@code ln 2}, rounded to the precision of {@code mc}. */
    static BigDecimal ln2(MathContext mc) {
        return mc.getPrecision() <= LN2_DIGITS ? Ln2.BIG.round(mc) : computeLn2(mc);
    }

    /** {@code ln 2 = 2 atanh(1/3)}. */
    private static BigDecimal computeLn2(MathContext mc) {
        MathContext work = new MathContext(mc.getPrecision() + 5, RoundingMode.HALF_EVEN);
        return atanhTimes2(BigDecimal.ONE.divide(BigDecimal.valueOf(3), work), work).round(mc);
    }

    /** {@code ln m} for {@code m} in about {@code [0.7, 1.42]}: {@code 2 atanh((m - 1) / (m + 1))}. */
    static BigDecimal logOfNormalized(BigDecimal m, MathContext mc) {
        BigDecimal s = m.subtract(BigDecimal.ONE).divide(m.add(BigDecimal.ONE), mc);
        return atanhTimes2(s, mc);
    }

    /** {@code 2 (s + s^3/3 + s^5/5 + ...)} for {@code |s| <= 1/3}, to the precision of {@code mc}. */
    private static BigDecimal atanhTimes2(BigDecimal s, MathContext mc) {
        if (s.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal s2 = s.multiply(s, mc);
        BigDecimal power = s;
        BigDecimal sum = s;
        BigDecimal threshold = s.abs().movePointLeft(mc.getPrecision() + 2);
        for (int n = 3;; n += 2) {
            power = power.multiply(s2, mc);
            BigDecimal term = power.divide(BigDecimal.valueOf(n), mc);
            sum = sum.add(term, mc);
            if (term.abs().compareTo(threshold) < 0) {
                break;
            }
        }
        return sum.add(sum);
    }
}
