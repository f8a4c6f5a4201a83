package org.pruneproof.verification.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pruneproof.theory.Paper;
import org.pruneproof.theory.Provenance;
import org.pruneproof.verification.api.Budget;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.api.ClaimSpec;
import org.pruneproof.verification.api.Expectation;
import org.pruneproof.verification.api.Gen;
import org.pruneproof.verification.api.Outcome;

/**
 * A budget's size limits are the sizes the engine asks for: an experiment whose size 1 is its reduced version and size
 * 2 its full-size one gets only size 1 in the default budget, even when every instance is discarded and the engine
 * draws more, and both in the main job's (scaled) budget.
 */
class BudgetSizeLimitsTest {

    @TempDir
    Path root;

    /** Records the size of every instance and discards it. */
    static final class Recording implements Claim<Integer> {
        final List<Integer> sizes = new ArrayList<>();

        @Override
        public ClaimSpec spec() {
            return ClaimSpec.builder("test.sizes").title("records sizes").statement("-")
                    .provenance(Provenance.conjecture(Paper.PRUNEPROOF, "test")).expected(Expectation.OPEN)
                    .budget(Budget.experiments(1, 30).withScaleLimit(2, Duration.ofSeconds(60)).withSizeLimits(1, 2)).build();
        }

        @Override
        public Gen<Integer> instances() {
            return (r, size) -> size;
        }

        @Override
        public synchronized Outcome check(Integer size) {
            sizes.add(size);
            return Outcome.discard("recorded");
        }
    }

    private Set<Integer> sizesIn(String budget) {
        Recording claim = new Recording();
        new ClaimRunner(RunConfig.at(root, 1, budget, null, null, "test")).run(claim);
        assertTrue(claim.sizes.size() > 2, "the engine drew more instances after the discards: " + claim.sizes);
        return new TreeSet<>(claim.sizes);
    }

    @Test
    void theDefaultBudgetNeverAsksForTheFullSizeInstance() {
        assertEquals(Set.of(1), sizesIn("default"));
    }

    @Test
    void theScaledBudgetAsksForBoth() {
        assertEquals(Set.of(1, 2), sizesIn("full"));
    }

    @Test
    void aTimeScaleKeepsTheSizeLimits() {
        Budget b = Budget.experiments(1, 30).withSizeLimits(1, 2);
        Budget effective = RunConfig.at(root, 1, "default", null, 0.5, "test").effective(b);
        assertEquals(1, effective.maxSize());
        assertEquals(Duration.ofSeconds(15), effective.time());
        assertEquals(2, RunConfig.at(root, 1, "full", null, 0.5, "test").effective(b).maxSize());
    }

    @Test
    void limitsOutsideOneToMaxSizeAreRefused() {
        Budget b = Budget.experiments(1, 30);
        assertEquals(Gen.MAX_SIZE, b.maxSize());
        assertThrows(IllegalArgumentException.class, () -> b.withSizeLimits(0, 2));
        assertThrows(IllegalArgumentException.class, () -> b.withSizeLimits(3, 2));
        assertThrows(IllegalArgumentException.class, () -> b.withSizeLimits(1, Gen.MAX_SIZE + 1));
    }
}
