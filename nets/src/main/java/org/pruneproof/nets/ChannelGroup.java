package org.pruneproof.nets;

import java.util.List;

/**
 * A set of channels that can be removed physically: the output channels of a {@code producer}
 * convolution, which pass only through channel-wise layers ({@code followers}: batch norms,
 * activations, pooling and depthwise convolutions) into exactly one {@code consumer} convolution.
 * Removing channel c deletes the producer's filter c, entry c of every follower and input channel c
 * of the consumer.
 *
 * @param producer  name of the convolution whose outputs are pruned
 * @param followers names of the channel-wise parameterised layers in between, in order
 * @param consumer  name of the (non-depthwise) convolution that reads the channels
 * @param channels  N, the current number of channels
 */
public record ChannelGroup(String producer, List<String> followers, String consumer, int channels) {

    public ChannelGroup {
        followers = List.copyOf(followers);
    }
}
