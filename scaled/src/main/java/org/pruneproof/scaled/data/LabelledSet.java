package org.pruneproof.scaled.data;

/**
 * A finite, ordered set of labelled images, read by index: what evaluation walks in its documented order and
 * training shuffles epoch by epoch. Images come out preprocessed ({@link ImagePreprocessing}) as
 * {@code [B, 3, size, size]}.
 */
public interface LabelledSet {

    /** Number of images N. */
    int imageCount();

    /** Number of classes (labels lie in {@code 0..classes()−1}). */
    int classes();

    /** Side of the square images. */
    int imageSize();

    /** The images at the given indices (each in {@code 0..N−1}), in that order. */
    ImageBatch batch(int[] indices);

    /** The images {@code from … from+count−1}. */
    default ImageBatch range(int from, int count) {
        int[] idx = new int[count];
        for (int k = 0; k < count; k++) {
            idx[k] = from + k;
        }
        return batch(idx);
    }
}
