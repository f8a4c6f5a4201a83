package org.pruneproof.scaled.greedy;

/** Whether greedy selection may choose a neuron again. */
public enum Replacement {
    /** A neuron may be chosen any number of times (the subnetwork is a multiset; Ye et al. 2020). */
    WITH,
    /** A neuron is chosen at most once, so at most N steps can be taken. */
    WITHOUT
}
