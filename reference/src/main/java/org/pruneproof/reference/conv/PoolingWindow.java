package org.pruneproof.reference.conv;

/**
 * The window of a pooling layer: kernel k, stride s and padding p per axis. Output size along an axis
 * of input size n: {@code ⌊(n + 2p − k)/s⌋ + 1}; the padding may be at most half the kernel (as in
 * PyTorch), so every window overlaps the input.
 */
public record PoolingWindow(int kernelH, int kernelW, int strideH, int strideW, int padH, int padW) {

    public PoolingWindow {
        if (kernelH < 1 || kernelW < 1 || strideH < 1 || strideW < 1) {
            throw new IllegalArgumentException("pooling kernel and stride must be ≥ 1, got kernel (" + kernelH + ", "
                    + kernelW + "), stride (" + strideH + ", " + strideW + ")");
        }
        if (padH < 0 || padW < 0 || 2 * padH > kernelH || 2 * padW > kernelW) {
            throw new IllegalArgumentException("pooling padding must be in [0, kernel/2], got (" + padH + ", " + padW + ")");
        }
    }

    /** A square window of size k, stride s, padding p. */
    public static PoolingWindow of(int k, int s, int p) {
        return new PoolingWindow(k, k, s, s, p, p);
    }

    /** A zero output tensor for input x: [B, C, out height, out width]. */
    Tensor4 output(Tensor4 x) {
        return Tensor4.zeros(x.batch(), x.channels(), outputHeight(x.height()), outputWidth(x.width()));
    }

    /** Throws unless {@code gradOut} has the shape of the output for input x. */
    void requireOutputShape(Tensor4 x, Tensor4 gradOut) {
        output(x).requireSameShape(gradOut, "gradOut");
    }

    int outputHeight(int n) {
        return ConvolutionGeometry.outputSize(n, kernelH, strideH, padH, 1, "height");
    }

    int outputWidth(int n) {
        return ConvolutionGeometry.outputSize(n, kernelW, strideW, padW, 1, "width");
    }
}
