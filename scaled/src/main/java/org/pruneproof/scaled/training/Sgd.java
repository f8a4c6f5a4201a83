package org.pruneproof.scaled.training;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Stochastic gradient descent with momentum μ and weight decay λ in PyTorch's semantics ({@code torch.optim.SGD},
 * dampening 0, not Nesterov), for each parameter w with gradient g:
 * <pre>  g ← g + λ·w,   v ← μ·v + g  (v = g at the first step),   w ← w − η·v</pre>
 * Weight decay applies to every trainable tensor (biases and batch-norm γ, β included), as PyTorch's default
 * parameter group does. With a mask, w ← w ⊙ m after each step, so pruned weights stay exactly zero.
 */
public final class Sgd {

    private final double momentum;
    private final double weightDecay;
    private final Map<String, INDArray> velocity = new LinkedHashMap<>();

    public Sgd(double momentum, double weightDecay) {
        if (!(momentum >= 0 && momentum < 1) || !(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("momentum must be in [0, 1) and weight decay ≥ 0, got " + momentum + ", " + weightDecay);
        }
        this.momentum = momentum;
        this.weightDecay = weightDecay;
    }

    /** One step on parameter {@code w} (updated in place) with gradient {@code g} (consumed), rate η, optional mask. */
    public void step(String name, INDArray w, INDArray g, double rate, INDArray mask) {
        if (weightDecay != 0) {
            INDArray decay = w.mul(weightDecay);
            g.addi(decay);
            decay.close();
        }
        INDArray v = velocity.get(name);
        if (v == null) {
            v = g.dup();
            velocity.put(name, v);
        } else {
            v.muli(momentum).addi(g);
        }
        // the temporary η·v is closed at once: its native memory would otherwise wait for the garbage collector
        INDArray update = v.mul(rate);
        w.subi(update);
        update.close();
        if (mask != null) {
            w.muli(mask);
        }
    }

    /** The momentum buffers by parameter name (live arrays), for checkpoints. */
    public Map<String, INDArray> velocity() {
        return velocity;
    }
}
