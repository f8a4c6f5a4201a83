package org.pruneproof.reports.results;

/**
 * The binomial test that decides a statistical claim judged over experiments: the claim says each experiment passes
 * with probability ≥ {@code passRate}; {@code failed} of {@code checked} experiments failed, and
 * p = P(Bin(checked, 1 − passRate) ≥ failed). The claim is falsified when p ≤ {@code significance}.
 *
 * @param passRate     the smallest pass probability the claim asserts
 * @param significance the level of the test
 * @param failed       experiments that failed their check
 * @param checked      experiments checked
 * @param pValue       P(Bin(checked, 1 − passRate) ≥ failed)
 */
public record PassRateTest(double passRate, double significance, int failed, int checked, double pValue) {

    /** Whether the test rejects the claimed pass rate (the claim is falsified). */
    public boolean rejected() {
        return failed > 0 && pValue <= significance;
    }

    /** Observed fraction of experiments that passed; NaN when none was checked. */
    public double observedPassRate() {
        return checked == 0 ? Double.NaN : (double) (checked - failed) / checked;
    }
}
