package org.pruneproof.reports.results;

import java.util.List;

/**
 * A claim's proof as carried by {@code results.json}, so that the offline report can show it: where it is in the
 * repository, its Markdown text (with TeX between {@code $…$} and {@code $$…$$}), and the steps the spec names.
 *
 * @param ref      {@code docs/theory/<file>.md#<anchor>}
 * @param markdown the proof's section of that file (from its heading to the next level-2 heading)
 * @param steps    the proof steps that are lemmas or not computable, in order
 */
public record ProofResult(String ref, String markdown, List<Step> steps) {

    public ProofResult {
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    /**
     * One named proof step.
     *
     * @param number    its number in the proof
     * @param statement the step in TeX
     * @param kind      {@code lemma} (checked as the claim {@code lemmaId}) or {@code not-computable}
     * @param note      why a step is not computable; null for a lemma
     * @param lemmaId   the lemma claim's id; null for a step that is not computable
     */
    public record Step(int number, String statement, String kind, String note, String lemmaId) {
    }
}
