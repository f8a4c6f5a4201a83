/**
 * Mean-field recursions of deep networks at initialisation by quadrature: variance and correlation maps,
 * χ, and Edge of Chaos points computed two independent ways.
 */
package org.pruneproof.reference.meanfield;
