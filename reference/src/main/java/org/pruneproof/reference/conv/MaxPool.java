package org.pruneproof.reference.conv;

/**
 * Max pooling per channel: y[b, c, i, j] = max over the window rows i·s_h − p_h + [0, k_h) and columns
 * j·s_w − p_w + [0, k_w) inside the input (padding never wins). Backward: the whole of G[b, c, i, j]
 * goes to the window's first maximum in row-major order (ties resolved as in PyTorch's CPU kernel).
 */
public final class MaxPool {

    private MaxPool() {
    }

    /** y = max-pool(x). */
    public static Tensor4 forward(Tensor4 x, PoolingWindow w) {
        Tensor4 y = w.output(x);
        for (int b = 0; b < x.batch(); b++) {
            for (int c = 0; c < x.channels(); c++) {
                for (int i = 0; i < y.height(); i++) {
                    for (int j = 0; j < y.width(); j++) {
                        int[] at = argmax(x, w, b, c, i, j);
                        y.set(b, c, i, j, x.get(b, c, at[0], at[1]));
                    }
                }
            }
        }
        return y;
    }

    /** ∂L/∂x: each G[b, c, i, j] added at its window's first maximum. */
    public static Tensor4 backward(Tensor4 x, PoolingWindow w, Tensor4 gradOut) {
        w.requireOutputShape(x, gradOut);
        int oh = gradOut.height();
        int ow = gradOut.width();
        Tensor4 gx = x.zerosLike();
        for (int b = 0; b < x.batch(); b++) {
            for (int c = 0; c < x.channels(); c++) {
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        int[] at = argmax(x, w, b, c, i, j);
                        gx.add(b, c, at[0], at[1], gradOut.get(b, c, i, j));
                    }
                }
            }
        }
        return gx;
    }

    static int[] argmax(Tensor4 x, PoolingWindow w, int b, int c, int i, int j) {
        int[] best = null;
        double max = Double.NEGATIVE_INFINITY;
        for (int p = 0; p < w.kernelH(); p++) {
            int row = i * w.strideH() - w.padH() + p;
            for (int q = 0; q < w.kernelW(); q++) {
                int col = j * w.strideW() - w.padW() + q;
                if (row >= 0 && row < x.height() && col >= 0 && col < x.width()) {
                    double v = x.get(b, c, row, col);
                    if (best == null || v > max || Double.isNaN(v)) {
                        best = new int[] {row, col};
                        max = v;
                    }
                }
            }
        }
        return best;
    }
}
