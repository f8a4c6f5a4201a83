package org.pruneproof.scaled.twolayer;

/**
 * The result of {@link ScaledGradientDescent#train}: the sum loss {@code S(t) = ‖u(t) − y‖²} for
 * t = 0 … {@link #completedIterations()}, the final network, and whether training diverged; the scaled
 * engine's counterpart of the reference engine's {@code Trajectory}.
 *
 * @param losses       S(0), S(1), …; when diverged, the last entry is the first non-finite loss
 * @param status       {@link Status#COMPLETED} or {@link Status#DIVERGED}
 * @param divergedAt   the iteration whose loss was non-finite, or −1
 * @param finalNetwork the network after the last finite iteration
 */
public record ScaledTrajectory(double[] losses, Status status, int divergedAt, ScaledTwoLayerNetwork finalNetwork) {

    /** How a training run ended. */
    public enum Status {
        /** All T iterations ran with finite losses. */
        COMPLETED,
        /** The loss became non-finite (NaN or ±∞); training stopped there. */
        DIVERGED
    }

    public ScaledTrajectory {
        losses = losses.clone();
    }

    @Override
    public double[] losses() {
        return losses.clone();
    }

    /** S(t). */
    public double lossAt(int t) {
        return losses[t];
    }

    /** The last iteration with a finite loss. */
    public int completedIterations() {
        return status == Status.DIVERGED ? divergedAt - 1 : losses.length - 1;
    }

    /** Whether the loss became non-finite. */
    public boolean diverged() {
        return status == Status.DIVERGED;
    }
}
