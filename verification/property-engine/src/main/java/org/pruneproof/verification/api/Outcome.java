package org.pruneproof.verification.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.pruneproof.reports.results.Series;

/** The result of checking one instance: discarded, or checked with a verdict and a tightness ratio. */
public sealed interface Outcome permits Outcome.Discarded, Outcome.Checked {

    /** This outcome with one more labelled detail. */
    Outcome withDetail(String key, Object value);

    /** This outcome with more series. */
    Outcome withSeries(Series... more);

    /**
     * The instance does not satisfy the claim's hypotheses, or an experiment could not decide; it is counted, never
     * passed. An undecided experiment keeps what it measured: when no instance of the claim is checked, the engine
     * reports the details and series of the last discarded instance that has any (so an inconclusive reproduction
     * still shows its measurement and figure).
     *
     * @param reason  why it was discarded
     * @param details labelled values measured before it was discarded (empty for a hypothesis not met)
     * @param series  series for plots measured before it was discarded
     */
    record Discarded(String reason, Map<String, Object> details, List<Series> series) implements Outcome {
        public Discarded {
            Objects.requireNonNull(reason, "reason");
            details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
            series = series == null ? List.of() : List.copyOf(series);
        }

        /** A discard with nothing measured. */
        public Discarded(String reason) {
            this(reason, null, null);
        }

        /** Whether anything was measured before the discard. */
        public boolean measured() {
            return !details.isEmpty() || !series.isEmpty();
        }

        @Override
        public Discarded withDetail(String key, Object value) {
            Map<String, Object> d = new LinkedHashMap<>(details);
            d.put(key, value);
            return new Discarded(reason, d, series);
        }

        @Override
        public Discarded withSeries(Series... more) {
            List<Series> s = new ArrayList<>(series);
            s.addAll(List.of(more));
            return new Discarded(reason, details, s);
        }
    }

    /**
     * A checked instance.
     *
     * @param holds   whether the statement held
     * @param ratio   measured value / bound (≤ 1 when a hard inequality holds); NaN when meaningless
     * @param message what was compared, or which clause failed and by how much
     * @param details labelled values a reader needs to understand this instance
     * @param series  series for plots (kept for the worst instance of the claim)
     */
    record Checked(boolean holds, double ratio, String message, Map<String, Object> details,
                   List<Series> series) implements Outcome {

        public Checked {
            Objects.requireNonNull(message, "message");
            details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
            series = series == null ? List.of() : List.copyOf(series);
        }

        @Override
        public Checked withDetail(String key, Object value) {
            Map<String, Object> d = new LinkedHashMap<>(details);
            d.put(key, value);
            return new Checked(holds, ratio, message, d, series);
        }

        @Override
        public Checked withSeries(Series... more) {
            List<Series> s = new ArrayList<>(series);
            s.addAll(List.of(more));
            return new Checked(holds, ratio, message, details, s);
        }
    }

    /** Discards the instance. */
    static Discarded discard(String reason) {
        return new Discarded(reason);
    }

    /** The statement held on this instance, with tightness ratio value/bound. */
    static Checked holds(double ratio, String message) {
        return new Checked(true, ratio, message, null, null);
    }

    /** The statement failed on this instance. */
    static Checked fails(double ratio, String message) {
        return new Checked(false, ratio, message, null, null);
    }
}
