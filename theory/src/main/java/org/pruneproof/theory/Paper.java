package org.pruneproof.theory;

import java.util.Objects;

/**
 * A source of statements: a paper (or, for a user's conjecture, any reference).
 *
 * @param key       short stable key used in claim ids and results, e.g. {@code ye2020}
 * @param authors   author list as printed
 * @param title     title as printed
 * @param venue     venue and year
 * @param reference a stable reference (arXiv id, DOI or URL)
 */
public record Paper(String key, String authors, String title, String venue, String reference) {

    /** Ye, Gong, Nie, Zhou, Klivans, Liu: greedy forward selection. */
    public static final Paper YE2020 = new Paper("ye2020",
            "Ye, Gong, Nie, Zhou, Klivans, Liu",
            "Good Subnetworks Provably Exist: Pruning via Greedy Forward Selection",
            "ICML 2020 (PMLR 119)", "arXiv:2003.01794");

    /** Wolfe, Liao, Wang, Kim, Kyrillidis: how much pre-training is enough. */
    public static final Paper WOLFE2021 = new Paper("wolfe2021",
            "Wolfe, Liao, Wang, Kim, Kyrillidis",
            "How much pre-training is enough to discover a good subnetwork?",
            "TMLR 2024", "arXiv:2108.00259");

    /** Hayou, Ton, Doucet, Teh: robust pruning at initialisation. */
    public static final Paper HAYOU2021 = new Paper("hayou2021",
            "Hayou, Ton, Doucet, Teh",
            "Robust Pruning at Initialization",
            "ICLR 2021", "arXiv:2002.08797");

    /** The project itself, for statements that tie two engines together (cross-checks). */
    public static final Paper PRUNEPROOF = new Paper("crosscheck",
            "pruneproof", "Agreement of the scaled engine with the reference engine",
            "this project", "docs/architecture.md");

    public Paper {
        Objects.requireNonNull(key, "key");
        if (!key.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("paper key must be lower-case letters, digits and '-': " + key);
        }
        Objects.requireNonNull(authors, "authors");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(venue, "venue");
        Objects.requireNonNull(reference, "reference");
    }
}
