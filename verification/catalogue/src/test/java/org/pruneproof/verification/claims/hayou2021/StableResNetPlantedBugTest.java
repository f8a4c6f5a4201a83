package org.pruneproof.verification.claims.hayou2021;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pruneproof.nets.Architecture;
import org.pruneproof.nets.Architectures;
import org.pruneproof.nets.Layer;
import org.pruneproof.nets.ParameterSpec;
import org.pruneproof.scaled.nets.NetworkWeights;
import org.pruneproof.verification.api.Outcome;
import org.pruneproof.verification.experiments.FashionMnist;
import org.pruneproof.verification.experiments.StableResNetPruning;
import org.pruneproof.verification.plantedbugs.StableVariant;

/**
 * The ResNet-against-Stable-ResNet experiments compare the same initial weights under two forward passes, so the Stable
 * variant's 1/√L scaling is all that differs; with it skipped (the planted bug: the standard ResNet under the Stable
 * name) SBP-SR's masks are SNIP's exactly, and the block-fraction experiment's verdict becomes "not reproduced".
 */
class StableResNetPlantedBugTest {

    /** The planted bug: the Stable variant without its branch scaling. */
    static final StableVariant SCALING_SKIPPED = Architectures::byName;

    @Test
    void theStableVariantHasTheResNetsWeightsAndScalesEachOfItsBlocksByOneOverRootL() {
        StableResNetPruning.Nets nets = new StableResNetPruning.Nets("cifar-resnet14", 0.25);
        Architecture resNet = nets.resNet();
        Architecture stable = nets.stable(StableVariant.REGISTRY);
        List<StableResNetPruning.Block> blocks = StableResNetPruning.blocks(resNet);
        assertEquals(6, blocks.size(), "cifar-resnet14: 3 stages of 2 blocks");
        assertArrayEquals(new int[] {1, 2}, blocks.get(0).layers(), "layer1.0: its two convolutions, after the stem (index 0)");
        assertEquals(3, blocks.get(2).layers().length, "layer2.0: two convolutions and the downsampling shortcut");
        for (Layer l : stable.layers()) {
            if (l instanceof Layer.Residual r) {
                assertEquals(1 / Math.sqrt(6), r.branchScale(), 1e-15, r.name());
            }
        }
        NetworkWeights w = StableResNetPruning.initialise(resNet, 3);
        NetworkWeights ws = StableResNetPruning.initialise(stable, 3);
        for (ParameterSpec p : resNet.parameters()) {
            assertEquals(w.get(p.name()), ws.get(p.name()), p.name() + ": the same initial weights");
        }
    }

    @Test
    void skippingTheStableScalingTurnsTheBlockFractionVerdictIntoNotReproduced() {
        assumeTrue(FashionMnist.load().images() != null, "Fashion-MNIST is not installed: " + FashionMnist.load().problem());
        StableResNetBlockFractionsFashionMnist.Experiment e = new StableResNetBlockFractionsFashionMnist.Experiment(20211, "reduced", 2,
                new StableResNetPruning.Nets("cifar-resnet8", 0.25), 5);
        Outcome real = new StableResNetBlockFractionsFashionMnist().check(e);
        Outcome planted = new StableResNetBlockFractionsFashionMnist(SCALING_SKIPPED).check(e);
        System.err.println("real: " + real);
        System.err.println("planted: " + planted);
        Outcome.Checked p = assertInstanceOf(Outcome.Checked.class, planted, planted.toString());
        assertFalse(p.holds(), "planted: not reproduced");
        assertArrayEquals(new double[] {0, 0}, (double[]) p.details().get("differences"), "planted: SBP-SR's masks are SNIP's");
        assertTrue(!(real instanceof Outcome.Checked c) || c.holds(), "real: not 'not reproduced': " + real);
    }
}
