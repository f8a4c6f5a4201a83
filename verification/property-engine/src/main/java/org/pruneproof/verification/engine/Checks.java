package org.pruneproof.verification.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.pruneproof.reports.results.ResultsFiles;
import org.pruneproof.verification.api.Budget;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.api.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checking one instance and shrinking a failing one: a thrown exception or a null outcome is a failure; shrinking
 * takes the first simpler candidate that still fails, until none does, the time (the budget's, at least 30 s) or
 * 20 000 candidates run out.
 */
final class Checks {

    private static final Logger LOG = LoggerFactory.getLogger(Checks.class);

    /** The most shrink candidates checked for one failure. */
    static final int MAX_SHRINK_EVALUATIONS = 20_000;

    private Checks() {
    }

    /** The claim's outcome on one instance; an exception (or null) is a failure. */
    static <I> Outcome evaluate(Claim<I> claim, I instance) {
        try {
            Outcome o = claim.check(instance);
            if (o == null) {
                return Outcome.fails(Double.NaN, "check returned null");
            }
            return o;
        } catch (RuntimeException | StackOverflowError e) {
            return Outcome.fails(Double.NaN, "check threw " + e);
        }
    }

    /** The failure shrunk with the claim's shrinker to a locally minimal failing instance. */
    static <I> Failure<I> shrink(Claim<I> claim, Failure<I> failure, Budget budget) {
        long deadline = System.nanoTime() + Math.max(budget.time().toNanos(), 30_000_000_000L);
        I current = failure.instance();
        Outcome.Checked currentOutcome = failure.outcome();
        int steps = 0;
        int evaluations = 0;
        boolean progress = true;
        while (progress && System.nanoTime() < deadline && evaluations < MAX_SHRINK_EVALUATIONS) {
            progress = false;
            var it = claim.shrinker().candidates(current).iterator();
            while (it.hasNext() && System.nanoTime() < deadline && evaluations < MAX_SHRINK_EVALUATIONS) {
                I candidate = it.next();
                evaluations++;
                Outcome o = evaluate(claim, candidate);
                if (o instanceof Outcome.Checked c && !c.holds()) {
                    current = candidate;
                    currentOutcome = c;
                    steps++;
                    progress = true;
                    break;
                }
            }
        }
        LOG.info("{}: counterexample shrunk in {} steps ({} candidates tried)", claim.spec().id(), steps, evaluations);
        return failure.shrunk(current, currentOutcome, steps);
    }

    /** A failure as the result's {@code counterexample} JSON: origin, message, the instance and the check's details. */
    static <I> JsonNode counterexampleJson(InstanceCodec<I> codec, Failure<I> f) {
        ObjectNode node = ResultsFiles.mapper().createObjectNode();
        node.put("source", f.source());
        node.put("seed", f.seed());
        node.put("size", f.size());
        node.put("shrinkSteps", f.shrinkSteps());
        node.put("message", f.outcome().message());
        if (f.instance() != null) {
            node.set("instance", codec.encode(f.instance()));
        }
        if (!f.outcome().details().isEmpty()) {
            node.set("details", ResultsFiles.mapper().valueToTree(f.outcome().details()));
        }
        return node;
    }
}
