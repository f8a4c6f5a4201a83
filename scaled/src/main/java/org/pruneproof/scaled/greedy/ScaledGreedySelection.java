package org.pruneproof.scaled.greedy;

import org.pruneproof.scaled.Precision;
import org.pruneproof.theory.greedy.GreedyPath;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Greedy forward selection of neurons on the scaled engine (Ye et al. 2020; docs/theory/ye2020.md):
 * step n adds the neuron i minimising {@code L((s + φ_i)/n)}, with or without replacement,
 * optionally among C random candidates per step ({@link CandidateSampler}). Each step is at most one
 * pass over Φ ({@link GreedySelector}); with replacement among all neurons only the first step and
 * the first choice of each neuron pass over Φ ({@link ReusedProducts}). Same tie rule as the
 * reference engine.
 */
public final class ScaledGreedySelection {

    private static final Logger LOG = LoggerFactory.getLogger(ScaledGreedySelection.class);
    private static final long PROGRESS_NANOS = 10_000_000_000L;

    private ScaledGreedySelection() {
    }

    /**
     * Runs {@code steps} steps.
     *
     * @param sampler the random-candidate rule, or null to evaluate every eligible neuron
     * @throws IllegalArgumentException when steps &lt; 1, or steps &gt; N without replacement
     */
    public static GreedyPath run(Features phi, double[] y, int steps, Replacement replacement, CandidateSampler sampler) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be ≥ 1, got " + steps);
        }
        if (replacement == Replacement.WITHOUT && steps > phi.neurons()) {
            throw new IllegalArgumentException("without replacement at most N = " + phi.neurons()
                    + " steps can be taken, got " + steps);
        }
        GreedySelector selector = new GreedySelector(phi, y, replacement, sampler);
        int[] selected = new int[steps];
        double[] loss = new double[steps];
        long last = System.nanoTime();
        for (int k = 0; k < steps; k++) {
            selected[k] = selector.step();
            loss[k] = selector.lastLoss();
            if (System.nanoTime() - last > PROGRESS_NANOS) {
                last = System.nanoTime();
                LOG.info("greedy selection: step {} of {}, loss {}", k + 1, steps, loss[k]);
            }
        }
        return new GreedyPath(selected, loss);
    }

    /** Selection among all eligible neurons. */
    public static GreedyPath run(Features phi, double[] y, int steps, Replacement replacement) {
        return run(phi, y, steps, replacement, null);
    }

    /** Selection with replacement among all neurons, from rows given as Java arrays. */
    public static GreedyPath withReplacement(double[][] phi, double[] y, int steps, Precision precision) {
        return run(Features.of(phi, precision), y, steps, Replacement.WITH, null);
    }
}
