package org.pruneproof.reference.conv;

/**
 * Nearest-neighbour upsampling by an integer factor f (adaptive average pooling to a multiple of the
 * input side: every output cell averages the one input cell it lies in):
 * <pre>  y[b, c, i, j] = x[b, c, ⌊i/f⌋, ⌊j/f⌋].</pre>
 * Backward: ∂L/∂x[b, c, i, j] = Σ over the f × f cells copied from it of G.
 */
public final class Upsampling {

    private Upsampling() {
    }

    /** y = upsample(x, f). */
    public static Tensor4 forward(Tensor4 x, int factor) {
        requireFactor(factor);
        Tensor4 y = Tensor4.zeros(x.batch(), x.channels(), x.height() * factor, x.width() * factor);
        for (int b = 0; b < x.batch(); b++) {
            for (int c = 0; c < x.channels(); c++) {
                for (int i = 0; i < y.height(); i++) {
                    for (int j = 0; j < y.width(); j++) {
                        y.set(b, c, i, j, x.get(b, c, i / factor, j / factor));
                    }
                }
            }
        }
        return y;
    }

    /** ∂L/∂x for the upstream gradient G (shape of the output). */
    public static Tensor4 backward(Tensor4 x, int factor, Tensor4 gradOut) {
        requireFactor(factor);
        if (gradOut.batch() != x.batch() || gradOut.channels() != x.channels() || gradOut.height() != x.height() * factor
                || gradOut.width() != x.width() * factor) {
            throw new IllegalArgumentException("gradOut has shape " + gradOut.shape() + ", expected the input's sides times " + factor);
        }
        Tensor4 g = x.zerosLike();
        for (int b = 0; b < x.batch(); b++) {
            for (int c = 0; c < x.channels(); c++) {
                for (int i = 0; i < gradOut.height(); i++) {
                    for (int j = 0; j < gradOut.width(); j++) {
                        g.add(b, c, i / factor, j / factor, gradOut.get(b, c, i, j));
                    }
                }
            }
        }
        return g;
    }

    private static void requireFactor(int factor) {
        if (factor < 1) {
            throw new IllegalArgumentException("upsampling factor must be ≥ 1, got " + factor);
        }
    }
}
