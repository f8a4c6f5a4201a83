package org.pruneproof.reference.conv;

/**
 * ReLU6, y = min(max(x, 0), 6) (MobileNetV2), element-wise. Backward: ∂L/∂x = G·1[0 < x < 6]; at the
 * kinks 0 and 6 the derivative is taken as 0 (PyTorch's hardtanh convention).
 */
public final class Relu6 {

    private Relu6() {
    }

    /** y = min(max(x, 0), 6). */
    public static Tensor4 forward(Tensor4 x) {
        Tensor4 y = x.zerosLike();
        for (int k = 0; k < x.size(); k++) {
            y.set(k, Math.min(Math.max(x.get(k), 0), 6));
        }
        return y;
    }

    /** ∂L/∂x = G·1[0 < x < 6]. */
    public static Tensor4 backward(Tensor4 x, Tensor4 gradOut) {
        x.requireSameShape(gradOut, "gradOut");
        Tensor4 g = x.zerosLike();
        for (int k = 0; k < x.size(); k++) {
            double v = x.get(k);
            g.set(k, v > 0 && v < 6 ? gradOut.get(k) : 0);
        }
        return g;
    }
}
