package org.pruneproof.verification.api;

/**
 * One statement that can be checked on generated instances.
 *
 * <p>A claim is discovered without registration: any public, concrete class with a public no-argument
 * constructor that implements this interface in the package {@code org.pruneproof.verification.claims}
 * (or its sub-packages, or a package named by {@code -Dpruneproof.claims.packages}) is part of the
 * catalogue. Adding a conjecture is one Java file.
 *
 * <p>The instance type {@code I} must be a plain value (a record of numbers, arrays and strings) so
 * that counterexamples can be stored as JSON and replayed on later runs.
 *
 * @param <I> the instance type
 */
public interface Claim<I> {

    /** Identity, provenance, expectation, hypotheses and budget. */
    ClaimSpec spec();

    /** Generates instances from a seeded random source and a size parameter. */
    Gen<I> instances();

    /**
     * Checks one instance: discard it when it fails the hypotheses, otherwise measure the quantity,
     * compare it with the bound, and return whether it holds and the ratio value/bound.
     * An exception thrown here counts as a failure of the claim on this instance.
     */
    Outcome check(I instance);

    /**
     * Checks proof step {@code step} (a {@link ProofStep.Kind#LEMMA} of {@link ClaimSpec#steps()}) on one instance of
     * this claim, like {@link #check}: the catalogue runs it as the claim {@code <id>.step-<step>}. A claim that names
     * lemma steps must override this.
     */
    default Outcome checkStep(int step, I instance) {
        throw new UnsupportedOperationException(spec().id() + " names no checkable proof step " + step);
    }

    /**
     * How many cores one check of this claim keeps busy: 1 (the default) for plain Java, the size of the native thread
     * pool for a check that runs one (ND4J's). A parallel run gives such a check a matching share of its slots, so that
     * threads per check × checks running ≤ cores; it never changes the claim's result.
     */
    default int threads() {
        return 1;
    }

    /** Simplifications of a failing instance, simplest first; none by default. */
    default Shrinker<I> shrinker() {
        return Shrinker.none();
    }
}
