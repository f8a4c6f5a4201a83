/**
 * The GPU engine: pruneproof's computations on NVIDIA GPUs through CUDA, bound with the Java Foreign
 * Function &amp; Memory API (JDK 22+; no native jar: the CUDA libraries are found and bound at run time).
 *
 * <ul>
 *   <li>{@link org.pruneproof.gpu.cuda}: finding the CUDA libraries and the bindings (driver API,
 *       NVRTC, cuBLAS, cuDNN);</li>
 *   <li>{@link org.pruneproof.gpu.greedy}: greedy forward selection orchestrated on the host over a small
 *       device interface, with a CUDA and a CPU implementation;</li>
 *   <li>{@link org.pruneproof.gpu.layers}: per-layer device operations for pruning-at-initialisation
 *       scores (the network walk is not written yet);</li>
 *   <li>{@link org.pruneproof.gpu.check}: the prepared device check run by {@code gpu/device-check}.</li>
 * </ul>
 */
package org.pruneproof.gpu;
