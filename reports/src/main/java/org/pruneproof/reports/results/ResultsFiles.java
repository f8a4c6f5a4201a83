package org.pruneproof.reports.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.pruneproof.io.AtomicFiles;

/**
 * Reads and writes {@code results.json}. Writes are atomic ({@link AtomicFiles}): a reader never sees
 * half a file.
 */
public final class ResultsFiles {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private ResultsFiles() {
    }

    /** The shared JSON mapper (indenting, lenient on unknown fields so old files stay readable). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Writes the results atomically. */
    public static void write(RunResults results, Path file) {
        try {
            AtomicFiles.writeString(file, MAPPER.writeValueAsString(results));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode results as JSON: " + e.getOriginalMessage(), e);
        }
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
