package org.pruneproof.verification.experiments;

import java.util.SplittableRandom;
import org.pruneproof.theory.activation.Activations;
import org.pruneproof.verification.api.Gens;
import org.pruneproof.verification.gen.GreedyInstances;

/**
 * One rate experiment: ReLU features of a random mean-field network (N neurons, m points on
 * S^{d−1}), a target, greedy with replacement for {@code steps} steps, and a log–log fit of L_n over
 * [fitFrom, fitTo]. All of it is drawn from {@code seed}.
 *
 * @param seed      seed of features and target
 * @param points    m
 * @param dimension d
 * @param neurons   N
 * @param faceSize  0: target the barycentre of all N features (interior); k &gt; 0: a Dirichlet(1)
 *                  mix of k random features (a target on a low-dimensional face when k ≤ m)
 * @param steps     greedy steps
 * @param fitFrom   first n of the fit window
 * @param fitTo     last n of the fit window
 */
public record RateExperiment(long seed, int points, int dimension, int neurons, int faceSize, int steps,
                             int fitFrom, int fitTo) {

    /** Φ (N×m) and y of this experiment. */
    public Problem problem() {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] phi = GreedyInstances.networkFeatures(r, neurons, points, dimension, Activations.RELU);
        double[] y = new double[points];
        if (faceSize == 0) {
            for (double[] row : phi) {
                for (int j = 0; j < points; j++) {
                    y[j] += row[j] / neurons;
                }
            }
        } else {
            double[] w = Gens.dirichlet(r, faceSize, 1.0);
            for (int k = 0; k < faceSize; k++) {
                double[] row = phi[r.nextInt(neurons)];
                for (int j = 0; j < points; j++) {
                    y[j] += w[k] * row[j];
                }
            }
        }
        return new Problem(phi, y);
    }

    /** Features and target. */
    public record Problem(double[][] phi, double[] y) {
    }
}
