package org.pruneproof.scaled.weights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pruneproof.io.JsonFiles;
import org.pruneproof.nets.Architecture;
import org.pruneproof.nets.Architectures;
import org.pruneproof.nets.ChannelGroup;
import org.pruneproof.nets.ChannelGroups;
import org.pruneproof.nets.ChannelRemoval;
import org.pruneproof.nets.LayerCost;

/**
 * The {@code architecture.json} of an exported network: the registry model it derives from, its width
 * multiplier, input size and class count, and the channels kept in each pruned channel group (by its
 * producer convolution; groups not listed keep all their channels). The architecture is rebuilt as
 * {@code Architectures.byName(model, width, classes)} at the input size, then {@link ChannelRemoval#keep}
 * for each listed group: the same surgery that pruned it. {@code zerosFixed} marks unstructured pruning:
 * weights that are zero stay zero when the network is trained again.
 */
public record ExportedArchitecture(String model, double widthMultiplier, int inputSize, int classes,
                                   Map<String, Integer> keptChannels, boolean zerosFixed) {

    /** The file name inside an export folder. */
    public static final String FILE = "architecture.json";
    /** The format tag written into the file. */
    public static final String FORMAT = "pruneproof-architecture/1";

    public ExportedArchitecture {
        keptChannels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(keptChannels));
    }

    /** The description of a (possibly channel-pruned) architecture derived from registry model {@code pruned.name()}. */
    public static ExportedArchitecture of(Architecture pruned, double widthMultiplier, boolean zerosFixed) {
        Architecture base = Architectures.byName(pruned.name(), widthMultiplier, pruned.classes()).withInputSize(pruned.inputSize());
        Map<String, Integer> before = new LinkedHashMap<>();
        for (LayerCost c : base.costs()) {
            before.put(c.layer(), c.channels());
        }
        Map<String, Integer> kept = new LinkedHashMap<>();
        for (ChannelGroup g : ChannelGroups.find(pruned)) {
            Integer b = before.get(g.producer());
            if (b == null || b != g.channels()) {
                kept.put(g.producer(), g.channels());
            }
        }
        return new ExportedArchitecture(pruned.name(), widthMultiplier, pruned.inputSize(), pruned.classes(), kept, zerosFixed);
    }

    /** The architecture this describes (see the class comment). */
    public Architecture architecture(Path file) {
        Architecture a;
        try {
            a = Architectures.byName(model, widthMultiplier, classes).withInputSize(inputSize);
        } catch (IllegalArgumentException e) {
            throw new WeightFileException(file + ": " + e.getMessage());
        }
        for (Map.Entry<String, Integer> k : keptChannels.entrySet()) {
            ChannelGroup g = ChannelGroups.find(a).stream().filter(x -> x.producer().equals(k.getKey())).findFirst().orElse(null);
            if (g == null) {
                throw new WeightFileException(file + ": keptChannels names '" + k.getKey() + "', which is not the producer"
                        + " convolution of a prunable channel group of " + model);
            }
            if (k.getValue() < 1 || k.getValue() > g.channels()) {
                throw new WeightFileException(file + ": keptChannels '" + k.getKey() + "' is " + k.getValue() + "; expected 1 … "
                        + g.channels());
            }
            a = ChannelRemoval.keep(a, g, k.getValue());
        }
        return a;
    }

    private static final ObjectMapper JSON = JsonFiles.mapper();

    /** Writes the file atomically. */
    public void write(Path file) {
        ObjectNode o = JSON.createObjectNode();
        o.put("format", FORMAT);
        o.put("model", model);
        o.put("widthMultiplier", widthMultiplier);
        o.put("inputSize", inputSize);
        o.put("classes", classes);
        ObjectNode k = o.putObject("keptChannels");
        keptChannels.forEach(k::put);
        o.put("zerosFixed", zerosFixed);
        JsonFiles.write(file, o);
    }

    /**
     * Reads and checks a file.
     *
     * @throws WeightFileException naming the file and the field
     */
    public static ExportedArchitecture read(Path file) {
        JsonNode o;
        try {
            o = JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new WeightFileException(file + ": cannot be read as JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (o == null || !o.isObject()) {
            throw new WeightFileException(file + ": expected a JSON object with format, model, widthMultiplier, inputSize, classes,"
                    + " keptChannels, zerosFixed");
        }
        if (!FORMAT.equals(o.path("format").asText(null))) {
            throw new WeightFileException(file + ": field 'format' must be \"" + FORMAT + "\"");
        }
        JsonNode m = o.get("model");
        if (m == null || !m.isTextual()) {
            throw new WeightFileException(file + ": field 'model' must be a model name (" + String.join(", ", Architectures.NAMES) + ")");
        }
        JsonNode w = o.get("widthMultiplier");
        if (w == null || !w.isNumber() || !(w.asDouble() > 0) || Double.isInfinite(w.asDouble())) {
            throw new WeightFileException(file + ": field 'widthMultiplier' must be a positive number");
        }
        int size = positiveInt(file, o, "inputSize");
        int classes = positiveInt(file, o, "classes");
        JsonNode k = o.get("keptChannels");
        if (k == null || !k.isObject()) {
            throw new WeightFileException(file + ": field 'keptChannels' must be an object {\"<producer convolution>\": channels}");
        }
        Map<String, Integer> kept = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = k.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isInt()) {
                throw new WeightFileException(file + ": keptChannels '" + e.getKey() + "' must be an integer");
            }
            kept.put(e.getKey(), e.getValue().asInt());
        }
        JsonNode z = o.get("zerosFixed");
        if (z == null || !z.isBoolean()) {
            throw new WeightFileException(file + ": field 'zerosFixed' must be true or false");
        }
        return new ExportedArchitecture(m.asText(), w.asDouble(), size, classes, kept, z.asBoolean());
    }

    private static int positiveInt(Path file, JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isInt() || v.asInt() < 1) {
            throw new WeightFileException(file + ": field '" + field + "' must be a positive integer");
        }
        return v.asInt();
    }
}
