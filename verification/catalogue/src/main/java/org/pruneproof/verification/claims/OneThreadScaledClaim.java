package org.pruneproof.verification.claims;

import org.pruneproof.scaled.Nd4jDefaults;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.api.Outcome;

/**
 * A claim whose every check runs the scaled engine on one thread: {@link #check} opens a
 * {@link Nd4jDefaults#withThreads one-thread window} around {@link #checkOnOneThread}, so it holds one core of a
 * parallel run, not ND4J's whole thread pool, and the cores it leaves free go to other claims.
 *
 * <p>ND4J's thread limit is global, so the window also binds any other scaled work running at the same time. Two
 * such claims never overlap (the windows are exclusive); a claim with ND4J's full thread count cannot run beside one
 * either, because {@link Engines#scaledThreads} then claims every core ({@code ParallelRun} gives it all the slots),
 * so every scaled computation of a parallel run sees the thread count it sees in a sequential run.
 */
public abstract class OneThreadScaledClaim<I> implements Claim<I> {

    /** The check, run with libnd4j limited to one thread. */
    protected abstract Outcome checkOnOneThread(I instance);

    @Override
    public final Outcome check(I instance) {
        return Nd4jDefaults.withThreads(1, () -> checkOnOneThread(instance));
    }

    /** One core. */
    @Override
    public final int threads() {
        return 1;
    }
}
