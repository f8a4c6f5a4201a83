package org.pruneproof.verification.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The targeted search's moves on an instance's JSON form (the form counterexamples are stored in), so that they work
 * for any claim whose instance is a plain value. Each move changes a deep copy in place; the search decodes the copy,
 * and a copy that does not decode (a record's checks fail) is rejected.
 * <ul>
 *   <li>{@link #continuous}: one floating-point coordinate, or all of them along a random direction, by
 *       {@code v + N(0,1)·step·max(|v|, magnitude of its siblings)}, with a heavy tail (one move in five up to 1000
 *       times longer);</li>
 *   <li>{@link #transfer}: mass moved between two entries of an array on the simplex (convex weights α);</li>
 *   <li>{@link #integer}: an integer field ±1, doubled or halved (greedy steps, depth: the reverse of the shrinker's
 *       "fewer steps");</li>
 *   <li>{@link #edge}: towards the special values generators mix in as edge cases and where bounds are often attained —
 *       a coordinate set to 0, two coordinates of an array made equal (a tie), one row of a matrix copied onto another
 *       (a duplicated neuron), a simplex array made uniform, uniform on its support, or ½–½ on two entries (a sparse
 *       mix), an integer set to 1.</li>
 * </ul>
 * An array that was on the simplex (at least two non-negative numbers summing to 1 within 1e-9) is put back on it
 * after every move.
 */
final class JsonMutations {

    private final List<Slot> doubles = new ArrayList<>();
    private final List<Slot> ints = new ArrayList<>();
    private final List<ArrayNode> simplices = new ArrayList<>();
    /** Arrays of at least two numbers (ties) and arrays of at least two equal-length numeric arrays (matrices). */
    private final List<ArrayNode> vectors = new ArrayList<>();
    private final List<ArrayNode> matrices = new ArrayList<>();

    /** The mutable places of {@code copy} (which the moves change). */
    JsonMutations(JsonNode copy) {
        collect(copy);
    }

    boolean hasDoubles() {
        return !doubles.isEmpty();
    }

    boolean hasInts() {
        return !ints.isEmpty();
    }

    boolean hasSimplex() {
        return !simplices.isEmpty();
    }

    /** A move of one coordinate or of all of them; false when the instance has no floating-point value. */
    boolean continuous(SplittableRandom random, double step) {
        if (doubles.isEmpty()) {
            return false;
        }
        boolean all = random.nextDouble() < 0.3;
        double norm = all ? Math.sqrt(doubles.size()) : 1;
        double s = heavyTail(random, step);
        int only = random.nextInt(doubles.size());
        for (int k = 0; k < doubles.size(); k++) {
            if (all || k == only) {
                Slot slot = doubles.get(k);
                double v = slot.get().asDouble();
                double scale = Math.max(Math.abs(v), slot.magnitude());
                slot.set(DoubleNode.valueOf(v + random.nextGaussian() * s * scale / norm));
            }
        }
        projectSimplices();
        return true;
    }

    /** Moves mass between two weights of a simplex array; false when there is none. */
    boolean transfer(SplittableRandom random, double step) {
        if (simplices.isEmpty()) {
            return false;
        }
        ArrayNode a = simplices.get(random.nextInt(simplices.size()));
        int from = random.nextInt(a.size());
        int to = random.nextInt(a.size() - 1);
        to = to >= from ? to + 1 : to;
        double s = heavyTail(random, step);
        double amount = Math.min(a.get(from).asDouble(), Math.abs(random.nextGaussian()) * s * Math.max(a.get(from).asDouble(), 1e-3));
        a.set(from, DoubleNode.valueOf(a.get(from).asDouble() - amount));
        a.set(to, DoubleNode.valueOf(a.get(to).asDouble() + amount));
        return true;
    }

    /** An integer field ±1, doubled or halved, within [0, max]; false when there is none or it would leave the range. */
    boolean integer(SplittableRandom random, int max) {
        if (ints.isEmpty()) {
            return false;
        }
        Slot slot = ints.get(random.nextInt(ints.size()));
        int v = slot.get().asInt();
        double u = random.nextDouble();
        int nv = u < 0.2 ? 2 * v : u < 0.3 ? v / 2 : v + (random.nextBoolean() ? 1 : -1);
        if (nv < 0 || nv > max || nv == v) {
            return false;
        }
        slot.set(IntNode.valueOf(nv));
        return true;
    }

    /**
     * One move towards an edge value (see the class comment); false when none applies. Half of them go to the simplex
     * arrays when there are any: the equality cases of bounds on convex combinations are at uniform and two-point
     * weights (equidistant neurons).
     */
    boolean edge(SplittableRandom random) {
        if (!simplices.isEmpty() && random.nextBoolean() && edge(3, random)) {
            projectSimplices();
            return true;
        }
        int kind = random.nextInt(5);
        for (int attempt = 0; attempt < 5; attempt++, kind = (kind + 1) % 5) {
            if (edge(kind, random)) {
                projectSimplices();
                return true;
            }
        }
        return false;
    }

    private boolean edge(int kind, SplittableRandom random) {
        switch (kind) {
            case 0 -> { // a coordinate to 0
                if (doubles.isEmpty()) {
                    return false;
                }
                Slot slot = doubles.get(random.nextInt(doubles.size()));
                if (slot.get().asDouble() == 0) {
                    return false;
                }
                slot.set(DoubleNode.valueOf(0.0));
                return true;
            }
            case 1 -> { // a tie: entry i of an array takes entry j's value
                if (vectors.isEmpty()) {
                    return false;
                }
                ArrayNode a = vectors.get(random.nextInt(vectors.size()));
                int i = random.nextInt(a.size());
                int j = random.nextInt(a.size() - 1);
                j = j >= i ? j + 1 : j;
                if (a.get(i).asDouble() == a.get(j).asDouble()) {
                    return false;
                }
                a.set(i, DoubleNode.valueOf(a.get(j).asDouble()));
                return true;
            }
            case 2 -> { // a duplicated row
                if (matrices.isEmpty()) {
                    return false;
                }
                ArrayNode m = matrices.get(random.nextInt(matrices.size()));
                int i = random.nextInt(m.size());
                int j = random.nextInt(m.size() - 1);
                j = j >= i ? j + 1 : j;
                if (m.get(i).equals(m.get(j))) {
                    return false;
                }
                m.set(i, m.get(j).deepCopy());
                return true;
            }
            case 3 -> { // a simplex array uniform, uniform on its support, or ½–½ on two entries
                if (simplices.isEmpty()) {
                    return false;
                }
                ArrayNode a = simplices.get(random.nextInt(simplices.size()));
                int n = a.size();
                double[] w = new double[n];
                double u = random.nextDouble();
                if (u < 1.0 / 3) {
                    java.util.Arrays.fill(w, 1);
                } else if (u < 2.0 / 3) {
                    for (int k = 0; k < n; k++) {
                        w[k] = a.get(k).asDouble() > 0 ? 1 : 0;
                    }
                } else {
                    int i = random.nextInt(n);
                    int j = random.nextInt(n - 1);
                    w[i] = 1;
                    w[j >= i ? j + 1 : j] = 1;
                }
                boolean changed = false;
                double sum = 0;
                for (double x : w) {
                    sum += x;
                }
                for (int k = 0; k < n; k++) {
                    double v = w[k] / sum;
                    changed |= v != a.get(k).asDouble();
                    a.set(k, DoubleNode.valueOf(v));
                }
                return changed;
            }
            default -> { // an integer to 1
                if (ints.isEmpty()) {
                    return false;
                }
                Slot slot = ints.get(random.nextInt(ints.size()));
                if (slot.get().asInt() == 1) {
                    return false;
                }
                slot.set(IntNode.valueOf(1));
                return true;
            }
        }
    }

    /** The step, or one time in five up to 1000 times longer (to leave a local maximum of the ratio). */
    private static double heavyTail(SplittableRandom random, double step) {
        return random.nextDouble() < 0.2 ? Math.min(1, step * Math.pow(10, 3 * random.nextDouble())) : step;
    }

    private void projectSimplices() {
        for (ArrayNode a : simplices) {
            projectToSimplex(a);
        }
    }

    /** A place holding a number (an object field or an array element) and the typical magnitude of its siblings. */
    private record Slot(JsonNode parent, String field, int index, double magnitude) {

        JsonNode get() {
            return field != null ? parent.get(field) : parent.get(index);
        }

        void set(JsonNode v) {
            if (field != null) {
                ((ObjectNode) parent).set(field, v);
            } else {
                ((ArrayNode) parent).set(index, v);
            }
        }
    }

    /**
     * Collects the floating-point leaves, the integer fields of objects (sizes: steps, depth, …), the arrays that lie on
     * the simplex, the numeric arrays and the matrices (arrays of equal-length numeric arrays).
     */
    private void collect(JsonNode node) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                JsonNode v = e.getValue();
                if (v.isFloatingPointNumber()) {
                    doubles.add(new Slot(node, e.getKey(), -1, Math.max(1e-3, Math.abs(v.asDouble()))));
                } else if (v.isIntegralNumber() && v.canConvertToInt()) {
                    ints.add(new Slot(node, e.getKey(), -1, 1));
                } else {
                    collect(v);
                }
            });
        } else if (node.isArray()) {
            double mean = 0;
            double sum = 0;
            int count = 0;
            boolean nonNegative = true;
            for (JsonNode c : node) {
                if (c.isFloatingPointNumber()) {
                    mean += Math.abs(c.asDouble());
                    sum += c.asDouble();
                    nonNegative &= c.asDouble() >= 0;
                    count++;
                }
            }
            if (count >= 2 && count == node.size()) {
                vectors.add((ArrayNode) node);
                if (nonNegative && Math.abs(sum - 1) <= 1e-9) {
                    simplices.add((ArrayNode) node);
                }
            }
            if (node.size() >= 2 && isMatrix(node)) {
                matrices.add((ArrayNode) node);
            }
            double magnitude = count == 0 ? 1e-3 : Math.max(1e-3, mean / count);
            for (int i = 0; i < node.size(); i++) {
                JsonNode c = node.get(i);
                if (c.isFloatingPointNumber()) {
                    doubles.add(new Slot(node, null, i, magnitude));
                } else {
                    collect(c);
                }
            }
        }
    }

    /** Whether every element is a numeric array of the same length. */
    private static boolean isMatrix(JsonNode node) {
        int width = -1;
        for (JsonNode row : node) {
            if (!row.isArray() || row.isEmpty() || (width >= 0 && row.size() != width)) {
                return false;
            }
            for (JsonNode x : row) {
                if (!x.isNumber()) {
                    return false;
                }
            }
            width = row.size();
        }
        return width > 0;
    }

    /** Clips to non-negative and rescales to sum 1 (an array that was on the simplex stays on it). */
    private static void projectToSimplex(ArrayNode a) {
        double s = 0;
        for (int i = 0; i < a.size(); i++) {
            double v = Math.max(0, a.get(i).asDouble());
            a.set(i, DoubleNode.valueOf(v));
            s += v;
        }
        if (s > 0) {
            for (int i = 0; i < a.size(); i++) {
                a.set(i, DoubleNode.valueOf(a.get(i).asDouble() / s));
            }
        }
    }
}
