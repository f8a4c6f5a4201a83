package org.pruneproof.scaled.training;

import java.util.Locale;

/**
 * The learning rate of epoch e = 0 … E−1 (set at the start of the epoch, as PyTorch's schedulers stepped once per
 * epoch):
 * <pre>  constant: η_e = η
 *  cosine:   η_e = η·(1 + cos(π·e/E))/2                 (CosineAnnealingLR, T_max = E, η_min = 0)
 *  step:     η_e = η·0.1^(#{m ∈ {⌊E/2⌋, ⌊3E/4⌋} : e ≥ m})  (MultiStepLR at 50 % and 75 % of the epochs, γ = 0.1)</pre>
 */
public enum Schedule {
    CONSTANT, COSINE, STEP;

    /** η_e for base rate η and E epochs. */
    public double rate(double base, int epoch, int epochs) {
        return switch (this) {
            case CONSTANT -> base;
            case COSINE -> base * (1 + Math.cos(Math.PI * epoch / epochs)) / 2;
            case STEP -> base * Math.pow(0.1, (epoch >= epochs / 2 ? 1 : 0) + (epoch >= 3 * epochs / 4 ? 1 : 0));
        };
    }

    /** The schedule of a name (constant, cosine, step), or null. */
    public static Schedule parse(String name) {
        for (Schedule s : values()) {
            if (s.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        return null;
    }
}
