package org.pruneproof.gpu.layers;

/**
 * The shape of an NCHW tensor (batch, channels, height, width); a filter is K×C×R×S in the same order,
 * a per-channel parameter 1×C×1×1.
 */
public record Shape4(int n, int c, int h, int w) {

    public Shape4 {
        if (n < 1 || c < 1 || h < 1 || w < 1) {
            throw new IllegalArgumentException("tensor dimensions must be ≥ 1, got " + n + "×" + c + "×" + h + "×" + w);
        }
    }

    /** A per-channel parameter shape 1×C×1×1. */
    public static Shape4 channels(int c) {
        return new Shape4(1, c, 1, 1);
    }

    /** n·c·h·w. */
    public int size() {
        return Math.multiplyExact(Math.multiplyExact(n, c), Math.multiplyExact(h, w));
    }

    /** Flat C-order index of (a, b, y, x). */
    int at(int a, int b, int y, int x) {
        return ((a * c + b) * h + y) * w + x;
    }
}
