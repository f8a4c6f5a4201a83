package org.pruneproof.verification.plantedbugs;

import org.pruneproof.reference.meanfield.EdgeOfChaos;
import org.pruneproof.reference.meanfield.EocPoint;
import org.pruneproof.theory.activation.Activation;

/** The EOC finder a claim checks: the reference by default; tests substitute a planted bug. */
@FunctionalInterface
public interface EocSolver {

    /** The reference fixed-point method of {@link EdgeOfChaos#byFixedPoint(Activation, double)}. */
    public EocSolver FIXED_POINT = EdgeOfChaos::byFixedPoint;

    /** The reference root finder of {@link EdgeOfChaos#byRootFinding}, to σ_w accuracy 1e-12. */
    public EocSolver ROOT_FINDING = (phi, sigmaB) -> EdgeOfChaos.byRootFinding(phi, sigmaB, 1e-12);

    /** The EOC point of φ at σ_b. */
    public EocPoint solve(Activation phi, double sigmaB);
}
