package org.pruneproof.reference.conv;

/**
 * The rectifier y = max(0, x) entrywise; backward ∂L/∂x = G·[x &gt; 0], so ReLU′(0) = 0 (PyTorch's
 * convention).
 */
public final class Relu {

    private Relu() {
    }

    /** y = max(0, x). */
    public static Tensor4 forward(Tensor4 x) {
        Tensor4 y = x.zerosLike();
        for (int k = 0; k < x.size(); k++) {
            y.set(k, Math.max(0, x.get(k)));
        }
        return y;
    }

    /** ∂L/∂x = G·[x &gt; 0]. */
    public static Tensor4 backward(Tensor4 x, Tensor4 gradOut) {
        x.requireSameShape(gradOut, "gradOut");
        Tensor4 g = x.zerosLike();
        for (int k = 0; k < x.size(); k++) {
            g.set(k, x.get(k) > 0 ? gradOut.get(k) : 0);
        }
        return g;
    }
}
