/**
 * Evaluating and training full-size networks: top-1/top-5 and mean loss over an ordered image set
 * ({@link org.pruneproof.scaled.training.Evaluation}), SGD with momentum and weight decay in PyTorch's semantics
 * ({@link org.pruneproof.scaled.training.Sgd}), learning-rate schedules, seeded augmentation, the epoch loop with
 * batch-norm running statistics, fixed masks, checkpoints and resume ({@link org.pruneproof.scaled.training.Training}),
 * and the progress display of long runs.
 */
package org.pruneproof.scaled.training;
