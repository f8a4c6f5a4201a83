package org.pruneproof.verification.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pruneproof.reports.results.ClaimResult;
import org.pruneproof.verification.api.Claim;

/**
 * Adding a conjecture is one Java file: a claim compiled from source at test time, with no change
 * anywhere else, is discovered and checked.
 */
class CatalogueDiscoveryTest {

    /** The README's example conjecture, verbatim in spirit: one file, no registration. */
    static final String USER_CLAIM = """
            package org.pruneproof.verification.claims.mine;

            import org.pruneproof.reference.greedy.GreedyForwardSelection;
            import org.pruneproof.theory.greedy.GreedyPath;
            import org.pruneproof.theory.Paper;
            import org.pruneproof.theory.Provenance;
            import org.pruneproof.verification.api.*;
            import org.pruneproof.verification.gen.FeatureInstance;
            import org.pruneproof.verification.gen.GreedyInstances;

            public final class BestNeuronNeverWorse implements Claim<FeatureInstance> {
                public ClaimSpec spec() {
                    return ClaimSpec.builder("mine.greedy-beats-first-step")
                            .title("L_n never exceeds twice L_1")
                            .statement("L_n \\\\le 2 L_1")
                            .provenance(Provenance.conjecture(Paper.YE2020, "a user's guess"))
                            .expected(Expectation.OPEN)
                            .build();
                }
                public Gen<FeatureInstance> instances() { return GreedyInstances.withArbitraryTarget(); }
                public Outcome check(FeatureInstance inst) {
                    GreedyPath p = GreedyForwardSelection.withReplacement(inst.features(), inst.y(), inst.steps());
                    Inequalities ineq = Inequalities.hard();
                    for (int n = 1; n <= p.steps(); n++) ineq.atMost("L_n <= 2 L_1", n, p.lossAt(n), 2 * p.lossAt(1));
                    return ineq.outcome();
                }
                public Shrinker<FeatureInstance> shrinker() { return FeatureInstance.shrinker(); }
            }
            """;

    @Test
    void aNewClaimFileIsPickedUpWithoutRegistration(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("src/org/pruneproof/verification/claims/mine/BestNeuronNeverWorse.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, USER_CLAIM);
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-d", classes.toString(),
                "-cp", System.getProperty("java.class.path"), src.toString());
        assertEquals(0, rc, "the example claim compiles");

        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                Thread.currentThread().getContextClassLoader())) {
            Catalogue catalogue = Catalogue.discover(loader, List.of(Catalogue.CLAIMS_PACKAGE));
            List<String> ids = catalogue.claims().stream().map(c -> c.spec().id()).toList();
            assertTrue(ids.contains("mine.greedy-beats-first-step"), "discovered: " + ids);
            assertTrue(ids.contains("ye2020.realizable-rate"), "the built-in claims are still there: " + ids);

            Claim<?> mine = catalogue.find("mine.greedy-beats-first-step").orElseThrow();
            ClaimResult r = new ClaimRunner(RunConfig.at(dir, 1, "default", 50, null, "test")).run(mine);
            assertTrue(r.tries() + r.discarded() > 0, "the new claim was checked");
            assertEquals("open", r.expected());
        }
    }

    @Test
    void duplicateIdsAreRejectedNamingBothClasses() {
        // The built-in catalogue has unique ids.
        Catalogue c = Catalogue.discover();
        long distinct = c.claims().stream().map(x -> x.spec().id()).distinct().count();
        assertEquals(c.claims().size(), distinct);
        assertTrue(File.separator.length() == 1);
    }
}
