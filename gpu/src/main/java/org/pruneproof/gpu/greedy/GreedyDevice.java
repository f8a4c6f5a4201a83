package org.pruneproof.gpu.greedy;

/**
 * Where Φ (N×m, row i = outputs φ_i of neuron i) lives during greedy selection, stored once in a
 * working precision: the device computes the inner products Φr of a step and hands back single rows.
 * Everything else of the step runs on the host ({@link DeviceGreedySelection}).
 */
public interface GreedyDevice extends AutoCloseable {

    /** N. */
    int neurons();

    /** m. */
    int points();

    /** The precision Φ and r are stored in. */
    WorkingPrecision precision();

    /** ‖φ_i‖², summed in double (j = 0, 1, …, m − 1 in order) from the stored entries. */
    double squaredNorm(int i);

    /** Stores the residual r (length m), rounded to the working precision. */
    void setResidual(double[] r);

    /** {@code out[i] = (Φr)_i} for every row, in the working precision, widened to double. */
    void rowProducts(double[] out);

    /** Row φ_i as stored, widened to double, into {@code dst} (length m). */
    void row(int i, double[] dst);

    /** What and where the device is, for logs and results. */
    String description();

    @Override
    void close();
}
