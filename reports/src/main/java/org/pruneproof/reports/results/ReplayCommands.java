package org.pruneproof.reports.results;

/**
 * How a result tells its reader to reproduce what it found: the command lines written to a result's
 * {@code replay} field and to its tightest instance's. The property engine says <em>what</em> to replay (a claim,
 * an instance's seed and size, a stored file); the caller that starts a run chooses how that is spelled, so the
 * engine never formats a command line itself.
 */
public interface ReplayCommands {

    /** The command that regenerates and checks instance (seed, size) of a claim. */
    String instance(String claimId, long seed, int size);

    /** The command that checks a claim again, replaying its stored counterexamples first. */
    String storedFirst(String claimId);

    /** The command that checks a claim again. */
    String check(String claimId);

    /** The command that checks the instance stored in {@code file} (a path relative to the repository root). */
    String instanceFile(String claimId, String file);

    /** The {@code ./pruneproof} launcher at the repository root (the command line, {@code mvn verify}, the JUnit engine). */
    ReplayCommands PRUNEPROOF = new ReplayCommands() {
        @Override
        public String instance(String claimId, long seed, int size) {
            return "./pruneproof replay " + claimId + " --seed " + seed + " --size " + size;
        }

        @Override
        public String storedFirst(String claimId) {
            return check(claimId) + "    # replays the stored counterexample first";
        }

        @Override
        public String check(String claimId) {
            return "./pruneproof check " + claimId;
        }

        @Override
        public String instanceFile(String claimId, String file) {
            return "./pruneproof replay " + claimId + " --instance " + file;
        }
    };
}
