package org.pruneproof.verification.experiments;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.pruneproof.reference.twolayer.GradientDescent;
import org.pruneproof.reference.twolayer.TwoLayerNetwork;
import org.pruneproof.theory.twolayer.Scaling;
import org.pruneproof.theory.twolayer.TrainingConfig;
import org.pruneproof.theory.twolayer.Trajectory;
import org.pruneproof.verification.gen.Networks;

/**
 * The toy setting of the "pruning beats training" and fine-tuning claims: m points uniform on S^{d−1},
 * targets of a mean-field ReLU teacher, and students in mean-field scaling with both layers trained by
 * full-batch GD on the per-sample loss (1/m)·½‖u − y‖² with step η₀ (sum-loss step η₀/m, times N; see
 * {@link TrainingConfig}).
 *
 * @param inputs  X, d×m
 * @param targets y
 */
public record TeacherStudent(DMatrixRMaj inputs, double[] targets) {

    /** m points in R^d and a teacher of {@code teacherWidth} neurons with output weights ±amplitude. */
    public static TeacherStudent draw(SplittableRandom r, int points, int dimension, int teacherWidth, double amplitude) {
        DMatrixRMaj x = Networks.unitInputs(r, dimension, points);
        return new TeacherStudent(x, Networks.teacher(r, x, teacherWidth, amplitude));
    }

    /** A fresh width-N mean-field student (w ~ N(0, I), b = ±1). */
    public TwoLayerNetwork student(SplittableRandom r, int width) {
        return Networks.random(r, width, inputs.numRows, Scaling.MEAN_FIELD);
    }

    /** Trains both layers for T iterations with per-sample step η₀. */
    public Trajectory<TwoLayerNetwork> train(TwoLayerNetwork net, double meanLossStep, int iterations) {
        return GradientDescent.train(net, inputs, targets,
                TrainingConfig.fullBatch(meanLossStep / targets.length, iterations).withTrainedOutputLayer(true));
    }

    /** The per-sample loss (1/m)·‖u − y‖² from a sum loss. */
    public double perSample(double sumLoss) {
        return sumLoss / targets.length;
    }
}
