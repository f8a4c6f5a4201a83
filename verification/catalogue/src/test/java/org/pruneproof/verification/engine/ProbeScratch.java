package org.pruneproof.verification.engine;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.api.Outcome;
import org.pruneproof.verification.claims.ye2020.MonotoneLoss;
import org.pruneproof.verification.claims.ye2020.WithoutReplacementRate;

class ProbeScratch {
    @Test
    void probe() {
        probe(new MonotoneLoss());
        probe(new WithoutReplacementRate());
    }

    <I> void probe(Claim<I> c) {
        int[] sizes = {1, 2, 3, 5, 8, 12, 20, 30, 50, 75, 100};
        StringBuilder sb = new StringBuilder(c.spec().id() + "\n");
        for (int size : sizes) {
            int fails = 0, n = 0, disc = 0;
            double sumr = 0;
            for (int s = 0; s < 200; s++) {
                I inst = c.instances().generate(new java.util.SplittableRandom(Seeds.mix(size * 7919L + s)), size);
                Outcome o = Checks.evaluate(c, inst);
                if (o instanceof Outcome.Checked ch) {
                    n++;
                    if (!ch.holds()) fails++;
                } else disc++;
            }
            sb.append(String.format(Locale.ROOT, "size %3d: fail %3d / %3d checked (%d discarded)%n", size, fails, n, disc));
        }
        // ratio distribution of holding instances on the random sequence of seed 1000..1010
        for (int s = 0; s < 11; s++) {
            long seed = Seeds.forClaim(1000 + s, c.spec().seedId());
            InstanceSequence<I> seq = new InstanceSequence<>(c.instances(), seed);
            sb.append("seed ").append(1000 + s).append(':');
            for (int k = 0; k < 12; k++) {
                Outcome o = Checks.evaluate(c, seq.at(k));
                sb.append(o instanceof Outcome.Checked ch ? String.format(Locale.ROOT, " %.3g%s", ch.ratio(), ch.holds() ? "" : "!") : " d");
            }
            sb.append('\n');
        }
        System.err.println(sb);
    }
}
