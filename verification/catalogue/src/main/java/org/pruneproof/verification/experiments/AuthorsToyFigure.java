package org.pruneproof.verification.experiments;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.pruneproof.reports.results.Series;

/**
 * Ye et al.'s toy figure as the authors drew it: ln L_n against ln n, n = 90, 100, …, 990, for the network
 * pruned by greedy selection and for networks trained from scratch, digitised by the project from the vector
 * data of {@value #FILE} in {@value #REPOSITORY} (the resource {@code ye2020-toyrate.tsv} names its source).
 * The figure's setup (teacher, data, width, schedule) is not known, so its losses are not on the scale of any
 * run here: it is drawn beside a run's curves, never fitted against them.
 *
 * @param n       numbers of neurons
 * @param pruned  loss L_n of the pruned network (not its log)
 * @param scratch loss of the network trained from scratch
 */
public record AuthorsToyFigure(double[] n, double[] pruned, double[] scratch) {

    /** The authors' repository. */
    public static final String REPOSITORY = "lushleaf/Network-Pruning-Greedy-Forward-Selection";
    /** The figure file in it. */
    public static final String FILE = "fig/toyrate.pdf";
    /** Plot name of the figure's series. */
    public static final String PLOT = "the authors' toy figure (" + FILE + "): L against n, log–log";

    private static final String RESOURCE = "ye2020-toyrate.tsv";

    /** Reads the digitised series from the catalogue's resources. */
    public static AuthorsToyFigure load() {
        List<double[]> rows = new ArrayList<>();
        try (InputStream in = AuthorsToyFigure.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the catalogue");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] f = line.trim().split("\\s+");
                    rows.add(new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])});
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return new AuthorsToyFigure(rows.stream().mapToDouble(r -> r[0]).toArray(),
                rows.stream().mapToDouble(r -> StrictMath.exp(r[1])).toArray(),
                rows.stream().mapToDouble(r -> StrictMath.exp(r[2])).toArray());
    }

    /** The two curves as series of role {@link Series#PAPER}, on log–log axes. */
    public Series[] series() {
        return new Series[] {
            new Series(PLOT, "pruned (authors)", Series.PAPER, "n", "L", true, true, n, pruned),
            new Series(PLOT, "trained from scratch (authors)", Series.PAPER, "n", "L", true, true, n, scratch)};
    }

    /** The smallest n from which the pruned loss is below the scratch loss at every n; −1 when never. */
    public double winsFrom() {
        int k = n.length;
        while (k > 0 && pruned[k - 1] < scratch[k - 1]) {
            k--;
        }
        return k == n.length ? -1 : n[k];
    }
}
