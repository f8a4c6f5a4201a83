package org.pruneproof.scaled.pruning;

import java.util.Locale;

/** Pruning-at-initialisation criteria (hayou2021.md §3, §5). */
public enum InitMethod {
    /** Scores i.i.d. uniform: a random mask with exactly the requested number of weights. */
    RANDOM,
    /** MBP: score |W|. */
    MAGNITUDE,
    /** SBP (SNIP): score |W ⊙ ∂L/∂W| from one forward/backward pass with softmax cross-entropy. */
    SNIP,
    /**
     * SBP-SR: SNIP on the Stable variant of a ResNet (branches ÷ √L), or, for a network without
     * residual branches in Hayou et al.'s sense, SNIP followed by the per-kernel-offset rescaling of
     * {@link KernelRescaling}.
     */
    SBP_SR;

    /** The command-line spelling: random, magnitude, snip, sbp-sr. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses the command-line spelling. */
    public static InitMethod parse(String s) {
        for (InitMethod m : values()) {
            if (m.cliName().equals(s.toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown pruning method '" + s + "'; expected random, magnitude, snip or sbp-sr");
    }
}
