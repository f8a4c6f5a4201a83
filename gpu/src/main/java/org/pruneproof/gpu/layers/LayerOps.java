package org.pruneproof.gpu.layers;

/**
 * The per-layer operations of a forward and backward pass, float32 NCHW, on some device. With
 * {@code L} a scalar loss and {@code dz = ∂L/∂z}:
 * <ul>
 *   <li>convolution (cross-correlation, no bias): {@code y[n,k,i,j] = Σ_{c,r,s} w[k,c,r,s]·x[n,c,i·σ+r−p,j·σ+s−p]}
 *       (zero outside x); backward data {@code dx = ∂L/∂x} and filter {@code dw = ∂L/∂w} given dy;</li>
 *   <li>batch normalisation, training mode, per channel c over (n, h, w): {@code μ_c}, biased
 *       {@code σ²_c}, {@code ρ_c = 1/√(σ²_c + ε)}, {@code y = γ_c·(x − μ_c)·ρ_c + β_c}; backward gives
 *       dx, dγ, dβ from the saved μ and ρ;</li>
 *   <li>ReLU {@code y = max(x, 0)}, backward {@code dx = dy·[y > 0]};</li>
 *   <li>max pooling over a {@link Window} (padding never wins), backward routes dy to the first maximum
 *       of each window;</li>
 *   <li>residual addition {@code y ← y + x}.</li>
 * </ul>
 * Output tensors are overwritten (except by {@link #addInto}).
 */
public interface LayerOps extends AutoCloseable {

    /** A tensor on the device, as opaque to the caller as device memory. */
    interface Tensor extends AutoCloseable {
        Shape4 shape();

        @Override
        void close();
    }

    /** A tensor holding the given values (C order, length = shape size). */
    Tensor upload(Shape4 shape, float[] values);

    /** A tensor of zeros. */
    Tensor zeros(Shape4 shape);

    /** The tensor's values, C order. */
    float[] download(Tensor t);

    void convolutionForward(Tensor x, Tensor w, Window window, Tensor y);

    void convolutionBackwardData(Tensor w, Tensor dy, Window window, Tensor dx);

    void convolutionBackwardFilter(Tensor x, Tensor dy, Window window, Tensor dw);

    void batchNormForward(Tensor x, Tensor gamma, Tensor beta, double epsilon, Tensor y, Tensor mean, Tensor invStd);

    void batchNormBackward(Tensor x, Tensor dy, Tensor gamma, Tensor mean, Tensor invStd, double epsilon, Tensor dx,
                           Tensor dgamma, Tensor dbeta);

    void reluForward(Tensor x, Tensor y);

    void reluBackward(Tensor y, Tensor dy, Tensor dx);

    void maxPoolForward(Tensor x, Window window, Tensor y);

    void maxPoolBackward(Tensor x, Tensor y, Tensor dy, Window window, Tensor dx);

    /** {@code y ← y + x} (same shapes). */
    void addInto(Tensor x, Tensor y);

    /** What the device is. */
    String description();

    @Override
    void close();
}
