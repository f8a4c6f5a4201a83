/**
 * Greedy forward selection (Ye et al. 2020) on a device: the host runs the step of the scaled engine
 * (one matrix–vector product Φr per step, a double-precision screening window, direct re-evaluation of
 * the candidates near the minimum, the project's tie rule), and a {@link org.pruneproof.gpu.greedy.GreedyDevice}
 * holds Φ and computes Φr: {@link org.pruneproof.gpu.greedy.CudaGreedyDevice} with cuBLAS,
 * {@link org.pruneproof.gpu.greedy.CpuGreedyDevice} in Java (the dry run and the tests).
 */
package org.pruneproof.gpu.greedy;
