package org.pruneproof.verification.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.pruneproof.theory.Provenance;
import org.pruneproof.theory.Provenance.Kind;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.api.ClaimSpec;
import org.pruneproof.verification.engine.Catalogue;

/**
 * Every claim says where its statement comes from, and the statements that issue 16 relabelled by what is
 * actually known of each paper (the abstracts, the authors' code, the authors' toy figure) keep their labels.
 */
class ProvenanceLabelsTest {

    private static Map<String, ClaimSpec> specs() {
        return Catalogue.discover().claims().stream().map(Claim::spec)
                .collect(Collectors.toMap(ClaimSpec::id, s -> s, (a, b) -> a, TreeMap::new));
    }

    @Test
    void everyClaimHasOneOfTheSixLabels() {
        for (ClaimSpec s : specs().values()) {
            Provenance p = s.provenance();
            assertNotNull(p.kind(), s.id());
            assertTrue(List.of("abstract", "authors", "recalled", "derived", "calibrated", "conjecture").contains(p.kind().label()),
                    s.id() + ": " + p.kind().label());
            assertEquals(p.kind() == Kind.RECALLED, !p.constantsVerified(), s.id() + ": only recalled statements are unverified");
            if (p.kind() == Kind.DERIVED) {
                assertNotNull(s.proof(), s.id() + " is derived, so it links its proof");
            }
        }
    }

    @Test
    void theStatementsTheIssueNamesHaveTheLabelsOfTheEvidence() {
        Map<String, ClaimSpec> s = specs();
        Map<String, Kind> expected = Map.of(
                "ye2020.pruning-beats-training", Kind.AUTHORS,
                "ye2020.face-target-rate", Kind.CONJECTURE,
                "ye2020.fine-tune-not-retrain", Kind.ABSTRACT,
                "hayou2021.scr-eoc", Kind.CALIBRATED,
                "hayou2021.scr-chaotic-phase", Kind.CALIBRATED,
                "wolfe2021.threshold-log-m", Kind.ABSTRACT,
                "wolfe2021.threshold-fashion-mnist", Kind.ABSTRACT,
                "wolfe2021.ntk-linear-convergence", Kind.RECALLED);
        expected.forEach((id, kind) -> assertEquals(kind, s.get(id).provenance().kind(), id));

        Provenance toy = s.get("ye2020.pruning-beats-training").provenance();
        assertEquals("lushleaf/Network-Pruning-Greedy-Forward-Selection, fig/toyrate.pdf", toy.source());
        for (String quoted : List.of("−1.93", "−0.84", "n = 230", "n ≥ 400", "4.5×")) {
            assertTrue(toy.where().contains(quoted), "the toy figure is quoted as it is: " + quoted);
        }
        assertTrue(s.get("ye2020.face-target-rate").provenance().where().startsWith("ours, not the paper's"));
        assertTrue(s.get("ye2020.fine-tune-not-retrain").provenance().where().contains("property of gradient descent"));
        assertTrue(s.get("hayou2021.scr-eoc").provenance().source().contains("0.98"));
        assertTrue(s.get("hayou2021.scr-chaotic-phase").provenance().source().contains("[L−8, L−1]"));
        for (String id : List.of("wolfe2021.threshold-log-m", "wolfe2021.threshold-fashion-mnist")) {
            assertTrue(s.get(id).provenance().where().startsWith("a reconstruction of the abstracts' headline"), id);
        }
        String du = s.get("wolfe2021.ntk-linear-convergence").provenance().where();
        assertTrue(du.startsWith("Du et al. 2019") && du.contains("hypotheses are NOT met"), du);
    }
}
