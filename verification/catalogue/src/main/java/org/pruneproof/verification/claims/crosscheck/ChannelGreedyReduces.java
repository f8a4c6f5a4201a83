package org.pruneproof.verification.claims.crosscheck;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pruneproof.reference.greedy.GreedyForwardSelection;
import org.pruneproof.scaled.pruning.channels.ChannelFeatures;
import org.pruneproof.scaled.pruning.channels.LocalGreedy;
import org.pruneproof.theory.Paper;
import org.pruneproof.theory.Provenance;
import org.pruneproof.theory.greedy.GreedyPath;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.api.ClaimSpec;
import org.pruneproof.verification.api.Expectation;
import org.pruneproof.verification.api.Gen;
import org.pruneproof.verification.api.Gens;
import org.pruneproof.verification.api.Inequalities;
import org.pruneproof.verification.api.Outcome;
import org.pruneproof.verification.api.Shrinker;
import org.pruneproof.verification.claims.Engines;
import org.pruneproof.verification.gen.ChannelLayerInstance;
import org.pruneproof.verification.plantedbugs.ChannelSelector;

/**
 * {@code crosscheck.channel-greedy-reduces}: greedy channel selection on one convolutional layer
 * (the scaled engine's fast mode, {@code GreedyChannelPruning.fastSelection}) is the two-layer
 * greedy of Ye et al. on the corresponding feature matrix. The reference side builds that matrix
 * here, from the definition, with plain loops:
 * <pre>  φ_c(b, i, j, o) = N·Σ_{u,v} W[o, c, u, v]·h[b, c, s·i + u − p, s·j + v − p],   y = (1/N)·Σ_c φ_c,</pre>
 * and runs {@link GreedyForwardSelection#withReplacement}. In float64 both must choose the same
 * channel at every step, with losses agreeing to 1e-9 relative.
 */
public final class ChannelGreedyReduces implements Claim<ChannelLayerInstance> {

    private final ChannelSelector selector;

    /** The claim on the scaled engine's fast mode. */
    public ChannelGreedyReduces() {
        this(ChannelSelector.FAST_MODE);
    }

    /** The claim on another selector (a planted bug in tests). */
    public ChannelGreedyReduces(ChannelSelector selector) {
        this.selector = selector;
    }

    @Override
    public ClaimSpec spec() {
        return ClaimSpec.builder("crosscheck.channel-greedy-reduces")
                .title("Greedy channel selection on one layer is the two-layer greedy on its feature matrix")
                .statement("\\mathrm{fast}(h, W) = \\mathrm{greedy}_{\\mathrm{ref}}(\\Phi, y),\\quad "
                        + "\\Phi_{c,(b,i,j,o)} = N\\sum_{u,v} W_{o,c,u,v}\\,h_{b,c,si+u-p,sj+v-p},\\; y = \\tfrac1N\\sum_c \\Phi_c")
                .provenance(Provenance.derived(Paper.PRUNEPROOF,
                        "docs/theory/ye2020.md (layer-wise channel greedy, channels averaged with N/n) reduced to §3.1; issue 7"))
                .proof("docs/theory/crosscheck.md#channel-greedy-reduces")
                .expected(Expectation.HOLDS)
                .hypotheses("float64; N ≤ 12 channels of ReLU(Gaussian) activations on B ≤ 3 images up to 7×7, O ≤ 6 outputs,"
                        + " kernels 1–3, stride 1–2, padding 0–1, P ≤ 24 sampled positions, ≤ 10 steps with replacement;"
                        + " duplicated and all-zero channels mixed in")
                .tolerance("selections identical; |L_n − L_n^ref| ≤ 1e-9·L_n^ref + 1e-14·L_0")
                .build();
    }

    @Override
    public Gen<ChannelLayerInstance> instances() {
        return (r, size) -> {
            int n = Gens.sizedUpper(1, 12, size);
            int kernel = 1 + r.nextInt(3);
            int padding = r.nextInt(2);
            int side = Math.max(kernel - 2 * padding, 1 + r.nextInt(Gens.sizedUpper(1, 7, size)));
            return new ChannelLayerInstance(n, 1 + r.nextInt(Gens.sizedUpper(1, 6, size)), kernel, 1 + r.nextInt(2), padding, side,
                    1 + r.nextInt(3), 1 + r.nextInt(Gens.sizedUpper(1, 24, size)), 1 + r.nextInt(Gens.sizedUpper(1, 10, size)),
                    n >= 2 && r.nextDouble() < 0.2, r.nextDouble() < 0.15, r.nextLong());
        };
    }

    /** h [B][N][side][side] and W [O][N][k][k] of an instance. */
    static double[][][][][] arrays(ChannelLayerInstance v) {
        SplittableRandom r = new SplittableRandom(v.seed());
        double[][][][] h = new double[v.batch()][v.channels()][v.side()][v.side()];
        for (double[][][] img : h) {
            for (double[][] ch : img) {
                for (double[] row : ch) {
                    for (int x = 0; x < row.length; x++) {
                        row[x] = Math.max(0, r.nextGaussian());
                    }
                }
            }
        }
        double[][][][] w = new double[v.outputs()][v.channels()][v.kernel()][v.kernel()];
        for (double[][][] o : w) {
            for (double[][] c : o) {
                for (double[] row : c) {
                    for (int x = 0; x < row.length; x++) {
                        row[x] = r.nextGaussian();
                    }
                }
            }
        }
        if (v.duplicate()) {
            for (int b = 0; b < v.batch(); b++) {
                h[b][1] = deepCopy(h[b][0]);
            }
            for (int o = 0; o < v.outputs(); o++) {
                w[o][1] = deepCopy(w[o][0]);
            }
        }
        if (v.deadChannel()) {
            for (int b = 0; b < v.batch(); b++) {
                h[b][v.channels() - 1] = new double[v.side()][v.side()];
            }
        }
        return new double[][][][][] {h, w};
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    private static INDArray nd(double[][][][] a) {
        int d0 = a.length;
        int d1 = a[0].length;
        int d2 = a[0][0].length;
        int d3 = a[0][0][0].length;
        double[] flat = new double[d0 * d1 * d2 * d3];
        int t = 0;
        for (double[][][] x : a) {
            for (double[][] y : x) {
                for (double[] z : y) {
                    for (double v : z) {
                        flat[t++] = v;
                    }
                }
            }
        }
        return Nd4j.create(flat, new long[] {d0, d1, d2, d3}, DataType.DOUBLE);
    }


    /** Runs the scaled engine: as many cores as ND4J's threads. */
    @Override
    public int threads() {
        return Engines.scaledThreads();
    }

    @Override
    public Outcome check(ChannelLayerInstance v) {
        double[][][][][] hw = arrays(v);
        double[][][][] h = hw[0];
        double[][][][] w = hw[1];
        int outSide = ChannelFeatures.outputSide(v.side(), v.kernel(), v.stride(), v.padding());
        int[][] pos = ChannelFeatures.samplePositions(v.batch(), outSide, outSide, v.positions(), new SplittableRandom(~v.seed()));
        LocalGreedy.Path scaled = selector.select(nd(h), nd(w), v.stride(), v.padding(), pos, v.steps());

        int n = v.channels();
        int o = v.outputs();
        int k = v.kernel();
        int m = pos.length * o;
        DMatrixRMaj phi = new DMatrixRMaj(n, m);
        double[] y = new double[m];
        for (int c = 0; c < n; c++) {
            for (int t = 0; t < pos.length; t++) {
                for (int q = 0; q < o; q++) {
                    double s = 0;
                    for (int u = 0; u < k; u++) {
                        for (int x = 0; x < k; x++) {
                            int yy = v.stride() * pos[t][1] + u - v.padding();
                            int xx = v.stride() * pos[t][2] + x - v.padding();
                            if (yy >= 0 && yy < v.side() && xx >= 0 && xx < v.side()) {
                                s += w[q][c][u][x] * h[pos[t][0]][c][yy][xx];
                            }
                        }
                    }
                    phi.set(c, t * o + q, n * s);
                }
            }
        }
        for (int j = 0; j < m; j++) {
            double s = 0;
            for (int c = 0; c < n; c++) {
                s += phi.get(c, j);
            }
            y[j] = s / n;
        }
        double l0 = 0;
        for (double e : y) {
            l0 += e * e / m;
        }
        GreedyPath ref = GreedyForwardSelection.withReplacement(phi, y, v.steps());
        Inequalities ineq = Inequalities.hard();
        int[] sel = scaled.selected();
        if (sel.length != v.steps()) {
            ineq.equal("number of steps", 0, sel.length, v.steps(), 0);
        }
        for (int step = 1; step <= Math.min(sel.length, v.steps()); step++) {
            ineq.equal("selected channel", step, sel[step - 1], ref.selected()[step - 1], 0);
            double err = Math.abs(scaled.loss()[step - 1] - ref.lossAt(step));
            ineq.atMost("|L_n − L_n^ref|", step, err, 1e-9 * Math.abs(ref.lossAt(step)) + 1e-14 * l0);
        }
        return ineq.outcome().withDetail("N", n).withDetail("m", m).withDetail("kernel", k).withDetail("stride", v.stride())
                .withDetail("steps", v.steps());
    }

    @Override
    public Shrinker<ChannelLayerInstance> shrinker() {
        return ChannelLayerInstance.shrinker();
    }
}
