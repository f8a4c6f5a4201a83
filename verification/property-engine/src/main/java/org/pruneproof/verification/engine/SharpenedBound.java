package org.pruneproof.verification.engine;

import java.util.Objects;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.api.ClaimSpec;
import org.pruneproof.verification.api.Gen;
import org.pruneproof.verification.api.Outcome;
import org.pruneproof.verification.api.Shrinker;

/**
 * A bound with its constant multiplied by {@code factor} &lt; 1, the false conjecture a researcher tries when sharpening
 * a constant: the ratio value/bound of the claim's outcome becomes ratio/factor, and an instance fails when that
 * exceeds 1 (the original ratio exceeds {@code factor}). Same spec, generator and shrinker as the claim; its
 * instances are the claim's (the JSON form too, {@link InstanceCodec}).
 *
 * @param claim  the bound
 * @param factor the factor on its constant, in (0, 1]
 * @param <I>    the instance type
 */
public record SharpenedBound<I>(Claim<I> claim, double factor) implements Claim<I> {

    public SharpenedBound {
        Objects.requireNonNull(claim, "claim");
        if (!(factor > 0 && factor <= 1)) {
            throw new IllegalArgumentException("factor must be in (0, 1], got " + factor);
        }
    }

    @Override
    public ClaimSpec spec() {
        return claim.spec();
    }

    @Override
    public Gen<I> instances() {
        return claim.instances();
    }

    @Override
    public Outcome check(I instance) {
        Outcome o = claim.check(instance);
        if (o instanceof Outcome.Checked c && !Double.isNaN(c.ratio())) {
            double r = c.ratio() / factor;
            boolean holds = r <= 1 && c.holds();
            return new Outcome.Checked(holds, r, holds ? c.message() : "sharpened constant exceeded: " + c.message(), c.details(),
                    c.series());
        }
        return o;
    }

    @Override
    public Shrinker<I> shrinker() {
        return claim.shrinker();
    }

    @Override
    public int threads() {
        return claim.threads();
    }
}
