package org.pruneproof.scaled.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.pruneproof.scaled.io.Npy;
import org.pruneproof.scaled.io.NpyArray;
import org.pruneproof.scaled.io.NpyFormatException;
import org.pruneproof.scaled.io.NpyType;

/**
 * The inputs of {@code prune-at-init}, read and checked: a folder with {@code W1.npy … WL.npy} (layer l of shape
 * out×in, in = the previous layer's out) and optionally all of {@code b1.npy … bL.npy} (shape (out,) or (out, 1)),
 * inputs X of shape (B, d) with d = W1's in, and B integer labels in [0, classes) with classes = WL's out. Every
 * mistake is a {@link JobInputException} naming the file and the problem.
 *
 * @param weights   W^l row-major, l = 1 … L (index l − 1)
 * @param shapes    (out, in) of each layer
 * @param types     the element type of each W file (outputs are written in it when it is a float type)
 * @param biases    b^l, or null when the folder has no b files
 * @param inputs    X row-major, B × d
 * @param batch     B
 * @param labels    class of each example
 */
public record DenseInputs(List<double[]> weights, List<int[]> shapes, List<NpyType> types, List<double[]> biases, double[] inputs,
                   int batch, int[] labels) {

    private static final Pattern LAYER_FILE = Pattern.compile("([Wb])([0-9]+)\\.npy");

    /** The number of layers L. */
    public int depth() {
        return weights.size();
    }

    /** Reads and checks everything. */
    public static DenseInputs read(Path dir, Path inputsFile, Path labelsFile) {
        if (!Files.isDirectory(dir)) {
            throw new JobInputException(dir + ": not a directory (expected a folder holding W1.npy … WL.npy)");
        }
        TreeMap<Integer, Path> w = new TreeMap<>();
        TreeMap<Integer, Path> b = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Matcher m = LAYER_FILE.matcher(p.getFileName().toString());
                if (m.matches()) {
                    (m.group(1).equals("W") ? w : b).put(Integer.parseInt(m.group(2)), p);
                }
            }
        } catch (IOException e) {
            throw new JobInputException(dir + ": cannot list the folder: " + e.getMessage());
        }
        if (!w.containsKey(1)) {
            throw new JobInputException(dir + ": no W1.npy (expected W1.npy … WL.npy, layer l of shape out×in)");
        }
        int depth = w.lastKey();
        for (int l = 1; l <= depth; l++) {
            if (!w.containsKey(l)) {
                throw new JobInputException(dir + ": W" + l + ".npy is missing (found W" + depth + ".npy; layers must be W1.npy … WL.npy without gaps)");
            }
        }
        if (!b.isEmpty()) {
            if (b.lastKey() > depth || b.firstKey() < 1) {
                int k = b.lastKey() > depth ? b.lastKey() : b.firstKey();
                throw new JobInputException(dir + ": b" + k + ".npy has no matching W" + k + ".npy (the network has layers 1 … " + depth + ")");
            }
            for (int l = 1; l <= depth; l++) {
                if (!b.containsKey(l)) {
                    throw new JobInputException(dir + ": b" + l + ".npy is missing (give all of b1.npy … b" + depth + ".npy, or none for zero biases)");
                }
            }
        }
        List<double[]> weights = new ArrayList<>();
        List<int[]> shapes = new ArrayList<>();
        List<NpyType> types = new ArrayList<>();
        List<double[]> biases = b.isEmpty() ? null : new ArrayList<>();
        for (int l = 1; l <= depth; l++) {
            Path file = w.get(l);
            NpyArray a = read(file);
            long[] s = a.shape();
            if (s.length != 2 || s[0] < 1 || s[1] < 1) {
                throw new JobInputException(file + ": expected a matrix out×in with out, in ≥ 1, got shape " + shape(s));
            }
            int[] sh = {Math.toIntExact(s[0]), Math.toIntExact(s[1])};
            if (l > 1 && sh[1] != shapes.get(l - 2)[0]) {
                throw new JobInputException(file + " has shape " + shape(s) + ": its " + sh[1] + " inputs do not match the "
                        + shapes.get(l - 2)[0] + " outputs of " + w.get(l - 1).getFileName() + " (shape "
                        + shape(shapes.get(l - 2)) + ")");
            }
            weights.add(finite(a.toDoubles(), file));
            shapes.add(sh);
            types.add(a.type());
            if (biases != null) {
                Path bf = b.get(l);
                NpyArray ba = read(bf);
                long[] bs = ba.shape();
                boolean ok = (bs.length == 1 && bs[0] == sh[0]) || (bs.length == 2 && bs[0] == sh[0] && bs[1] == 1);
                if (!ok) {
                    throw new JobInputException(bf + ": expected shape (" + sh[0] + ",) to match the " + sh[0] + " outputs of W"
                            + l + ".npy, got shape " + shape(bs));
                }
                biases.add(finite(ba.toDoubles(), bf));
            }
        }
        int d = shapes.get(0)[1];
        NpyArray x = read(inputsFile);
        long[] xs = x.shape();
        if (xs.length != 2 || xs[0] < 1) {
            throw new JobInputException(inputsFile + ": expected inputs of shape (B, d) with one example per row and d = " + d
                    + " (the inputs of W1.npy), got shape " + shape(xs));
        }
        if (xs[1] != d) {
            throw new JobInputException(inputsFile + ": the examples have " + xs[1] + " coordinates, but W1.npy (shape "
                    + shape(shapes.get(0)) + ") takes d = " + d + " inputs");
        }
        int batch = Math.toIntExact(xs[0]);
        double[] inputs = finite(x.toDoubles(), inputsFile);
        int classes = shapes.get(depth - 1)[0];
        int[] labels = labels(read(labelsFile), labelsFile, inputsFile, batch, classes, depth);
        return new DenseInputs(weights, shapes, types, biases, inputs, batch, labels);
    }

    private static int[] labels(NpyArray y, Path file, Path inputsFile, int batch, int classes, int depth) {
        long[] s = y.shape();
        boolean vector = (s.length == 1 && s[0] == batch) || (s.length == 2 && s[0] == batch && s[1] == 1);
        if (!vector) {
            throw new JobInputException(file + ": expected " + batch + " labels (shape (" + batch + ",) or (" + batch
                    + ", 1)), one per row of " + inputsFile.getFileName() + ", got shape " + shape(s));
        }
        int[] labels = new int[batch];
        for (int k = 0; k < batch; k++) {
            double v = y.getDouble(k);
            if (!y.type().isInteger() && (!Double.isFinite(v) || v != Math.rint(v))) {
                throw new JobInputException(file + ": label of example " + k + " is " + v
                        + ", not an integer class index (labels are integers in [0, " + classes + "))");
            }
            long c = y.type().isInteger() ? y.getLong(k) : (long) v;
            if (c < 0 || c >= classes) {
                throw new JobInputException(file + ": label " + c + " of example " + k + " is outside [0, " + classes
                        + "): W" + depth + ".npy has " + classes + " outputs, the classes");
            }
            labels[k] = (int) c;
        }
        return labels;
    }

    private static NpyArray read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new JobInputException(file + ": no such file");
        }
        try {
            return Npy.read(file);
        } catch (NpyFormatException e) {
            throw new JobInputException(e.getMessage());
        }
    }

    private static double[] finite(double[] v, Path file) {
        for (int k = 0; k < v.length; k++) {
            if (!Double.isFinite(v[k])) {
                throw new JobInputException(file + ": element " + k + " (C order) is not finite: " + v[k]);
            }
        }
        return v;
    }

    public static String shape(long[] s) {
        return s.length == 1 ? "(" + s[0] + ",)" : Arrays.toString(s).replace('[', '(').replace(']', ')');
    }

    public static String shape(int[] s) {
        return shape(Arrays.stream(s).asLongStream().toArray());
    }
}
