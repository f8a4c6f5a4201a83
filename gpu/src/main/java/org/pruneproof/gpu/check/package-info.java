/**
 * The prepared device check ({@code gpu/device-check}): the GPU engine's selections against the
 * reference engine on the cross-check instances, a bandwidth benchmark of the greedy step, results
 * written to a folder. With {@code --dry-run} (or when no GPU is found, which it says loudly) the same
 * flow runs on the CPU device.
 */
package org.pruneproof.gpu.check;
