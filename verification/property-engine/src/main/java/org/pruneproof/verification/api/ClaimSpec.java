package org.pruneproof.verification.api;

import java.util.ArrayList;
import java.util.List;
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
 * @param proof       where the claim's proof is: {@code docs/theory/<file>.md#<anchor>} (required for a derived claim,
 *                    optional otherwise; null when none). The catalogue's tests fail when the file or anchor is missing.
 * @param steps       the proof's steps that are lemmas (checked as {@code <id>.step-K}) or not computable; empty when none
 * @param targeting   the targeted search for the tightest instance after the random phase (hill climbing from the
 *                    tightest random instances, {@link Targeting}); null when the claim has none
 */
public record ClaimSpec(String id, String title, String statement, Provenance provenance,
                        Expectation expected, String hypotheses, String tolerance, Budget budget,
                        String reproduces, Acceptance acceptance, String proof, List<ProofStep> steps,
                        Targeting targeting) {

    /**
     * Claim ids: a paper key, a dot, and a lower-case name with dashes; a proof step's lemma adds {@code .step-K}
     * ({@code ye2020.realizable-rate.step-2}).
     */
    public static final String ID_PATTERN = "[a-z0-9][a-z0-9-]*\\.[a-z0-9][a-z0-9-]*(\\.step-[1-9][0-9]*)?";

    /** A proof reference: a Markdown file under {@code docs/theory/} and an anchor. */
    public static final String PROOF_PATTERN = "docs/theory/[a-z0-9][a-z0-9-]*\\.md#[a-z0-9][a-z0-9-]*";

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
        if (proof != null && !proof.matches(PROOF_PATTERN)) {
            throw new IllegalArgumentException("proof of " + id + " must look like docs/theory/<file>.md#<anchor>, got '" + proof + "'");
        }
        steps = steps == null ? List.of() : List.copyOf(steps);
        java.util.Set<Integer> numbers = new java.util.HashSet<>();
        for (ProofStep st : steps) {
            if (!numbers.add(st.number())) {
                throw new IllegalArgumentException("claim " + id + " names proof step " + st.number() + " twice");
            }
        }
        if (!steps.isEmpty() && proof == null) {
            throw new IllegalArgumentException("claim " + id + " names proof steps but no proof document");
        }
        if (!acceptance.rejects(budget.minTries(), budget.minTries())) {
            throw new IllegalArgumentException("claim " + id + " could never be falsified: with minTries = " + budget.minTries()
                    + ", even all experiments failing is not enough for \"" + acceptance.describe()
                    + "\"; raise the budget's experiments to at least " + fewestToFalsify(acceptance));
        }
    }

    /** A spec without a proof document, lemmas or targeted search (the form before they existed). */
    public ClaimSpec(String id, String title, String statement, Provenance provenance,
                     Expectation expected, String hypotheses, String tolerance, Budget budget, String reproduces,
                     Acceptance acceptance) {
        this(id, title, statement, provenance, expected, hypotheses, tolerance, budget, reproduces, acceptance, null,
                List.of(), null);
    }

    private static int fewestToFalsify(Acceptance a) {
        int n = 1;
        while (!a.rejects(n, n)) {
            n++;
        }
        return n;
    }

    /** The id whose seed this claim's instances come from: a lemma {@code <id>.step-K} uses its theorem's. */
    public String seedId() {
        return id.replaceFirst("\\.step-[1-9][0-9]*$", "");
    }

    /** The proof step with this number, if the spec names it. */
    public java.util.Optional<ProofStep> step(int number) {
        return steps.stream().filter(s -> s.number() == number).findFirst();
    }

    /**
     * This spec with another id, title, statement and budget (the spec of one of its lemmas); a bound lemma
     * ({@link ProofStep#bound()}) has a targeted search with its own budget.
     */
    public ClaimSpec asLemma(ProofStep step, Budget lemmaBudget) {
        return new ClaimSpec(step.lemmaId(id), "Step " + step.number() + " of the proof of " + id, step.statement(),
                provenance, Expectation.HOLDS, hypotheses, tolerance, lemmaBudget, null, Acceptance.everyInstance(),
                proof, List.of(), step.bound() ? Targeting.likeRandom() : null);
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
        private String proof;
        private final List<ProofStep> steps = new ArrayList<>();
        private Targeting targeting;

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
        /** Where the proof is: {@code docs/theory/<file>.md#<anchor>} (every derived claim needs one). */
        public Builder proof(String ref) { proof = ref; return this; }
        /** Proof step {@code number} is checked as the lemma claim {@code <id>.step-<number>} ({@link Claim#checkStep}). */
        public Builder lemma(int number, String tex) { steps.add(new ProofStep(number, tex, ProofStep.Kind.LEMMA, null)); return this; }
        /**
         * Proof step {@code number} is an inequality value ≤ bound between computable quantities: checked as the lemma
         * claim {@code <id>.step-<number>}, like {@link #lemma}, and searched for its tightest instance after its random
         * phase (its ratio value/bound is a tightness: {@link #targeted()}).
         */
        public Builder boundLemma(int number, String tex) {
            steps.add(new ProofStep(number, tex, ProofStep.Kind.LEMMA, null, true));
            return this;
        }
        /** Proof step {@code number} is not computable (a limit, an expectation): argued only, reported as such. */
        public Builder notComputable(int number, String tex, String why) {
            steps.add(new ProofStep(number, tex, ProofStep.Kind.NOT_COMPUTABLE, why));
            return this;
        }
        /** After the random phase, search for the tightest instance with the random phase's budget. */
        public Builder targeted() { targeting = Targeting.likeRandom(); return this; }
        /** After the random phase, search for the tightest instance with this budget. */
        public Builder targeted(Targeting v) { targeting = v; return this; }

        public ClaimSpec build() {
            return new ClaimSpec(id, title, statement, provenance, expected, hypotheses, tolerance, budget, reproduces, acceptance,
                    proof, steps, targeting);
        }
    }
}
