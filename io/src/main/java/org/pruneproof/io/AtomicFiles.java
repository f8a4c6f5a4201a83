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
            tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
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
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the temporary file is hidden and recognisable by its name; nothing else to do
                }
            }
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
