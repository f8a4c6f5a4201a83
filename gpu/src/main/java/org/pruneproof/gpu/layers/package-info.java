/**
 * Per-layer device operations for pruning-at-initialisation scores (SNIP, SBP-SR: Hayou et al. 2021):
 * the forward and backward passes of convolution, batch normalisation (training mode), ReLU, max
 * pooling and residual addition on float32 NCHW tensors, behind one interface
 * ({@link org.pruneproof.gpu.layers.LayerOps}) with a cuDNN implementation
 * ({@link org.pruneproof.gpu.layers.CudnnLayerOps}, untested until a GPU is lent) and a plain-Java one
 * ({@link org.pruneproof.gpu.layers.CpuLayerOps}) written from the definitions, which the tests check
 * (adjoint identities, finite differences) and the device check compares cuDNN with.
 *
 * <p>Not written yet: the network walk that chains these over an architecture description (the
 * ND4J-free descriptions of issue 12) to produce scores, masks, s_cr and the collapsing layer.
 */
package org.pruneproof.gpu.layers;
