package org.pruneproof.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Checks made on an output path before any work is done, each failing with one line that names the
 * option and says what is expected: the path is not empty, it is neither an input nor inside one nor
 * holding one, and something can be created where it would go.
 */
public final class OutputLocations {

    /** Longest file-name component most file systems accept, in bytes. */
    static final int MAX_NAME_BYTES = 255;

    private OutputLocations() {
    }

    /**
     * Refuses an output that cannot be written or would destroy an input.
     *
     * @param option the option that named the output, e.g. {@code --out}
     * @param out    the output file or folder
     * @param inputs the command's inputs by option name ({@code --weights} → its folder); null values ignored
     * @throws OutputException naming the option
     */
    public static void check(String option, Path out, Map<String, Path> inputs) {
        requireNamed(option, out);
        for (Map.Entry<String, Path> in : inputs.entrySet()) {
            if (in.getValue() != null) {
                requireApart(option, out, in.getKey(), in.getValue());
            }
        }
        requireCreatable(option, out);
    }

    /** Refuses the empty path, which would mean the current folder. */
    public static void requireNamed(String option, Path out) {
        if (out == null || out.toString().isBlank()) {
            throw new OutputException(option + ": empty; expected the name of a new file or folder");
        }
    }

    private static void requireApart(String option, Path out, String inputOption, Path input) {
        Path o = canonical(out);
        Path i = canonical(input);
        if (o.equals(i)) {
            throw new OutputException(option + " " + out + " is the same as " + inputOption + " " + input
                    + "; expected a different place, so that the input is not overwritten");
        }
        if (i.startsWith(o)) {
            throw new OutputException(option + " " + out + " holds " + inputOption + " " + input
                    + "; expected a place outside the inputs, so that they are not replaced");
        }
        if (o.startsWith(i) && Files.isDirectory(i)) {
            throw new OutputException(option + " " + out + " lies inside " + inputOption + " " + input
                    + "; expected a place outside the input folder");
        }
    }

    private static void requireCreatable(String option, Path out) {
        Path abs = out.toAbsolutePath().normalize();
        for (Path part : abs) {
            if (part.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
                throw new OutputException(option + ": the name '" + abbreviate(part.toString()) + "' is longer than "
                        + MAX_NAME_BYTES + " bytes, which file systems do not accept");
            }
        }
        Path existing = abs.getParent();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw new OutputException(option + " " + out + ": no existing folder above it");
        }
        if (!Files.isDirectory(existing)) {
            throw new OutputException(option + " " + out + ": " + existing + " is a file, not a folder");
        }
        try {
            Path probe = Files.createTempFile(existing, ".pruneproof-write-probe", ".tmp");
            Files.delete(probe);
        } catch (IOException | UnsupportedOperationException e) {
            throw new OutputException(option + " " + out + ": cannot create anything in " + existing + " ("
                    + reason(e) + "); expected a writable place");
        }
    }

    /** The real path of an existing file (links resolved), else the normalised absolute path. */
    static Path canonical(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        try {
            return abs.toRealPath();
        } catch (IOException e) {
            Path parent = abs.getParent();
            return parent == null ? abs : canonical(parent).resolve(abs.getFileName());
        }
    }

    /** A file-system error in a user's words: "permission denied", "no such file", the OS's reason. */
    static String reason(Exception e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
