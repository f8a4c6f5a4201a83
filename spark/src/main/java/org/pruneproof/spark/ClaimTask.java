package org.pruneproof.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.pruneproof.io.OutputFolder;
import org.pruneproof.reports.results.ClaimResult;
import org.pruneproof.reports.results.ReplayCommands;
import org.pruneproof.reports.results.ResultsFiles;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.engine.Catalogue;
import org.pruneproof.verification.engine.ClaimRunner;
import org.pruneproof.verification.engine.RunConfig;
import org.pruneproof.verification.experiments.FashionMnist;

/**
 * What an executor needs to check claims of the catalogue, with nothing read from the driver's file system: the run's
 * settings as plain values, the driver's stored counterexamples of these claims (file name → bytes) and the driver's
 * system properties that claims read ({@value FashionMnist#PROPERTY}, {@value Catalogue#EXTRA_PACKAGES_PROPERTY}).
 * On the executor a claim runs in a fresh folder holding a copy of its stored counterexamples, exactly as the local
 * engine runs it in the repository; what it writes there (a new counterexample, the tightest instance) comes back with
 * the result, and the driver writes it into its own folders ({@link SparkTasks#claims}).
 *
 * @param seed       the run's seed
 * @param budget     {@code default} or {@code full}
 * @param tries      override of every claim's tries, or null
 * @param timeScale  multiplier of every claim's time limit, or null
 * @param command    how the run was started, for the report
 * @param properties the driver's system properties claims read (only those set)
 * @param stored     claim id → the driver's stored counterexample files of that claim (name → content)
 */
public record ClaimTask(long seed, String budget, Integer tries, Double timeScale, String command, Map<String, String> properties,
                        Map<String, Map<String, byte[]>> stored) implements Serializable {

    /** System properties of the driver that claims read, passed on to the executors. */
    static final List<String> PROPERTIES = List.of(FashionMnist.PROPERTY, Catalogue.EXTRA_PACKAGES_PROPERTY);

    /** What one claim's check on an executor gives back: the result as results.json's JSON, and the tightest-instance file or null. */
    public record Checked(String result, String tightest) implements Serializable {
    }

    /** The task of the claims {@code ids} of a run with this configuration (reads the driver's counterexample store). */
    public static ClaimTask of(RunConfig c, List<String> ids) {
        Map<String, Map<String, byte[]>> stored = new TreeMap<>();
        for (String id : ids) {
            Path dir = c.storeDir().resolve(id);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            Map<String, byte[]> files = new TreeMap<>();
            try (Stream<Path> s = Files.list(dir)) {
                for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
                    files.put(f.getFileName().toString(), Files.readAllBytes(f));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the counterexample store " + dir, e);
            }
            stored.put(id, files);
        }
        Map<String, String> properties = new TreeMap<>();
        for (String p : PROPERTIES) {
            if (System.getProperty(p) != null) {
                properties.put(p, System.getProperty(p));
            }
        }
        return new ClaimTask(c.seed(), c.budgetName(), c.tries(), c.timeScale(), c.command(), properties, stored);
    }

    /** The catalogue this JVM discovered, by the extra packages it was discovered with (discovery scans the class path). */
    private static final Map<String, Catalogue> DISCOVERED = new java.util.concurrent.ConcurrentHashMap<>();

    /** Checks the claim {@code id} here, on one thread, in a temporary folder removed afterwards. */
    public Checked check(String id) throws IOException {
        properties.forEach(System::setProperty);
        Catalogue catalogue = DISCOVERED.computeIfAbsent(System.getProperty(Catalogue.EXTRA_PACKAGES_PROPERTY, ""), p -> Catalogue.discover());
        Claim<?> claim = catalogue.find(id)
                .orElseThrow(() -> new IllegalArgumentException("no claim '" + id + "' on this executor's class path"));
        Path root = Files.createTempDirectory("pruneproof-claim-");
        try {
            RunConfig config = RunConfig.at(root, seed, budget, tries, timeScale, command);
            for (Map.Entry<String, byte[]> f : stored.getOrDefault(id, Map.of()).entrySet()) {
                Path file = config.storeDir().resolve(id).resolve(f.getKey());
                Files.createDirectories(file.getParent());
                Files.write(file, f.getValue());
            }
            ClaimResult r = new ClaimRunner(config, ReplayCommands.PRUNEPROOF).run(claim);
            Path tight = tightestFile(config, id);
            return new Checked(json(id, r), Files.isRegularFile(tight) ? Files.readString(tight) : null);
        } finally {
            OutputFolder.deleteTree(root);
        }
    }

    /** Where a run writes the tightest instance of claim {@code id} (the targeted search's file). */
    static Path tightestFile(RunConfig config, String id) {
        return config.tightDir().resolve(id + ".json");
    }

    private static String json(String id, ClaimResult r) {
        try {
            return ResultsFiles.mapper().writeValueAsString(r);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(id + ": cannot encode the result: " + e.getOriginalMessage(), e);
        }
    }
}
