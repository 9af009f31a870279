package dezero.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Wall time, the machine's busy CPU time (Linux {@code /proc/stat}) and this process's CPU time, to
 * tell how much of the machine other processes used in an interval (as peers.py does).
 */
final class CpuSnapshot {
    private static final int NCPU = Runtime.getRuntime().availableProcessors();
    /** USER_HZ: the unit of /proc/stat; 100 on every Linux this runs on. */
    private static final double TICK = 0.01;

    final long wallNanos;
    /** Busy CPU-seconds of the whole machine, or NaN where /proc/stat cannot be read. */
    final double busy;
    final double own;

    private CpuSnapshot(long wallNanos, double busy, double own) {
        this.wallNanos = wallNanos;
        this.busy = busy;
        this.own = own;
    }

    static CpuSnapshot now() {
        double busy = Double.NaN;
        try {
            String line = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = line.trim().split("\\s+");
            long sum = 0;
            for (int i = 1; i <= 8 && i < f.length; i++) {
                sum += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            busy = (sum - idle) * TICK;
        } catch (IOException | RuntimeException e) {
            busy = Double.NaN;
        }
        double own = 0;
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean) {
            own = ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() * 1e-9;
        }
        return new CpuSnapshot(System.nanoTime(), busy, own);
    }

    /** Share of the whole machine (0..1) used by other processes between the two snapshots. */
    static double otherLoad(CpuSnapshot s0, CpuSnapshot s1) {
        double wall = (s1.wallNanos - s0.wallNanos) * 1e-9;
        if (Double.isNaN(s0.busy) || Double.isNaN(s1.busy) || wall <= 0) {
            return 0;
        }
        double other = (s1.busy - s0.busy) - (s1.own - s0.own);
        return Math.max(0, other / (wall * NCPU));
    }
}
