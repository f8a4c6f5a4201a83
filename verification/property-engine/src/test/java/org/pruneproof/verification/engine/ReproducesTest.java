package org.pruneproof.verification.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pruneproof.reports.results.ClaimResult;
import org.pruneproof.theory.Paper;
import org.pruneproof.theory.Provenance;
import org.pruneproof.verification.api.Budget;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.api.ClaimSpec;
import org.pruneproof.verification.api.Expectation;
import org.pruneproof.verification.api.Gen;
import org.pruneproof.verification.api.Gens;
import org.pruneproof.verification.api.Outcome;

/** A claim's optional {@code reproduces} text reaches its result, and is null when the claim names none. */
class ReproducesTest {

    /** One number per instance. */
    record Size(int n) {
    }

    private static Claim<Size> claim(String reproduces) {
        ClaimSpec spec = ClaimSpec.builder("test.reproduces").title("n is at most 5").statement("n \\le 5")
                .provenance(Provenance.conjecture(Paper.YE2020, "a test")).expected(Expectation.HOLDS)
                .budget(Budget.experiments(3, 10)).reproduces(reproduces).build();
        return new Claim<>() {
            public ClaimSpec spec() {
                return spec;
            }

            public Gen<Size> instances() {
                return Gens.integers(1, 5).map(Size::new);
            }

            public Outcome check(Size s) {
                return Outcome.holds(s.n() / 5.0, "n = " + s.n());
            }
        };
    }

    @Test
    void theReproducedFigureReachesTheResult(@TempDir Path root) {
        ClaimResult r = new ClaimRunner(RunConfig.at(root, 1, "default", null, null, "test")).run(claim("Fig. 2: n stays small"));
        assertEquals("Fig. 2: n stays small", r.reproduces());
        assertEquals("HOLDS", r.verdict());
    }

    @Test
    void aClaimThatReproducesNothingHasNone(@TempDir Path root) {
        ClaimResult r = new ClaimRunner(RunConfig.at(root, 1, "default", null, null, "test")).run(claim(null));
        assertNull(r.reproduces());
        assertNull(claim("  ").spec().reproduces(), "blank means none");
    }
}
