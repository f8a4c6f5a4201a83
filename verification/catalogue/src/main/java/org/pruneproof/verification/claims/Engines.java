package org.pruneproof.verification.claims;

import org.pruneproof.scaled.Nd4jDefaults;

/** The numerical engines the catalogue's claims run on, described for a run's report. */
public final class Engines {

    private Engines() {
    }

    /**
     * The cores one check of a claim on the scaled engine holds: ND4J's thread limit t, or every core when
     * 1 &lt; t &lt; cores. A claim that calls the scaled engine returns this from
     * {@link org.pruneproof.verification.api.Claim#threads()}, so that a parallel run does not oversubscribe the cores
     * ({@code ScaledClaimsDeclareThreadsTest} finds the claims that must), unless it is a {@link OneThreadScaledClaim}.
     * Holding every core when t &gt; 1 keeps such a claim from running beside a one-thread claim's window, which
     * would lower its thread count below the one a sequential run gives it (the limit is global); at t = 1 both run at
     * one thread anyway.
     */
    public static int scaledThreads() {
        return scaledThreads(Nd4jDefaults.threads(), Runtime.getRuntime().availableProcessors());
    }

    static int scaledThreads(int nd4jThreads, int cores) {
        return nd4jThreads > 1 ? Math.max(nd4jThreads, cores) : 1;
    }

    /** "reference: EJML (float64); scaled: " and the ND4J backend, data type and threads in use. */
    public static String describe() {
        return "reference: EJML (float64); scaled: " + Nd4jDefaults.describe();
    }
}
