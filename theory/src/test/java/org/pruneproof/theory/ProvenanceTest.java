package org.pruneproof.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The six provenance kinds, their labels in results files, and what each must name. */
class ProvenanceTest {

    @Test
    void theSixKindsHaveTheLabelsOfTheResultsFiles() {
        assertEquals(List.of("abstract", "authors", "recalled", "derived", "calibrated", "conjecture"),
                Arrays.stream(Provenance.Kind.values()).map(Provenance.Kind::label).toList());
        assertEquals("recalled from the paper (unverified)", Provenance.Kind.RECALLED.phrase());
    }

    @Test
    void onlyRecalledStatementsHaveUnverifiedConstants() {
        assertFalse(Provenance.recalled(Paper.YE2020, "Thm 1").constantsVerified());
        assertTrue(Provenance.readInAbstract(Paper.YE2020, "abstract").constantsVerified());
        assertTrue(Provenance.calibrated(Paper.YE2020, "x", "chosen from 20 seeds").constantsVerified());
        assertThrows(IllegalArgumentException.class,
                () -> new Provenance(Paper.YE2020, "x", Provenance.Kind.RECALLED, null, true));
    }

    @Test
    void theAuthorsCodeOrFigureIsNamedByRepositoryAndFile() {
        Provenance p = Provenance.authors(Paper.YE2020, "toy figure", "lushleaf/Network-Pruning-Greedy-Forward-Selection",
                "fig/toyrate.pdf");
        assertEquals("toy figure — lushleaf/Network-Pruning-Greedy-Forward-Selection, fig/toyrate.pdf", p.citation());
        assertThrows(IllegalArgumentException.class, () -> Provenance.authors(Paper.YE2020, "toy figure", "no-owner", "f.pdf"));
        assertThrows(IllegalArgumentException.class, () -> Provenance.authors(Paper.YE2020, "toy figure", "a/b", " "));
    }

    @Test
    void aCalibrationSaysHowItsThresholdWasChosen() {
        assertThrows(IllegalArgumentException.class, () -> Provenance.calibrated(Paper.HAYOU2021, "0.98", " "));
        assertEquals("s_cr ≥ 0.98 — calibration: median of 30 seeds minus 3 MAD",
                Provenance.calibrated(Paper.HAYOU2021, "s_cr ≥ 0.98", "median of 30 seeds minus 3 MAD").citation());
        assertEquals("Thm 1", Provenance.derived(Paper.YE2020, "Thm 1").citation());
    }
}
