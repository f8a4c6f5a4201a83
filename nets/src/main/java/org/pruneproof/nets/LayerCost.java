package org.pruneproof.nets;

/**
 * Size and cost of one parameterised layer (convolution, linear or batch norm) for one input image.
 *
 * @param layer    the layer's name
 * @param kind     {@code conv}, {@code depthwise-conv}, {@code linear} or {@code batchnorm}
 * @param channels output channels (or features)
 * @param params   trainable parameters (weights, biases, γ and β; not running statistics)
 * @param macs     multiply–accumulates per image: {@code H'·W'·out·(in/groups)·k²} for a convolution,
 *                 {@code in·out} for a linear layer, 0 for batch norm (FLOPs are reported as MACs,
 *                 the convention of the ResNet/MobileNet papers)
 */
public record LayerCost(String layer, String kind, int channels, long params, long macs) {
}
