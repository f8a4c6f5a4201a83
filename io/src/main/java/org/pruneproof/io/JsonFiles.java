package org.pruneproof.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.file.Path;

/**
 * The one JSON style of every file pruneproof writes ({@code results.json}, counterexamples, {@code summary.json},
 * the greedy job's output, output-folder manifests): Jackson's indented form, field names in lowerCamelCase, a
 * non-finite number written as the string {@code "NaN"}/{@code "Infinity"}. Reading is lenient: unknown fields are
 * ignored (so a file written by an older or newer version stays readable) and bare {@code NaN}/{@code Infinity}
 * tokens are accepted.
 */
public final class JsonFiles {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private JsonFiles() {
    }

    /** The shared mapper, in the project's style; never reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The value as JSON text in the project's style. */
    public static String text(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** Writes the value as JSON atomically ({@link AtomicFiles}): the file appears whole or not at all. */
    public static void write(Path file, Object value) {
        AtomicFiles.writeString(file, text(value));
    }
}
