/**
 * A reference convolutional engine: the layers of the papers' convolutional networks (convolution
 * with stride, padding, dilation and groups, batch normalisation in training and inference mode,
 * ReLU, max and average pooling, global average pooling, residual addition, linear) in double,
 * each a small static operation class with its forward map and its backward map (the vector–Jacobian
 * product), written to be read next to the formulas rather than for speed.
 *
 * <p>Layouts are PyTorch's: activations NCHW ({@link org.pruneproof.reference.conv.Tensor4}, batch ×
 * channels × height × width), convolution weights OIYX ([out, in/groups, kh, kw]). After global
 * average pooling the features are the columns of an EJML matrix (features × batch), the layout of
 * {@link org.pruneproof.reference.conv.Linear} and of the loss
 * {@link org.pruneproof.reference.init.SoftmaxCrossEntropy}.
 *
 * <p>Conventions (PyTorch's): ReLU′(0) = 0; max pooling sends the gradient to the first maximum of a
 * window in row-major order; average pooling counts padded zeros (count_include_pad); batch-norm
 * variance is the biased batch variance, and the running variance is updated with the unbiased one.
 * The fast float32 engine in {@code scaled} is checked against this one.
 */
package org.pruneproof.reference.conv;
