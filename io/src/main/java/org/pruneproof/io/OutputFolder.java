package org.pruneproof.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A folder of results that appears whole or not at all. Files are written into a hidden staging folder
 * beside the target ({@code .<name>.<pid>.partial}); {@link #commitListing} writes the {@link #MANIFEST} last,
 * then swaps the staging folder in place of the target. So an interruption at any instant leaves the
 * previous complete output or none, and a reader tells a complete folder by its manifest.
 *
 * <p>A target that exists is replaced only when it is an earlier pruneproof output (it has a manifest);
 * a file, or a folder holding anything else, is refused before any work. The staging folder is removed on
 * {@link #close} without commit and on SIGINT/SIGTERM (a shutdown hook); one left by a killed process
 * (its pid no longer runs) is removed by the next output folder created beside it.
 */
public final class OutputFolder implements AutoCloseable {

    /** The file written last: its presence marks a complete output folder. */
    public static final String MANIFEST = "pruneproof-output.json";

    private static final Logger LOG = LoggerFactory.getLogger(OutputFolder.class);
    private static final String PARTIAL = ".partial";
    private static final String OLD = ".old";
    /** What follows {@code .<name>.} in a staging folder ({@code <pid>.<hex>.partial}) or an old one ({@code <pid>.old}). */
    private static final java.util.regex.Pattern LEFTOVER = java.util.regex.Pattern.compile("\\d+(\\.[0-9a-f]+\\.partial|\\.old)");

    private final Path target;
    private final Path staging;
    private final Thread cleanup;
    private boolean committed;

    private OutputFolder(Path target, Path staging) {
        this.target = target;
        this.staging = staging;
        this.cleanup = new Thread(() -> deleteTree(staging), "pruneproof-output-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    /**
     * Checks the target and creates the staging folder beside it.
     *
     * @param option the option that named the folder, for messages ({@code --out})
     * @param target the folder to create or replace
     * @param inputs the command's inputs by option name, which the output must not overwrite
     * @throws OutputException naming the option when the target is refused
     */
    public static OutputFolder create(String option, Path target, Map<String, Path> inputs) {
        OutputLocations.check(option, target, inputs);
        Path t = target.toAbsolutePath().normalize();
        if (Files.exists(t) && !Files.isDirectory(t)) {
            throw new OutputException(option + " " + target + " exists and is a file; expected a new folder or an earlier output folder");
        }
        if (Files.isDirectory(t) && !isEmpty(t)) {
            if (!Files.isRegularFile(t.resolve(MANIFEST))) {
                throw new OutputException(option + " " + target + " holds files that pruneproof did not write (no "
                        + MANIFEST + "); expected a new or empty folder, or an earlier output folder to replace");
            }
            String foreign = firstUnlisted(t);
            if (foreign != null) {
                throw new OutputException(option + " " + target + " holds " + foreign + ", which its " + MANIFEST
                        + " does not list (not written by pruneproof); move it away or choose another folder");
            }
        }
        clearStale(t);
        try {
            Files.createDirectories(t.getParent());
            Path staging = t.resolveSibling("." + t.getFileName() + "." + ProcessHandle.current().pid() + "."
                    + Long.toHexString(System.nanoTime()) + PARTIAL);
            Files.createDirectory(staging);
            return new OutputFolder(t, staging);
        } catch (IOException e) {
            throw new OutputException("cannot create " + option + " " + target + ": " + OutputLocations.reason(e), e);
        }
    }

    /** The folder to write into (the staging folder until {@link #commitListing}). */
    public Path path() {
        return staging;
    }

    /** A file of the output folder, to be written before {@link #commitListing}. */
    public Path resolve(String name) {
        return staging.resolve(name);
    }

    /** Writes the manifest (JSON text listing what the folder holds) and swaps the folder into place. */
    private Path commit(String manifestJson) {
        if (committed) {
            throw new IllegalStateException("already committed: " + target);
        }
        AtomicFiles.writeString(staging.resolve(MANIFEST), manifestJson);
        try {
            AtomicFiles.readableByAll(staging);
            Path old = null;
            if (Files.exists(target)) {
                old = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + OLD);
                move(target, old);
            }
            move(staging, target);
            committed = true;
            if (old != null) {
                deleteTree(old);
            }
        } catch (IOException e) {
            throw new OutputException("cannot move the output into " + target + ": " + OutputLocations.reason(e), e);
        }
        removeHook();
        return target;
    }

    /**
     * Writes the standard manifest — the command that wrote the folder and the files it holds — and
     * swaps the folder into place.
     *
     * @return the target folder
     */
    public Path commitListing(String command) {
        Map<String, Object> manifest = new java.util.LinkedHashMap<>();
        manifest.put("writtenBy", "pruneproof " + command);
        manifest.put("files", files());
        return commit(JsonFiles.text(manifest));
    }

    /** Removes the staging folder unless committed. */
    @Override
    public void close() {
        if (!committed) {
            deleteTree(staging);
            removeHook();
        }
    }

    private void removeHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it removes the staging folder itself
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /** Removes staging and old folders of {@code target} left by processes that no longer run. */
    private static void clearStale(Path target) {
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return;
        }
        String prefix = "." + target.getFileName() + ".";
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                String rest = n.startsWith(prefix) ? n.substring(prefix.length()) : "";
                if (LEFTOVER.matcher(rest).matches() && Files.isDirectory(p) && !running(rest)) {
                    LOG.info("removing {} left by an interrupted run", p);
                    deleteTree(p);
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot look for leftovers of interrupted runs in {}: {}", dir, e.getMessage());
        }
    }

    /** Whether the process whose pid starts {@code leftover} ({@code <pid>.…}) still runs; true when unsure. */
    static boolean running(String leftover) {
        try {
            long pid = Long.parseLong(leftover.substring(0, leftover.indexOf('.')));
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return true;  // not ours: leave it
        }
    }

    /** The first file under an earlier output folder that its manifest does not list, or null. */
    private static String firstUnlisted(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            java.util.Set<String> listed = listedFiles(Files.readString(dir.resolve(MANIFEST)));
            for (Path p : s.sorted().toList()) {
                String rel = dir.relativize(p).toString();
                if (!Files.isDirectory(p) && !rel.equals(MANIFEST) && !listed.contains(rel)) {
                    return rel;
                }
            }
            return null;
        } catch (IOException e) {
            return MANIFEST + " (unreadable: " + OutputLocations.reason(e) + ")";
        }
    }

    /**
     * The names in the manifest's {@code "files"} array, as {@link #commitListing} writes it (and as earlier
     * versions wrote it by hand); none for a manifest that is not such JSON.
     */
    static java.util.Set<String> listedFiles(String manifest) {
        java.util.Set<String> names = new java.util.HashSet<>();
        try {
            com.fasterxml.jackson.databind.JsonNode files = JsonFiles.mapper().readTree(manifest).path("files");
            for (com.fasterxml.jackson.databind.JsonNode f : files) {
                if (f.isTextual()) {
                    names.add(f.asText());
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // not a manifest: it lists nothing
        }
        return names;
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /** Removes {@code root} and everything under it, as far as it can (what cannot be removed is logged and left). */
    public static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.deleteIfExists(p);
                } catch (DirectoryNotEmptyException e) {
                    // a file appeared meanwhile; leave the folder
                }
            }
        } catch (IOException e) {
            LOG.warn("could not remove {}: {}", root, e.getMessage());
        }
    }

    /** Lists what the folder holds (for a manifest): file names relative to it, sorted. */
    public List<String> files() {
        try (Stream<Path> s = Files.walk(staging)) {
            return s.filter(Files::isRegularFile).map(p -> staging.relativize(p).toString()).sorted().toList();
        } catch (IOException e) {
            throw new OutputException("cannot list " + staging + ": " + OutputLocations.reason(e), e);
        }
    }
}
