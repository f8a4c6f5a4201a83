package org.pruneproof.scaled.pruning.channels;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pruneproof.nets.Architecture;
import org.pruneproof.nets.ChannelRemoval;
import org.pruneproof.nets.ChannelGroup;
import org.pruneproof.nets.ParameterSpec;
import org.pruneproof.scaled.nets.NetworkWeights;

/**
 * Removes channels physically: a new, smaller {@link Architecture} ({@link ChannelRemoval}) and new weight tensors in which
 * the producer keeps only the selected filters, every follower only the selected entries, and the
 * consumer only the selected input channels, each multiplied by its given scale (N/n for a subnetwork
 * average of n of N channels, Ye et al.'s rescaling; count·N/n when a channel was chosen count times).
 */
public final class ChannelSurgery {

    private ChannelSurgery() {
    }

    /**
     * @param kept  the kept channel indices (0-based, ascending, distinct)
     * @param scale the consumer's multiplier for each kept channel (same length)
     */
    public static NetworkWeights keep(NetworkWeights weights, ChannelGroup group, int[] kept, double[] scale) {
        if (kept.length == 0 || kept.length != scale.length) {
            throw new IllegalArgumentException("need at least one kept channel and one scale per kept channel");
        }
        for (int i = 1; i < kept.length; i++) {
            if (kept[i] <= kept[i - 1]) {
                throw new IllegalArgumentException("kept channels must be ascending and distinct");
            }
        }
        int n = kept.length;
        Set<String> channelWise = new HashSet<>(group.followers());
        channelWise.add(group.producer());
        Architecture arch = weights.architecture();
        Architecture smaller = ChannelRemoval.keep(arch, group, n);
        Map<String, INDArray> out = new LinkedHashMap<>();
        Map<String, ParameterSpec> specs = new HashMap<>();
        for (ParameterSpec p : arch.parameters()) {
            specs.put(p.name(), p);
        }
        for (ParameterSpec p : smaller.parameters()) {
            INDArray a = weights.get(p.name());
            if (p.layer().equals(group.consumer()) && p.role() == ParameterSpec.Role.CONV_WEIGHT) {
                INDArray sliced = leading(a.permute(1, 0, 2, 3).dup('c'), kept).permute(1, 0, 2, 3).dup('c');
                INDArray s = Nd4j.create(scale, new long[] {1, n, 1, 1}, a.dataType());
                out.put(p.name(), sliced.mul(s));
            } else if (channelWise.contains(p.layer())) {
                out.put(p.name(), leading(a, kept));
            } else {
                out.put(p.name(), a.dup());
            }
        }
        return NetworkWeights.of(smaller, out);
    }

    /**
     * The given entries of a tensor's first axis, in order, as a new C-order tensor (copied exactly, in
     * double precision, then cast back; ND4J's index views and pullRows mis-handle a single entry).
     */
    private static INDArray leading(INDArray a, int[] kept) {
        long[] shape = a.shape().clone();
        int row = (int) (a.length() / shape[0]);
        double[] src = a.dup('c').castTo(DataType.DOUBLE).data().asDouble();
        double[] dst = new double[kept.length * row];
        for (int i = 0; i < kept.length; i++) {
            System.arraycopy(src, kept[i] * row, dst, i * row, row);
        }
        shape[0] = kept.length;
        return Nd4j.create(dst, shape, DataType.DOUBLE).castTo(a.dataType());
    }
}
