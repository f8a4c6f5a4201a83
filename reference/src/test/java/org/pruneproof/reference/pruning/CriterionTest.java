package org.pruneproof.reference.pruning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.pruneproof.theory.pruning.PruningMethod;

/** Each pruning method of the registry has its own reference criterion, the same idea under the reference's name. */
class CriterionTest {

    @Test
    void everyMethodMapsToItsNamesake() {
        assertEquals(Criterion.RANDOM, Criterion.of(PruningMethod.RANDOM));
        assertEquals(Criterion.MAGNITUDE, Criterion.of(PruningMethod.MAGNITUDE));
        assertEquals(Criterion.SENSITIVITY, Criterion.of(PruningMethod.SNIP));
        assertEquals(Criterion.SENSITIVITY_RESCALED, Criterion.of(PruningMethod.SBP_SR));
    }
}
