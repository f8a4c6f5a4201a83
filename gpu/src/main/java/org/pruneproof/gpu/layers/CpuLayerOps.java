package org.pruneproof.gpu.layers;

import java.util.Arrays;

/**
 * {@link LayerOps} in plain Java, from the definitions, with double accumulators and float32 storage:
 * the tests' subject and the yardstick the device check holds cuDNN to.
 */
public final class CpuLayerOps implements LayerOps {

    /** A tensor in a Java array. */
    static final class CpuTensor implements Tensor {
        final Shape4 shape;
        final float[] v;

        CpuTensor(Shape4 shape, float[] v) {
            this.shape = shape;
            this.v = v;
        }

        @Override
        public Shape4 shape() {
            return shape;
        }

        @Override
        public void close() {
            // garbage-collected
        }
    }

    private static CpuTensor t(Tensor t) {
        return (CpuTensor) t;
    }

    private static void same(Shape4 expected, Tensor t, String what) {
        if (!t.shape().equals(expected)) {
            throw new IllegalArgumentException(what + " has shape " + t.shape() + ", expected " + expected);
        }
    }

    @Override
    public Tensor upload(Shape4 shape, float[] values) {
        if (values.length != shape.size()) {
            throw new IllegalArgumentException(values.length + " values for a tensor of " + shape.size());
        }
        return new CpuTensor(shape, values.clone());
    }

    @Override
    public Tensor zeros(Shape4 shape) {
        return new CpuTensor(shape, new float[shape.size()]);
    }

    @Override
    public float[] download(Tensor t) {
        return t(t).v.clone();
    }

    static void requireFilter(Shape4 w, Window window) {
        if (w.h() != window.kernel() || w.w() != window.kernel()) {
            throw new IllegalArgumentException("filter " + w + " is not square of the window's size " + window.kernel());
        }
    }

    /** One term of a convolution: input element {@code xi} times filter element {@code wi} contributes to output {@code yi}. */
    @FunctionalInterface
    private interface Tap {
        void at(int xi, int wi, int yi);
    }

    /**
     * Visits every term {@code w[o,c,r,q]·x[n,c,i·σ+r−p,j·σ+q−p]} of {@code y[n,o,i,j]} (inside x), the
     * one traversal the forward and both backward passes share.
     */
    private static void taps(Shape4 xs, Shape4 ws, Shape4 ys, Window window, Tap tap) {
        int k = window.kernel();
        for (int n = 0; n < ys.n(); n++) {
            for (int o = 0; o < ys.c(); o++) {
                for (int i = 0; i < ys.h(); i++) {
                    for (int j = 0; j < ys.w(); j++) {
                        int yi = ys.at(n, o, i, j);
                        for (int c = 0; c < xs.c(); c++) {
                            for (int r = 0; r < k; r++) {
                                int row = i * window.stride() + r - window.padding();
                                if (row < 0 || row >= xs.h()) {
                                    continue;
                                }
                                for (int q = 0; q < k; q++) {
                                    int col = j * window.stride() + q - window.padding();
                                    if (col >= 0 && col < xs.w()) {
                                        tap.at(xs.at(n, c, row, col), ws.at(o, c, r, q), yi);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @Override
    public void convolutionForward(Tensor x, Tensor w, Window window, Tensor y) {
        requireFilter(w.shape(), window);
        Shape4 ys = window.convolution(x.shape(), w.shape());
        same(ys, y, "convolution output");
        float[] xv = t(x).v;
        float[] wv = t(w).v;
        double[] acc = new double[ys.size()];
        taps(x.shape(), w.shape(), ys, window, (xi, wi, yi) -> acc[yi] += (double) wv[wi] * xv[xi]);
        store(acc, t(y).v);
    }

    @Override
    public void convolutionBackwardData(Tensor w, Tensor dy, Window window, Tensor dx) {
        requireFilter(w.shape(), window);
        Shape4 ys = window.convolution(dx.shape(), w.shape());
        same(ys, dy, "output gradient");
        float[] wv = t(w).v;
        float[] g = t(dy).v;
        double[] acc = new double[dx.shape().size()];
        taps(dx.shape(), w.shape(), ys, window, (xi, wi, yi) -> acc[xi] += (double) g[yi] * wv[wi]);
        store(acc, t(dx).v);
    }

    @Override
    public void convolutionBackwardFilter(Tensor x, Tensor dy, Window window, Tensor dw) {
        requireFilter(dw.shape(), window);
        Shape4 ys = window.convolution(x.shape(), dw.shape());
        same(ys, dy, "output gradient");
        float[] xv = t(x).v;
        float[] g = t(dy).v;
        double[] acc = new double[dw.shape().size()];
        taps(x.shape(), dw.shape(), ys, window, (xi, wi, yi) -> acc[wi] += (double) g[yi] * xv[xi]);
        store(acc, t(dw).v);
    }

    @Override
    public void batchNormForward(Tensor x, Tensor gamma, Tensor beta, double epsilon, Tensor y, Tensor mean, Tensor invStd) {
        Shape4 s = x.shape();
        Shape4 p = Shape4.channels(s.c());
        same(s, y, "batch-norm output");
        for (Tensor q : new Tensor[] {gamma, beta, mean, invStd}) {
            same(p, q, "batch-norm parameter");
        }
        float[] xv = t(x).v;
        int count = s.n() * s.h() * s.w();
        for (int c = 0; c < s.c(); c++) {
            double sum = 0;
            for (int n = 0; n < s.n(); n++) {
                for (int k = 0; k < s.h() * s.w(); k++) {
                    sum += xv[s.at(n, c, 0, 0) + k];
                }
            }
            double mu = sum / count;
            double sq = 0;
            for (int n = 0; n < s.n(); n++) {
                for (int k = 0; k < s.h() * s.w(); k++) {
                    double d = xv[s.at(n, c, 0, 0) + k] - mu;
                    sq += d * d;
                }
            }
            double rho = 1 / Math.sqrt(sq / count + epsilon);
            t(mean).v[c] = (float) mu;
            t(invStd).v[c] = (float) rho;
            double g = t(gamma).v[c];
            double b = t(beta).v[c];
            for (int n = 0; n < s.n(); n++) {
                for (int k = 0; k < s.h() * s.w(); k++) {
                    int at = s.at(n, c, 0, 0) + k;
                    t(y).v[at] = (float) (g * (xv[at] - mu) * rho + b);
                }
            }
        }
    }

    /**
     * With x̂ = (x − μ)ρ and M = N·H·W: {@code dβ = Σ dy}, {@code dγ = Σ dy·x̂},
     * {@code dx = (γρ/M)·(M·dy − dβ − x̂·dγ)}.
     */
    @Override
    public void batchNormBackward(Tensor x, Tensor dy, Tensor gamma, Tensor mean, Tensor invStd, double epsilon, Tensor dx,
                                  Tensor dgamma, Tensor dbeta) {
        Shape4 s = x.shape();
        same(s, dy, "output gradient");
        same(s, dx, "input gradient");
        float[] xv = t(x).v;
        float[] g = t(dy).v;
        int hw = s.h() * s.w();
        int count = s.n() * hw;
        for (int c = 0; c < s.c(); c++) {
            double mu = t(mean).v[c];
            double rho = t(invStd).v[c];
            double db = 0;
            double dg = 0;
            for (int n = 0; n < s.n(); n++) {
                for (int k = 0; k < hw; k++) {
                    int at = s.at(n, c, 0, 0) + k;
                    db += g[at];
                    dg += g[at] * (xv[at] - mu) * rho;
                }
            }
            double scale = t(gamma).v[c] * rho / count;
            for (int n = 0; n < s.n(); n++) {
                for (int k = 0; k < hw; k++) {
                    int at = s.at(n, c, 0, 0) + k;
                    double xhat = (xv[at] - mu) * rho;
                    t(dx).v[at] = (float) (scale * (count * g[at] - db - xhat * dg));
                }
            }
            t(dgamma).v[c] = (float) dg;
            t(dbeta).v[c] = (float) db;
        }
    }

    @Override
    public void reluForward(Tensor x, Tensor y) {
        same(x.shape(), y, "ReLU output");
        float[] a = t(x).v;
        float[] b = t(y).v;
        for (int k = 0; k < a.length; k++) {
            b[k] = a[k] > 0 ? a[k] : 0f;
        }
    }

    @Override
    public void reluBackward(Tensor y, Tensor dy, Tensor dx) {
        same(y.shape(), dy, "output gradient");
        same(y.shape(), dx, "input gradient");
        for (int k = 0; k < t(y).v.length; k++) {
            t(dx).v[k] = t(y).v[k] > 0 ? t(dy).v[k] : 0f;
        }
    }

    @Override
    public void maxPoolForward(Tensor x, Window window, Tensor y) {
        Shape4 xs = x.shape();
        Shape4 ys = window.pooling(xs);
        same(ys, y, "pooling output");
        for (int n = 0; n < ys.n(); n++) {
            for (int c = 0; c < ys.c(); c++) {
                for (int i = 0; i < ys.h(); i++) {
                    for (int j = 0; j < ys.w(); j++) {
                        t(y).v[ys.at(n, c, i, j)] = t(x).v[argmax(t(x), window, n, c, i, j)];
                    }
                }
            }
        }
    }

    @Override
    public void maxPoolBackward(Tensor x, Tensor y, Tensor dy, Window window, Tensor dx) {
        Shape4 xs = x.shape();
        Shape4 ys = window.pooling(xs);
        same(ys, dy, "output gradient");
        same(xs, dx, "input gradient");
        Arrays.fill(t(dx).v, 0f);
        for (int n = 0; n < ys.n(); n++) {
            for (int c = 0; c < ys.c(); c++) {
                for (int i = 0; i < ys.h(); i++) {
                    for (int j = 0; j < ys.w(); j++) {
                        t(dx).v[argmax(t(x), window, n, c, i, j)] += t(dy).v[ys.at(n, c, i, j)];
                    }
                }
            }
        }
    }

    /** Flat index of the first maximum of window (i, j) in row-major order; padding is never chosen. */
    private static int argmax(CpuTensor x, Window window, int n, int c, int i, int j) {
        Shape4 s = x.shape;
        int best = -1;
        for (int r = 0; r < window.kernel(); r++) {
            int yi = i * window.stride() + r - window.padding();
            for (int q = 0; q < window.kernel(); q++) {
                int xj = j * window.stride() + q - window.padding();
                if (yi >= 0 && yi < s.h() && xj >= 0 && xj < s.w()) {
                    int at = s.at(n, c, yi, xj);
                    if (best < 0 || x.v[at] > x.v[best]) {
                        best = at;
                    }
                }
            }
        }
        return best;
    }

    @Override
    public void addInto(Tensor x, Tensor y) {
        same(x.shape(), y, "sum");
        for (int k = 0; k < t(x).v.length; k++) {
            t(y).v[k] += t(x).v[k];
        }
    }

    private static void store(double[] acc, float[] out) {
        for (int k = 0; k < acc.length; k++) {
            out[k] = (float) acc[k];
        }
    }

    @Override
    public String description() {
        return "CPU (plain Java, double accumulators)";
    }

    @Override
    public void close() {
        // nothing to release
    }
}
