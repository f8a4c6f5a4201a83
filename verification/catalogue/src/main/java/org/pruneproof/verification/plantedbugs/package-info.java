/**
 * Seams through which a test plants a bug: each interface is the one operation a claim checks (a pruner,
 * a mask rule, a row rescaler, an EOC solver, a scaled greedy step, trainer or pruner, a channel
 * selector, the Stable variant of a ResNet). A claim's public constructor uses the real implementation; a test constructs the claim with
 * a wrong one and asserts the claim is falsified.
 */
package org.pruneproof.verification.plantedbugs;
