package org.pruneproof.nets;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.pruneproof.nets.Layer.Activation;
import org.pruneproof.nets.Layer.AdaptiveAvgPool;
import org.pruneproof.nets.Layer.BatchNorm;
import org.pruneproof.nets.Layer.Conv;
import org.pruneproof.nets.Layer.Flatten;
import org.pruneproof.nets.Layer.GlobalAvgPool;
import org.pruneproof.nets.Layer.Linear;
import org.pruneproof.nets.Layer.MaxPool;
import org.pruneproof.nets.Layer.Residual;

/**
 * Channel surgery on a description: the architecture after keeping n of the N channels of a {@link ChannelGroup}.
 * The producer convolution gets n outputs, every channel-wise follower n channels (a depthwise follower n groups),
 * the consumer n inputs; everything else is unchanged. An engine slices its weight tensors to match
 * (the ND4J engine: {@code scaled.pruning.channels.ChannelSurgery}).
 */
public final class ChannelRemoval {

    private ChannelRemoval() {
    }

    /** The architecture with n channels left in {@code group}. */
    public static Architecture keep(Architecture architecture, ChannelGroup group, int n) {
        if (n < 1 || n > group.channels()) {
            throw new IllegalArgumentException("kept channels must be in [1, " + group.channels() + "], got " + n);
        }
        Set<String> channelWise = new HashSet<>(group.followers());
        channelWise.add(group.producer());
        return architecture.withLayers(rewrite(architecture.layers(), group, channelWise, n));
    }

    private static List<Layer> rewrite(List<Layer> layers, ChannelGroup g, Set<String> channelWise, int n) {
        List<Layer> out = new ArrayList<>();
        for (Layer l : layers) {
            out.add(l.accept(new Layer.Visitor<Layer>() {
                public Layer conv(Conv c) {
                    if (c.name().equals(g.consumer())) {
                        return new Conv(c.name(), n, c.out(), c.kernel(), c.stride(), c.padding(), 1, c.bias());
                    }
                    if (channelWise.contains(c.name())) {
                        boolean dw = c.depthwise();
                        return new Conv(c.name(), dw ? n : c.in(), n, c.kernel(), c.stride(), c.padding(), dw ? n : 1, c.bias());
                    }
                    return c;
                }

                public Layer batchNorm(BatchNorm b) {
                    return channelWise.contains(b.name()) ? new BatchNorm(b.name(), n) : b;
                }

                public Layer residual(Residual r) {
                    return new Residual(r.name(), rewrite(r.branch(), g, channelWise, n), rewrite(r.shortcut(), g, channelWise, n),
                            r.branchScale(), r.reluAfter());
                }

                public Layer activation(Activation a) {
                    return a;
                }

                public Layer maxPool(MaxPool p) {
                    return p;
                }

                public Layer adaptiveAvgPool(AdaptiveAvgPool a) {
                    return a;
                }

                public Layer globalAvgPool(GlobalAvgPool gp) {
                    return gp;
                }

                public Layer flatten(Flatten f) {
                    return f;
                }

                public Layer linear(Linear f) {
                    return f;
                }
            }));
        }
        return out;
    }
}
