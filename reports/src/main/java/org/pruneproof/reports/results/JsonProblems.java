package org.pruneproof.reports.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.Collection;
import java.util.Map;

/**
 * Jackson's description of a malformed JSON file in a user's words: the field as a path
 * ({@code claims[2].tries}) and the expected kind of value ({@code an integer}), never a Java type name.
 */
final class JsonProblems {

    private JsonProblems() {
    }

    static String describe(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException m) || m.getPath().isEmpty()) {
            return withoutTypeNames(e.getOriginalMessage());
        }
        String field = path(m);
        if (e instanceof MismatchedInputException mi && mi.getTargetType() != null) {
            return "field " + field + ": expected " + kind(mi.getTargetType());
        }
        return "field " + field + ": " + withoutTypeNames(e.getOriginalMessage());
    }

    private static String path(JsonMappingException m) {
        StringBuilder s = new StringBuilder();
        for (JsonMappingException.Reference r : m.getPath()) {
            if (r.getFieldName() != null) {
                s.append(s.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                s.append('[').append(r.getIndex()).append(']');
            }
        }
        return s.length() == 0 ? "(top level)" : s.toString();
    }

    private static String kind(Class<?> type) {
        if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
            return "an integer";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "a number (or NaN, Infinity)";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return Map.class.isAssignableFrom(type) || type.isRecord() ? "an object" : "a value of another kind";
    }

    /** Jackson quotes Java types in backticks: {@code `org.pruneproof.reports.results.RunResults`} → {@code a value}. */
    private static String withoutTypeNames(String message) {
        String m = message == null ? "" : message.replaceAll("`[\\w.$]+(\\[\\])?`", "the value");
        int cut = m.indexOf('\n');
        return cut < 0 ? m : m.substring(0, cut);
    }
}
