package org.pruneproof.reference.conv;

/**
 * The residual connection y = a + s (main branch a, shortcut s, same shape); backward: both receive G
 * unchanged, ∂L/∂a = ∂L/∂s = G.
 */
public final class ResidualAdd {

    private ResidualAdd() {
    }

    /** y = a + s. */
    public static Tensor4 forward(Tensor4 branch, Tensor4 shortcut) {
        branch.requireSameShape(shortcut, "shortcut");
        Tensor4 y = branch.zerosLike();
        for (int k = 0; k < y.size(); k++) {
            y.set(k, branch.get(k) + shortcut.get(k));
        }
        return y;
    }

    /** ∂L/∂a = ∂L/∂s = G (a copy, one per input). */
    public static Tensor4[] backward(Tensor4 gradOut) {
        return new Tensor4[] {gradOut.copy(), gradOut.copy()};
    }
}
