package org.pruneproof.scaled.data;

/** An endless, seeded stream of mini-batches of one shape. */
public interface BatchSource {

    /** The next batch of {@code batchSize} images, in a new array that the caller owns (fine-tuning closes it after its step). */
    ImageBatch next(int batchSize);

    /** Number of classes (labels lie in {@code 0..classes()−1}). */
    int classes();

    /** Side of the square images. */
    int imageSize();
}
