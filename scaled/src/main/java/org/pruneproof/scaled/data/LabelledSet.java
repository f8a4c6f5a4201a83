package org.pruneproof.scaled.data;

/**
 * A finite, ordered set of labelled images, read by index: what evaluation walks in its documented order and
 * training shuffles epoch by epoch. Images come out preprocessed ({@link ImagePreprocessing}) as
 * {@code [B, C, size, size]} (C = 3 for image folders; the network's input channels for grey-scale sets).
 */
public interface LabelledSet {

    /** Number of images N. */
    int imageCount();

    /** Number of classes (labels lie in {@code 0..classes()−1}). */
    int classes();

    /** Side of the square images. */
    int imageSize();

    /**
     * The images at the given indices (each in {@code 0..N−1}), in that order, in a new array that the caller owns (the
     * training loop closes it after its step).
     */
    ImageBatch batch(int[] indices);

    /** The images {@code from … from+count−1}. */
    default ImageBatch range(int from, int count) {
        int[] idx = new int[count];
        for (int k = 0; k < count; k++) {
            idx[k] = from + k;
        }
        return batch(idx);
    }

    /** The first {@code n} images of this set (all when {@code n} ≥ N), same order. */
    default LabelledSet first(int n) {
        LabelledSet all = this;
        int count = Math.min(n, imageCount());
        return new LabelledSet() {
            public int imageCount() {
                return count;
            }

            public int classes() {
                return all.classes();
            }

            public int imageSize() {
                return all.imageSize();
            }

            public ImageBatch batch(int[] indices) {
                for (int i : indices) {
                    if (i < 0 || i >= count) {
                        throw new IndexOutOfBoundsException("image " + i + " of " + count);
                    }
                }
                return all.batch(indices);
            }
        };
    }
}
