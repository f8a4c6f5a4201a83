package org.pruneproof.verification.gen;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.pruneproof.verification.api.Shrinker;

/**
 * One convolutional layer seen by greedy channel selection: N input channels of a B×side×side
 * activation h (ReLU of Gaussians; channel 1 duplicates channel 0 when {@code duplicate}, channel
 * N−1 is all zero when {@code deadChannel}), a consumer kernel O×N×k×k with stride and padding, P
 * sampled output positions and a number of greedy steps. All values come from {@code seed}.
 */
public record ChannelLayerInstance(int channels, int outputs, int kernel, int stride, int padding, int side, int batch,
                                   int positions, int steps, boolean duplicate, boolean deadChannel, long seed) {

    public ChannelLayerInstance {
        if (channels < 1 || outputs < 1 || kernel < 1 || stride < 1 || padding < 0 || side < 1 || batch < 1
                || positions < 1 || steps < 1 || side + 2 * padding < kernel) {
            throw new IllegalArgumentException("invalid channel-layer instance");
        }
    }

    /** Fewer channels, outputs, positions, steps; smaller kernel, image and batch; no edge cases. */
    public static Shrinker<ChannelLayerInstance> shrinker() {
        return v -> {
            List<ChannelLayerInstance> c = new ArrayList<>();
            if (v.channels > 1) {
                c.add(new ChannelLayerInstance(v.channels - 1, v.outputs, v.kernel, v.stride, v.padding, v.side, v.batch,
                        v.positions, v.steps, v.duplicate && v.channels > 2, v.deadChannel, v.seed));
            }
            if (v.outputs > 1) {
                c.add(new ChannelLayerInstance(v.channels, v.outputs - 1, v.kernel, v.stride, v.padding, v.side, v.batch,
                        v.positions, v.steps, v.duplicate, v.deadChannel, v.seed));
            }
            if (v.positions > 1) {
                c.add(new ChannelLayerInstance(v.channels, v.outputs, v.kernel, v.stride, v.padding, v.side, v.batch,
                        v.positions / 2, v.steps, v.duplicate, v.deadChannel, v.seed));
            }
            if (v.steps > 1) {
                c.add(new ChannelLayerInstance(v.channels, v.outputs, v.kernel, v.stride, v.padding, v.side, v.batch,
                        v.positions, v.steps - 1, v.duplicate, v.deadChannel, v.seed));
            }
            if (v.kernel > 1 && v.side + 2 * v.padding >= v.kernel - 1) {
                c.add(new ChannelLayerInstance(v.channels, v.outputs, v.kernel - 1, v.stride, v.padding, v.side, v.batch,
                        v.positions, v.steps, v.duplicate, v.deadChannel, v.seed));
            }
            if (v.side > 1 && v.side - 1 + 2 * v.padding >= v.kernel) {
                c.add(new ChannelLayerInstance(v.channels, v.outputs, v.kernel, v.stride, v.padding, v.side - 1, v.batch,
                        v.positions, v.steps, v.duplicate, v.deadChannel, v.seed));
            }
            if (v.batch > 1) {
                c.add(new ChannelLayerInstance(v.channels, v.outputs, v.kernel, v.stride, v.padding, v.side, v.batch - 1,
                        v.positions, v.steps, v.duplicate, v.deadChannel, v.seed));
            }
            if (v.stride > 1) {
                c.add(new ChannelLayerInstance(v.channels, v.outputs, v.kernel, 1, v.padding, v.side, v.batch,
                        v.positions, v.steps, v.duplicate, v.deadChannel, v.seed));
            }
            if (v.duplicate || v.deadChannel) {
                c.add(new ChannelLayerInstance(v.channels, v.outputs, v.kernel, v.stride, v.padding, v.side, v.batch,
                        v.positions, v.steps, false, false, v.seed));
            }
            return c.stream().flatMap(Stream::of);
        };
    }
}
