package org.pruneproof.scaled.nets;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.factory.Nd4j;
import org.pruneproof.nets.Layer;
import org.pruneproof.scaled.Nd4jDefaults;
import org.pruneproof.scaled.OneDnnHelpers;

/**
 * libnd4j's custom ops called directly, into output arrays the caller gives (so that they can be reused), each with
 * the argument order of ND4J 1.0.0-M2.1 (newer sources changed several; {@code NetworkPassTest} pins them against the
 * SameDiff graph). Whether an op may run oneDNN is decided per call by {@link OneDnnHelpers#allowed} on the op's name,
 * type and largest input, as for the SameDiff graph; every other call runs ND4J's generic kernels.
 *
 * <pre>  conv2d (x, w[, b]) → y                       depthwise_conv2d (x, w[, b]) → y
 *  conv2d_bp (x, w[, b], ∂y) → (∂x, ∂w[, ∂b])     depthwise_conv2d_bp likewise
 *    int args {kH, kW, sH, sW, pH, pW, dH, dW, same-mode 0, data format 0 = NCHW, weight format: 1 = OIYX (PyTorch's
 *    [out, in, k, k]; depthwise [1, C, k, k]), 0 = [k, k, in, out] (depthwise [k, k, C, 1]: only this one runs oneDNN)}
 *  batchnorm (x, μ, σ², γ, β) → y,  int args {apply γ 1, apply β 1, axis 1}, float arg ε
 *  batchnorm_bp (x, μ, σ², γ, β, ∂y) → (∂x, ∂μ, ∂σ², ∂γ, ∂β): ∂y LAST; ∂x includes the batch-statistics terms
 *  moments (x) → (μ, σ²) over the int-arg axes, σ² biased
 *  maxpool2d / avgpool2d (x) → y; maxpool2d_bp / avgpool2d_bp (x, ∂y) → ∂x
 *    int args {kH, kW, sH, sW, pH, pW, dH, dW, same-mode 0, extra (avg: 1 counts padding, PyTorch's default), NHWC 0}
 *  relu / relu6 (x) → y, relu_bp / relu6_bp (x, ∂y) → ∂x, float arg: the cut-off 0</pre>
 */
final class Kernels {

    private Kernels() {
    }

    /** Runs a custom op on these inputs into these outputs. */
    static void exec(String op, INDArray[] inputs, INDArray[] outputs, long[] intArgs, double... floatArgs) {
        Nd4jDefaults.apply();
        long largest = 0;
        for (INDArray a : inputs) {
            largest = Math.max(largest, a.length());
        }
        boolean helpers = Nd4jDefaults.helpersOn() && OneDnnHelpers.allowed(op, inputs[0].dataType(), largest);
        CustomOp custom = DynamicCustomOp.builder(op).build();
        try (OpContext ctx = Nd4j.getExecutioner().buildContext()) {
            ctx.setInputArrays(inputs);
            ctx.setOutputArrays(outputs);
            if (intArgs.length > 0) {
                ctx.setIArguments(intArgs);
            }
            if (floatArgs.length > 0) {
                ctx.setTArguments(floatArgs);
            }
            ctx.allowHelpers(helpers);
            Nd4j.getExecutioner().exec(custom, ctx);
        } catch (Exception e) {
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(op + ": " + e.getMessage(), e);
        }
    }

    static INDArray[] of(INDArray... a) {
        return a;
    }

    /** The convolution's int args (explicit padding, NCHW, PyTorch's OIYX weights). */
    static long[] conv(Layer.Conv c) {
        return new long[] {c.kernel(), c.kernel(), c.stride(), c.stride(), c.padding(), c.padding(), 1, 1, 0, 0, 1};
    }

    /** A pooling's int args (explicit padding, NCHW); {@code extra} is avgpool's divisor mode (1: padding counted). */
    static long[] pool(int kernel, int stride, int padding, int extra) {
        return new long[] {kernel, kernel, stride, stride, padding, padding, 1, 1, 0, extra, 0};
    }

    /** The batch norm's int args: γ and β applied, channel axis 1. */
    static final long[] BATCH_NORM = {1, 1, 1};

    /** Output side of a convolution or pooling: ⌊(side + 2p − k)/s⌋ + 1. */
    static long side(long side, int kernel, int stride, int padding) {
        return (side + 2L * padding - kernel) / stride + 1;
    }
}
