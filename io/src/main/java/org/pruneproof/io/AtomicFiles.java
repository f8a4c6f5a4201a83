package org.pruneproof.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes one file so that a reader — or an interruption at any instant — sees either the previous
 * complete file or the new complete one: the bytes go to a hidden temporary file in the same folder
 * ({@code .<name>.<random>.tmp}), are forced to disk, and the temporary file is moved over the target
 * (an atomic rename on every local file system). The file is made readable by all (rw-r--r--), as a
 * file written directly would be.
 */
public final class AtomicFiles {

    /** Writes the body of a file to a stream. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /** Writes text (UTF-8) atomically. */
    public static void writeString(Path file, String text) {
        write(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Writes a file atomically, creating its folder when missing.
     *
     * @throws OutputException naming the file when it cannot be written
     */
    public static void write(Path file, Body body) {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            clearStale(dir, target.getFileName().toString());
            tmp = Files.createTempFile(dir, "." + target.getFileName() + "." + ProcessHandle.current().pid() + ".", ".tmp");
            inFlight(tmp);
            try (OutputStream out = Files.newOutputStream(tmp)) {
                body.writeTo(out);
            }
            try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            readableByAll(tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            throw new OutputException("cannot write " + file + ": " + OutputLocations.reason(e), e);
        } finally {
            if (tmp != null) {
                IN_FLIGHT.remove(tmp);
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // hidden and named by its process: the next write beside it removes it
                }
            }
        }
    }

    /** Temporary files being written now: removed by a shutdown hook on SIGINT/SIGTERM. */
    private static final java.util.Set<Path> IN_FLIGHT = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final java.util.concurrent.atomic.AtomicBoolean HOOKED = new java.util.concurrent.atomic.AtomicBoolean();

    private static void inFlight(Path tmp) {
        IN_FLIGHT.add(tmp);
        if (HOOKED.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                for (Path p : IN_FLIGHT) {
                    try {
                        Files.deleteIfExists(p);
                    } catch (IOException ignored) {
                        // the next write beside it removes it
                    }
                }
            }, "pruneproof-atomic-files-cleanup"));
        }
    }

    /** Removes {@code .<name>.<pid>.<random>.tmp} files beside the target left by processes that no longer run. */
    private static void clearStale(Path dir, String name) {
        String prefix = "." + name + ".";
        try (java.util.stream.Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if (n.startsWith(prefix) && n.endsWith(".tmp")) {
                    String rest = n.substring(prefix.length());
                    int dot = rest.indexOf('.');
                    if (dot > 0 && rest.substring(0, dot).chars().allMatch(Character::isDigit)
                            && !OutputFolder.running(rest)) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        } catch (IOException ignored) {
            // leftovers stay hidden; writing goes on
        }
    }

    /** rw-r--r-- where the file system has POSIX modes (a temporary file is created rw-------). */
    static void readableByAll(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(
                    Files.isDirectory(file) ? "rwxr-xr-x" : "rw-r--r--"));
        }
    }
}
