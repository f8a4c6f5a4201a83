package org.pruneproof.reports.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.pruneproof.io.AtomicFiles;
import org.pruneproof.io.JsonFiles;

/**
 * Reads and writes {@code results.json}. Writes are atomic ({@link AtomicFiles}): a reader never sees
 * half a file.
 */
public final class ResultsFiles {

    private static final ObjectMapper MAPPER = JsonFiles.mapper();

    private ResultsFiles() {
    }

    /** The project's JSON mapper ({@link JsonFiles}: indenting, lenient on unknown fields so old files stay readable). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Writes the results atomically. */
    public static void write(RunResults results, Path file) {
        JsonFiles.write(file, results);
    }

    /**
     * Reads a results file.
     *
     * @throws InvalidResultsException naming the file and what is wrong, for a missing or malformed file,
     *                                 or one that breaks its rules (a claim without id, a verdict or expectation
     *                                 the engine cannot give, a negative count)
     */
    public static RunResults read(Path file) {
        try {
            RunResults r = MAPPER.readValue(file.toFile(), RunResults.class);
            if (r == null || r.run() == null) {
                throw new InvalidResultsException(file + ": not a pruneproof results file (expected an object with fields \"run\" and \"claims\")");
            }
            ResultsValidation.check(file, r);
            return r;
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new InvalidResultsException(file + ": no such file");
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr();
            throw new InvalidResultsException(file + ": malformed results file" + where + ": " + JsonProblems.describe(e));
        } catch (IOException e) {
            throw new InvalidResultsException(file + ": cannot read: " + e.getMessage());
        }
    }

}
