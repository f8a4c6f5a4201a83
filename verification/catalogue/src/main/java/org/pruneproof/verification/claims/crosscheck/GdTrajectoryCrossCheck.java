package org.pruneproof.verification.claims.crosscheck;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ejml.data.DMatrixRMaj;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.pruneproof.reference.twolayer.Checkpoint;
import org.pruneproof.reference.twolayer.GradientDescent;
import org.pruneproof.reference.twolayer.TwoLayerNetwork;
import org.pruneproof.reports.results.Series;
import org.pruneproof.scaled.Nd4jDefaults;
import org.pruneproof.scaled.Precision;
import org.pruneproof.scaled.twolayer.ScaledCheckpoint;
import org.pruneproof.scaled.twolayer.ScaledTwoLayerNetwork;
import org.pruneproof.theory.Paper;
import org.pruneproof.theory.Provenance;
import org.pruneproof.theory.twolayer.Scaling;
import org.pruneproof.theory.twolayer.TrainingConfig;
import org.pruneproof.theory.twolayer.Trajectory;
import org.pruneproof.verification.api.Budget;
import org.pruneproof.verification.claims.OneThreadScaledClaim;
import org.pruneproof.verification.api.ClaimSpec;
import org.pruneproof.verification.api.Expectation;
import org.pruneproof.verification.api.Gen;
import org.pruneproof.verification.api.Inequalities;
import org.pruneproof.verification.api.Outcome;
import org.pruneproof.verification.api.Shrinker;
import org.pruneproof.verification.gen.TrainingRunInstance;
import org.pruneproof.verification.gen.TrainingRunInstances;
import org.pruneproof.verification.plantedbugs.ScaledTrainer;

/**
 * {@code crosscheck.gd-trajectory}: the scaled (ND4J) gradient descent of a two-layer ReLU network follows
 * the reference engine's trajectory. Same initial weights, same data, same schedule (both scalings, output
 * layer fixed or trained, full-batch GD or SGD with the same seeded batches), both in float64, with a
 * checkpoint at every iteration t:
 * <ul>
 *   <li>both runs end the same way (completed, or diverged at the same iteration);</li>
 *   <li>every finite loss agrees: {@code |S^s(t) − S^r(t)| ≤ ρ·S^r(t) + 2ρ·√S^r(t)·M(t) + ρ²·M(t)²};</li>
 *   <li>the outputs agree, {@code ‖u^s(t) − u^r(t)‖ ≤ ρ·M(t)}, and the features,
 *       {@code max_rj |Φ^s_rj(t) − Φ^r_rj(t)| ≤ ρ·P(t)};</li>
 * </ul>
 * with ρ = 10⁻⁹, where {@code P_rj = N·c_N·|b_r|·Σ_k |w_rk·x_kj|} is the magnitude of the terms that make up
 * Φ_rj, {@code P(t) = max_rj P_rj} and {@code M(t) = ‖(Σ_r c_N·|b_r|·Σ_k |w_rk·x_kj|)_j‖₂ = ‖(1/N)·Σ_r P_r·‖₂}
 * that of the outputs, all from the reference's weights at t. Φ is compared norm-wise (relative to its
 * largest term), not entry by entry: a neuron at exactly zero in the reference (a zero neuron whose
 * residual is exactly 0 there) moves by a rounding-level amount in the other engine.
 *
 * <p><b>Near-zero losses.</b> The loss floor is exactly what the output clause implies: S = ‖u − y‖² and
 * {@code |‖u^s − y‖² − ‖u^r − y‖²| ≤ 2‖u^r − y‖·δ + δ²} with {@code δ = ‖u^s − u^r‖ ≤ ρ·M}. When the outputs
 * cancel the targets (S ≪ M²: a network fitted to its data, a target equal to the initial output) a loss
 * is a difference of nearly equal numbers and cannot be compared relative to itself; it is compared
 * relative to the size of the numbers that cancel. For S ≫ M² the floor is negligible and the clause is
 * plainly relative. The details show the largest plain relative error |ΔS|/S over the trajectory and how
 * many loss clauses needed the floor; where the reference loss is exactly 0 the scaled one must be at most ρ²·M².
 */
public final class GdTrajectoryCrossCheck extends OneThreadScaledClaim<TrainingRunInstance> {

    /** ρ. */
    public static final double RELATIVE = 1e-9;

    private final ScaledTrainer scaled;

    /** The claim on the ND4J engine. */
    public GdTrajectoryCrossCheck() {
        this(ScaledTrainer.SCALED);
    }

    /** The claim on another scaled implementation (a planted bug in tests). */
    public GdTrajectoryCrossCheck(ScaledTrainer scaled) {
        this.scaled = scaled;
    }

    @Override
    public ClaimSpec spec() {
        return ClaimSpec.builder("crosscheck.gd-trajectory")
                .title("Scaled gradient descent follows the reference engine's trajectory")
                .statement("|S^{s}(t) - S^{r}(t)| \\le \\rho S^{r}(t) + 2\\rho\\sqrt{S^{r}(t)}\\,M(t) + \\rho^2 M(t)^2,\\quad "
                        + "\\|u^{s}(t) - u^{r}(t)\\| \\le \\rho M(t),\\quad \\max_{rj}|\\Phi^{s}_{rj}(t) - \\Phi^{r}_{rj}(t)| \\le \\rho \\max_{rj} P_{rj}(t)"
                        + "\\quad (\\rho = 10^{-9},\\ t = 0,\\dots,T)")
                .provenance(Provenance.derived(Paper.PRUNEPROOF,
                        "same algorithm: gradient descent / SGD on ½‖u − y‖² for two-layer ReLU networks (docs/theory/wolfe2021.md)"))
                .proof("docs/theory/crosscheck.md#gd-trajectory")
                .expected(Expectation.HOLDS)
                .hypotheses("float64 in both engines; generated runs (N ≤ 64, m ≤ 32, d ≤ 8, T ≤ 50) in mean-field and NTK"
                        + " scaling, output layer fixed or trained, full-batch GD or SGD (B < m, same seeded batches),"
                        + " η log-uniform in [0.01, 1]/m; edge cases: duplicated neuron or point, zero input, zero neuron"
                        + " (pre-activations at the ReLU kink), zero output weight, X = I, tiny weights, T = 0, B = m,"
                        + " η = 1e150 (overflow: both must diverge at the same iteration, with ±1 targets); targets ±1,"
                        + " Gaussian, zero or exactly the initial output (S(0) = 0). Not combined: η = 1e150 with S(0) = 0,"
                        + " where a rounding-level residual times η legitimately decides whether training diverges")
                .tolerance("ρ = 1e-9 relative to the magnitude of the terms: P_rj = N c_N |b_r| Σ_k |w_rk x_kj| for Φ_rj"
                        + " (Φ compared norm-wise, relative to max P_rj), M = ‖(1/N) Σ_r P_r·‖ for u; the loss floor 2ρ√S·M + ρ²M² is what the output clause implies"
                        + " for S = ‖u − y‖² and only matters when S ≪ M² (outputs cancelling the targets)")
                .budget(new Budget(300, 200, Duration.ofSeconds(30), 0.5))
                .build();
    }

    @Override
    public Gen<TrainingRunInstance> instances() {
        return TrainingRunInstances.random();
    }


    /** Runs the scaled engine on one thread: its networks are a few hundred numbers, where parallel regions only cost. */
    @Override
    protected Outcome checkOnOneThread(TrainingRunInstance inst) {
        double[] y = inst.y();
        double[][] columns = inst.inputColumns();
        List<Checkpoint> refPoints = new ArrayList<>();
        Trajectory<TwoLayerNetwork> ref = GradientDescent.train(inst.network(), new DMatrixRMaj(columns), y, inst.schedule(), refPoints::add);
        List<ScaledCheckpoint> scaledPoints = new ArrayList<>();
        // one libnd4j thread: on instances this small, parallel regions cost far more than the work
        Trajectory<ScaledTwoLayerNetwork> s = Nd4jDefaults.withThreads(1, () -> scaled.train(
                ScaledTwoLayerNetwork.of(inst.w(), inst.b(), inst.scalingValue(), Precision.FLOAT64),
                Nd4j.create(columns).castTo(DataType.DOUBLE), y, scaledConfig(inst), scaledPoints::add));

        Inequalities ineq = Inequalities.withTolerance(0, 0);
        boolean sameEnd = ref.diverged() == s.diverged() && ref.divergedAt() == s.divergedAt()
                && ref.losses().length == s.losses().length;
        if (!sameEnd) {
            ineq.atMost(String.format(Locale.ROOT, "same end of training (reference %s at %d after %d losses, scaled %s at %d"
                    + " after %d losses; 1 = differs)", ref.status(), ref.divergedAt(), ref.losses().length, s.status(),
                    s.divergedAt(), s.losses().length), 0, 1, 0.5);
        }
        if (refPoints.size() != scaledPoints.size()) {
            ineq.atMost(String.format(Locale.ROOT, "same checkpoints (reference %d, scaled %d; 1 = differs)",
                    refPoints.size(), scaledPoints.size()), 0, 1, 0.5);
        }
        int compared = Math.min(refPoints.size(), scaledPoints.size());
        double worstPlainRelative = 0;
        int onFloor = 0;
        double closestToKink = Double.POSITIVE_INFINITY;
        for (int k = 0; k < compared; k++) {
            Checkpoint r = refPoints.get(k);
            ScaledCheckpoint c = scaledPoints.get(k);
            int t = r.iteration();
            if (c.iteration() != t) {
                ineq.atMost("checkpoint at the same iteration (1 = differs)", t, 1, 0.5);
                break;
            }
            Magnitudes mag = Magnitudes.of(r, columns);
            closestToKink = Math.min(closestToKink, mag.closestToKink());
            double sr = ref.lossAt(t);
            double ss = t < s.losses().length ? s.lossAt(t) : Double.NaN;
            double floor = 2 * RELATIVE * Math.sqrt(sr) * mag.outputs() + RELATIVE * RELATIVE * mag.outputs() * mag.outputs();
            double err = Double.isNaN(ss) ? Double.POSITIVE_INFINITY : Math.abs(ss - sr);
            ineq.atMost(String.format(Locale.ROOT, "|S^s − S^r| (scaled %.17g, reference %.17g)", ss, sr), t, err,
                    RELATIVE * sr + floor);
            if (floor > RELATIVE * sr) {
                onFloor++;
            }
            if (sr > 0) {
                worstPlainRelative = Math.max(worstPlainRelative, err / sr);
            }
            double outErr = 0;
            for (int j = 0; j < y.length; j++) {
                double e = c.output()[j] - r.output()[j];
                outErr += e * e;
            }
            ineq.atMost("‖u^s − u^r‖ ≤ ρ·M", t, Double.isNaN(outErr) ? Double.POSITIVE_INFINITY : Math.sqrt(outErr),
                    RELATIVE * mag.outputs());
            double[] phi = c.features().castTo(DataType.DOUBLE).ravel().toDoubleVector();
            double worstPhi = 0;
            int worstR = 0;
            int worstJ = 0;
            for (int i = 0; i < inst.neurons(); i++) {
                for (int j = 0; j < y.length; j++) {
                    double e = Math.abs(phi[i * y.length + j] - r.features().get(i, j));
                    if (Double.isNaN(e) || e > worstPhi) {
                        worstPhi = Double.isNaN(e) ? Double.POSITIVE_INFINITY : e;
                        worstR = i;
                        worstJ = j;
                    }
                }
            }
            ineq.atMost(String.format(Locale.ROOT, "max_rj |Φ^s − Φ^r| ≤ ρ·P (largest at r=%d, j=%d)", worstR, worstJ), t,
                    worstPhi, RELATIVE * mag.features());
        }
        int shown = Math.min(ref.losses().length, s.losses().length);
        double[] ts = new double[shown];
        for (int t = 0; t < shown; t++) {
            ts[t] = t;
        }
        String plot = "crosscheck.gd-trajectory: S(t) in both engines";
        return ineq.outcome()
                .withDetail("instance", inst.describe())
                .withDetail("end", ref.status() + (ref.diverged() ? " at t=" + ref.divergedAt() : ""))
                .withDetail("checkpointsCompared", compared)
                .withDetail("maxPlainRelativeLossError |ΔS|/S", worstPlainRelative)
                .withDetail("lossClausesWhereTheFloorExceedsρS", onFloor)
                .withDetail("closestRelativeDistanceToReluKink min|z|/Σ|w x|", closestToKink)
                .withSeries(new Series(plot, "reference", "reference", "t", "S(t)", false, false, ts,
                                java.util.Arrays.copyOf(ref.losses(), shown)),
                        new Series(plot, "scaled (ND4J, float64)", "measured", "t", "S(t)", false, false, ts,
                                java.util.Arrays.copyOf(s.losses(), shown)));
    }

    private static TrainingConfig scaledConfig(TrainingRunInstance inst) {
        return new TrainingConfig(inst.stepSize(), inst.iterations(), inst.trainOutputLayer(), inst.batchSize(),
                inst.batchSeed(), null).withCheckpointsEvery(1);
    }

    /**
     * Magnitudes of the terms behind Φ and u at a reference checkpoint: P = max_rj P_rj with
     * P_rj = N·c_N·|b_r|·A_rj, A_rj = Σ_k |w_rk·x_kj|, M = ‖(1/N)·Σ_r P_r·‖₂, and the closest relative distance of a pre-activation
     * to the ReLU kink, min |z_rj|/A_rj over A_rj &gt; 0.
     */
    private record Magnitudes(double features, double outputs, double closestToKink) {

        static Magnitudes of(Checkpoint c, double[][] x) {
            DMatrixRMaj w = c.network().inputWeights();
            double[] b = c.network().outputWeights();
            int n = w.numRows;
            int d = w.numCols;
            int m = x[0].length;
            Scaling scaling = c.network().scaling();
            double factor = scaling.neuronFactor(n);
            double largest = 0;
            double[] sum = new double[m];
            double kink = Double.POSITIVE_INFINITY;
            for (int r = 0; r < n; r++) {
                for (int j = 0; j < m; j++) {
                    double a = 0;
                    double z = 0;
                    for (int k = 0; k < d; k++) {
                        a += Math.abs(w.get(r, k) * x[k][j]);
                        z += w.get(r, k) * x[k][j];
                    }
                    if (a > 0) {
                        kink = Math.min(kink, Math.abs(z) / a);
                    }
                    double p = factor * Math.abs(b[r]) * a;
                    largest = Math.max(largest, p);
                    sum[j] += p / n;
                }
            }
            double norm = 0;
            for (double v : sum) {
                norm += v * v;
            }
            return new Magnitudes(largest, Math.sqrt(norm), kink);
        }
    }

    @Override
    public Shrinker<TrainingRunInstance> shrinker() {
        return TrainingRunInstance.shrinker();
    }
}
