package org.pruneproof.scaled.weights;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pruneproof.nets.Architecture;
import org.pruneproof.nets.Architectures;
import org.pruneproof.nets.Layer;
import org.pruneproof.nets.ParameterSpec;
import org.pruneproof.scaled.io.Npy;
import org.pruneproof.scaled.io.NpyArray;
import org.pruneproof.scaled.io.NpyFormatException;
import org.pruneproof.scaled.io.Safetensors;
import org.pruneproof.scaled.io.SafetensorsFormatException;
import org.pruneproof.scaled.nets.NetworkWeights;

/**
 * Imports the weights of a network given as {@code --weights}:
 * <ul>
 *   <li>a {@code .safetensors} file (any other regular file is read as safetensors too);</li>
 *   <li>a folder of {@code <name>.npy} files, one per tensor ({@code layer1.0.conv1.weight.npy});</li>
 *   <li>an export folder of pruneproof ({@link WeightExport}): {@code architecture.json} with
 *       {@code model.safetensors}, whose architecture (pruned widths) replaces the registry's.</li>
 * </ul>
 * Names and layouts are PyTorch's {@code state_dict} as torchvision writes it: the names of
 * {@link Architecture#parameters()} (conv {@code [out, in/groups, k, k]}, linear {@code [out, in]}, batch
 * norm {@code weight, bias, running_mean, running_var}); {@code *.num_batches_tracked} is ignored. The
 * number of classes is read from the last linear layer's weight ({@code fc.weight [classes, in]}), so a
 * network fine-tuned on a 10-class data set loads under its registry name.
 *
 * <p>Every tensor is checked before any is kept: a missing, unexpected, mis-shaped, integer-typed or
 * non-finite tensor is a {@link WeightFileException} naming the file and the tensor. The weights'
 * {@code sha256} is the file's, or for a folder the SHA-256 of its {@code sha256sum} listing
 * ({@code "<hex>  <file name>\n"} per file, in name order).
 *
 * @param architecture the network (with the file's class count, the export's widths)
 * @param widthMultiplier the width multiplier it was built with (an export's own)
 * @param weights      the tensors, in the requested floating-point type
 * @param zerosFixed   whether zero weights must stay zero in training (an export after unstructured pruning)
 * @param sha256       the weights' digest (see above)
 * @param source       what was read
 */
public record TrainedWeights(Architecture architecture, double widthMultiplier, NetworkWeights weights, boolean zerosFixed, String sha256, Path source) {

    private static final String IGNORED_SUFFIX = ".num_batches_tracked";
    /** The weights file inside an export folder. */
    public static final String EXPORTED_TENSORS = "model.safetensors";

    /**
     * Loads weights for a registry model (or, for an export folder, the model it names: {@code model} may then be
     * null, and must agree when given).
     *
     * @param inputSize the input side, or null for the model's default (an export's own)
     */
    public static TrainedWeights load(Path path, String model, double width, Integer inputSize, DataType type) {
        Path archFile = path.resolve(ExportedArchitecture.FILE);
        Architecture arch;
        Path tensorsPath = path;
        boolean zerosFixed = false;
        if (Files.isDirectory(path) && Files.isRegularFile(archFile)) {
            ExportedArchitecture e = ExportedArchitecture.read(archFile);
            if (model != null && !sameModel(model, e.model())) {
                throw new WeightFileException(archFile + ": the export is of model '" + e.model() + "', not --model " + model);
            }
            arch = e.architecture(archFile);
            tensorsPath = path.resolve(EXPORTED_TENSORS);
            if (!Files.isRegularFile(tensorsPath)) {
                throw new WeightFileException(tensorsPath + ": missing (an export folder holds " + ExportedArchitecture.FILE + " and "
                        + EXPORTED_TENSORS + ")");
            }
            zerosFixed = e.zerosFixed();
            width = e.widthMultiplier();
        } else {
            if (model == null) {
                throw new WeightFileException(path + ": no " + ExportedArchitecture.FILE + " here, so --model is needed");
            }
            arch = null;
        }
        Map<String, Tensor> tensors = read(tensorsPath);
        if (arch == null) {
            try {
                Architecture base = Architectures.byName(model, width);
                arch = Architectures.byName(model, width, classes(base, tensors));
            } catch (IllegalArgumentException e) {
                throw new WeightFileException("--model " + model + ": " + e.getMessage());
            }
        }
        if (inputSize != null) {
            try {
                arch = arch.withInputSize(inputSize);
            } catch (IllegalArgumentException e) {
                throw new WeightFileException("--input-size " + inputSize + ": " + e.getMessage());
            }
        }
        NetworkWeights w = NetworkWeights.of(arch, check(arch, tensors, type));
        return new TrainedWeights(arch, width, w, zerosFixed, sha256(tensorsPath), tensorsPath);
    }

    private static boolean sameModel(String a, String b) {
        return a.toLowerCase(java.util.Locale.ROOT).equals(b.toLowerCase(java.util.Locale.ROOT));
    }

    /** A tensor read from a file, with the file it came from (for messages). */
    private record Tensor(NpyArray array, Path file) {
    }

    private static Map<String, Tensor> read(Path path) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        if (Files.isDirectory(path)) {
            List<Path> files;
            try (Stream<Path> s = Files.list(path)) {
                files = s.filter(p -> p.getFileName().toString().endsWith(".npy")).sorted().toList();
            } catch (IOException e) {
                throw new WeightFileException(path + ": cannot list the folder: " + e.getMessage());
            }
            if (files.isEmpty()) {
                throw new WeightFileException(path + ": no <name>.npy files and no " + ExportedArchitecture.FILE
                        + " (expected a folder of tensors named as in a PyTorch state_dict, e.g. conv1.weight.npy)");
            }
            for (Path f : files) {
                String name = f.getFileName().toString();
                name = name.substring(0, name.length() - ".npy".length());
                try {
                    out.put(name, new Tensor(Npy.read(f), f));
                } catch (NpyFormatException e) {
                    throw new WeightFileException(e.getMessage());
                }
            }
        } else if (Files.isRegularFile(path)) {
            try {
                Safetensors.read(path).forEach((k, v) -> out.put(k, new Tensor(v, path)));
            } catch (SafetensorsFormatException e) {
                throw new WeightFileException(e.getMessage());
            }
        } else {
            throw new WeightFileException(path + ": no such file or folder (expected a .safetensors file or a folder of .npy files)");
        }
        out.keySet().removeIf(k -> k.endsWith(IGNORED_SUFFIX));
        return out;
    }

    /** The class count: the output width of the last linear layer's weight in the file, else the registry's. */
    private static int classes(Architecture base, Map<String, Tensor> tensors) {
        Layer.Linear last = null;
        for (Layer l : base.layers()) {
            if (l instanceof Layer.Linear f) {
                last = f;
            }
        }
        Tensor t = last == null ? null : tensors.get(last.name() + ".weight");
        if (t == null || t.array().rank() != 2 || t.array().shape()[0] < 1 || t.array().shape()[0] > Integer.MAX_VALUE) {
            return base.classes();  // a missing or mis-shaped tensor is reported by check
        }
        return (int) t.array().shape()[0];
    }

    private static Map<String, INDArray> check(Architecture arch, Map<String, Tensor> tensors, DataType type) {
        Set<String> expected = new TreeSet<>();
        Path where = tensors.isEmpty() ? null : tensors.values().iterator().next().file();
        for (ParameterSpec p : arch.parameters()) {
            expected.add(p.name());
        }
        List<String> missing = new ArrayList<>();
        for (ParameterSpec p : arch.parameters()) {
            if (!tensors.containsKey(p.name())) {
                missing.add(p.name() + " " + java.util.Arrays.toString(p.shape()));
            }
        }
        for (String name : tensors.keySet()) {
            if (!expected.contains(name)) {
                throw new WeightFileException(tensors.get(name).file() + ": unexpected tensor '" + name + "' (not a parameter or buffer of "
                        + arch.name() + "; expected torchvision's state_dict names, e.g. "
                        + arch.parameters().get(0).name() + ")");
            }
        }
        if (!missing.isEmpty()) {
            throw new WeightFileException((where == null ? "weights" : where.toString()) + ": missing tensor '"
                    + missing.get(0).replaceFirst(" .*", "") + "' (shape " + missing.get(0).replaceFirst("^\\S* ", "") + ")"
                    + (missing.size() > 1 ? " and " + (missing.size() - 1) + " more" : "") + " of " + arch.name());
        }
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (ParameterSpec p : arch.parameters()) {
            Tensor t = tensors.get(p.name());
            NpyArray a = t.array();
            if (!java.util.Arrays.equals(a.shape(), p.shape())) {
                throw new WeightFileException(t.file() + ": tensor '" + p.name() + "' has shape " + java.util.Arrays.toString(a.shape())
                        + ", expected " + java.util.Arrays.toString(p.shape()) + " for " + arch.name()
                        + (p.prunable() ? " (PyTorch layout: conv [out, in/groups, k, k], linear [out, in])" : ""));
            }
            if (a.type().isInteger()) {
                throw new WeightFileException(t.file() + ": tensor '" + p.name() + "' has integer type " + a.type().descr()
                        + "; expected float32, float64, float16 or bfloat16");
            }
            out.put(p.name(), toArray(a, p, t.file(), type));
        }
        return out;
    }

    private static INDArray toArray(NpyArray a, ParameterSpec p, Path file, DataType type) {
        ByteBuffer b = a.bytes();
        int n = Math.toIntExact(a.size());
        if (a.type() == org.pruneproof.scaled.io.NpyType.FLOAT32) {
            float[] v = new float[n];
            b.asFloatBuffer().get(v);
            for (int k = 0; k < n; k++) {
                if (!Float.isFinite(v[k])) {
                    throw nonFinite(file, p, k, v[k]);
                }
            }
            return Nd4j.create(v, p.shape(), DataType.FLOAT).castTo(type);
        }
        double[] v = new double[n];
        b.asDoubleBuffer().get(v);
        for (int k = 0; k < n; k++) {
            if (!Double.isFinite(v[k])) {
                throw nonFinite(file, p, k, v[k]);
            }
        }
        return Nd4j.create(v, p.shape(), DataType.DOUBLE).castTo(type);
    }

    private static WeightFileException nonFinite(Path file, ParameterSpec p, int k, double v) {
        return new WeightFileException(file + ": tensor '" + p.name() + "' element " + k + " (C order) is not finite: " + v);
    }

    /** SHA-256 of a file, or of a folder's {@code sha256sum} listing of its .npy files (see the class comment). */
    public static String sha256(Path path) {
        try {
            if (!Files.isDirectory(path)) {
                return hex(digest(path));
            }
            StringBuilder listing = new StringBuilder();
            try (Stream<Path> s = Files.list(path)) {
                for (Path f : s.filter(p -> p.getFileName().toString().endsWith(".npy")).sorted().toList()) {
                    listing.append(hex(digest(f))).append("  ").append(f.getFileName()).append('\n');
                }
            }
            return hex(MessageDigest.getInstance("SHA-256").digest(listing.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new WeightFileException(path + ": cannot be read: " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] digest(Path f) throws IOException, NoSuchAlgorithmException {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(f), md)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return md.digest();
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
