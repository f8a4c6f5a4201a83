package org.pruneproof.reference.data;

/**
 * Grey-scale images with class labels, as stored in MNIST-format (IDX) files.
 *
 * @param pixels one row of rows·cols bytes (0 … 255, unsigned) per image
 * @param labels one label (0 … 255) per image
 * @param rows   image height
 * @param cols   image width
 */
public record LabelledImages(byte[][] pixels, int[] labels, int rows, int cols) {

    public LabelledImages {
        if (pixels.length != labels.length) {
            throw new IllegalArgumentException(pixels.length + " images but " + labels.length + " labels");
        }
    }

    /** Number of images. */
    public int size() {
        return labels.length;
    }

    /** Pixel (r, c) of image k, in [0, 1]. */
    public double pixel(int k, int r, int c) {
        return (pixels[k][r * cols + c] & 0xff) / 255.0;
    }
}
