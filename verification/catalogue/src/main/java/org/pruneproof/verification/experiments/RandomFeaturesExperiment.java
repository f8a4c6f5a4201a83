package org.pruneproof.verification.experiments;

/**
 * One random-features experiment: {@code teachers} independent problems, each with m = 2 points x_j
 * uniform on S^{d−1}, a random (untrained) mean-field ReLU network of width {@code maxWidth}
 * (a_i ~ N(0, I_d), b_i ~ N(0, 1)), and a target y = {@code teacherScale}·(output of a random
 * 3-neuron ReLU teacher) on the same points. All drawn from {@code seed}.
 *
 * @param seed         seed
 * @param teachers     number of independent problems
 * @param dimension    d
 * @param maxWidth     widest network; the narrower ones are its first N neurons (nested)
 * @param teacherScale factor on the teacher's output
 * @param steps        greedy steps on the widest network
 * @param fitFrom      first n of the slope fit
 */
public record RandomFeaturesExperiment(long seed, int teachers, int dimension, int maxWidth, double teacherScale,
                                       int steps, int fitFrom) {
}
