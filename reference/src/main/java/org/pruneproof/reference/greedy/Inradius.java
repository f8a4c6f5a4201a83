package org.pruneproof.reference.greedy;

import org.ejml.data.DMatrixRMaj;

/**
 * The exact inradius of the convex hull of the neurons around the target, for m ≤ 3 points:
 * <pre>  r = min over facets F of conv{φ_i} of the signed distance from y to the hyperplane of F,</pre>
 * positive on the side of the hull. Then r &gt; 0 iff y is interior, and B(y, r) is the largest ball
 * around y inside the hull; r ≤ 0 when y is outside or on the boundary, or when the hull has empty
 * interior in R^m (all φ_i on one hyperplane, or fewer than m + 1 points).
 *
 * <p>Facets are found exactly by brute force: a hyperplane through m of the points (a point for
 * m = 1, a line for m = 2, a plane for m = 3) supports a facet iff every point lies on one side of it
 * (up to a relative 1e-12). Cost O(N^{m+1}·m).
 *
 * <p>Geometry: distances are returned in the (1/m) geometry of {@link FeatureGeometry},
 * ‖u‖ = √((1/m)·u·u), the same as D and L; the Euclidean inradius is r·√m.
 */
public final class Inradius {

    /** The largest m handled. */
    public static final int MAX_POINTS = 3;

    private Inradius() {
    }

    /** The signed inradius r of conv{φ_i} around y, in the (1/m) geometry. */
    public static double of(DMatrixRMaj phi, double[] y) {
        int n = phi.numRows;
        int m = phi.numCols;
        FeatureGeometry.requireLength(y, m);
        if (m < 1 || m > MAX_POINTS) {
            throw new IllegalArgumentException("exact inradius needs m in [1, 3] points, got m = " + m);
        }
        double[][] p = new double[n][m];
        double scale = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                p[i][j] = phi.get(i, j);
                scale = Math.max(scale, Math.abs(p[i][j] - y[j]));
            }
        }
        if (n < m || scale == 0) {
            return 0;
        }
        double r = Double.POSITIVE_INFINITY;
        int[] idx = new int[m];
        boolean found = false;
        // enumerate the m-subsets i_0 < i_1 < … < i_{m−1}
        for (int i = 0; i < m; i++) {
            idx[i] = i;
        }
        while (true) {
            double[] normal = normal(p, idx, m);
            double len = norm(normal);
            if (len > 1e-12 * StrictMath.pow(scale, m - 1)) {
                double tol = 1e-12 * len * scale;
                boolean below = true;
                boolean above = true;
                double[] base = p[idx[0]];
                for (int k = 0; k < n && (below || above); k++) {
                    double t = dot(normal, p[k], base);
                    below &= t <= tol;
                    above &= t >= -tol;
                }
                double d = dot(normal, y, base) / len;
                if (below) {
                    r = Math.min(r, -d);
                    found = true;
                }
                if (above) {
                    r = Math.min(r, d);
                    found = true;
                }
            }
            if (!nextSubset(idx, n)) {
                break;
            }
        }
        return found ? r / Math.sqrt(m) : 0;
    }

    /** A normal of the hyperplane through the points idx (m = 1: 1; m = 2: perpendicular; m = 3: cross product). */
    private static double[] normal(double[][] p, int[] idx, int m) {
        return switch (m) {
            case 1 -> new double[] {1};
            case 2 -> new double[] {-(p[idx[1]][1] - p[idx[0]][1]), p[idx[1]][0] - p[idx[0]][0]};
            default -> {
                double[] a = p[idx[0]];
                double[] b = p[idx[1]];
                double[] c = p[idx[2]];
                double u0 = b[0] - a[0], u1 = b[1] - a[1], u2 = b[2] - a[2];
                double v0 = c[0] - a[0], v1 = c[1] - a[1], v2 = c[2] - a[2];
                yield new double[] {u1 * v2 - u2 * v1, u2 * v0 - u0 * v2, u0 * v1 - u1 * v0};
            }
        };
    }

    private static double dot(double[] normal, double[] x, double[] base) {
        double s = 0;
        for (int j = 0; j < normal.length; j++) {
            s += normal[j] * (x[j] - base[j]);
        }
        return s;
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    private static boolean nextSubset(int[] idx, int n) {
        int k = idx.length;
        for (int i = k - 1; i >= 0; i--) {
            if (idx[i] < n - k + i) {
                idx[i]++;
                for (int j = i + 1; j < k; j++) {
                    idx[j] = idx[j - 1] + 1;
                }
                return true;
            }
        }
        return false;
    }
}
