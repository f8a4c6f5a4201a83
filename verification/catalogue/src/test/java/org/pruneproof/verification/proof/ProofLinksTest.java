package org.pruneproof.verification.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.pruneproof.theory.Paper;
import org.pruneproof.theory.Provenance;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.api.ClaimSpec;
import org.pruneproof.verification.api.Expectation;
import org.pruneproof.verification.api.Gen;
import org.pruneproof.verification.api.Outcome;
import org.pruneproof.verification.engine.Catalogue;

class ProofLinksTest {

    static Map<String, String> repositoryDocuments() throws IOException {
        Path dir = Path.of(System.getProperty("pruneproof.root", "..")).resolve("docs/theory");
        Map<String, String> docs = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".md")).toList()) {
                docs.put(f.getFileName().toString(), Files.readString(f));
            }
        }
        return docs;
    }

    @Test
    void everyDerivedClaimHasAProofAndEveryLinkResolves() throws IOException {
        List<Claim<?>> claims = Catalogue.discover().claims();
        List<String> problems = ProofLinks.problems(claims, repositoryDocuments());
        assertEquals(List.of(), problems, "proof links: " + String.join("\n", problems));
        long derived = claims.stream().filter(c -> c.spec().provenance().kind() == Provenance.Kind.DERIVED
                && !(c instanceof LemmaClaim<?>)).count();
        assertTrue(derived >= 22, "the catalogue has its derived claims (found " + derived + ")");
    }

    @Test
    void theClassPathCarriesTheSameProofsAsTheRepository() throws IOException {
        for (Map.Entry<String, String> e : repositoryDocuments().entrySet()) {
            assertEquals(e.getValue(), ProofDocuments.document(e.getKey()).orElse(null),
                    "docs/theory/" + e.getKey() + " is packaged unchanged");
        }
    }

    @Test
    void aDerivedClaimWithoutProofAMissingAnchorAndAnUnmarkedStepAreReported() throws IOException {
        Claim<Integer> noProof = claim(ClaimSpec.builder("test.no-proof").title("t").statement("x")
                .provenance(Provenance.derived(Paper.YE2020, "here")).expected(Expectation.HOLDS).build());
        Claim<Integer> badAnchor = claim(ClaimSpec.builder("test.bad-anchor").title("t").statement("x")
                .provenance(Provenance.derived(Paper.YE2020, "here")).expected(Expectation.HOLDS)
                .proof("docs/theory/ye2020.md#no-such-heading").build());
        Claim<Integer> missingFile = claim(ClaimSpec.builder("test.missing-file").title("t").statement("x")
                .provenance(Provenance.derived(Paper.YE2020, "here")).expected(Expectation.HOLDS)
                .proof("docs/theory/nowhere.md#x").build());
        Claim<Integer> unmarked = claim(ClaimSpec.builder("test.unmarked").title("t").statement("x")
                .provenance(Provenance.derived(Paper.YE2020, "here")).expected(Expectation.HOLDS)
                .proof("docs/theory/ye2020.md#first-step").lemma(1, "x").notComputable(2, "y", "a limit").build());
        List<String> p = ProofLinks.problems(List.of(noProof, badAnchor, missingFile, unmarked), Map.of(
                "a.md", "see [b](b.md#nothing) and [self](#missing) and `zz.none.step-3`", "b.md", "## something\n"));
        String all = String.join("\n", p);
        assertTrue(all.contains("test.no-proof: derived, but its spec names no proof"), all);
        assertTrue(all.contains("test.bad-anchor: proof docs/theory/ye2020.md#no-such-heading points nowhere (no heading"), all);
        assertTrue(all.contains("test.missing-file: proof docs/theory/nowhere.md#x points nowhere (no file"), all);
        assertTrue(all.contains("test.unmarked: step 1 is a lemma, but the proof does not mention `test.unmarked.step-1`"), all);
        assertTrue(all.contains("test.unmarked: step 2 is not computable, but the proof's step 2 is not marked"), all);
        assertTrue(all.contains("a.md: link to b.md#nothing: no heading with anchor nothing"), all);
        assertTrue(all.contains("a.md: link to #missing: no heading with anchor missing"), all);
        assertTrue(all.contains("mentions the lemma `zz.none.step-3`, which no claim's spec names"), all);
        assertEquals(8, p.size(), all);
    }

    @Test
    void aBoundLemmaIsTargetedAndAnIdentityLemmaIsNot() {
        Map<String, Claim<?>> byId = new TreeMap<>();
        Catalogue.discover().claims().forEach(c -> byId.put(c.spec().id(), c));
        // ye2020.realizable-rate: step 1 (a minimum is at most an average) is a bound, step 2 (an expansion) an identity
        assertTrue(byId.get("ye2020.realizable-rate.step-1").spec().targeting() != null, "a bound lemma has a targeted phase");
        assertEquals(null, byId.get("ye2020.realizable-rate.step-2").spec().targeting(), "an identity lemma has none");
        assertEquals(14, byId.values().stream().filter(c -> c.spec().id().contains(".step-") && c.spec().targeting() != null).count(),
                "the 14 bound lemmas of the derived proofs are targeted");
    }

    @Test
    void aProofSectionRunsFromItsHeadingToTheNextOfTheSameLevel() {
        String s = ProofDocuments.section("docs/theory/ye2020.md#realizable-rate").orElseThrow();
        assertTrue(s.startsWith("## realizable-rate\n"), s);
        assertTrue(s.contains("`ye2020.realizable-rate.step-1`"), s);
        assertTrue(!s.contains("## general-rate"), s);
        assertEquals("realizable-rate", ProofDocuments.slug("realizable-rate"));
        assertEquals("setting-and-notation", ProofDocuments.slug("Setting and notation"));
    }

    private static Claim<Integer> claim(ClaimSpec spec) {
        return new Claim<>() {
            public ClaimSpec spec() { return spec; }
            public Gen<Integer> instances() { return (r, s) -> 1; }
            public Outcome check(Integer i) { return Outcome.holds(0, "ok"); }
        };
    }
}
