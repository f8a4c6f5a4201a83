package org.pruneproof.gpu.greedy;

/** Preconditions on the shapes of greedy inputs. */
final class Shapes {

    private Shapes() {
    }

    /** Φ has N ≥ 1 rows of one length m ≥ 1 and finite entries. */
    static void requireMatrix(double[][] phi) {
        if (phi.length < 1 || phi[0].length < 1) {
            throw new IllegalArgumentException("feature matrix must be N×m with N, m ≥ 1");
        }
        int m = phi[0].length;
        for (int i = 0; i < phi.length; i++) {
            if (phi[i].length != m) {
                throw new IllegalArgumentException("row " + i + " has length " + phi[i].length + ", expected m = " + m);
            }
            for (int j = 0; j < m; j++) {
                if (!Double.isFinite(phi[i][j])) {
                    throw new IllegalArgumentException("feature matrix entry (" + i + ", " + j + ") is not finite");
                }
            }
        }
    }

    static void requireLength(double[] v, int length, String what) {
        if (v.length != length) {
            throw new IllegalArgumentException(what + " has length " + v.length + ", expected " + length);
        }
    }
}
