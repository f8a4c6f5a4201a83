package org.pruneproof.verification.api;

import java.util.Objects;
import org.pruneproof.theory.Paper;
import org.pruneproof.theory.Provenance;

/**
 * What a claim states and how it is to be checked: identity, provenance, expectation, hypotheses and
 * budget. Built with {@link #builder(String)}.
 *
 * @param id          stable id {@code paper.name}, e.g. {@code ye2020.realizable-rate}
 * @param title       one line in words
 * @param statement   the statement in TeX (rendered in the report)
 * @param provenance  paper, theorem and how sure we are of the wording
 * @param expected    holds / falsified / open
 * @param hypotheses  which instances it speaks about; others are discarded and counted
 * @param tolerance   the tolerance used, in words (hard inequalities: relative 1e-9)
 * @param budget      default budget
 * @param reproduces  optional: the paper's figure or qualitative claim this claim reproduces, in words
 *                    (e.g. "Fig. 2: loss of the pruned network decays like 1/n"); null when none.
 *                    The report shows it next to what the run measured.
 * @param acceptance  how the checked instances decide the verdict: every instance must pass (the default), or, for a
 *                    statistical claim judged over experiments, a pass rate tested with a binomial test. A pass rate
 *                    needs enough experiments in the default budget that all of them failing would falsify it.
 */
public record ClaimSpec(String id, String title, String statement, Provenance provenance,
                        Expectation expected, String hypotheses, String tolerance, Budget budget,
                        String reproduces, Acceptance acceptance) {

    /** Claim ids: a paper key, a dot, and a lower-case name with dashes. */
    public static final String ID_PATTERN = "[a-z0-9][a-z0-9-]*\\.[a-z0-9][a-z0-9-]*";

    public ClaimSpec {
        Objects.requireNonNull(id, "id");
        if (!id.matches(ID_PATTERN)) {
            throw new IllegalArgumentException("claim id '" + id + "' must look like paper.name-with-dashes");
        }
        Objects.requireNonNull(title, "title of " + id);
        Objects.requireNonNull(statement, "statement of " + id);
        Objects.requireNonNull(provenance, "provenance of " + id);
        Objects.requireNonNull(expected, "expected of " + id);
        Objects.requireNonNull(hypotheses, "hypotheses of " + id);
        Objects.requireNonNull(tolerance, "tolerance of " + id);
        Objects.requireNonNull(budget, "budget of " + id);
        if (reproduces != null && reproduces.isBlank()) {
            reproduces = null;
        }
        Objects.requireNonNull(acceptance, "acceptance of " + id);
        if (!acceptance.rejects(budget.minTries(), budget.minTries())) {
            throw new IllegalArgumentException("claim " + id + " could never be falsified: with minTries = " + budget.minTries()
                    + ", even all experiments failing is not enough for \"" + acceptance.describe()
                    + "\"; raise the budget's experiments to at least " + fewestToFalsify(acceptance));
        }
    }

    /** A spec judged on every instance. */
    public ClaimSpec(String id, String title, String statement, Provenance provenance,
                     Expectation expected, String hypotheses, String tolerance, Budget budget, String reproduces) {
        this(id, title, statement, provenance, expected, hypotheses, tolerance, budget, reproduces, Acceptance.everyInstance());
    }

    private static int fewestToFalsify(Acceptance a) {
        int n = 1;
        while (!a.rejects(n, n)) {
            n++;
        }
        return n;
    }

    /** A spec that reproduces no particular figure (the form before {@code reproduces} existed). */
    public ClaimSpec(String id, String title, String statement, Provenance provenance,
                     Expectation expected, String hypotheses, String tolerance, Budget budget) {
        this(id, title, statement, provenance, expected, hypotheses, tolerance, budget, null, Acceptance.everyInstance());
    }

    /** The paper this claim comes from. */
    public Paper paper() {
        return provenance.paper();
    }

    /** Starts a spec with the given id. */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** Builder for {@link ClaimSpec}; title, statement, provenance and expectation are required. */
    public static final class Builder {
        private final String id;
        private String title;
        private String statement;
        private Provenance provenance;
        private Expectation expected;
        private String hypotheses = "every generated instance";
        private String tolerance = "relative 1e-9";
        private Budget budget = Budget.hard();
        private String reproduces;
        private Acceptance acceptance = Acceptance.everyInstance();

        private Builder(String id) {
            this.id = id;
        }

        public Builder title(String v) { title = v; return this; }
        public Builder statement(String tex) { statement = tex; return this; }
        public Builder provenance(Provenance v) { provenance = v; return this; }
        public Builder expected(Expectation v) { expected = v; return this; }
        public Builder hypotheses(String v) { hypotheses = v; return this; }
        public Builder tolerance(String v) { tolerance = v; return this; }
        public Builder budget(Budget v) { budget = v; return this; }
        /** The paper's figure or qualitative claim this claim reproduces, in words (optional). */
        public Builder reproduces(String v) { reproduces = v; return this; }
        /** How the checked instances decide the verdict (default: every instance must pass). */
        public Builder acceptance(Acceptance v) { acceptance = v; return this; }

        public ClaimSpec build() {
            return new ClaimSpec(id, title, statement, provenance, expected, hypotheses, tolerance, budget, reproduces, acceptance);
        }
    }
}
