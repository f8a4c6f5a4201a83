package org.pruneproof.verification.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestEngine;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
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
 * The engine as a build tool sees it: found by ServiceLoader, one test per selected claim class named by the claim's
 * id, a verdict that contradicts the expectation fails its test, and results.json and index.html are written.
 */
class ClaimTestEngineTest {

    /** Base of the test claims: n drawn from 1..10, checked against a bound. */
    abstract static class Bounded implements Claim<Integer> {
        private final String id;
        private final int bound;
        private final Expectation expected;

        Bounded(String id, int bound, Expectation expected) {
            this.id = id;
            this.bound = bound;
            this.expected = expected;
        }

        @Override
        public ClaimSpec spec() {
            return ClaimSpec.builder(id).title("n ≤ " + bound).statement("n \\le " + bound)
                    .provenance(Provenance.conjecture(Paper.PRUNEPROOF, "an engine test")).expected(expected)
                    .budget(Budget.experiments(20, 10)).build();
        }

        @Override
        public Gen<Integer> instances() {
            return Gens.integers(1, 10);
        }

        @Override
        public Outcome check(Integer n) {
            return n <= bound ? Outcome.holds(n / (double) bound, "n = " + n) : Outcome.fails(n / (double) bound, "n = " + n);
        }
    }

    /** Holds, as expected. */
    public static final class Holds extends Bounded {
        public Holds() {
            super("test.holds", 10, Expectation.HOLDS);
        }
    }

    /** Falsified, as expected: a passing test. */
    public static final class FalsifiedAsExpected extends Bounded {
        public FalsifiedAsExpected() {
            super("test.falsified", 3, Expectation.FALSIFIED);
        }
    }

    /** Expected to hold but falsified: a failing test. */
    public static final class WronglyExpected extends Bounded {
        public WronglyExpected() {
            super("test.wrongly-expected", 3, Expectation.HOLDS);
        }
    }

    @Test
    void theEngineIsFoundThroughServiceLoader() {
        List<String> ids = new ArrayList<>();
        ServiceLoader.load(TestEngine.class).forEach(e -> ids.add(e.getId()));
        assertTrue(ids.contains(ClaimTestEngine.ID), "engines found: " + ids);
    }

    /** Cannot be created: its test fails with the reason, and the other claims still run. */
    public static final class Uncreatable extends Bounded {
        public Uncreatable() {
            super("test.uncreatable", 10, Expectation.HOLDS);
            throw new IllegalStateException("planted: this claim's constructor throws");
        }
    }

    @Test
    void eachClaimIsOneTestJudgedByItsExpectationAndTheReportIsWritten(@TempDir Path root) {
        List<String> passed = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        execute(root, "2", passed, failed);
        assertEquals(List.of("test.falsified", "test.holds"), passed.stream().sorted().toList());
        assertEquals(List.of("test.wrongly-expected"), failed);
        assertTrue(Files.isRegularFile(root.resolve("target/pruneproof/results.json")), "results.json written");
        assertTrue(Files.isRegularFile(root.resolve("target/pruneproof/index.html")), "index.html written");
    }

    @Test
    void theClaimsResultsDoNotDependOnHowManyJobsCheckThem(@TempDir Path one, @TempDir Path three) throws Exception {
        execute(one, "1", new ArrayList<>(), new ArrayList<>());
        execute(three, "3", new ArrayList<>(), new ArrayList<>());
        assertEquals(claims(one), claims(three));
    }

    @Test
    void aClaimThatCannotBeCreatedFailsItsOwnTestOnly(@TempDir Path root) {
        List<String> passed = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        LauncherFactory.create().execute(request(root, "2", selectClass(Uncreatable.class), selectClass(Holds.class)),
                listener(passed, failed));
        assertEquals(List.of("test.holds"), passed);
        assertEquals(List.of(Uncreatable.class.getName()), failed);
    }

    private static com.fasterxml.jackson.databind.JsonNode claims(Path root) throws java.io.IOException {
        com.fasterxml.jackson.databind.node.ArrayNode claims = (com.fasterxml.jackson.databind.node.ArrayNode)
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(root.resolve("target/pruneproof/results.json").toFile())
                        .get("claims");
        claims.forEach(c -> ((com.fasterxml.jackson.databind.node.ObjectNode) c).remove("durationMs"));
        return claims;
    }

    private static void execute(Path root, String jobs, List<String> passed, List<String> failed) {
        LauncherFactory.create().execute(request(root, jobs, selectClass(Holds.class), selectClass(FalsifiedAsExpected.class),
                selectClass(WronglyExpected.class), selectClass(ClaimTestEngineTest.class)), listener(passed, failed));
    }

    private static LauncherDiscoveryRequest request(Path root, String jobs, org.junit.platform.engine.DiscoverySelector... selectors) {
        return LauncherDiscoveryRequestBuilder.request()
                .selectors(selectors)
                .filters(org.junit.platform.launcher.EngineFilter.includeEngines(ClaimTestEngine.ID))
                .configurationParameter("pruneproof.root", root.toString())
                .configurationParameter("pruneproof.seed", "7")
                .configurationParameter("pruneproof.jobs", jobs)
                .build();
    }

    private static TestExecutionListener listener(List<String> passed, List<String> failed) {
        return new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (id.isTest()) {
                    (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL ? passed : failed).add(id.getDisplayName());
                }
            }
        };
    }
}
