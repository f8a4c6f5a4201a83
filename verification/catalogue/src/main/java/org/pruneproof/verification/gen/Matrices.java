package org.pruneproof.verification.gen;

import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.pruneproof.verification.api.Shrink;

/** Small helpers on plain double[][] instance values. */
final class Matrices {

    private Matrices() {
    }

    static void requireRectangular(double[][] a, String name) {
        if (a == null || a.length == 0 || a[0] == null || a[0].length == 0) {
            throw new IllegalArgumentException(name + " must be a non-empty matrix");
        }
        for (double[] row : a) {
            if (row.length != a[0].length) {
                throw new IllegalArgumentException(name + " has rows of different lengths");
            }
        }
    }

    /** Copies of {@code a} with one entry replaced by a simpler number. */
    static Stream<double[][]> simplerEntries(double[][] a) {
        return IntStream.range(0, a.length).boxed().flatMap(i -> IntStream.range(0, a[i].length).boxed()
                .flatMap(j -> Shrink.simplerDoubles(a[i][j]).stream().map(c -> {
                    double[][] b = Shrink.copy(a);
                    b[i][j] = c;
                    return b;
                })));
    }

    /** Copies of {@code v} with one entry replaced by a simpler number. */
    static Stream<double[]> simplerEntries(double[] v) {
        return IntStream.range(0, v.length).boxed().flatMap(j -> Shrink.simplerDoubles(v[j]).stream().map(c -> {
            double[] b = v.clone();
            b[j] = c;
            return b;
        }));
    }
}
