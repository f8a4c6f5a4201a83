package org.pruneproof.reports.html;

import static org.pruneproof.reports.html.Html.escape;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes a JSON value (a shrunk counterexample, a statistic) as readable HTML: objects as two-column
 * tables, numeric vectors inline, small matrices as tables, and long arrays elided in the middle with
 * their length stated, so a counterexample of thousands of numbers stays one screen long.
 */
final class ValueHtml {

    /** Vectors longer than this are elided to their first and last entries. */
    static final int MAX_VECTOR = 12;
    /** Matrices with more rows or columns than this are elided the same way. */
    static final int MAX_MATRIX = 10;
    private static final int HEAD = 6;
    private static final int TAIL = 2;
    private static final int MAX_DEPTH = 8;

    private ValueHtml() {
    }

    /** HTML for the value. */
    static String of(JsonNode v) {
        StringBuilder h = new StringBuilder();
        write(h, v, 0);
        return h.toString();
    }

    private static void write(StringBuilder h, JsonNode v, int depth) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            h.append("<span class=\"null\">null</span>");
        } else if (v.isNumber() || isNonFinite(v)) {
            h.append("<span class=\"num\">").append(escape(number(v))).append("</span>");
        } else if (v.isBoolean()) {
            h.append(v.booleanValue());
        } else if (v.isTextual()) {
            h.append("<span class=\"str\">").append(escape(v.textValue())).append("</span>");
        } else if (depth >= MAX_DEPTH) {
            h.append("<span class=\"note\">… (nested too deep to show)</span>");
        } else if (v.isObject()) {
            object(h, v, depth);
        } else if (v.isArray()) {
            if (isMatrix(v)) {
                matrix(h, v);
            } else if (isScalars(v)) {
                vector(h, v);
            } else {
                list(h, v, depth);
            }
        } else {
            h.append(escape(v.toString()));
        }
    }

    private static void object(StringBuilder h, JsonNode v, int depth) {
        if (v.isEmpty()) {
            h.append("<span class=\"null\">{}</span>");
            return;
        }
        h.append("<table class=\"kv\">");
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            h.append("<tr><th>").append(escape(e.getKey())).append("</th><td>");
            write(h, e.getValue(), depth + 1);
            h.append("</td></tr>");
        }
        h.append("</table>");
    }

    private static void vector(StringBuilder h, JsonNode v) {
        int n = v.size();
        h.append("<span class=\"vec\">[");
        for (int i = 0; i < n; i++) {
            if (n > MAX_VECTOR && i == HEAD) {
                h.append("<span class=\"elided\">… ").append(n - HEAD - TAIL).append(" more …</span>, ");
                i = n - TAIL;
            }
            h.append(escape(scalar(v.get(i)))).append(i < n - 1 ? ", " : "");
        }
        h.append("]</span>");
        if (n > MAX_VECTOR) {
            h.append(" <span class=\"dim\">(").append(n).append(" values)</span>");
        }
    }

    private static void matrix(StringBuilder h, JsonNode v) {
        int rows = v.size();
        int cols = v.get(0).size();
        h.append("<span class=\"dim\">").append(rows).append(" × ").append(cols).append("</span>")
                .append("<table class=\"matrix\">");
        for (int i = 0; i < rows; i++) {
            if (rows > MAX_MATRIX && i == HEAD) {
                h.append("<tr class=\"elided\"><td colspan=\"").append(Math.min(cols, HEAD + TAIL + 1))
                        .append("\">⋮ ").append(rows - HEAD - TAIL).append(" rows</td></tr>");
                i = rows - TAIL;
            }
            h.append("<tr>");
            JsonNode row = v.get(i);
            for (int j = 0; j < cols; j++) {
                if (cols > MAX_MATRIX && j == HEAD) {
                    h.append("<td class=\"elided\">… ").append(cols - HEAD - TAIL).append("</td>");
                    j = cols - TAIL;
                }
                h.append("<td>").append(escape(scalar(row.get(j)))).append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</table>");
    }

    private static void list(StringBuilder h, JsonNode v, int depth) {
        int n = v.size();
        if (n == 0) {
            h.append("[]");
            return;
        }
        h.append("<ol class=\"list\" start=\"0\">");
        for (int i = 0; i < n; i++) {
            if (n > MAX_VECTOR && i == HEAD) {
                h.append("<li class=\"elided\">… ").append(n - HEAD - TAIL).append(" more …</li>");
                i = n - TAIL;
            }
            h.append("<li value=\"").append(i).append("\">");
            write(h, v.get(i), depth + 1);
            h.append("</li>");
        }
        h.append("</ol>");
    }

    /** An array of numbers, strings (such as "NaN"), booleans or nulls. */
    private static boolean isScalars(JsonNode v) {
        for (JsonNode e : v) {
            if (e.isContainerNode()) {
                return false;
            }
        }
        return true;
    }

    /** A non-empty array of equally long, non-empty arrays of scalars. */
    private static boolean isMatrix(JsonNode v) {
        if (v.isEmpty() || !v.get(0).isArray() || v.get(0).isEmpty()) {
            return false;
        }
        int cols = v.get(0).size();
        for (JsonNode row : v) {
            if (!row.isArray() || row.size() != cols || !isScalars(row)) {
                return false;
            }
        }
        return true;
    }

    private static String scalar(JsonNode e) {
        if (e == null || e.isNull()) {
            return "null";
        }
        return e.isNumber() || isNonFinite(e) ? number(e) : e.asText();
    }

    private static String number(JsonNode e) {
        if (isNonFinite(e)) {
            return Numbers.format(Double.parseDouble(e.textValue()));
        }
        return e.isIntegralNumber() ? e.asText() : Numbers.format(e.doubleValue());
    }

    /** "NaN", "Infinity" or "-Infinity": how JSON writers encode non-finite doubles as strings. */
    private static boolean isNonFinite(JsonNode e) {
        return e.isTextual() && switch (e.textValue()) {
            case "NaN", "Infinity", "-Infinity" -> true;
            default -> false;
        };
    }
}
