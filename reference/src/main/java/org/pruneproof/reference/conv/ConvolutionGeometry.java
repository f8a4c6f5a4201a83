package org.pruneproof.reference.conv;

/**
 * Stride s, zero padding p, dilation d (per axis) and group count g of a convolution. Along an axis of
 * input size n and kernel size k the output size is {@code ⌊(n + 2p − d·(k − 1) − 1)/s⌋ + 1}.
 *
 * @param strideH   s_h ≥ 1
 * @param strideW   s_w ≥ 1
 * @param padH      p_h ≥ 0 rows of zeros above and below
 * @param padW      p_w ≥ 0 columns of zeros left and right
 * @param dilationH d_h ≥ 1
 * @param dilationW d_w ≥ 1
 * @param groups    g ≥ 1; input and output channels are split into g groups, output group k sees
 *                  input group k only (g = C_in = C_out: depthwise)
 */
public record ConvolutionGeometry(int strideH, int strideW, int padH, int padW, int dilationH, int dilationW, int groups) {

    public ConvolutionGeometry {
        if (strideH < 1 || strideW < 1) {
            throw new IllegalArgumentException("stride must be ≥ 1, got (" + strideH + ", " + strideW + ")");
        }
        if (padH < 0 || padW < 0) {
            throw new IllegalArgumentException("padding must be ≥ 0, got (" + padH + ", " + padW + ")");
        }
        if (dilationH < 1 || dilationW < 1) {
            throw new IllegalArgumentException("dilation must be ≥ 1, got (" + dilationH + ", " + dilationW + ")");
        }
        if (groups < 1) {
            throw new IllegalArgumentException("groups must be ≥ 1, got " + groups);
        }
    }

    /** Square stride and padding, no dilation, one group. */
    public static ConvolutionGeometry of(int stride, int pad) {
        return new ConvolutionGeometry(stride, stride, pad, pad, 1, 1, 1);
    }

    /** This geometry with g groups. */
    public ConvolutionGeometry withGroups(int g) {
        return new ConvolutionGeometry(strideH, strideW, padH, padW, dilationH, dilationW, g);
    }

    /** This geometry with dilation d on both axes. */
    public ConvolutionGeometry withDilation(int d) {
        return new ConvolutionGeometry(strideH, strideW, padH, padW, d, d, groups);
    }

    /** Output height for input height n and kernel height k. */
    public int outputHeight(int n, int k) {
        return outputSize(n, k, strideH, padH, dilationH, "height");
    }

    /** Output width for input width n and kernel width k. */
    public int outputWidth(int n, int k) {
        return outputSize(n, k, strideW, padW, dilationW, "width");
    }

    static int outputSize(int n, int k, int s, int p, int d, String axis) {
        int span = n + 2 * p - d * (k - 1) - 1;
        if (span < 0) {
            throw new IllegalArgumentException("kernel " + axis + " " + k + " (dilation " + d + ") does not fit input "
                    + axis + " " + n + " with padding " + p);
        }
        return span / s + 1;
    }
}
