package org.pruneproof.verification.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pruneproof.reports.results.Series;
import org.pruneproof.verification.api.Outcome;

/** What a claim's search has seen so far, in the order of its instances: counts, ratios, the worst and tightest instances. */
final class Tally<I> {
    int tries;
    int discarded;
    final Map<String, Integer> discardReasons = new LinkedHashMap<>();
    final List<Double> ratios = new ArrayList<>();
    Outcome.Checked worst;
    double worstRatio = Double.NEGATIVE_INFINITY;
    long worstSeed;
    int worstSize;
    /** The failure that decides the verdict (found by the search, the targeted search or a stored entry). */
    Failure<I> failure;
    /** Whether {@link #failure} is the search's unshrunk failure, still to be shrunk. */
    boolean failureUnshrunk;
    Failure<I> storedFailure;
    int storedFailing;
    int failed;
    Failure<I> firstFailed;

    /** Series with role {@link Series#EXPERIMENTS}, pooled over every checked instance, by plot and name. */
    final Map<String, Series> pooled = new LinkedHashMap<>();

    /** The tightest instances so far (at most {@link #TIGHTEST}), tightest first: the targeted phase's starts. */
    final List<TargetedSearch.Start<I>> tightest = new ArrayList<>();
    static final int TIGHTEST = 5;

    /** The last discarded instance that measured something (an undecided experiment), or null. */
    Outcome.Discarded lastMeasuredDiscard;

    void discard(Outcome.Discarded d) {
        discarded++;
        discardReasons.merge(d.reason(), 1, Integer::sum);
        if (d.measured()) {
            lastMeasuredDiscard = d;
        }
    }

    void record(Outcome.Checked c, long seed, int size, I instance) {
        tries++;
        if (!Double.isNaN(c.ratio())) {
            int at = 0;
            while (at < tightest.size() && tightest.get(at).ratio() >= c.ratio()) {
                at++;
            }
            if (at < TIGHTEST) {
                tightest.add(at, new TargetedSearch.Start<>(instance, c.ratio()));
                if (tightest.size() > TIGHTEST) {
                    tightest.remove(TIGHTEST);
                }
            }
        }
        for (Series s : c.series()) {
            if (Series.EXPERIMENTS.equals(s.role())) {
                pooled.merge(s.plot() + "\u0000" + s.name(), s, Series::append);
            }
        }
        ratios.add(c.ratio());
        if (worst == null || c.ratio() > worstRatio || (Double.isNaN(worstRatio) && !Double.isNaN(c.ratio()))) {
            worst = c;
            worstRatio = c.ratio();
            worstSeed = seed;
            worstSize = size;
        }
    }

    /** Discarded instances as a fraction of all generated ones (0 when none). */
    double discardFraction() {
        return (tries + discarded) == 0 ? 0 : (double) discarded / (tries + discarded);
    }

    /** The most frequent discard reason, as "; most often: …", or "". */
    String topDiscard() {
        return discardReasons.entrySet().stream().max(Map.Entry.comparingByValue())
                .map(e -> "; most often: " + e.getKey()).orElse("");
    }
}
