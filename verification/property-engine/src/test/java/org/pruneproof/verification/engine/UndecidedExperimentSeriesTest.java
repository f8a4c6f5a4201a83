package org.pruneproof.verification.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pruneproof.reports.results.ClaimResult;
import org.pruneproof.reports.results.Series;
import org.pruneproof.theory.Paper;
import org.pruneproof.theory.Provenance;
import org.pruneproof.verification.api.Budget;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.api.ClaimSpec;
import org.pruneproof.verification.api.Expectation;
import org.pruneproof.verification.api.Gen;
import org.pruneproof.verification.api.Outcome;

/**
 * An experiment that cannot decide is discarded, but what it measured reaches the result when no instance was checked:
 * the last measuring discard's series and details (so an inconclusive reproduction still has its figure and its
 * measurement); a discard for an unmet hypothesis, after it, does not hide them; a checked instance comes first.
 */
class UndecidedExperimentSeriesTest {

    @TempDir
    Path root;

    /** Instance k (0, 1, 2 in the default budget's three attempts) measures k; {@code checkedAt} is checked, the others not. */
    static Claim<Integer> claim(int checkedAt, boolean lastUnmeasured) {
        ClaimSpec spec = ClaimSpec.builder("test.undecided-series").title("an experiment").statement("-")
                .provenance(Provenance.conjecture(Paper.PRUNEPROOF, "test")).expected(Expectation.OPEN)
                .budget(Budget.experiments(1, 600).withAttemptLimits(3, 3)).reproduces("a figure").build();
        return new Claim<>() {
            public ClaimSpec spec() {
                return spec;
            }

            public Gen<Integer> instances() {
                return (r, size) -> size - 1; // instance k has size k + 1
            }

            public Outcome check(Integer i) {
                if (lastUnmeasured && i == 2) {
                    return Outcome.discard("hypothesis not met");
                }
                Series s = Series.measured("per seed", "measured", "seed", "top-1", new double[] {1, 2}, new double[] {i, i + 0.5});
                Outcome o = i == checkedAt ? Outcome.holds(0.5, "reproduced") : Outcome.discard("inconclusive: d = " + i);
                return o.withDetail("measurement", "d = " + i).withSeries(s);
            }
        };
    }

    private ClaimResult run(Claim<Integer> claim) {
        return new CatalogueRun(RunConfig.at(root, 1, "default", null, null, "test"), "test").checkAll(List.of(claim), 1).get(0);
    }

    @Test
    void anInconclusiveExperimentKeepsTheLastUndecidedSeriesAndMeasurement() {
        ClaimResult r = run(claim(-1, false));
        assertEquals("INCONCLUSIVE", r.verdict(), r.reason());
        assertEquals(1, r.series().size(), "the figure of the last undecided experiment");
        assertEquals(2.0, r.series().get(0).y()[0], "instance 2's series, the last one drawn");
        assertEquals("d = 2", r.statistics().get("measurement"));
    }

    @Test
    void aLaterDiscardWithoutMeasurementDoesNotHideTheFigure() {
        ClaimResult r = run(claim(-1, true));
        assertEquals(1.0, r.series().get(0).y()[0], "instance 1's series: instance 2 measured nothing");
        assertEquals("d = 1", r.statistics().get("measurement"));
    }

    @Test
    void aCheckedExperimentsSeriesComesFirst() {
        ClaimResult r = run(claim(0, false));
        assertEquals("HOLDS", r.verdict(), r.reason());
        assertEquals(0.0, r.series().get(0).y()[0]);
        assertTrue(r.statistics().get("measurement").toString().endsWith("0"));
    }
}
