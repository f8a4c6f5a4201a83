package org.pruneproof.verification.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.pruneproof.io.AtomicFiles;
import org.pruneproof.reports.results.ResultsFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counterexamples kept on disk, one JSON file per shrunk counterexample under
 * {@code <dir>/<claim id>/<hash>.json}, so that a found counterexample is replayed first on every
 * later run and never forgotten. The file holds the instance's values (not only a seed), so it
 * survives changes to the generators.
 */
public final class CounterexampleStore {

    private static final Logger LOG = LoggerFactory.getLogger(CounterexampleStore.class);

    private final Path dir;

    public CounterexampleStore(Path dir) {
        this.dir = dir;
    }

    /** A stored counterexample: the file it came from and its JSON content. */
    public record Entry(Path file, JsonNode json) {

        /** The instance values. */
        public JsonNode instance() {
            return json.get("instance");
        }
    }

    /** The directory of the store. */
    public Path dir() {
        return dir;
    }

    /**
     * The stored counterexamples of a claim, in file-name order. An unreadable file is reported and
     * skipped, never fatal: its name and problem are returned in {@code problems}.
     */
    public List<Entry> load(String claimId, List<String> problems) {
        Path claimDir = dir.resolve(claimId);
        List<Entry> out = new ArrayList<>();
        if (!Files.isDirectory(claimDir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(claimDir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                try {
                    JsonNode node = ResultsFiles.mapper().readTree(f.toFile());
                    if (node == null || !node.has("instance")) {
                        problems.add(f + ": no \"instance\" field");
                        continue;
                    }
                    out.add(new Entry(f, node));
                } catch (IOException e) {
                    problems.add(f + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            problems.add(claimDir + ": " + e.getMessage());
        }
        return out;
    }

    /**
     * Stores a counterexample unless an identical instance is already stored.
     *
     * @return the file, new or existing
     */
    public Path save(String claimId, JsonNode instance, String message, long seed, int size) {
        ObjectMapper mapper = ResultsFiles.mapper();
        String canonical;
        try {
            canonical = mapper.writeValueAsString(instance);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode counterexample of " + claimId, e);
        }
        Path file = dir.resolve(claimId).resolve(sha256(canonical).substring(0, 16) + ".json");
        if (Files.exists(file)) {
            return file;
        }
        ObjectNode node = mapper.createObjectNode();
        node.put("claim", claimId);
        node.put("message", message);
        node.put("seed", seed);
        node.put("size", size);
        node.set("instance", instance);
        try {
            AtomicFiles.writeString(file, mapper.writeValueAsString(node));
            LOG.info("stored counterexample of {} in {}", claimId, file);
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not store counterexample of {} in {}: {}", claimId, file, e.getMessage());
        }
        return file;
    }

    private static String sha256(String s) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
