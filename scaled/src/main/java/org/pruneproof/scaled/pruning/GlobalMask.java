package org.pruneproof.scaled.pruning;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A global-threshold mask (Hayou et al. 2021 §3): all weights of all layers ranked together by score.
 * Exactly K = round((1 − S)·M) weights are kept (round half up, M the total number of weights): the K
 * largest scores, ties to the lower position, positions ordered by layer and then row-major.
 *
 * <p>Critical sparsity and collapse (notes hayou2021.md §3, "Exact s_cr", with this tie rule): let p_l
 * be the 0-based place, in the keep order, of layer l's first weight. Keeping K weights empties layer
 * l iff K ≤ p_l, i.e. once M − p_l weights are removed. So
 * {@code s_cr = min_l (M − p_l)/M}: the sparsity at which the first layer empties, and the collapsing
 * layer is the argmin (the lowest such layer on ties).
 *
 * @param masks            0/1 mask per layer, row-major
 * @param kept             K
 * @param total            M
 * @param criticalSparsity s_cr
 * @param collapsedLayer   1-based index of the layer that empties first
 */
public record GlobalMask(List<int[]> masks, int kept, int total, double criticalSparsity, int collapsedLayer) {

    public GlobalMask {
        masks = List.copyOf(masks);
    }

    /**
     * The mask keeping the largest scores at sparsity S.
     *
     * @param scores   per layer, row-major, finite
     * @param sparsity S ∈ [0, 1], the fraction of weights removed
     */
    public static GlobalMask of(List<double[]> scores, double sparsity) {
        if (!(sparsity >= 0 && sparsity <= 1)) {
            throw new IllegalArgumentException("sparsity must be in [0, 1], got " + sparsity);
        }
        if (scores.isEmpty()) {
            throw new IllegalArgumentException("no layers");
        }
        int total = 0;
        int[] offset = new int[scores.size()];
        for (int l = 0; l < scores.size(); l++) {
            offset[l] = total;
            total = Math.addExact(total, scores.get(l).length);
        }
        double[] all = new double[total];
        int[] layerOf = new int[total];
        for (int l = 0; l < scores.size(); l++) {
            double[] s = scores.get(l);
            for (int k = 0; k < s.length; k++) {
                if (!Double.isFinite(s[k])) {
                    throw new IllegalArgumentException("score " + k + " of layer " + (l + 1) + " is not finite: " + s[k]);
                }
                all[offset[l] + k] = s[k];
                layerOf[offset[l] + k] = l;
            }
        }
        Integer[] order = new Integer[total];
        for (int k = 0; k < total; k++) {
            order[k] = k;
        }
        Arrays.sort(order, (a, b) -> {
            int c = Double.compare(all[b], all[a]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        int keep = (int) Math.floor((1 - sparsity) * total + 0.5);
        keep = Math.max(0, Math.min(total, keep));
        List<int[]> masks = new ArrayList<>();
        for (double[] s : scores) {
            masks.add(new int[s.length]);
        }
        int[] firstPlace = new int[scores.size()];
        Arrays.fill(firstPlace, -1);
        for (int place = 0; place < total; place++) {
            int pos = order[place];
            int l = layerOf[pos];
            if (place < keep) {
                masks.get(l)[pos - offset[l]] = 1;
            }
            if (firstPlace[l] < 0) {
                firstPlace[l] = place;
            }
        }
        int collapsed = -1;
        int worst = -1;
        for (int l = 0; l < scores.size(); l++) {
            if (scores.get(l).length > 0 && firstPlace[l] > worst) {
                worst = firstPlace[l];
                collapsed = l;
            }
        }
        double sCr = (double) (total - worst) / total;
        return new GlobalMask(masks, keep, total, sCr, collapsed + 1);
    }
}
