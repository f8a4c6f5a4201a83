package org.pruneproof.verification.claims;

import org.pruneproof.scaled.Nd4jDefaults;

/** The numerical engines the catalogue's claims run on, described for a run's report. */
public final class Engines {

    private Engines() {
    }

    /** "reference: EJML (float64); scaled: " and the ND4J backend, data type and threads in use. */
    public static String describe() {
        return "reference: EJML (float64); scaled: " + Nd4jDefaults.describe();
    }
}
