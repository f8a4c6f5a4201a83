package org.pruneproof.verification.proof;

import java.time.Duration;
import java.util.Objects;
import org.pruneproof.verification.api.Budget;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.api.ClaimSpec;
import org.pruneproof.verification.api.Gen;
import org.pruneproof.verification.api.Outcome;
import org.pruneproof.verification.api.ProofStep;
import org.pruneproof.verification.api.Shrinker;

/**
 * The lemma of one computable proof step, {@code <theorem id>.step-K}: the step checked as a claim of its own on the
 * theorem's generator (and, since its seed is the theorem's, on the theorem's first instances), with the theorem's
 * hypotheses and shrinker and a modest budget. When a derived theorem fails, its lemmas show which step of the proof
 * breaks.
 *
 * @param <I> the theorem's instance type
 */
public final class LemmaClaim<I> implements Claim<I> {

    /** At most 120 tries (at least 40), 15 s: lemmas are hard inequalities and cheap. */
    static Budget budgetFor(Budget theorem) {
        int tries = Math.min(120, theorem.tries());
        int min = Math.min(40, Math.min(theorem.minTries(), tries));
        Duration time = theorem.time().compareTo(Duration.ofSeconds(15)) < 0 ? theorem.time() : Duration.ofSeconds(15);
        return new Budget(tries, min, time, theorem.maxDiscardFraction());
    }

    private final Claim<I> theorem;
    private final ProofStep step;
    private final ClaimSpec spec;

    /** The lemma of {@code step} of {@code theorem}'s proof; the step must be a {@link ProofStep.Kind#LEMMA}. */
    public LemmaClaim(Claim<I> theorem, ProofStep step) {
        this.theorem = Objects.requireNonNull(theorem, "theorem");
        this.step = Objects.requireNonNull(step, "step");
        if (step.kind() != ProofStep.Kind.LEMMA) {
            throw new IllegalArgumentException("step " + step.number() + " of " + theorem.spec().id() + " is not a lemma");
        }
        ClaimSpec t = theorem.spec();
        this.spec = t.asLemma(step, budgetFor(t.budget()));
    }

    /** The theorem whose proof this step belongs to. */
    public Claim<I> theorem() {
        return theorem;
    }

    /** The step. */
    public ProofStep step() {
        return step;
    }

    @Override
    public ClaimSpec spec() {
        return spec;
    }

    @Override
    public Gen<I> instances() {
        return theorem.instances();
    }

    @Override
    public Outcome check(I instance) {
        return theorem.checkStep(step.number(), instance);
    }

    @Override
    public Shrinker<I> shrinker() {
        return theorem.shrinker();
    }

    @Override
    public int threads() {
        return theorem.threads();
    }
}
