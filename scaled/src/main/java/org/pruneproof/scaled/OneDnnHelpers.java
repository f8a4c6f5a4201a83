package org.pruneproof.scaled;

import java.util.Set;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;

/**
 * Which SameDiff ops may run oneDNN's kernels, decided op by op before each execution (a SameDiff listener that sets
 * the op's {@code OpContext.allowHelpers}): an op runs oneDNN only when
 * <ul>
 *   <li>the oneDNN helpers are on for this JVM ({@link Nd4jDefaults#helpersOn()}: the oneDNN build is loaded and not
 *       switched off),</li>
 *   <li>it is one of the {@link #KINDS} whose oneDNN kernels are bit-stable on repetition ({@code OneDnnKernelsTest}
 *       runs each kind twice and compares bits; a kind that breaks it is left out of this set and runs generic),</li>
 *   <li>its inputs are float32 (oneDNN 2.3 in ND4J has no float64 kernels; float64 always runs generic), and</li>
 *   <li>its largest input has at least {@link #MIN_ELEMENTS} elements (by default): oneDNN builds a primitive for every call,
 *       which costs more than a tiny convolution itself (README decisions: measured).</li>
 * </ul>
 * Every other op runs ND4J's generic kernels. The choice depends only on the op and its shapes, so the same run
 * makes the same choices (and, at the same thread count, the same bits).
 */
public final class OneDnnHelpers extends BaseListener {

    /** The op kinds that may run oneDNN (each pinned bit-stable on repetition by {@code OneDnnKernelsTest}). */
    public static final Set<String> KINDS = Set.of("conv2d", "conv2d_bp", "depthwise_conv2d", "depthwise_conv2d_bp",
            "maxpool2d", "maxpool2d_bp", "avgpool2d", "avgpool2d_bp");

    /** System property overriding {@link #MIN_ELEMENTS}. */
    public static final String MIN_ELEMENTS_PROPERTY = "pruneproof.onednn.min-elements";

    /**
     * The smallest largest-input size (elements) at which an op of {@link #KINDS} runs oneDNN by default; the system
     * property {@value #MIN_ELEMENTS_PROPERTY} overrides it (for measuring where oneDNN starts to win).
     */
    public static final long MIN_ELEMENTS = Long.getLong(MIN_ELEMENTS_PROPERTY, 1L << 16);

    private static volatile long minElements = MIN_ELEMENTS;

    /** The one instance (stateless). */
    public static final OneDnnHelpers INSTANCE = new OneDnnHelpers();

    private OneDnnHelpers() {
    }

    /** Whether an op of this kind on these inputs runs oneDNN, given the helpers are on. */
    public static boolean allowed(String opName, DataType type, long largestInput) {
        return KINDS.contains(opName) && type == DataType.FLOAT && largestInput >= minElements;
    }

    /**
     * Runs {@code work} with another size threshold (0: every op of {@link #KINDS} runs oneDNN, as the repeat tests
     * need on small networks), then restores the previous one.
     */
    public static synchronized <T> T withMinElements(long elements, java.util.function.Supplier<T> work) {
        long before = minElements;
        minElements = elements;
        try {
            return work.get();
        } finally {
            minElements = before;
        }
    }

    @Override
    public boolean isActive(Operation operation) {
        return true;
    }

    @Override
    public void preOpExecution(SameDiff sd, At at, SameDiffOp op, OpContext opContext) {
        if (opContext == null) {
            return;
        }
        boolean allow = false;
        if (Nd4jDefaults.helpersOn()) {
            long largest = 0;
            DataType type = null;
            for (int i = 0; i < opContext.numInputArguments(); i++) {
                INDArray a = opContext.getInputArray(i);
                if (a != null && a.length() > largest) {
                    largest = a.length();
                    type = a.dataType();
                }
            }
            allow = type != null && allowed(op.getOp().opName(), type, largest);
        }
        opContext.allowHelpers(allow);
    }
}
