package org.pruneproof.verification.api;

/**
 * Ordinary least squares {@code y ≈ intercept + slope·x} and its coefficient of determination R², for
 * the statistical claims (fitted slopes over seeds).
 *
 * @param slope     b
 * @param intercept a
 * @param rSquared  1 − SS_res/SS_tot (1 when every y is equal and fitted exactly)
 */
public record LinearFit(double slope, double intercept, double rSquared) {

    /** Fits y on x (at least two distinct x). */
    public static LinearFit of(double[] x, double[] y) {
        if (x.length != y.length || x.length < 2) {
            throw new IllegalArgumentException("need at least two (x, y) pairs of equal length, got "
                    + x.length + " and " + y.length);
        }
        int n = x.length;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
            syy += (y[i] - my) * (y[i] - my);
        }
        if (sxx == 0) {
            throw new IllegalArgumentException("all x are equal: no slope");
        }
        double slope = sxy / sxx;
        double intercept = my - slope * mx;
        double ssRes = 0;
        for (int i = 0; i < n; i++) {
            double e = y[i] - intercept - slope * x[i];
            ssRes += e * e;
        }
        return new LinearFit(slope, intercept, syy == 0 ? 1 : 1 - ssRes / syy);
    }

    /** Fits ln y on ln x (a power law y ∝ x^slope); every value must be positive. */
    public static LinearFit logLog(double[] x, double[] y) {
        double[] lx = new double[x.length];
        double[] ly = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            if (!(x[i] > 0) || !(y[i] > 0)) {
                throw new IllegalArgumentException("log–log fit needs positive values, got (" + x[i] + ", " + y[i] + ")");
            }
            lx[i] = Math.log(x[i]);
        }
        for (int i = 0; i < y.length; i++) {
            ly[i] = Math.log(y[i]);
        }
        return of(lx, ly);
    }

    /** The fitted value at x. */
    public double at(double x) {
        return intercept + slope * x;
    }
}
