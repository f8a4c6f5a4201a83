package org.pruneproof.scaled.pruning.channels;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pruneproof.nets.Architecture;
import org.pruneproof.nets.ChannelGroup;
import org.pruneproof.nets.ChannelGroups;
import org.pruneproof.nets.ChannelRemoval;
import org.pruneproof.scaled.nets.NetworkWeights;

/**
 * The channel-pruning baselines that greedy selection is compared with at equal cost, on the {@link ChannelGroup}s of
 * a network (input to output), each removing channels physically ({@link ChannelSurgery}) with the kept channels rescaled
 * by N_g/k_g at the consumer, as greedy's subnetwork average is, so that a baseline differs from greedy only in which
 * channels it keeps and how many per group:
 * <ul>
 *   <li>magnitude (Li et al. 2017): in group g keep the k_g channels whose producer filter has the largest L1 norm
 *       ‖W_c‖₁ = Σ |W_c,i,u,v| (ties: the lower index);</li>
 *   <li>random: k_g channels of group g drawn uniformly without replacement (seeded);</li>
 *   <li>uniform width: every group keeps the same fraction, k_g = max(1, round(f·N_g)), f the largest for which the
 *       network's multiply–accumulates do not exceed a target ({@link #uniformCounts}); which channels is the caller's
 *       choice (by L1 norm in {@link #uniform}).</li>
 * </ul>
 */
public final class ChannelBaselines {

    private ChannelBaselines() {
    }

    /** ‖W_c‖₁ of each output channel c of the group's producer convolution. */
    public static double[] l1Norms(NetworkWeights weights, ChannelGroup group) {
        INDArray w = weights.get(group.producer() + ".weight");
        int n = (int) w.size(0);
        double[] v = w.dup('c').castTo(DataType.DOUBLE).data().asDouble();
        int row = v.length / n;
        double[] norms = new double[n];
        for (int c = 0; c < n; c++) {
            double s = 0;
            for (int i = 0; i < row; i++) {
                s += Math.abs(v[c * row + i]);
            }
            norms[c] = s;
        }
        return norms;
    }

    /** Keeps {@code counts[g]} channels of group g by largest L1 filter norm. */
    public static NetworkWeights magnitude(NetworkWeights weights, int[] counts) {
        List<ChannelGroup> groups = groups(weights, counts);
        int[][] kept = new int[groups.size()][];
        for (int g = 0; g < groups.size(); g++) {
            kept[g] = largest(l1Norms(weights, groups.get(g)), counts[g]);
        }
        return keep(weights, groups, kept);
    }

    /** Keeps {@code counts[g]} uniformly random channels of group g. */
    public static NetworkWeights random(NetworkWeights weights, int[] counts, SplittableRandom random) {
        List<ChannelGroup> groups = groups(weights, counts);
        int[][] kept = new int[groups.size()][];
        for (int g = 0; g < groups.size(); g++) {
            int[] pick = GreedyChannelPruning.candidates(new boolean[groups.get(g).channels()], counts[g], random);
            Arrays.sort(pick);
            kept[g] = pick;
        }
        return keep(weights, groups, kept);
    }

    /** The same fraction in every group ({@link #uniformCounts}), channels by largest L1 filter norm. */
    public static NetworkWeights uniform(NetworkWeights weights, long targetMacs) {
        return magnitude(weights, uniformCounts(weights.architecture(), targetMacs));
    }

    /**
     * k_g = max(1, round(f·N_g)) for the largest f ∈ {j/N_max : j = 1 … N_max} (N_max the widest group) whose network
     * has at most {@code targetMacs} multiply–accumulates per image; f = 1/N_max when none has.
     */
    public static int[] uniformCounts(Architecture a, long targetMacs) {
        List<ChannelGroup> groups = ChannelGroups.find(a);
        int widest = groups.stream().mapToInt(ChannelGroup::channels).max().orElse(1);
        int[] best = counts(groups, 1.0 / widest);
        for (int j = 1; j <= widest; j++) {
            int[] k = counts(groups, (double) j / widest);
            if (macs(a, k) <= targetMacs) {
                best = k;
            }
        }
        return best;
    }

    /** Multiply–accumulates per image of the architecture with {@code counts[g]} channels left in group g. */
    public static long macs(Architecture a, int[] counts) {
        List<ChannelGroup> groups = ChannelGroups.find(a);
        Architecture smaller = a;
        for (int g = 0; g < groups.size(); g++) {
            smaller = ChannelRemoval.keep(smaller, groups.get(g), counts[g]);
        }
        return smaller.macs();
    }

    /** The kept channels per group of a network whose groups match {@code original}'s (one count per group). */
    public static int[] counts(Architecture original, Architecture pruned) {
        List<ChannelGroup> before = ChannelGroups.find(original);
        List<ChannelGroup> after = ChannelGroups.find(pruned);
        if (before.size() != after.size()) {
            throw new IllegalArgumentException(pruned.name() + " has " + after.size() + " channel groups, " + original.name() + " "
                    + before.size());
        }
        return after.stream().mapToInt(ChannelGroup::channels).toArray();
    }

    private static int[] counts(List<ChannelGroup> groups, double f) {
        return groups.stream().mapToInt(g -> Math.max(1, Math.min(g.channels(), (int) Math.round(f * g.channels())))).toArray();
    }

    private static List<ChannelGroup> groups(NetworkWeights weights, int[] counts) {
        List<ChannelGroup> groups = ChannelGroups.find(weights.architecture());
        if (groups.size() != counts.length) {
            throw new IllegalArgumentException(weights.architecture().name() + " has " + groups.size() + " channel groups, got "
                    + counts.length + " counts");
        }
        for (int g = 0; g < counts.length; g++) {
            if (counts[g] < 1 || counts[g] > groups.get(g).channels()) {
                throw new IllegalArgumentException("group " + groups.get(g).producer() + ": kept channels must be in [1, "
                        + groups.get(g).channels() + "], got " + counts[g]);
            }
        }
        return groups;
    }

    /** The indices of the k largest values, ascending (ties: the lower index). */
    static int[] largest(double[] v, int k) {
        Integer[] order = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> v[x] != v[y] ? Double.compare(v[y], v[x]) : Integer.compare(x, y));
        int[] kept = new int[k];
        for (int i = 0; i < k; i++) {
            kept[i] = order[i];
        }
        Arrays.sort(kept);
        return kept;
    }

    private static NetworkWeights keep(NetworkWeights weights, List<ChannelGroup> groups, int[][] kept) {
        NetworkWeights current = weights;
        for (int g = 0; g < groups.size(); g++) {
            double[] average = new double[kept[g].length];
            Arrays.fill(average, (double) groups.get(g).channels() / kept[g].length);
            current = ChannelSurgery.keep(current, groups.get(g), kept[g], average);
        }
        return current;
    }
}
