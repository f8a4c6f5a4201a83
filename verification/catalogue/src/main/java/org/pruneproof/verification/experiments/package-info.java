/**
 * Experiments and small computations shared by several claims, each computed from scratch rather than by
 * the code under test: critical-sparsity sweeps and single initialisations (Hayou et al.), rate
 * experiments and log-log fits (Ye et al.), the Fashion-MNIST loader (Wolfe et al.), score error scales
 * for cross-checks.
 */
package org.pruneproof.verification.experiments;
