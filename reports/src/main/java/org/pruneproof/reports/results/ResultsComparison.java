package org.pruneproof.reports.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether two runs found the same thing: their results compared field by field, timings and the machine aside. Left
 * out are each claim's {@code durationMs} and the run's {@code start}, {@code durationMs}, {@code command},
 * {@code gitCommit}, {@code jdk}, {@code os}, {@code cpu}, {@code cores} and {@code maxHeapMb}; everything else (every
 * claim id in order, verdict, tries, discards, seeds, ratios, counterexamples, series, statistics, replay commands)
 * must be equal. Used to check that a parallel run, a run on Spark or a run after a restructuring changed nothing.
 */
public final class ResultsComparison {

    /** Fields of the run that describe when, where and how it ran, not what it found. */
    public static final Set<String> RUN_FIELDS_LEFT_OUT = Set.of("start", "durationMs", "command", "gitCommit", "jdk", "os",
            "cpu", "cores", "maxHeapMb");

    /** The field of a claim that is a timing. */
    public static final String CLAIM_TIMING = "durationMs";

    private ResultsComparison() {
    }

    /** The differences between two runs, one line each ({@code path: a vs b}); empty when they agree. */
    public static List<String> differences(RunResults a, RunResults b) {
        List<String> out = new ArrayList<>();
        compare("", comparable(a), comparable(b), out);
        return out;
    }

    /**
     * The claims whose verdict depended on the clock (a time budget ran out), in either run: their results may differ
     * between runs on a loaded machine, whatever the engine.
     */
    public static Set<String> timeLimited(RunResults... runs) {
        Set<String> ids = new TreeSet<>();
        for (RunResults r : runs) {
            for (ClaimResult c : r.claims()) {
                if (c.reason() != null && c.reason().contains("time budget of")) {
                    ids.add(c.id());
                }
            }
        }
        return ids;
    }

    private static JsonNode comparable(RunResults r) {
        ObjectNode node = ResultsFiles.mapper().valueToTree(r);
        if (node.get("run") instanceof ObjectNode run) {
            RUN_FIELDS_LEFT_OUT.forEach(run::remove);
        }
        for (JsonNode c : node.path("claims")) {
            ((ObjectNode) c).remove(CLAIM_TIMING);
        }
        return node;
    }

    private static void compare(String path, JsonNode a, JsonNode b, List<String> out) {
        if (a.equals(b)) {
            return;
        }
        if (a.isObject() && b.isObject()) {
            Set<String> names = new TreeSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String n : names) {
                compare(path + "." + n, a.path(n), b.path(n), out);
            }
        } else if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                out.add(path + ": " + a.size() + " entries vs " + b.size());
            }
            Iterator<JsonNode> ia = a.elements();
            Iterator<JsonNode> ib = b.elements();
            for (int i = 0; ia.hasNext() && ib.hasNext(); i++) {
                JsonNode ea = ia.next();
                JsonNode eb = ib.next();
                String key = ea.has("id") ? "[" + ea.get("id").asText() + "]" : "[" + i + "]";
                compare(path + key, ea, eb, out);
            }
        } else {
            out.add(path + ": " + brief(a) + " vs " + brief(b));
        }
    }

    private static String brief(JsonNode n) {
        String s = n.isMissingNode() ? "(absent)" : n.toString();
        return s.length() > 120 ? s.substring(0, 117) + "..." : s;
    }
}
