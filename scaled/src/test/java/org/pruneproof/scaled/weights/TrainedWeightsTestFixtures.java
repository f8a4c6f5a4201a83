package org.pruneproof.scaled.weights;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Where the PyTorch-made fixtures of {@code tools/make_weight_fixtures.py} lie on the test class path. */
public final class TrainedWeightsTestFixtures {

    private TrainedWeightsTestFixtures() {
    }

    /** The fixture file or folder of that name. */
    public static Path path(String name) {
        try {
            return Path.of(TrainedWeightsTestFixtures.class.getResource("/org/pruneproof/scaled/weights/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
