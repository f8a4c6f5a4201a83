package org.pruneproof.verification.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

/**
 * Coverage-guided fuzzing of the counterexample store (Jazzer): whatever a stored file under
 * {@code counterexamples/<id>/} holds — it is a file users may edit — a run of its claim replays it or
 * reports it as a store problem, and always ends with a verdict; an exception out of the engine, an
 * out-of-memory error or a hang is a finding.
 *
 * <p>Under {@code mvn verify} this replays the committed seed corpus and every finding kept in
 * {@code src/test/resources/.../CounterexampleStoreFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes it (see README).
 */
class CounterexampleStoreFuzzTest {

    private static final Path ROOT = tempDir();

    /** An instance with the shapes stored instances have: numbers, an array, a matrix, a count. */
    public record Stored(double x, double[] v, double[][] m, int steps) {
    }

    /** "Σ v ≤ 10·steps" on small generated instances; the stored file is what the fuzzer writes. */
    public static final class Bounded implements Claim<Stored> {
        @Override
        public ClaimSpec spec() {
            return ClaimSpec.builder("fuzz.stored").title("stored instances replay").statement("\\sum v \\le 10 s")
                    .provenance(Provenance.conjecture(Paper.PRUNEPROOF, "fuzz test")).expected(Expectation.OPEN)
                    .budget(Budget.hard().withTries(2)).build();
        }

        @Override
        public Gen<Stored> instances() {
            return Gens.doubles(0, 1).map(x -> new Stored(x, new double[] {x}, new double[][] {{x}}, 1));
        }

        @Override
        public Outcome check(Stored s) {
            if (s.v() == null || s.steps() < 1 || s.steps() > 1000) {
                return Outcome.discard("outside the hypotheses");
            }
            double sum = 0;
            for (double d : s.v()) {
                sum += d;
            }
            double bound = 10.0 * s.steps();
            return sum <= bound ? Outcome.holds(sum / bound, "ok") : Outcome.fails(sum / bound, "sum " + sum);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void anyStoredFileIsReplayedOrReportedAndTheRunEndsWithAVerdict(byte[] input) throws IOException {
        Path dir = Files.createDirectories(ROOT.resolve("counterexamples").resolve("fuzz.stored"));
        try (var old = Files.list(dir)) {
            for (Path p : old.toList()) {
                Files.delete(p);  // counterexamples found by the previous input's search
            }
        }
        Files.write(dir.resolve("stored.json"), input);
        ClaimResult r = new ClaimRunner(RunConfig.at(ROOT, 1, "default", 2, null, "fuzz")).run(new Bounded());
        assertNotNull(r.verdict());
        assertEquals("fuzz.stored", r.id());
        assertTrue(r.storedReplayed() <= 1, "at most the one stored file replayed");
    }

    private static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("store-fuzz");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
