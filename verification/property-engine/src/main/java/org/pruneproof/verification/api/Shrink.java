package org.pruneproof.verification.api;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** Building blocks for shrinkers: removing rows and columns, and simplifying numbers. */
public final class Shrink {

    private Shrink() {
    }

    /**
     * Simpler doubles than {@code x}, simplest first: 0, the nearest integer, one decimal, and x/2,
     * each only if different from x. An integer shrinks towards 0 by halving.
     */
    public static List<Double> simplerDoubles(double x) {
        List<Double> out = new ArrayList<>(4);
        if (x == 0 || !Double.isFinite(x)) {
            return out;
        }
        addIfSimpler(out, x, 0.0);
        addIfSimpler(out, x, (double) Math.round(x));
        addIfSimpler(out, x, Math.round(x * 10) / 10.0);
        if (x == Math.rint(x) && Math.abs(x) >= 2) {
            addIfSimpler(out, x, Math.rint(x / 2));
        }
        return out;
    }

    private static void addIfSimpler(List<Double> out, double x, double c) {
        if (c != x && !out.contains(c) && complexity(c) < complexity(x)) {
            out.add(c);
        }
    }

    /**
     * A rough measure of how complicated a number is to read: integers beat decimals, short decimals
     * beat long ones, small magnitudes beat large.
     */
    public static double complexity(double x) {
        if (x == 0) {
            return 0;
        }
        double a = Math.abs(x);
        int decimals = 0;
        double v = a;
        while (decimals < 17 && Math.abs(v - Math.rint(v)) > 1e-12 * Math.max(1, v)) {
            v *= 10;
            decimals++;
        }
        return decimals * 100 + StrictMath.log1p(a);
    }

    /** Copies of {@code a} with one row removed, for each row (only when more than {@code minRows} remain). */
    public static Stream<double[][]> removeRows(double[][] a, int minRows) {
        if (a.length <= minRows) {
            return Stream.empty();
        }
        return IntStream.range(0, a.length).mapToObj(i -> removeRow(a, i));
    }

    /** {@code a} without row i. */
    public static double[][] removeRow(double[][] a, int i) {
        double[][] out = new double[a.length - 1][];
        for (int k = 0, o = 0; k < a.length; k++) {
            if (k != i) {
                out[o++] = a[k].clone();
            }
        }
        return out;
    }

    /** {@code a} without column j. */
    public static double[][] removeColumn(double[][] a, int j) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = removeIndex(a[i], j);
        }
        return out;
    }

    /** {@code v} without entry j. */
    public static double[] removeIndex(double[] v, int j) {
        double[] out = new double[v.length - 1];
        for (int k = 0, o = 0; k < v.length; k++) {
            if (k != j) {
                out[o++] = v[k];
            }
        }
        return out;
    }

    /** Deep copy of a matrix. */
    public static double[][] copy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }
}
