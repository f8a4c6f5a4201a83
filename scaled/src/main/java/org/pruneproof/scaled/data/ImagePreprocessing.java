package org.pruneproof.scaled.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * The standard ImageNet evaluation transform: resize so that the shorter side is
 * {@code round(size·256/224)} (bilinear), centre-crop {@code size × size}, scale to [0, 1] and
 * normalise each channel with ImageNet's mean (0.485, 0.456, 0.406) and standard deviation
 * (0.229, 0.224, 0.225). Grey or indexed images are converted to RGB first.
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
}
