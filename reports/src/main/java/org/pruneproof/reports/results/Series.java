package org.pruneproof.reports.results;

import java.util.Objects;

/**
 * A named x/y series for a plot. Series with the same {@code plot} are drawn on one set of axes.
 *
 * @param plot   name of the plot this series belongs to (e.g. "L_n against n")
 * @param name   legend entry (e.g. "greedy", "bound V/n")
 * @param role   {@code measured}, {@code bound}, {@code fit}, {@code reference}, {@link #PAPER} (the paper's or the
 *               authors' own series, drawn beside ours in the report's Reproduction section), or {@link #EXPERIMENTS}: one
 *               point per experiment, which the engine pools over all the claim's checked experiments (drawn as a scatter)
 * @param xLabel x axis label
 * @param yLabel y axis label
 * @param logX   whether the x axis is logarithmic
 * @param logY   whether the y axis is logarithmic
 * @param x      abscissae
 * @param y      ordinates, same length as x
 */
public record Series(String plot, String name, String role, String xLabel, String yLabel,
                     boolean logX, boolean logY, double[] x, double[] y) {

    /** The role of a series whose points the engine pools over all checked experiments of a claim. */
    public static final String EXPERIMENTS = "experiments";
    /** The role of a series read from the paper or the authors' figure (not measured by this run). */
    public static final String PAPER = "paper";

    public Series {
        Objects.requireNonNull(plot, "plot");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        if (x.length != y.length) {
            throw new IllegalArgumentException("series '" + name + "': x has " + x.length
                    + " values but y has " + y.length);
        }
    }

    /** A measured series on linear axes. */
    public static Series measured(String plot, String name, String xLabel, String yLabel, double[] x, double[] y) {
        return new Series(plot, name, "measured", xLabel, yLabel, false, false, x, y);
    }

    /** The same series on log–log axes. */
    public Series logLog() {
        return new Series(plot, name, role, xLabel, yLabel, true, true, x, y);
    }

    /** This series with the points of {@code more} appended (same plot and name). */
    public Series append(Series more) {
        double[] nx = java.util.Arrays.copyOf(x, x.length + more.x.length);
        double[] ny = java.util.Arrays.copyOf(y, y.length + more.y.length);
        System.arraycopy(more.x, 0, nx, x.length, more.x.length);
        System.arraycopy(more.y, 0, ny, y.length, more.y.length);
        return new Series(plot, name, role, xLabel, yLabel, logX, logY, nx, ny);
    }

    /** The same series with another role ({@code bound}, {@code fit}, {@code reference}). */
    public Series withRole(String newRole) {
        return new Series(plot, name, newRole, xLabel, yLabel, logX, logY, x, y);
    }
}
