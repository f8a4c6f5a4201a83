package org.pruneproof.reference.conv;

import java.util.Objects;

/**
 * Two-dimensional convolution (cross-correlation, as in PyTorch's {@code conv2d}) of an NCHW input x
 * with OIYX weights w (O × I/g × k_h × k_w) and an optional bias:
 * <pre>  y[b, o, i, j] = bias[o] + Σ_{c=0}^{I/g−1} Σ_{p, q} w[o, c, p, q] · x[b, g(o)·I/g + c, i·s_h − p_h + p·d_h, j·s_w − p_w + q·d_w],</pre>
 * with g(o) = ⌊o/(O/g)⌋ the group of output channel o and x = 0 outside the input (zero padding).
 *
 * <p>Backward, for an upstream gradient G = ∂L/∂y: ∂L/∂w[o, c, p, q] = Σ_{b,i,j} G[b, o, i, j]·x[b, …]
 * (same index as above), ∂L/∂x[b, …] = Σ G[b, o, i, j]·w[o, c, p, q] over every (o, i, j, p, q) that
 * reads that entry, ∂L/∂bias[o] = Σ_{b,i,j} G[b, o, i, j].
 */
public final class Convolution {

    private Convolution() {
    }

    /**
     * The gradients of the backward map.
     *
     * @param input   ∂L/∂x, shape of x
     * @param weights ∂L/∂w, shape of w
     * @param bias    ∂L/∂bias, length O
     */
    public record Gradients(Tensor4 input, Tensor4 weights, double[] bias) {
    }

    /** y = conv(x, w) + bias; {@code bias} may be null (no bias). */
    public static Tensor4 forward(Tensor4 x, Tensor4 w, double[] bias, ConvolutionGeometry g) {
        Shape s = Shape.of(x, w, bias, g);
        Tensor4 y = Tensor4.zeros(x.batch(), s.out, s.outH, s.outW);
        for (int b = 0; b < x.batch(); b++) {
            for (int o = 0; o < s.out; o++) {
                int firstIn = (o / s.outPerGroup) * s.inPerGroup;
                for (int i = 0; i < s.outH; i++) {
                    for (int j = 0; j < s.outW; j++) {
                        double v = bias == null ? 0 : bias[o];
                        for (int c = 0; c < s.inPerGroup; c++) {
                            for (int p = 0; p < w.height(); p++) {
                                int row = i * g.strideH() - g.padH() + p * g.dilationH();
                                if (row < 0 || row >= x.height()) {
                                    continue;
                                }
                                for (int q = 0; q < w.width(); q++) {
                                    int col = j * g.strideW() - g.padW() + q * g.dilationW();
                                    if (col >= 0 && col < x.width()) {
                                        v += w.get(o, c, p, q) * x.get(b, firstIn + c, row, col);
                                    }
                                }
                            }
                        }
                        y.set(b, o, i, j, v);
                    }
                }
            }
        }
        return y;
    }

    /**
     * The gradients with respect to x, w and the bias for the upstream gradient {@code gradOut} (shape
     * of the forward output).
     */
    public static Gradients backward(Tensor4 x, Tensor4 w, ConvolutionGeometry g, Tensor4 gradOut) {
        Shape s = Shape.of(x, w, null, g);
        Objects.requireNonNull(gradOut, "gradOut");
        if (gradOut.batch() != x.batch() || gradOut.channels() != s.out || gradOut.height() != s.outH || gradOut.width() != s.outW) {
            throw new IllegalArgumentException("gradOut has shape " + gradOut.shape() + ", expected ["
                    + x.batch() + ", " + s.out + ", " + s.outH + ", " + s.outW + "]");
        }
        Tensor4 gx = x.zerosLike();
        Tensor4 gw = w.zerosLike();
        double[] gb = new double[s.out];
        for (int b = 0; b < x.batch(); b++) {
            for (int o = 0; o < s.out; o++) {
                int firstIn = (o / s.outPerGroup) * s.inPerGroup;
                for (int i = 0; i < s.outH; i++) {
                    for (int j = 0; j < s.outW; j++) {
                        double go = gradOut.get(b, o, i, j);
                        gb[o] += go;
                        for (int c = 0; c < s.inPerGroup; c++) {
                            for (int p = 0; p < w.height(); p++) {
                                int row = i * g.strideH() - g.padH() + p * g.dilationH();
                                if (row < 0 || row >= x.height()) {
                                    continue;
                                }
                                for (int q = 0; q < w.width(); q++) {
                                    int col = j * g.strideW() - g.padW() + q * g.dilationW();
                                    if (col >= 0 && col < x.width()) {
                                        gw.add(o, c, p, q, go * x.get(b, firstIn + c, row, col));
                                        gx.add(b, firstIn + c, row, col, go * w.get(o, c, p, q));
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return new Gradients(gx, gw, gb);
    }

    /** The checked sizes of one convolution. */
    private record Shape(int out, int inPerGroup, int outPerGroup, int outH, int outW) {

        static Shape of(Tensor4 x, Tensor4 w, double[] bias, ConvolutionGeometry g) {
            Objects.requireNonNull(x, "x");
            Objects.requireNonNull(w, "w");
            Objects.requireNonNull(g, "geometry");
            int groups = g.groups();
            if (x.channels() % groups != 0 || w.batch() % groups != 0) {
                throw new IllegalArgumentException("groups " + groups + " must divide the input channels " + x.channels()
                        + " and the output channels " + w.batch());
            }
            if (w.channels() != x.channels() / groups) {
                throw new IllegalArgumentException("weights " + w.shape() + " (OIYX) need I/groups = " + w.channels()
                        + " but the input " + x.shape() + " has " + x.channels() + " channels in " + groups + " groups");
            }
            if (bias != null && bias.length != w.batch()) {
                throw new IllegalArgumentException("bias has length " + bias.length + ", expected O = " + w.batch());
            }
            return new Shape(w.batch(), w.channels(), w.batch() / groups,
                    g.outputHeight(x.height(), w.height()), g.outputWidth(x.width(), w.width()));
        }
    }
}
