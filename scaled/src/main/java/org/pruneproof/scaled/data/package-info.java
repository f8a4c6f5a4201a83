/**
 * Images for the full-size jobs: seeded synthetic images, image folders (one sub-folder per class) and grey-scale
 * MNIST-format sets such as Fashion-MNIST, all preprocessed in {@link org.pruneproof.scaled.data.ImagePreprocessing};
 * random batches ({@link org.pruneproof.scaled.data.BatchSource}) and ordered, indexed sets
 * ({@link org.pruneproof.scaled.data.LabelledSet}) for evaluation and training.
 */
package org.pruneproof.scaled.data;
