package org.pruneproof.verification.api;

import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * Ordinary least squares {@code y ≈ intercept + slope·x} and its coefficient of determination R², for
 * the statistical claims (fitted slopes over seeds).
 *
 * @param slope     b
 * @param intercept a
 * @param rSquared  1 − SS_res/SS_tot (1 when every y is equal and fitted exactly)
 */
public record LinearFit(double slope, double intercept, double rSquared) {

    /** Fits y on x (at least two pairs, not all x equal), by commons-math3's {@link SimpleRegression}. */
    public static LinearFit of(double[] x, double[] y) {
        if (x.length != y.length || x.length < 2) {
            throw new IllegalArgumentException("need at least two (x, y) pairs of equal length, got "
                    + x.length + " and " + y.length);
        }
        SimpleRegression reg = new SimpleRegression();
        for (int i = 0; i < x.length; i++) {
            reg.addData(x[i], y[i]);
        }
        if (reg.getXSumSquares() == 0) {
            throw new IllegalArgumentException("all x are equal: no slope");
        }
        double ssTotal = reg.getTotalSumSquares();
        return new LinearFit(reg.getSlope(), reg.getIntercept(), ssTotal == 0 ? 1 : reg.getRSquare());
    }

    /** Fits y on x over the indices [from, to] of the arrays. */
    public static LinearFit of(double[] x, double[] y, int from, int to) {
        return of(java.util.Arrays.copyOfRange(x, from, to + 1), java.util.Arrays.copyOfRange(y, from, to + 1));
    }

    /** Fits ln y on ln x (a power law y ∝ x^slope); every value must be positive. */
    public static LinearFit logLog(double[] x, double[] y) {
        double[] lx = new double[x.length];
        double[] ly = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            if (!(x[i] > 0) || !(y[i] > 0)) {
                throw new IllegalArgumentException("log–log fit needs positive values, got (" + x[i] + ", " + y[i] + ")");
            }
            lx[i] = StrictMath.log(x[i]);
        }
        for (int i = 0; i < y.length; i++) {
            ly[i] = StrictMath.log(y[i]);
        }
        return of(lx, ly);
    }

    /** The fitted value at x. */
    public double at(double x) {
        return intercept + slope * x;
    }
}
