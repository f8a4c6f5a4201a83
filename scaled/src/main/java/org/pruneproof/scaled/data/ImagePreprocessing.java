package org.pruneproof.scaled.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Every preprocessing of images into network inputs, in one place.
 *
 * <p><b>Image folders</b> (JPEG/PNG): the standard ImageNet evaluation transform: resize so that the
 * shorter side is {@code round(size·256/224)} (bilinear), centre-crop {@code size × size}, scale to
 * [0, 1] and normalise each channel with ImageNet's mean (0.485, 0.456, 0.406) and standard deviation
 * (0.229, 0.224, 0.225). Grey or indexed images are converted to RGB first.
 *
 * <p><b>Grey-scale MNIST-format images</b> (Fashion-MNIST's 28×28) meet a network of C input channels and input
 * side S so: pixels scaled to [0, 1]; when S is the image's side (a 28×28 network such as LeNet-5), the image as it
 * is; otherwise the image centred on a black square canvas 4 pixels wider than its longer side (28×28 → 32×32, 2 black
 * pixels each side, the classic LeNet/CIFAR-size padding) and, if S differs from the canvas, the canvas resized
 * bilinearly to S×S (half-pixel centres, PyTorch's {@code interpolate(mode="bilinear", align_corners=False)});
 * normalised with Fashion-MNIST's training mean 0.2860 and standard deviation 0.3530; the one plane replicated into
 * the C channels (C = 1: a grey-scale network such as LeNet-5 or LeNet-300-100 sees it once). So a 1-channel 28² network
 * takes the image as it is, a CIFAR-style network (S = 32) the padded image unscaled, and an ImageNet network
 * (S = 224) the same image enlarged 7×; no network's first convolution is changed (3 input channels see equal planes).
 */
public final class ImagePreprocessing {

    /** ImageNet channel means (R, G, B). */
    public static final double[] MEAN = {0.485, 0.456, 0.406};
    /** ImageNet channel standard deviations (R, G, B). */
    public static final double[] STD = {0.229, 0.224, 0.225};

    private ImagePreprocessing() {
    }

    /**
     * Width and height after the resize step: the shorter side becomes {@code round(size·256/224)}, the
     * longer one keeps the aspect ratio; computed in long arithmetic and clipped to {@code Integer.MAX_VALUE}, so a caller
     * can refuse an extreme aspect ratio before anything is allocated.
     */
    public static int[] resizedSize(int width, int height, int size) {
        int resize = (int) Math.round(size * 256.0 / 224.0);
        long nw;
        long nh;
        if (width <= height) {
            nw = resize;
            nh = Math.max(resize, Math.round((double) height * resize / width));
        } else {
            nh = resize;
            nw = Math.max(resize, Math.round((double) width * resize / height));
        }
        return new int[] {(int) Math.min(nw, Integer.MAX_VALUE), (int) Math.min(nh, Integer.MAX_VALUE)};
    }

    /** Writes the preprocessed image, CHW, into {@code out} starting at {@code offset} (3·size² values). */
    public static void toNormalisedChw(BufferedImage image, int size, double[] out, int offset) {
        int[] resized = resizedSize(image.getWidth(), image.getHeight(), size);
        int nw = resized[0];
        int nh = resized[1];
        BufferedImage rgb = new BufferedImage(nw, nh, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, nw, nh, null);
        } finally {
            g.dispose();
        }
        int x0 = (nw - size) / 2;
        int y0 = (nh - size) / 2;
        int plane = size * size;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int p = rgb.getRGB(x0 + x, y0 + y);
                int[] c = {(p >> 16) & 0xff, (p >> 8) & 0xff, p & 0xff};
                for (int ch = 0; ch < 3; ch++) {
                    out[offset + ch * plane + y * size + x] = (c[ch] / 255.0 - MEAN[ch]) / STD[ch];
                }
            }
        }
    }

    /** Fashion-MNIST's training-set pixel mean (in [0, 1]). */
    public static final double GRAY_MEAN = 0.2860;
    /** Fashion-MNIST's training-set pixel standard deviation. */
    public static final double GRAY_STD = 0.3530;
    /** Black pixels added on each side of a grey-scale image's longer side before resizing. */
    public static final int GRAY_PADDING = 2;

    /**
     * Writes a grey-scale image (row-major unsigned bytes, {@code rows × cols}) as a normalised {@code channels}-channel
     * {@code size × size} CHW image into {@code out} at {@code offset} (see the class comment).
     */
    public static void grayscaleToChw(byte[] pixels, int rows, int cols, int channels, int size, float[] out, int offset) {
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be ≥ 1, got " + channels);
        }
        boolean asIs = rows == cols && rows == size;
        int canvas = asIs ? size : Math.max(rows, cols) + 2 * GRAY_PADDING;
        double[] c = new double[canvas * canvas];
        int r0 = (canvas - rows) / 2;
        int c0 = (canvas - cols) / 2;
        for (int r = 0; r < rows; r++) {
            for (int x = 0; x < cols; x++) {
                c[(r0 + r) * canvas + c0 + x] = (pixels[r * cols + x] & 0xff) / 255.0;
            }
        }
        double[] img = canvas == size ? c : bilinear(c, canvas, size);
        int plane = size * size;
        for (int k = 0; k < plane; k++) {
            float v = (float) ((img[k] - GRAY_MEAN) / GRAY_STD);
            for (int ch = 0; ch < channels; ch++) {
                out[offset + ch * plane + k] = v;
            }
        }
    }

    /** Bilinear resize of a square n×n image to m×m with half-pixel centres (align_corners = False). */
    static double[] bilinear(double[] in, int n, int m) {
        double scale = (double) n / m;
        int[] i0 = new int[m];
        int[] i1 = new int[m];
        double[] w = new double[m];
        for (int d = 0; d < m; d++) {
            double src = Math.max(0, (d + 0.5) * scale - 0.5);
            i0[d] = Math.min((int) Math.floor(src), n - 1);
            i1[d] = Math.min(i0[d] + 1, n - 1);
            w[d] = src - i0[d];
        }
        double[] out = new double[m * m];
        for (int y = 0; y < m; y++) {
            for (int x = 0; x < m; x++) {
                double top = in[i0[y] * n + i0[x]] * (1 - w[x]) + in[i0[y] * n + i1[x]] * w[x];
                double bottom = in[i1[y] * n + i0[x]] * (1 - w[x]) + in[i1[y] * n + i1[x]] * w[x];
                out[y * m + x] = top * (1 - w[y]) + bottom * w[y];
            }
        }
        return out;
    }
}
