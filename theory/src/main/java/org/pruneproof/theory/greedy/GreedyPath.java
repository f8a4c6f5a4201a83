package org.pruneproof.theory.greedy;

import java.util.Arrays;

/**
 * The result of greedy forward selection in either engine (the reference engine's
 * {@code GreedyForwardSelection} and the scaled engine's {@code ScaledGreedySelection} both return it):
 * the neuron chosen at each step (0-based, repeats allowed when selecting with replacement) and the loss
 * after each step, {@code loss[n-1] = L_n}.
 */
public record GreedyPath(int[] selected, double[] loss) {

    public GreedyPath {
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

    /** {@code L_n}, n ≥ 1. */
    public double lossAt(int n) {
        return loss[n - 1];
    }

    @Override
    public int[] selected() {
        return selected.clone();
    }

    @Override
    public double[] loss() {
        return loss.clone();
    }

    /** How often each of the N neurons was chosen in the first n steps. */
    public int[] counts(int numNeurons, int n) {
        int[] c = new int[numNeurons];
        for (int k = 0; k < n; k++) {
            c[selected[k]]++;
        }
        return c;
    }


    @Override
    public boolean equals(Object o) {
        return o instanceof GreedyPath p && Arrays.equals(selected, p.selected) && Arrays.equals(loss, p.loss);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(selected) + Arrays.hashCode(loss);
    }

    @Override
    public String toString() {
        return "GreedyPath[selected=" + Arrays.toString(selected) + ", loss=" + Arrays.toString(loss) + "]";
    }
}
