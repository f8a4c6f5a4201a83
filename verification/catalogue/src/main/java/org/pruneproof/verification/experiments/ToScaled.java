package org.pruneproof.verification.experiments;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pruneproof.reference.init.Network;
import org.pruneproof.scaled.Precision;
import org.pruneproof.scaled.pruning.DenseNetwork;

/** The reference engine's fully connected networks and inputs as the scaled engine's (same numbers). */
public final class ToScaled {

    private ToScaled() {
    }

    /** The reference network as a scaled {@link DenseNetwork} (same weights and biases) in {@code precision}. */
    public static DenseNetwork dense(Network net, Precision precision) {
        List<INDArray> w = new ArrayList<>();
        List<INDArray> b = new ArrayList<>();
        for (int l = 0; l < net.layers(); l++) {
            DMatrixRMaj m = net.weights()[l];
            w.add(Nd4j.create(Arrays.copyOf(m.data, m.numRows * m.numCols), new long[] {m.numRows, m.numCols}, DataType.DOUBLE));
            b.add(Nd4j.create(net.biases()[l].clone(), new long[] {net.biases()[l].length}, DataType.DOUBLE));
        }
        return new DenseNetwork(w, b, DenseNetwork.HiddenActivation.parse(net.activation().name()), precision);
    }

    /** X (d × B, one point per column) as the scaled engine's B × d, in double. */
    public static INDArray rows(DMatrixRMaj x) {
        double[] t = new double[x.numRows * x.numCols];
        for (int i = 0; i < x.numRows; i++) {
            for (int j = 0; j < x.numCols; j++) {
                t[j * x.numRows + i] = x.get(i, j);
            }
        }
        return Nd4j.create(t, new long[] {x.numCols, x.numRows}, DataType.DOUBLE);
    }
}
