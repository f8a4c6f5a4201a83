package org.pruneproof.scaled.training;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Seeded training augmentation of a preprocessed batch {@code [B, C, S, S]}: a random crop with padding p
 * (torchvision's {@code RandomCrop(S, padding=p)}: offsets dx, dy uniform in {−p … p}, the padding 0 — the
 * data's mean, as it is applied after normalisation) and a horizontal flip with probability ½. Draws, per image:
 * dy, dx, then the flip.
 */
public final class Augmentation {

    /** The padding of the crop (4, as for CIFAR-10). */
    public static final int PADDING = 4;

    private Augmentation() {
    }

    /** The augmented batch (a new array of the same type). */
    public static INDArray cropAndFlip(INDArray images, SplittableRandom random) {
        long[] s = images.shape();
        int b = (int) s[0];
        int c = (int) s[1];
        int h = (int) s[2];
        int w = (int) s[3];
        float[] in = images.castTo(DataType.FLOAT).dup().data().asFloat();
        float[] out = new float[in.length];
        for (int i = 0; i < b; i++) {
            int dy = random.nextInt(2 * PADDING + 1) - PADDING;
            int dx = random.nextInt(2 * PADDING + 1) - PADDING;
            boolean flip = random.nextBoolean();
            for (int ch = 0; ch < c; ch++) {
                int base = (i * c + ch) * h * w;
                for (int y = 0; y < h; y++) {
                    int sy = y + dy;
                    if (sy < 0 || sy >= h) {
                        continue;
                    }
                    for (int x = 0; x < w; x++) {
                        int sx = (flip ? w - 1 - x : x) + dx;
                        if (sx >= 0 && sx < w) {
                            out[base + y * w + x] = in[base + sy * w + sx];
                        }
                    }
                }
            }
        }
        return Nd4j.create(out, s, DataType.FLOAT).castTo(images.dataType());
    }
}
