package org.pruneproof.reference.conv;

import java.util.Objects;

/**
 * Batch normalisation of an NCHW tensor per channel c, over the M = B·H·W entries of that channel:
 * <pre>  x̂ = (x − μ_c)/√(σ²_c + ε),   y = γ_c·x̂ + β_c.</pre>
 * In training mode μ_c and σ²_c are the batch mean and the biased batch variance
 * (1/M)·Σ (x − μ_c)²; in inference mode they are given running statistics.
 *
 * <p>Backward in training mode (μ and σ² depend on x), for G = ∂L/∂y:
 * <pre>  ∂L/∂γ_c = Σ G·x̂,   ∂L/∂β_c = Σ G,
 *   ∂L/∂x = γ_c/√(σ²_c + ε) · (G − (1/M)·Σ G − x̂·(1/M)·Σ G·x̂),</pre>
 * where the two subtracted terms are the paths through μ_c and σ²_c. In inference mode only the first
 * term remains: ∂L/∂x = γ_c/√(v_c + ε)·G.
 */
public final class BatchNorm {

    private BatchNorm() {
    }

    /**
     * A training-mode forward pass.
     *
     * @param output   y
     * @param mean     μ_c, the batch means
     * @param variance σ²_c, the biased batch variances
     */
    public record Training(Tensor4 output, double[] mean, double[] variance) {
    }

    /**
     * The gradients of the backward map.
     *
     * @param input ∂L/∂x
     * @param gamma ∂L/∂γ
     * @param beta  ∂L/∂β
     */
    public record Gradients(Tensor4 input, double[] gamma, double[] beta) {
    }

    /** Training mode: normalises with the batch statistics of x. */
    public static Training forwardTraining(Tensor4 x, double[] gamma, double[] beta, double eps) {
        check(x, gamma, beta, eps);
        double[] mean = batchMean(x);
        double[] var = batchVariance(x, mean);
        return new Training(normalise(x, mean, var, gamma, beta, eps), mean, var);
    }

    /** Inference mode: normalises with the given running mean and variance. */
    public static Tensor4 forwardInference(Tensor4 x, double[] runningMean, double[] runningVariance,
                                           double[] gamma, double[] beta, double eps) {
        check(x, gamma, beta, eps);
        requireLength(runningMean, x.channels(), "running mean");
        requireLength(runningVariance, x.channels(), "running variance");
        for (int c = 0; c < x.channels(); c++) {
            if (!(runningVariance[c] >= 0)) {
                throw new IllegalArgumentException("running variance of channel " + c + " must be ≥ 0, got " + runningVariance[c]);
            }
        }
        return normalise(x, runningMean, runningVariance, gamma, beta, eps);
    }

    /** Training-mode backward: the full gradient, through the batch mean and variance. */
    public static Gradients backwardTraining(Tensor4 x, double[] gamma, double eps, Tensor4 gradOut) {
        check(x, gamma, gamma, eps);
        x.requireSameShape(gradOut, "gradOut");
        double[] mean = batchMean(x);
        double[] var = batchVariance(x, mean);
        int m = x.batch() * x.height() * x.width();
        double[] gGamma = new double[x.channels()];
        double[] gBeta = new double[x.channels()];
        Tensor4 gx = x.zerosLike();
        for (int c = 0; c < x.channels(); c++) {
            double inv = 1 / Math.sqrt(var[c] + eps);
            for (int b = 0; b < x.batch(); b++) {
                for (int i = 0; i < x.height(); i++) {
                    for (int j = 0; j < x.width(); j++) {
                        double g = gradOut.get(b, c, i, j);
                        gBeta[c] += g;
                        gGamma[c] += g * (x.get(b, c, i, j) - mean[c]) * inv;
                    }
                }
            }
            double meanG = gBeta[c] / m;
            double meanGxhat = gGamma[c] / m;
            for (int b = 0; b < x.batch(); b++) {
                for (int i = 0; i < x.height(); i++) {
                    for (int j = 0; j < x.width(); j++) {
                        double xhat = (x.get(b, c, i, j) - mean[c]) * inv;
                        gx.set(b, c, i, j, gamma[c] * inv * (gradOut.get(b, c, i, j) - meanG - xhat * meanGxhat));
                    }
                }
            }
        }
        return new Gradients(gx, gGamma, gBeta);
    }

    /** Inference-mode backward: the statistics are constants. */
    public static Gradients backwardInference(Tensor4 x, double[] runningMean, double[] runningVariance,
                                              double[] gamma, double eps, Tensor4 gradOut) {
        check(x, gamma, gamma, eps);
        requireLength(runningMean, x.channels(), "running mean");
        requireLength(runningVariance, x.channels(), "running variance");
        x.requireSameShape(gradOut, "gradOut");
        double[] gGamma = new double[x.channels()];
        double[] gBeta = new double[x.channels()];
        Tensor4 gx = x.zerosLike();
        for (int c = 0; c < x.channels(); c++) {
            double inv = 1 / Math.sqrt(runningVariance[c] + eps);
            for (int b = 0; b < x.batch(); b++) {
                for (int i = 0; i < x.height(); i++) {
                    for (int j = 0; j < x.width(); j++) {
                        double g = gradOut.get(b, c, i, j);
                        gBeta[c] += g;
                        gGamma[c] += g * (x.get(b, c, i, j) - runningMean[c]) * inv;
                        gx.set(b, c, i, j, gamma[c] * inv * g);
                    }
                }
            }
        }
        return new Gradients(gx, gGamma, gBeta);
    }

    /**
     * The running statistics after one training step, as PyTorch updates them:
     * μ ← (1 − α)·μ + α·μ_batch, v ← (1 − α)·v + α·σ²_batch·M/(M − 1) (the unbiased variance).
     *
     * @param momentum α ∈ [0, 1]
     * @param count    M = B·H·W ≥ 2, the entries per channel of the batch
     * @return {updated mean, updated variance}
     */
    public static double[][] updateRunning(double[] runningMean, double[] runningVariance, Training batch,
                                           double momentum, int count) {
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1], got " + momentum);
        }
        if (count < 2) {
            throw new IllegalArgumentException("the unbiased variance needs at least 2 entries per channel, got " + count);
        }
        int c = batch.mean().length;
        requireLength(runningMean, c, "running mean");
        requireLength(runningVariance, c, "running variance");
        double[] mean = new double[c];
        double[] var = new double[c];
        for (int k = 0; k < c; k++) {
            mean[k] = (1 - momentum) * runningMean[k] + momentum * batch.mean()[k];
            var[k] = (1 - momentum) * runningVariance[k] + momentum * batch.variance()[k] * count / (count - 1);
        }
        return new double[][] {mean, var};
    }

    /** μ_c = (1/M)·Σ_{b,i,j} x[b, c, i, j]. */
    static double[] batchMean(Tensor4 x) {
        double[] mean = new double[x.channels()];
        int m = x.batch() * x.height() * x.width();
        for (int c = 0; c < x.channels(); c++) {
            for (int b = 0; b < x.batch(); b++) {
                for (int i = 0; i < x.height(); i++) {
                    for (int j = 0; j < x.width(); j++) {
                        mean[c] += x.get(b, c, i, j);
                    }
                }
            }
            mean[c] /= m;
        }
        return mean;
    }

    /** σ²_c = (1/M)·Σ (x − μ_c)², the biased variance. */
    static double[] batchVariance(Tensor4 x, double[] mean) {
        double[] var = new double[x.channels()];
        int m = x.batch() * x.height() * x.width();
        for (int c = 0; c < x.channels(); c++) {
            for (int b = 0; b < x.batch(); b++) {
                for (int i = 0; i < x.height(); i++) {
                    for (int j = 0; j < x.width(); j++) {
                        double d = x.get(b, c, i, j) - mean[c];
                        var[c] += d * d;
                    }
                }
            }
            var[c] /= m;
        }
        return var;
    }

    private static Tensor4 normalise(Tensor4 x, double[] mean, double[] var, double[] gamma, double[] beta, double eps) {
        Tensor4 y = x.zerosLike();
        for (int c = 0; c < x.channels(); c++) {
            double inv = 1 / Math.sqrt(var[c] + eps);
            for (int b = 0; b < x.batch(); b++) {
                for (int i = 0; i < x.height(); i++) {
                    for (int j = 0; j < x.width(); j++) {
                        y.set(b, c, i, j, gamma[c] * (x.get(b, c, i, j) - mean[c]) * inv + beta[c]);
                    }
                }
            }
        }
        return y;
    }

    private static void check(Tensor4 x, double[] gamma, double[] beta, double eps) {
        Objects.requireNonNull(x, "x");
        requireLength(gamma, x.channels(), "gamma");
        requireLength(beta, x.channels(), "beta");
        if (!(eps > 0)) {
            throw new IllegalArgumentException("eps must be > 0, got " + eps);
        }
    }

    private static void requireLength(double[] v, int channels, String what) {
        Objects.requireNonNull(v, what);
        if (v.length != channels) {
            throw new IllegalArgumentException(what + " has length " + v.length + ", expected one per channel (" + channels + ")");
        }
    }
}
