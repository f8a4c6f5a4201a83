package org.pruneproof.nets;

import java.util.Arrays;

/**
 * One parameter tensor of a network: its PyTorch-style name, shape and role.
 *
 * @param name  e.g. {@code layer1.0.conv1.weight}
 * @param layer the owning layer's name, e.g. {@code layer1.0.conv1}
 * @param shape PyTorch layout: conv {@code [out, in/groups, k, k]}, linear {@code [out, in]}, others {@code [C]}
 * @param role  what the tensor is
 */
public record ParameterSpec(String name, String layer, long[] shape, Role role) {

    /** What a parameter tensor is. */
    public enum Role {
        /** Convolution kernel (prunable). */
        CONV_WEIGHT,
        /** Fully connected weight matrix (prunable). */
        LINEAR_WEIGHT,
        /** Bias of a convolution or linear layer. */
        BIAS,
        /** Batch-norm scale γ. */
        BN_GAMMA,
        /** Batch-norm shift β. */
        BN_BETA,
        /** Batch-norm running mean (a buffer, not trained). */
        BN_RUNNING_MEAN,
        /** Batch-norm running variance (a buffer, not trained). */
        BN_RUNNING_VAR
    }

    public ParameterSpec {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Number of entries. */
    public long size() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /** Trained by gradient descent (everything except batch-norm running statistics). */
    public boolean trainable() {
        return role != Role.BN_RUNNING_MEAN && role != Role.BN_RUNNING_VAR;
    }

    /** A convolution or linear weight: what pruning at initialisation prunes. */
    public boolean prunable() {
        return role == Role.CONV_WEIGHT || role == Role.LINEAR_WEIGHT;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParameterSpec p && name.equals(p.name) && layer.equals(p.layer)
                && Arrays.equals(shape, p.shape) && role == p.role;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape) + " " + role;
    }
}
