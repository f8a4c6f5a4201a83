package org.pruneproof.reference.pruning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The MBP second-moment factor against the values of docs/theory/hayou2021.md (0.929, 0.439, 0.144). */
class MagnitudePruningTheoryTest {

    @Test
    void matchesTheNotes() {
        assertEquals(0.929, MagnitudePruningTheory.keptSecondMomentFraction(0.5), 5e-4);
        assertEquals(0.439, MagnitudePruningTheory.keptSecondMomentFraction(0.9), 5e-4);
        assertEquals(0.144, MagnitudePruningTheory.keptSecondMomentFraction(0.98), 5e-4);
        assertEquals(1, MagnitudePruningTheory.keptSecondMomentFraction(0), 1e-12);
    }
}
