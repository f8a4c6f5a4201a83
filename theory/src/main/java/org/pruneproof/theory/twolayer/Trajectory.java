package org.pruneproof.theory.twolayer;

/**
 * The result of training a two-layer network (either engine): the sum loss {@code S(t) = ‖u(t) − y‖²} for
 * t = 0 … {@link #completedIterations()}, the final network, and whether training diverged.
 *
 * @param losses       S(0), S(1), …; when diverged, the last entry is the first non-finite loss
 * @param status       {@link Status#COMPLETED} or {@link Status#DIVERGED}
 * @param divergedAt   the iteration whose loss was non-finite, or −1
 * @param finalNetwork the network after the last finite iteration
 * @param <N>          the engine's network type
 */
public record Trajectory<N>(double[] losses, Status status, int divergedAt, N finalNetwork) {

    /** How a training run ended. */
    public enum Status {
        /** All T iterations ran with finite losses. */
        COMPLETED,
        /** The loss became non-finite (NaN or ±∞); training stopped there. */
        DIVERGED
    }

    public Trajectory {
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
