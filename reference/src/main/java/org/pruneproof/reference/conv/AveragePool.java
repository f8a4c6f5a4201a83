package org.pruneproof.reference.conv;

/**
 * Average pooling per channel, padded zeros counted (PyTorch's default {@code count_include_pad}):
 * <pre>  y[b, c, i, j] = (1/(k_h·k_w))·Σ_{p, q} x[b, c, i·s_h − p_h + p, j·s_w − p_w + q]   (x = 0 outside).</pre>
 * Backward: each input entry receives G[b, c, i, j]/(k_h·k_w) from every window that contains it.
 */
public final class AveragePool {

    private AveragePool() {
    }

    /** y = avg-pool(x). */
    public static Tensor4 forward(Tensor4 x, PoolingWindow w) {
        Tensor4 y = w.output(x);
        double area = w.kernelH() * w.kernelW();
        for (int b = 0; b < x.batch(); b++) {
            for (int c = 0; c < x.channels(); c++) {
                for (int i = 0; i < y.height(); i++) {
                    for (int j = 0; j < y.width(); j++) {
                        double s = 0;
                        for (int p = 0; p < w.kernelH(); p++) {
                            for (int q = 0; q < w.kernelW(); q++) {
                                int row = i * w.strideH() - w.padH() + p;
                                int col = j * w.strideW() - w.padW() + q;
                                if (row >= 0 && row < x.height() && col >= 0 && col < x.width()) {
                                    s += x.get(b, c, row, col);
                                }
                            }
                        }
                        y.set(b, c, i, j, s / area);
                    }
                }
            }
        }
        return y;
    }

    /** ∂L/∂x. */
    public static Tensor4 backward(Tensor4 x, PoolingWindow w, Tensor4 gradOut) {
        w.requireOutputShape(x, gradOut);
        int oh = gradOut.height();
        int ow = gradOut.width();
        Tensor4 gx = x.zerosLike();
        double area = w.kernelH() * w.kernelW();
        for (int b = 0; b < x.batch(); b++) {
            for (int c = 0; c < x.channels(); c++) {
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        double g = gradOut.get(b, c, i, j) / area;
                        for (int p = 0; p < w.kernelH(); p++) {
                            for (int q = 0; q < w.kernelW(); q++) {
                                int row = i * w.strideH() - w.padH() + p;
                                int col = j * w.strideW() - w.padW() + q;
                                if (row >= 0 && row < x.height() && col >= 0 && col < x.width()) {
                                    gx.add(b, c, row, col, g);
                                }
                            }
                        }
                    }
                }
            }
        }
        return gx;
    }
}
