package org.pruneproof.scaled.data;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Grey-scale images with labels held in memory (an MNIST-format set such as Fashion-MNIST, read by
 * {@code reference.data.IdxReader}), in file order, preprocessed for a network of C input channels by
 * {@link ImagePreprocessing#grayscaleToChw}. As a {@link BatchSource} it walks a seeded random permutation,
 * drawing a new one after each pass.
 */
public final class GrayscaleImages implements LabelledSet, BatchSource {

    private final byte[][] pixels;
    private final int[] labels;
    private final int rows;
    private final int cols;
    private final int classes;
    private final int channels;
    private final int size;
    private final DataType type;
    private final Shuffles.Walk walk;

    /**
     * @param pixels  one row-major image of {@code rows·cols} unsigned bytes per image
     * @param classes  the number of classes (every label must be below it)
     * @param channels the network's input channels C (the plane replicated C times)
     * @param size     the network's input side
     */
    public GrayscaleImages(byte[][] pixels, int[] labels, int rows, int cols, int classes, int channels, int size, DataType type,
                           long seed) {
        if (pixels.length != labels.length) {
            throw new IllegalArgumentException(pixels.length + " images but " + labels.length + " labels");
        }
        if (pixels.length == 0) {
            throw new DataException("the data set holds no images");
        }
        for (int k = 0; k < labels.length; k++) {
            if (labels[k] < 0 || labels[k] >= classes) {
                throw new DataException("label " + labels[k] + " of image " + k + " is outside 0…" + (classes - 1));
            }
        }
        this.pixels = pixels;
        this.labels = labels.clone();
        this.rows = rows;
        this.cols = cols;
        this.classes = classes;
        this.channels = channels;
        this.size = size;
        this.type = type;
        this.walk = new Shuffles.Walk(pixels.length, seed);
    }

    @Override
    public int imageCount() {
        return pixels.length;
    }

    @Override
    public int classes() {
        return classes;
    }

    @Override
    public int imageSize() {
        return size;
    }

    @Override
    public ImageBatch batch(int[] indices) {
        int plane = channels * size * size;
        float[] v = new float[indices.length * plane];
        int[] l = new int[indices.length];
        for (int b = 0; b < indices.length; b++) {
            ImagePreprocessing.grayscaleToChw(pixels[indices[b]], rows, cols, channels, size, v, b * plane);
            l[b] = labels[indices[b]];
        }
        return new ImageBatch(Nd4j.create(v, new long[] {indices.length, channels, size, size}, DataType.FLOAT).castTo(type), l);
    }

    @Override
    public ImageBatch next(int batchSize) {
        return batch(walk.next(batchSize));
    }
}
