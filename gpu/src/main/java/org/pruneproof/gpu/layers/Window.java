package org.pruneproof.gpu.layers;

/**
 * A square sliding window: kernel size (pooling only; a convolution takes its size from the filter),
 * stride and symmetric zero padding. Output size {@code ⌊(H + 2p − k)/s⌋ + 1}.
 */
public record Window(int kernel, int stride, int padding) {

    public Window {
        if (kernel < 1 || stride < 1 || padding < 0) {
            throw new IllegalArgumentException("window needs kernel ≥ 1, stride ≥ 1, padding ≥ 0, got " + kernel + ", "
                    + stride + ", " + padding);
        }
    }

    /** Output length for an input length and kernel size k. */
    int out(int length, int k) {
        int o = (length + 2 * padding - k) / stride + 1;
        if (o < 1 || length + 2 * padding < k) {
            throw new IllegalArgumentException("window " + k + " (stride " + stride + ", padding " + padding
                    + ") does not fit an input of length " + length);
        }
        return o;
    }

    /** The output shape of a convolution of x with a K×C×R×S filter. */
    public Shape4 convolution(Shape4 x, Shape4 filter) {
        if (filter.c() != x.c()) {
            throw new IllegalArgumentException("filter has " + filter.c() + " input channels, input has " + x.c());
        }
        return new Shape4(x.n(), filter.n(), out(x.h(), filter.h()), out(x.w(), filter.w()));
    }

    /** The output shape of pooling x with this window (padding at most half the kernel, as in PyTorch). */
    public Shape4 pooling(Shape4 x) {
        if (2 * padding > kernel) {
            throw new IllegalArgumentException("pooling padding must be at most half the kernel, got padding " + padding
                    + " for kernel " + kernel);
        }
        return new Shape4(x.n(), x.c(), out(x.h(), kernel), out(x.w(), kernel));
    }
}
