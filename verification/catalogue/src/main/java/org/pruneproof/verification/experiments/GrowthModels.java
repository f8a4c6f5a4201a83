package org.pruneproof.verification.experiments;

import org.pruneproof.verification.api.LinearFit;

/**
 * Logarithmic against power-law growth of y in m, by least squares and Akaike's information criterion for Gaussian
 * errors, {@code AIC = k·2 + n·ln(RSS/n)}: the logarithmic model {@code y ≈ a + b·ln m} (k = 2) and the power law
 * {@code y ≈ a + b·m^α} (k = 3, α on a grid over [{@value #ALPHA_MIN}, {@value #ALPHA_MAX}], a and b by least squares
 * for each α). α is bounded below so that the power law is a genuine alternative: as α → 0, a + b·m^α tends to the
 * logarithmic model and could never lose by more than its extra parameter.
 *
 * @param logFit     the logarithmic fit (slope b, intercept a, R²)
 * @param logAic     its AIC
 * @param alpha      the best exponent α
 * @param powerFit   the power-law fit at α (slope b against m^α)
 * @param powerAic   its AIC
 * @param points     n
 */
public record GrowthModels(LinearFit logFit, double logAic, double alpha, LinearFit powerFit, double powerAic, int points) {

    public static final double ALPHA_MIN = 0.2;
    public static final double ALPHA_MAX = 2.0;
    private static final double ALPHA_STEP = 0.01;
    /** A floor on RSS/n so that an exact fit does not give −∞. */
    private static final double RSS_FLOOR = 1e-12;

    /** Fits both models to the points (m_i, y_i), m_i > 0, at least 4 points. */
    public static GrowthModels fit(double[] m, double[] y) {
        if (m.length != y.length || m.length < 4) {
            throw new IllegalArgumentException("need at least 4 points (m, y) of equal count, got " + m.length + " and " + y.length);
        }
        double[] lnM = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            if (!(m[i] > 0)) {
                throw new IllegalArgumentException("m must be > 0, got " + m[i]);
            }
            lnM[i] = StrictMath.log(m[i]);
        }
        LinearFit log = LinearFit.of(lnM, y);
        double logAic = aic(rss(log, lnM, y), m.length, 2);
        double bestAlpha = Double.NaN;
        LinearFit best = null;
        double bestRss = Double.POSITIVE_INFINITY;
        int steps = (int) Math.round((ALPHA_MAX - ALPHA_MIN) / ALPHA_STEP);
        for (int k = 0; k <= steps; k++) {
            double alpha = ALPHA_MIN + k * ALPHA_STEP;
            double[] p = new double[m.length];
            for (int i = 0; i < m.length; i++) {
                p[i] = StrictMath.pow(m[i], alpha);
            }
            LinearFit f = LinearFit.of(p, y);
            double r = rss(f, p, y);
            if (r < bestRss) {
                bestRss = r;
                best = f;
                bestAlpha = alpha;
            }
        }
        return new GrowthModels(log, logAic, bestAlpha, best, aic(bestRss, m.length, 3), m.length);
    }

    /** AIC(power) − AIC(log): positive when the data prefer the logarithmic model. */
    public double logAdvantage() {
        return powerAic - logAic;
    }

    /** The power law's prediction at m. */
    public double powerAt(double m) {
        return powerFit.at(StrictMath.pow(m, alpha));
    }

    /** The logarithmic model's prediction at m. */
    public double logAt(double m) {
        return logFit.at(StrictMath.log(m));
    }

    private static double rss(LinearFit f, double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double d = y[i] - f.at(x[i]);
            s += d * d;
        }
        return s;
    }

    private static double aic(double rss, int n, int k) {
        return 2 * k + n * StrictMath.log(Math.max(rss / n, RSS_FLOOR));
    }
}
