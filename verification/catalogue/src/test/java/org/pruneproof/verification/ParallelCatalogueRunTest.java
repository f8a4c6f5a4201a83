package org.pruneproof.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pruneproof.reports.results.ClaimResult;
import org.pruneproof.reports.results.ResultsFiles;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.claims.Engines;
import org.pruneproof.verification.engine.Catalogue;
import org.pruneproof.verification.engine.CatalogueRun;
import org.pruneproof.verification.engine.RunConfig;

/**
 * Catalogue claims checked on two workers give what one thread gives, timings aside: a sample with a claim that
 * holds, falsified claims (shrunk counterexamples, stored), a lemma, a claim judged over experiments by a pass rate,
 * claims with a targeted search, and cross-checks on the ND4J engine (which hold every slot), at 12 tries a claim
 * (the whole catalogue at the default budget is compared by {@code .ci/compare-results}). Each run starts from a copy
 * of the repository's counterexample store.
 */
class ParallelCatalogueRunTest {

    static final List<String> SAMPLE = List.of("crosscheck.kernel-rescaling", "crosscheck.channel-greedy-reduces",
            "hayou2021.scr-eoc", "hayou2021.mbp-scale-invariance", "wolfe2021.greedy-distance-bound",
            "wolfe2021.greedy-distance-bound.step-1", "wolfe2021.monotone-in-pretraining", "ye2020.first-step",
            "ye2020.monotone-loss", "ye2020.forward-beats-backward", "ye2020.random-features", "ye2020.realizable-rate");

    @TempDir
    Path dir;

    @Test
    void twoWorkersGiveTheResultsOfOneThread() throws IOException {
        Catalogue catalogue = Catalogue.discover();
        List<Claim<?>> claims = SAMPLE.stream().<Claim<?>>map(id -> catalogue.find(id).orElseThrow(() -> new AssertionError("no claim " + id)))
                .toList();

        CatalogueRun one = new CatalogueRun(config("sequential"), Engines.describe());
        for (int i = 0; i < claims.size(); i++) {
            one.check(claims.get(i), i + 1, claims.size());
        }
        CatalogueRun two = new CatalogueRun(config("parallel"), Engines.describe());
        two.checkAll(claims, 2);

        ArrayNode sequential = comparable(one.results());
        assertEquals(SAMPLE.size(), sequential.size());
        assertTrue(one.results().stream().anyMatch(r -> r.verdict().equals("FALSIFIED")), "the sample has a falsified claim");
        assertTrue(one.results().stream().anyMatch(r -> r.passRateTest() != null), "the sample has a pass-rate claim");
        assertEquals(sequential, comparable(two.results()));
    }

    private RunConfig config(String name) throws IOException {
        Path root = dir.resolve(name);
        Path repositoryStore = Path.of(System.getProperty("pruneproof.root", "../..")).resolve("counterexamples");
        copy(repositoryStore, root.resolve("counterexamples"));
        return RunConfig.at(root, RunConfig.DEFAULT_SEED, "default", 12, null, "test");
    }

    private static ArrayNode comparable(List<ClaimResult> results) {
        ArrayNode array = ResultsFiles.mapper().createArrayNode();
        for (ClaimResult r : results) {
            ObjectNode node = ResultsFiles.mapper().valueToTree(r);
            node.remove("durationMs");
            array.add(node);
        }
        return array;
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> files = Files.walk(from)) {
            files.forEach(f -> {
                try {
                    Path target = to.resolve(from.relativize(f).toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(f, target);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
