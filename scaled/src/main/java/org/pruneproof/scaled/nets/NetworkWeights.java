package org.pruneproof.scaled.nets;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pruneproof.nets.Architecture;
import org.pruneproof.nets.ParameterSpec;

/**
 * The parameter tensors of one {@link Architecture}, by PyTorch-style name, in forward order.
 *
 * <p>{@link #initialise} draws every convolution and linear weight i.i.d. from N(0, σ_w²/fan_in)
 * with σ_w² = 2 and fan_in = (in/groups)·k² (in for a linear layer): He initialisation, which for
 * ReLU is the Edge of Chaos with σ_b = 0 (docs/theory/hayou2021.md: the authors' EOC init for ReLU);
 * biases 0, batch-norm γ = 1, β = 0, running mean 0 and variance 1 (PyTorch's defaults).
 */
public final class NetworkWeights {

    /** σ_w² of the initialisation (the ReLU Edge of Chaos). */
    public static final double SIGMA_W2 = 2.0;

    private final Architecture architecture;
    private final Map<String, INDArray> arrays;

    private NetworkWeights(Architecture architecture, Map<String, INDArray> arrays) {
        this.architecture = architecture;
        this.arrays = arrays;
    }

    /** Seeded initialisation (see the class comment) in the given floating-point type. */
    public static NetworkWeights initialise(Architecture architecture, DataType type, SplittableRandom random) {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        for (ParameterSpec p : architecture.parameters()) {
            long n = p.size();
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(p.name() + " has more than 2^31 entries");
            }
            INDArray a;
            switch (p.role()) {
                case CONV_WEIGHT, LINEAR_WEIGHT -> {
                    long[] s = p.shape();
                    long fanIn = 1;
                    for (int d = 1; d < s.length; d++) {
                        fanIn *= s[d];
                    }
                    double std = Math.sqrt(SIGMA_W2 / fanIn);
                    if (type == DataType.DOUBLE) {
                        double[] v = new double[(int) n];
                        for (int i = 0; i < v.length; i++) {
                            v[i] = std * random.nextGaussian();
                        }
                        a = Nd4j.create(v, s, DataType.DOUBLE);
                    } else {
                        float[] v = new float[(int) n];
                        for (int i = 0; i < v.length; i++) {
                            v[i] = (float) (std * random.nextGaussian());
                        }
                        a = Nd4j.create(v, s, type);
                    }
                }
                case BN_GAMMA, BN_RUNNING_VAR -> a = Nd4j.ones(type, p.shape());
                default -> a = Nd4j.zeros(type, p.shape());
            }
            arrays.put(p.name(), a);
        }
        return new NetworkWeights(architecture, arrays);
    }

    /**
     * Weights from given arrays, checked against the architecture's parameter list.
     *
     * @throws IllegalArgumentException naming a missing tensor or a wrong shape
     */
    public static NetworkWeights of(Architecture architecture, Map<String, INDArray> given) {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        for (ParameterSpec p : architecture.parameters()) {
            INDArray a = given.get(p.name());
            if (a == null) {
                throw new IllegalArgumentException("missing parameter " + p.name());
            }
            if (!java.util.Arrays.equals(a.shape(), p.shape())) {
                throw new IllegalArgumentException(p.name() + " has shape " + java.util.Arrays.toString(a.shape())
                        + ", expected " + java.util.Arrays.toString(p.shape()));
            }
            arrays.put(p.name(), a);
        }
        return new NetworkWeights(architecture, arrays);
    }

    /** The architecture these weights belong to. */
    public Architecture architecture() {
        return architecture;
    }

    /** The tensor of a parameter (the live array, not a copy). */
    public INDArray get(String name) {
        INDArray a = arrays.get(name);
        if (a == null) {
            throw new IllegalArgumentException("no parameter named " + name);
        }
        return a;
    }

    /** All tensors by name, in forward order (unmodifiable view of the live arrays). */
    public Map<String, INDArray> arrays() {
        return Collections.unmodifiableMap(arrays);
    }

    /** The prunable (convolution and linear) weight specifications, in forward order. */
    public List<ParameterSpec> prunable() {
        return architecture.parameters().stream().filter(ParameterSpec::prunable).toList();
    }

    /** The floating-point type of the tensors. */
    public DataType dataType() {
        return arrays.values().iterator().next().dataType();
    }

    /** A deep copy. */
    public NetworkWeights copy() {
        Map<String, INDArray> c = new LinkedHashMap<>();
        arrays.forEach((k, v) -> c.put(k, v.dup()));
        return new NetworkWeights(architecture, c);
    }
}
