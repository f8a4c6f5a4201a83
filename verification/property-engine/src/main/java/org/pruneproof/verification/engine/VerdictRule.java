package org.pruneproof.verification.engine;

import java.util.Locale;
import org.pruneproof.reports.results.PassRateTest;
import org.pruneproof.verification.api.Acceptance;
import org.pruneproof.verification.api.Budget;
import org.pruneproof.verification.api.Verdict;

/**
 * The verdict of a claim from what its search saw, in this order: a deciding failure falsifies it (for a claim
 * judged over experiments, only when the binomial test rejects its pass rate); too few checked instances, too few
 * experiments to ever falsify the pass rate, or too many discards make it inconclusive; otherwise it holds. More
 * than half the instances discarded adds a warning to any decided verdict.
 */
final class VerdictRule {

    /** A verdict and the reason given for it. */
    record Decision(Verdict verdict, String reason) {
    }

    private VerdictRule() {
    }

    static <I> Decision decide(Tally<I> tally, Budget budget, Acceptance acceptance, PassRateTest passRateTest, String stopReason) {
        double discardFraction = tally.discardFraction();
        Verdict verdict;
        String reason;
        if (tally.failure != null && passRateTest != null && passRateTest.rejected()) {
            verdict = Verdict.FALSIFIED;
            reason = passRateWords(passRateTest) + "; first failing experiment (" + tally.failure.source() + "): "
                    + tally.failure.outcome().message();
        } else if (tally.failure != null) {
            verdict = Verdict.FALSIFIED;
            reason = "counterexample (" + tally.failure.source() + "): " + tally.failure.outcome().message();
        } else if (tally.tries < budget.minTries()) {
            verdict = Verdict.INCONCLUSIVE;
            reason = String.format(Locale.ROOT, "only %d of the required %d instances checked (%s; %d discarded%s)",
                    tally.tries, budget.minTries(), stopReason, tally.discarded, tally.topDiscard());
        } else if (passRateTest != null && !acceptance.rejects(tally.tries, tally.tries)) {
            verdict = Verdict.INCONCLUSIVE;
            reason = String.format(Locale.ROOT, "only %d experiments checked: even all of them failing could not falsify "
                    + "\"%s\" (%s); give it more tries", tally.tries, acceptance.describe(), stopReason);
        } else if (discardFraction > budget.maxDiscardFraction()) {
            verdict = Verdict.INCONCLUSIVE;
            reason = String.format(Locale.ROOT, "hypotheses discarded %.0f%% of instances (limit %.0f%%)%s",
                    100 * discardFraction, 100 * budget.maxDiscardFraction(), tally.topDiscard());
        } else {
            verdict = Verdict.HOLDS;
            reason = stopReason + "; " + (tally.worst == null ? "" : tally.worst.message());
            if (passRateTest != null && passRateTest.failed() > 0) {
                reason = passRateWords(passRateTest) + "; " + reason;
            }
        }
        if (discardFraction > 0.5 && verdict != Verdict.INCONCLUSIVE) {
            reason = String.format(Locale.ROOT, "WARNING: hypotheses discarded %.0f%% of instances%s. ",
                    100 * discardFraction, tally.topDiscard()) + reason;
        }
        return new Decision(verdict, reason);
    }

    /** The pass-rate test in words: how many experiments failed and what the test concludes. */
    static String passRateWords(PassRateTest t) {
        return String.format(Locale.ROOT, "%d of %d experiments failed their check; p = P(Bin(%d, %.3g) ≥ %d) = %.3g %s %.3g: %s",
                t.failed(), t.checked(), t.checked(), 1 - t.passRate(), t.failed(), t.pValue(), t.rejected() ? "≤" : ">",
                t.significance(), t.rejected() ? "the claimed pass rate " + t.passRate() + " is rejected"
                        : "consistent with the claimed pass rate " + t.passRate());
    }
}
