package org.pruneproof.verification.claims;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.pruneproof.reports.results.ClaimResult;
import org.pruneproof.theory.Provenance;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.api.Expectation;
import org.pruneproof.verification.engine.Catalogue;
import org.pruneproof.verification.engine.ClaimRunner;
import org.pruneproof.verification.engine.RunConfig;

/**
 * Measurement, not a check (run it with {@code -Dpruneproof.measure=true}): every derived claim and every lemma of a
 * derived proof, at the catalogue's run seed ({@value RunConfig#DEFAULT_SEED}) and default budget. A targeted one (a
 * bound: value ≤ bound, its ratio a tightness) gets random-best, targeted-best and slack 1/targeted-best; an untargeted
 * one is an identity or an agreement within a tolerance, whose ratio (an error over its allowance) is no tightness.
 * "Materially raised", fixed before the run: the gap 1 − ratio at least halved, (1 − targeted) ≤ ½(1 − random), on a
 * bound that random generation did not already attain; "attained by random": random best ≥ 1 − 1e-6. Writes
 * {@code target/tightness-table.md}.
 */
class TightnessTableMeasurement {

    static final double ATTAINED = 1 - 1e-6;

    @TempDir
    Path root;

    @Test
    @EnabledIfSystemProperty(named = "pruneproof.measure", matches = "true")
    void randomAgainstTargetedBestRatioOnEveryDerivedBoundAndLemma() throws Exception {
        List<Claim<?>> derived = Catalogue.discover().claims().stream()
                .filter(c -> c.spec().provenance().kind() == Provenance.Kind.DERIVED && c.spec().expected() == Expectation.HOLDS).toList();
        ClaimRunner runner = new ClaimRunner(RunConfig.at(root, RunConfig.DEFAULT_SEED, "default", null, null, "measure"));
        List<String> rows = new ArrayList<>();
        rows.add("| claim | kind | verdict | random best | targeted best | slack 1/ratio | materially raised | mutants (improvements; outside the hypotheses) |");
        rows.add("|---|---|---|---|---|---|---|---|");
        List<String> identities = new ArrayList<>();
        int bounds = 0;
        int attained = 0;
        int raised = 0;
        int zero = 0;
        for (Claim<?> c : derived) {
            String id = c.spec().id();
            if (c.spec().targeting() == null) {
                identities.add("`" + id + "`");
                continue;
            }
            bounds++;
            long t0 = System.nanoTime();
            ClaimResult r = runner.run(c);
            double seconds = (System.nanoTime() - t0) / 1e9;
            var t = r.tightness();
            double random = t == null || t.randomBest() == null ? Double.NaN : t.randomBest();
            double best = t == null || t.targetedBest() == null ? Double.NaN : t.targetedBest();
            // a holding bound whose ratio exceeds 1 beyond rounding holds by the absolute tolerance: both sides ≈ 0
            boolean nearZero = "HOLDS".equals(r.verdict()) && random > 1 + 1e-6;
            boolean isAttained = !nearZero && random >= ATTAINED;
            boolean isRaised = !nearZero && !isAttained && 1 - best <= 0.5 * (1 - random);
            attained += isAttained ? 1 : 0;
            raised += isRaised ? 1 : 0;
            zero += nearZero ? 1 : 0;
            rows.add(String.format(Locale.ROOT, "| `%s` | %s | %s | %s | %s | %s | %s | %s (%s; %s) |", id,
                    id.contains(".step-") ? "lemma" : "theorem", r.verdict(), ratio(random), ratio(best),
                    t == null || t.slack() == null ? "–" : String.format(Locale.ROOT, "%.3f", t.slack()),
                    nearZero ? "n/a: both sides below the absolute tolerance" : isAttained ? "attained by random" : isRaised ? "**yes**" : "no",
                    t == null ? "–" : Integer.toString(t.evaluations()), t == null ? "–" : Integer.toString(t.improvements()),
                    t == null ? "–" : Integer.toString(t.discarded())));
            System.err.println(rows.get(rows.size() - 1) + String.format(Locale.ROOT, " %.1f s", seconds));
        }
        String summary = String.format(Locale.ROOT, "%d bounds targeted (theorems and lemmas): %d already attained by random "
                + "generation (≥ 1 − 1e-6), %d whose ratio is one of two quantities below the absolute tolerance, %d of the "
                + "other %d materially raised (gap 1 − ratio at least halved). Not bounds "
                + "(identities or agreements within a tolerance; the ratio is an error over its allowance, not a tightness; "
                + "not targeted): %s.", bounds, attained, zero, raised, bounds - attained - zero, String.join(", ", identities));
        Path out = Path.of("target", "tightness-table.md");
        Files.writeString(out, String.join("\n", rows) + "\n\n" + summary + "\n");
        System.err.println(String.join("\n", rows) + "\n\n" + summary);
        assertTrue(bounds > 0, "some derived bound is targeted");
    }

    /** A ratio to 4 significant digits, or its distance from 1 when within 1e-4 of it. */
    static String ratio(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        double gap = 1 - v;
        if (gap != 0 && Math.abs(gap) < 1e-4) {
            return String.format(Locale.ROOT, "1 %s %.1e", gap > 0 ? "−" : "+", Math.abs(gap));
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
