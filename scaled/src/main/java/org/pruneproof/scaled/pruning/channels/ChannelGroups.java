package org.pruneproof.scaled.pruning.channels;

import java.util.ArrayList;
import java.util.List;
import org.pruneproof.scaled.nets.Architecture;
import org.pruneproof.scaled.nets.Layer;
import org.pruneproof.scaled.nets.Layer.Activation;
import org.pruneproof.scaled.nets.Layer.BatchNorm;
import org.pruneproof.scaled.nets.Layer.Conv;
import org.pruneproof.scaled.nets.Layer.MaxPool;
import org.pruneproof.scaled.nets.Layer.Residual;

/**
 * Finds the prunable {@link ChannelGroup}s of an architecture, in forward order: inside one sequence
 * (the top level or one residual branch), a non-depthwise convolution followed only by channel-wise
 * layers up to the next non-depthwise convolution. Channels that feed a residual addition, a pooling
 * to a classifier or a linear layer are never pruned (as in Ye et al.'s code, which prunes the
 * expanded channels of MobileNetV2 blocks and the inner channels of ResNet blocks).
 */
public final class ChannelGroups {

    private ChannelGroups() {
    }

    /** The groups of an architecture, in forward order. */
    public static List<ChannelGroup> find(Architecture architecture) {
        List<ChannelGroup> groups = new ArrayList<>();
        scan(architecture.layers(), groups);
        return groups;
    }

    private static void scan(List<Layer> layers, List<ChannelGroup> groups) {
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            if (l instanceof Residual r) {
                scan(r.branch(), groups);
                scan(r.shortcut(), groups);
            } else if (l instanceof Conv a && !a.depthwise()) {
                List<String> followers = new ArrayList<>();
                for (int j = i + 1; j < layers.size(); j++) {
                    Layer f = layers.get(j);
                    if (f instanceof BatchNorm bn) {
                        followers.add(bn.name());
                    } else if (f instanceof Conv c && c.depthwise()) {
                        followers.add(c.name());
                    } else if (f instanceof Activation || f instanceof MaxPool) {
                        continue;
                    } else if (f instanceof Conv b) {
                        groups.add(new ChannelGroup(a.name(), followers, b.name(), a.out()));
                        break;
                    } else {
                        break;
                    }
                }
            }
        }
    }
}
