/**
 * Trained networks in and out: weights imported from PyTorch {@code state_dict}s (a safetensors file or a
 * folder of {@code <name>.npy}, torchvision's names and layouts, checked tensor by tensor before anything is
 * kept), and a pruned network exported as safetensors with an {@code architecture.json} of its pruned widths,
 * which imports again.
 */
package org.pruneproof.scaled.weights;
