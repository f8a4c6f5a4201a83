package org.pruneproof.nets;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * What a job on a network will need in memory, estimated from its description before anything is
 * allocated, so that an impossible size is a one-line refusal and not an out-of-memory error:
 * {@code bytes ≈ 3·P·b + 3·B·A·b·c}, with P the parameters, A the activation elements of one image
 * (every layer's output, from the architecture's shapes), B the batch, b the bytes per element and c the
 * copies of the batch scored at once (candidates per pass for greedy pruning, else 1); the factor 3 counts
 * values, gradients and one workspace. Computed in double precision, so absurd sizes cannot overflow.
 *
 * @param bytes     the estimate in bytes
 * @param available the machine's physical memory in bytes
 */
public record MemoryEstimate(double bytes, double available) {

    /** The estimate for running {@code architecture} on batches of {@code batch} images. */
    public static MemoryEstimate of(Architecture architecture, int batch, int bytesPerElement, int copies) {
        double[] activations = {0};
        Architecture.walk(architecture.layers(),
                new int[] {architecture.inputChannels(), architecture.inputSize(), architecture.inputSize()},
                (layer, in, out) -> {
                    double e = 1;
                    for (int d : out) {
                        e *= d;
                    }
                    activations[0] += e;
                });
        double params = 0;
        for (var p : architecture.parameters()) {
            double e = 1;
            for (long d : p.shape()) {
                e *= d;
            }
            params += e;
        }
        double input = (double) architecture.inputChannels() * architecture.inputSize() * architecture.inputSize();
        double perImage = activations[0] + input;
        return new MemoryEstimate(3 * params * bytesPerElement + 3.0 * batch * copies * perImage * bytesPerElement,
                physicalMemory());
    }

    /** This estimate with {@code more} bytes added (an evaluation set, sampled features). */
    public MemoryEstimate plus(double more) {
        return new MemoryEstimate(bytes + more, available);
    }

    /** The largest channel (or feature) count of any layer. */
    public static int widestLayer(Architecture architecture) {
        return architecture.costs().stream().mapToInt(c -> c.channels()).max().orElse(1);
    }

    /** Whether the job fits in the machine's memory. */
    public boolean fits() {
        return bytes <= available;
    }

    /** "about 3.1 GiB of 24 GiB". */
    public String describe() {
        return String.format(Locale.ROOT, "about %s, more than this machine's %s", gib(bytes), gib(available));
    }

    private static String gib(double b) {
        double g = b / (1L << 30);
        return g >= 100 ? String.format(Locale.ROOT, "%.3g GiB", g) : String.format(Locale.ROOT, "%.1f GiB", g);
    }

    /** Physical memory of the machine (the off-heap arrays of ND4J live outside the Java heap). */
    static double physicalMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return Runtime.getRuntime().maxMemory();
    }
}
