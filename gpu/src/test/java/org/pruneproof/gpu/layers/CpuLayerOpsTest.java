package org.pruneproof.gpu.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.pruneproof.gpu.layers.LayerOps.Tensor;

/**
 * The CPU layer operations from their definitions: a convolution worked by hand, the adjoint identities
 * {@code ⟨conv(x, w), g⟩ = ⟨x, backwardData(w, g)⟩ = ⟨w, backwardFilter(x, g)⟩}, and central finite
 * differences of {@code L = ⟨f(x), g⟩} for batch normalisation, ReLU and max pooling.
 */
class CpuLayerOpsTest {

    private final CpuLayerOps ops = new CpuLayerOps();

    private static float[] gaussian(SplittableRandom r, int n) {
        float[] v = new float[n];
        for (int k = 0; k < n; k++) {
            v[k] = (float) r.nextGaussian();
        }
        return v;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += (double) a[k] * b[k];
        }
        return s;
    }

    @Test
    void aConvolutionWorkedByHand() {
        // x = [[1,2,3],[4,5,6],[7,8,9]], w = [[1,0],[0,-1]], stride 1, padding 0: y = x[i][j] − x[i+1][j+1]
        Tensor x = ops.upload(new Shape4(1, 1, 3, 3), new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        Tensor w = ops.upload(new Shape4(1, 1, 2, 2), new float[] {1, 0, 0, -1});
        Tensor y = ops.zeros(new Shape4(1, 1, 2, 2));
        ops.convolutionForward(x, w, new Window(2, 1, 0), y);
        assertArrayEquals(new float[] {-4, -4, -4, -4}, ops.download(y));
        // padding 1, stride 2: outputs at (−1,−1), (−1,1), (1,−1), (1,1) of the padded grid
        Tensor y2 = ops.zeros(new Shape4(1, 1, 2, 2));
        ops.convolutionForward(x, w, new Window(2, 2, 1), y2);
        assertArrayEquals(new float[] {-1, -3, -7, 5 - 9}, ops.download(y2));
    }

    @Test
    void convolutionBackwardPassesAreTheForwardPassesAdjoints() {
        SplittableRandom r = new SplittableRandom(11);
        for (int trial = 0; trial < 12; trial++) {
            int k = 1 + r.nextInt(3);
            Window win = new Window(k, 1 + r.nextInt(2), r.nextInt(k));
            Shape4 xs = new Shape4(1 + r.nextInt(2), 1 + r.nextInt(3), k + r.nextInt(5), k + r.nextInt(5));
            Shape4 ws = new Shape4(1 + r.nextInt(3), xs.c(), k, k);
            Shape4 ys = win.convolution(xs, ws);
            float[] xv = gaussian(r, xs.size());
            float[] wv = gaussian(r, ws.size());
            float[] gv = gaussian(r, ys.size());
            Tensor x = ops.upload(xs, xv);
            Tensor w = ops.upload(ws, wv);
            Tensor g = ops.upload(ys, gv);
            Tensor y = ops.zeros(ys);
            Tensor dx = ops.zeros(xs);
            Tensor dw = ops.zeros(ws);
            ops.convolutionForward(x, w, win, y);
            ops.convolutionBackwardData(w, g, win, dx);
            ops.convolutionBackwardFilter(x, g, win, dw);
            double lhs = dot(ops.download(y), gv);
            double scale = 1e-5 * (1 + Math.abs(lhs)) * Math.sqrt(ys.size() * ws.size());
            assertEquals(lhs, dot(xv, ops.download(dx)), scale, "trial " + trial + " data");
            assertEquals(lhs, dot(wv, ops.download(dw)), scale, "trial " + trial + " filter");
        }
    }

    /**
     * Central differences of L(x) = ⟨f(x), g⟩ with step h at a few coordinates against the analytic
     * gradient. For the piecewise-linear ReLU and max pooling h is small (1e-4), so that a kink or a
     * change of maximum within ±h of a Gaussian coordinate is unlikely; their outputs are copies of
     * inputs, so the differences carry no rounding beyond the sum.
     */
    private void assertGradient(float[] xv, float[] analytic, Function<float[], float[]> f, float[] g, float h, double tolerance) {
        SplittableRandom r = new SplittableRandom(5);
        for (int t = 0; t < 8; t++) {
            int k = r.nextInt(xv.length);
            float[] plus = xv.clone();
            float[] minus = xv.clone();
            plus[k] += h;
            minus[k] -= h;
            double numeric = (dot(f.apply(plus), g) - dot(f.apply(minus), g)) / (plus[k] - minus[k]);
            assertEquals(numeric, analytic[k], tolerance * (1 + Math.abs(numeric)), "coordinate " + k);
        }
    }

    @Test
    void batchNormalisationBackwardIsTheGradientOfItsForwardPass() {
        SplittableRandom r = new SplittableRandom(12);
        Shape4 s = new Shape4(3, 2, 2, 3);
        Shape4 p = Shape4.channels(2);
        float[] xv = gaussian(r, s.size());
        float[] gamma = {1.5f, -0.7f};
        float[] beta = {0.2f, 0.1f};
        float[] g = gaussian(r, s.size());
        double eps = 1e-5;
        Function<float[], float[]> forward = v -> {
            Tensor y = ops.zeros(s);
            ops.batchNormForward(ops.upload(s, v), ops.upload(p, gamma), ops.upload(p, beta), eps, y, ops.zeros(p), ops.zeros(p));
            return ops.download(y);
        };
        Tensor x = ops.upload(s, xv);
        Tensor mean = ops.zeros(p);
        Tensor inv = ops.zeros(p);
        Tensor y = ops.zeros(s);
        ops.batchNormForward(x, ops.upload(p, gamma), ops.upload(p, beta), eps, y, mean, inv);
        // per channel the normalised output has mean β and standard deviation |γ| (up to ε)
        float[] yv = ops.download(y);
        for (int c = 0; c < 2; c++) {
            double m = 0;
            double q = 0;
            for (int n = 0; n < 3; n++) {
                for (int k = 0; k < 6; k++) {
                    double v = yv[s.at(n, c, 0, 0) + k];
                    m += v / 18;
                    q += v * v / 18;
                }
            }
            assertEquals(beta[c], m, 1e-5);
            assertEquals(gamma[c] * gamma[c], q - m * m, 1e-3);
        }
        Tensor dx = ops.zeros(s);
        Tensor dgamma = ops.zeros(p);
        Tensor dbeta = ops.zeros(p);
        ops.batchNormBackward(x, ops.upload(s, g), ops.upload(p, gamma), mean, inv, eps, dx, dgamma, dbeta);
        assertGradient(xv, ops.download(dx), forward, g, 1e-2f, 2e-3);
        // dβ_c = Σ g over the channel
        double sum0 = 0;
        for (int n = 0; n < 3; n++) {
            for (int k = 0; k < 6; k++) {
                sum0 += g[s.at(n, 0, 0, 0) + k];
            }
        }
        assertEquals(sum0, ops.download(dbeta)[0], 1e-5);
    }

    @Test
    void reluAndMaxPoolingBackwardAreTheGradientsOfTheirForwardPasses() {
        SplittableRandom r = new SplittableRandom(13);
        Shape4 s = new Shape4(2, 2, 5, 5);
        Window win = new Window(3, 2, 1);
        Shape4 ps = win.pooling(s);
        float[] xv = gaussian(r, s.size());
        float[] g = gaussian(r, ps.size());
        Function<float[], float[]> pool = v -> {
            Tensor y = ops.zeros(ps);
            ops.maxPoolForward(ops.upload(s, v), win, y);
            return ops.download(y);
        };
        Tensor x = ops.upload(s, xv);
        Tensor y = ops.zeros(ps);
        ops.maxPoolForward(x, win, y);
        Tensor dx = ops.zeros(s);
        ops.maxPoolBackward(x, y, ops.upload(ps, g), win, dx);
        assertGradient(xv, ops.download(dx), pool, g, 1e-4f, 1e-3);

        float[] g2 = gaussian(r, s.size());
        Function<float[], float[]> relu = v -> {
            Tensor out = ops.zeros(s);
            ops.reluForward(ops.upload(s, v), out);
            return ops.download(out);
        };
        Tensor ry = ops.zeros(s);
        ops.reluForward(x, ry);
        Tensor rdx = ops.zeros(s);
        ops.reluBackward(ry, ops.upload(s, g2), rdx);
        assertGradient(xv, ops.download(rdx), relu, g2, 1e-4f, 1e-3);
    }

    @Test
    void mismatchedShapesAreRefusedNamingBoth() {
        Tensor x = ops.zeros(new Shape4(1, 2, 4, 4));
        Tensor w = ops.zeros(new Shape4(3, 2, 3, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ops.convolutionForward(x, w, new Window(3, 1, 1), ops.zeros(new Shape4(1, 3, 3, 3))));
        assertTrue(e.getMessage().contains("expected Shape4[n=1, c=3, h=4, w=4]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Window(2, 1, 0).pooling(new Shape4(1, 1, 1, 1)));
        assertThrows(IllegalArgumentException.class, () -> new Window(3, 1, 2).pooling(new Shape4(1, 1, 5, 5)));
    }
}
