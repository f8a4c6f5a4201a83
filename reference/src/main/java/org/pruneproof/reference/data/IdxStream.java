package org.pruneproof.reference.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * The bytes of one IDX file, plain or gzipped (told by the gzip magic bytes {@code 1f 8b}, not by the
 * name), with the checks every IDX reader needs: big-endian header fields, data that is neither shorter
 * nor longer than the header announces, and corrupt gzip data reported as an {@link IdxFormatException}.
 */
final class IdxStream implements AutoCloseable {

    private final Path file;
    private final DataInputStream in;
    /** Size of the file in bytes when it is plain, -1 when gzipped (unknown until read). */
    private final long plainSize;
    private long position;

    private IdxStream(Path file, DataInputStream in, long plainSize) {
        this.file = file;
        this.in = in;
        this.plainSize = plainSize;
    }

    static IdxStream open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IdxFormatException(file, "no such file");
        }
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        if (b0 != 0x1f || b1 != 0x8b) {
            return new IdxStream(file, new DataInputStream(raw), Files.size(file));
        }
        try {
            return new IdxStream(file, new DataInputStream(new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16)), -1);
        } catch (ZipException | EOFException e) {
            raw.close();
            throw new IdxFormatException(file, "starts like a gzip file but is not one (" + e.getMessage() + ")");
        }
    }

    /** The next big-endian 32-bit header field. */
    int header(String field) throws IOException {
        try {
            int v = in.readInt();
            position += 4;
            return v;
        } catch (EOFException e) {
            throw new IdxFormatException(file, "truncated: the file ends inside the header (field '" + field + "')");
        } catch (ZipException e) {
            throw corrupt(e);
        }
    }

    /**
     * For a plain file, refuses before any allocation a data part that is shorter or longer than
     * {@code bytes}; for a gzipped file the same is checked while reading.
     */
    void requireSize(long bytes, String what) {
        if (plainSize < 0) {
            return;
        }
        long available = plainSize - position;
        if (available < bytes) {
            throw new IdxFormatException(file, "truncated: the header announces " + what + " (" + bytes
                    + " bytes), but the file has " + available + " bytes of data");
        }
        if (available > bytes) {
            throw new IdxFormatException(file, (available - bytes) + " unexpected bytes after the data of " + what);
        }
    }

    /** Up to {@code n} bytes; fewer only at the end of the data. Allocates only as much as is read. */
    byte[] readUpTo(int n) throws IOException {
        try {
            byte[] b = in.readNBytes(n);
            position += b.length;
            return b;
        } catch (EOFException e) {
            return new byte[0];
        } catch (ZipException e) {
            throw corrupt(e);
        }
    }

    /** Refuses bytes after the announced data. */
    void requireEnd(String what) throws IOException {
        try {
            if (in.read() >= 0) {
                throw new IdxFormatException(file, "unexpected bytes after the data of " + what);
            }
        } catch (EOFException e) {
            throw new IdxFormatException(file, "truncated gzip data after " + what + " (" + e.getMessage() + ")");
        } catch (ZipException e) {
            throw corrupt(e);
        }
    }

    private IdxFormatException corrupt(ZipException e) {
        return new IdxFormatException(file, "corrupt gzip data (" + e.getMessage() + ")");
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
