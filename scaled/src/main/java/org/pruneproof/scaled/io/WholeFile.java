package org.pruneproof.scaled.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.BiFunction;

/** A whole file (at most 2 GiB) read into one little-endian buffer, for the array formats' readers. */
final class WholeFile {

    private WholeFile() {
    }

    /**
     * The file's bytes; a missing, oversized or unreadable file is reported through {@code error}
     * (message naming the file and the problem, and the cause or null).
     */
    static ByteBuffer read(Path file, BiFunction<String, IOException, RuntimeException> error) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE - 64) {
                throw error.apply(file + ": larger than 2 GiB (" + size + " bytes), which is not supported", null);
            }
            ByteBuffer b = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
            while (b.hasRemaining() && ch.read(b) >= 0) {
                // keep reading
            }
            b.flip();
            return b;
        } catch (NoSuchFileException e) {
            throw error.apply(file + ": no such file", null);
        } catch (IOException e) {
            throw error.apply(file + ": cannot read: " + e.getMessage(), e);
        }
    }
}
