package org.pruneproof.nets;

import java.util.ArrayList;
import java.util.List;
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
                    Role role = f.accept(ROLE);
                    if (role == Role.FOLLOWER) {
                        followers.add(name(f));
                    } else if (role == Role.CONSUMER) {
                        groups.add(new ChannelGroup(a.name(), followers, name(f), a.out()));
                        break;
                    } else if (role == Role.BOUNDARY) {
                        break;
                    }
                }
            }
        }
    }

    private static String name(Layer l) {
        return l instanceof Conv c ? c.name() : ((BatchNorm) l).name();
    }

    /** What a layer after a producer convolution is to its channels. */
    private enum Role {
        /** Channel-wise with parameters: entry c belongs to channel c (batch norm, depthwise convolution). */
        FOLLOWER,
        /** Channel-wise without parameters (activation, max pooling): the channels pass through. */
        PASS,
        /** A non-depthwise convolution: reads the channels and ends the group. */
        CONSUMER,
        /** Anything else (pooling to a classifier, flattening, a linear layer, a residual block): no group. */
        BOUNDARY
    }

    private static final Layer.Visitor<Role> ROLE = new Layer.Visitor<>() {
        public Role conv(Conv c) {
            return c.depthwise() ? Role.FOLLOWER : Role.CONSUMER;
        }

        public Role batchNorm(BatchNorm b) {
            return Role.FOLLOWER;
        }

        public Role activation(Activation a) {
            return Role.PASS;
        }

        public Role maxPool(MaxPool p) {
            return Role.PASS;
        }

        public Role adaptiveAvgPool(AdaptiveAvgPool a) {
            return Role.BOUNDARY;
        }

        public Role globalAvgPool(GlobalAvgPool g) {
            return Role.BOUNDARY;
        }

        public Role flatten(Flatten f) {
            return Role.BOUNDARY;
        }

        public Role linear(Linear f) {
            return Role.BOUNDARY;
        }

        public Role residual(Residual r) {
            return Role.BOUNDARY;
        }
    };
}
