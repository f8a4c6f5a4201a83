package org.pruneproof.scaled.data;

/**
 * A mini-batch of images and integer class labels.
 *
 * @param images NCHW tensor {@code [B, C, H, W]}
 * @param labels length B, each in {@code 0..classes−1}
 */
public record ImageBatch(org.nd4j.linalg.api.ndarray.INDArray images, int[] labels) {

    public ImageBatch {
        if (images.rank() != 4 || images.size(0) != labels.length) {
            throw new IllegalArgumentException("expected images [B, C, H, W] with B = " + labels.length
                    + " labels, got shape " + java.util.Arrays.toString(images.shape()));
        }
        labels = labels.clone();
    }

    @Override
    public int[] labels() {
        return labels.clone();
    }

    /** B. */
    public int size() {
        return labels.length;
    }
}
