package org.pruneproof.scaled.data;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Seeded synthetic ImageNet-shaped batches, the default data when no image folder is given: every
 * pixel of every channel i.i.d. N(0, 1) (the distribution of an ImageNet-normalised pixel to first
 * order), labels i.i.d. uniform over the classes. The same seed gives the same sequence of batches.
 */
public final class SyntheticImages implements BatchSource {

    private final int classes;
    private final int channels;
    private final int size;
    private final DataType type;
    private final SplittableRandom random;

    public SyntheticImages(int classes, int channels, int size, DataType type, long seed) {
        if (classes < 1 || channels < 1 || size < 1) {
            throw new IllegalArgumentException("classes, channels and size must be ≥ 1, got " + classes + ", " + channels + ", " + size);
        }
        this.classes = classes;
        this.channels = channels;
        this.size = size;
        this.type = type;
        this.random = new SplittableRandom(seed);
    }

    @Override
    public ImageBatch next(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be ≥ 1, got " + batchSize);
        }
        double[] v = new double[batchSize * channels * size * size];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextGaussian();
        }
        int[] labels = new int[batchSize];
        for (int i = 0; i < batchSize; i++) {
            labels[i] = random.nextInt(classes);
        }
        INDArray doubles = Nd4j.create(v, new long[] {batchSize, channels, size, size}, DataType.DOUBLE);
        INDArray images = doubles.castTo(type);
        if (images != doubles) {
            doubles.close();   // the double temporary: freed now, not when the GC finds it
        }
        return new ImageBatch(images, labels);
    }

    @Override
    public int classes() {
        return classes;
    }

    @Override
    public int imageSize() {
        return size;
    }
}
