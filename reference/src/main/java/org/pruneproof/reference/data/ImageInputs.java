package org.pruneproof.reference.data;

import org.ejml.data.DMatrixRMaj;

/**
 * Turns images into network inputs: average pooling of p×p blocks (28×28 → 7×7 for p = 4), centring by
 * a mean image, and scaling every input to unit Euclidean norm (the data assumption ‖x_i‖ = 1 of the NTK
 * analysis, docs/theory/wolfe2021.md).
 */
public final class ImageInputs {

    private ImageInputs() {
    }

    /**
     * The pooled images {@code indices} as columns of a d×m matrix, d = (rows/p)·(cols/p), pixels in
     * [0, 1], not centred.
     */
    public static DMatrixRMaj pooled(LabelledImages images, int[] indices, int pool) {
        if (pool < 1 || images.rows() % pool != 0 || images.cols() % pool != 0) {
            throw new IllegalArgumentException("pool size " + pool + " must divide the image size "
                    + images.rows() + "×" + images.cols());
        }
        int pr = images.rows() / pool;
        int pc = images.cols() / pool;
        int d = pr * pc;
        DMatrixRMaj x = new DMatrixRMaj(d, indices.length);
        double area = pool * pool;
        for (int j = 0; j < indices.length; j++) {
            int k = indices[j];
            for (int r = 0; r < pr; r++) {
                for (int c = 0; c < pc; c++) {
                    double s = 0;
                    for (int a = 0; a < pool; a++) {
                        for (int b = 0; b < pool; b++) {
                            s += images.pixel(k, r * pool + a, c * pool + b);
                        }
                    }
                    x.set(r * pc + c, j, s / area);
                }
            }
        }
        return x;
    }

    /** The mean of the columns of X (d×m). */
    public static double[] columnMean(DMatrixRMaj x) {
        double[] mean = new double[x.numRows];
        for (int i = 0; i < x.numRows; i++) {
            double s = 0;
            for (int j = 0; j < x.numCols; j++) {
                s += x.get(i, j);
            }
            mean[i] = s / x.numCols;
        }
        return mean;
    }

    /**
     * Subtracts {@code center} from every column and scales each column to unit norm, in place; a column
     * that becomes zero is left zero.
     */
    public static DMatrixRMaj centreAndNormalise(DMatrixRMaj x, double[] center) {
        if (center.length != x.numRows) {
            throw new IllegalArgumentException("centre has length " + center.length + ", expected d = " + x.numRows);
        }
        for (int j = 0; j < x.numCols; j++) {
            double norm = 0;
            for (int i = 0; i < x.numRows; i++) {
                double v = x.get(i, j) - center[i];
                x.set(i, j, v);
                norm += v * v;
            }
            norm = Math.sqrt(norm);
            if (norm > 0) {
                for (int i = 0; i < x.numRows; i++) {
                    x.set(i, j, x.get(i, j) / norm);
                }
            }
        }
        return x;
    }
}
