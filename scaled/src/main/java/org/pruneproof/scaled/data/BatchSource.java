package org.pruneproof.scaled.data;

/** An endless, seeded stream of mini-batches of one shape. */
public interface BatchSource {

    /** The next batch of {@code batchSize} images. */
    ImageBatch next(int batchSize);

    /** Number of classes (labels lie in {@code 0..classes()−1}). */
    int classes();

    /** Side of the square images. */
    int imageSize();
}
