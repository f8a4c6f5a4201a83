package org.pruneproof.gpu.greedy;

/** {@code ‖φ_i‖² = Σ_j φ_ij²} in double, j in order: the sum every device uses, so that all agree bit for bit. */
final class SquaredNorms {

    private SquaredNorms() {
    }

    static double of(double[] row, int i) {
        double s = 0;
        for (double v : row) {
            s += v * v;
        }
        if (!Double.isFinite(s)) {
            throw new IllegalArgumentException("row " + i + " of the feature matrix: squared norm not finite");
        }
        return s;
    }
}
