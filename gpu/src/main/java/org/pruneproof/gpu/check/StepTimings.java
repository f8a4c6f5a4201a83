package org.pruneproof.gpu.check;

import java.util.Arrays;

/**
 * Timings of the greedy step on one N×m Φ: medians over repeated steps, and the memory bandwidth they
 * imply for one read of Φ per step.
 *
 * @param neurons    N
 * @param points     m
 * @param bytes      bytes of Φ
 * @param stepSeconds median seconds of a whole greedy step (host and device)
 * @param productSeconds median seconds of the matrix–vector product Φr alone (the device's share)
 * @param repeats    steps timed per median
 */
public record StepTimings(int neurons, int points, long bytes, double stepSeconds, double productSeconds, int repeats) {

    /** GB/s (10⁹ bytes per second) of one read of Φ in the time of the product alone. */
    public double productBandwidth() {
        return bytes / productSeconds / 1e9;
    }

    /** GB/s of one read of Φ in the time of a whole step. */
    public double stepBandwidth() {
        return bytes / stepSeconds / 1e9;
    }

    /** The median of some samples. */
    static double median(double[] samples) {
        double[] s = samples.clone();
        Arrays.sort(s);
        int k = s.length / 2;
        return s.length % 2 == 1 ? s[k] : (s[k - 1] + s[k]) / 2;
    }
}
