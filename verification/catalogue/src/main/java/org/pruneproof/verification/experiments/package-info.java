/**
 * Experiments and small computations shared by several claims, each computed from scratch rather than by
 * the code under test: critical-sparsity sweeps and single initialisations (Hayou et al.), rate
 * experiments and log-log fits (Ye et al.), the Fashion-MNIST loader and its tasks and balanced batches, the
 * real-data reproductions' shared experiments (pruning against training, pre-training thresholds, logarithmic
 * against power-law growth, the trainability map, channel pruning of a trained conv net with its fine-tuning, a ResNet against its Stable variant pruned at
 * initialisation), the authors'
 * digitised toy figure, score error scales for cross-checks.
 */
package org.pruneproof.verification.experiments;
