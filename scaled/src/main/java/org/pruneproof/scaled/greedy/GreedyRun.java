package org.pruneproof.scaled.greedy;

import java.util.Arrays;

/**
 * The result of greedy forward selection in the scaled engine: the neuron chosen at each step
 * (0-based) and the mean squared error {@code L_n = (1/m)·‖f_n − y‖²} after each step n.
 */
public record GreedyRun(int[] selected, double[] loss) {

    public GreedyRun {
        if (selected.length != loss.length) {
            throw new IllegalArgumentException("one loss per selection expected");
        }
        selected = selected.clone();
        loss = loss.clone();
    }

    /** Number of steps taken. */
    public int steps() {
        return selected.length;
    }

    @Override
    public int[] selected() {
        return selected.clone();
    }

    @Override
    public double[] loss() {
        return loss.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GreedyRun p && Arrays.equals(selected, p.selected) && Arrays.equals(loss, p.loss);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(selected) + Arrays.hashCode(loss);
    }

    @Override
    public String toString() {
        return "GreedyRun[selected=" + Arrays.toString(selected) + ", loss=" + Arrays.toString(loss) + "]";
    }
}
