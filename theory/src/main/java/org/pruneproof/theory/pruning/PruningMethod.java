package org.pruneproof.theory.pruning;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The pruning-at-initialisation methods, one constant each: the registry that the command line (names and help),
 * the engines' jobs and score functions, and the cross-checks read. Every method keeps the round((1 − s)·M) weights
 * with the largest scores g over all M prunable weights (one global threshold, ties to the lower position).
 *
 * <ul>
 *   <li>{@link #RANDOM}: g i.i.d. uniform on [0, 1) from the run's seed, a uniformly random mask;</li>
 *   <li>{@link #MAGNITUDE} (MBP): g = |W|;</li>
 *   <li>{@link #SNIP} (SBP, Lee et al. 2019): g = |W ⊙ ∂L/∂W|, L the mean softmax cross-entropy of one batch;</li>
 *   <li>{@link #SBP_SR} (Hayou et al. 2021): SNIP's scores, with the rescaling rule {@link Rescaling#SBP_SR}.</li>
 * </ul>
 *
 * <p>Adding a method (the README's walkthrough names every file): a constant here, its score function in each engine
 * ({@code scaled.pruning.InitPruning.layerScores}, which the dense job uses too; {@code reference.pruning.Scores}), its
 * reference counterpart ({@code reference.pruning.Criterion.of} and {@code PruningAtInitialisation.prune}) and its case
 * in {@code crosscheck.pruning-scores}; the switches over this enum and {@code Criterion} have no default, so the
 * compiler lists every place.
 */
public enum PruningMethod {
    RANDOM(false, Rescaling.NONE),
    MAGNITUDE(false, Rescaling.NONE),
    SNIP(true, Rescaling.NONE),
    SBP_SR(true, Rescaling.SBP_SR);

    /** What happens to the kept weights after the mask is chosen. */
    public enum Rescaling {
        /** The kept weights stay as they are. */
        NONE,
        /**
         * Hayou et al.'s rule: a ResNet is scored as its Stable variant (every residual branch × 1/√L, L blocks) and
         * not rescaled; any other network has each kept row (dense layer) or each (output channel, kernel offset)
         * group (convolution) rescaled to its target squared norm, σ_w² or σ_w²/(k_h·k_w).
         */
        SBP_SR
    }

    private final boolean needsGradients;
    private final Rescaling rescaling;

    PruningMethod(boolean needsGradients, Rescaling rescaling) {
        this.needsGradients = needsGradients;
        this.rescaling = rescaling;
    }

    /** Whether the scores need ∂L/∂W from one forward and backward pass on a batch. */
    public boolean needsGradients() {
        return needsGradients;
    }

    /** The rule applied to the kept weights. */
    public Rescaling rescaling() {
        return rescaling;
    }

    /** Whether a ResNet is scored as its Stable variant ({@link Rescaling#SBP_SR}). */
    public boolean usesStableResNet() {
        return rescaling == Rescaling.SBP_SR;
    }

    /** Whether the kept weights of a network that is not a ResNet are rescaled to their target norms. */
    public boolean restoresNorms(boolean resNet) {
        return rescaling == Rescaling.SBP_SR && !resNet;
    }

    /** The command-line spelling: random, magnitude, snip, sbp-sr. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Every command-line spelling, in declaration order. */
    public static List<String> cliNames() {
        return Arrays.stream(values()).map(PruningMethod::cliName).toList();
    }

    /**
     * Parses the command-line spelling (any case).
     *
     * @throws IllegalArgumentException naming the known methods
     */
    public static PruningMethod parse(String s) {
        for (PruningMethod m : values()) {
            if (m.cliName().equals(s.toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown pruning method '" + s + "'; expected " + cliNamesInWords());
    }

    /** "random, magnitude, snip or sbp-sr": the spellings for a message or a help text. */
    public static String cliNamesInWords() {
        List<String> names = cliNames();
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }
}
