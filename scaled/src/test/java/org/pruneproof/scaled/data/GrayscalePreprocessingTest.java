package org.pruneproof.scaled.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pruneproof.scaled.io.Npy;
import org.pruneproof.scaled.io.NpyArray;

/**
 * The grey-scale preprocessing against PyTorch's {@code pad} and {@code interpolate(bilinear,
 * align_corners=False)} on the same 28×28 image ({@code tools/make_weight_fixtures.py}); all three
 * channels equal.
 */
class GrayscalePreprocessingTest {

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(GrayscalePreprocessingTest.class.getResource("/org/pruneproof/scaled/weights/" + name).toURI());
    }

    @ParameterizedTest
    @ValueSource(ints = {32, 48, 224})
    void matchesPyTorchsPadResizeAndNormalise(int size) throws URISyntaxException {
        NpyArray gray = Npy.read(fixture("gray-28.npy"));
        byte[] pixels = new byte[28 * 28];
        for (int k = 0; k < pixels.length; k++) {
            pixels[k] = (byte) gray.getLong(k);
        }
        float[] out = new float[3 * size * size];
        ImagePreprocessing.grayscaleToChw(pixels, 28, 28, 3, size, out, 0);
        double[] expected = Npy.read(fixture("gray-28-to-" + size + ".npy")).toDoubles();
        for (int c = 0; c < 3; c++) {
            for (int k = 0; k < size * size; k++) {
                assertEquals(expected[k], out[c * size * size + k], 1e-5, "channel " + c + " pixel " + k);
            }
        }
    }

    @org.junit.jupiter.api.Test
    void aOneChannelNetworkOfTheImagesSideTakesTheImageAsItIs() {
        byte[] pixels = new byte[28 * 28];
        pixels[0] = (byte) 255;
        pixels[28 * 28 - 1] = (byte) 51;
        pixels[29] = (byte) 128;
        float[] out = new float[28 * 28];
        ImagePreprocessing.grayscaleToChw(pixels, 28, 28, 1, 28, out, 0);
        // (p/255 − 0.2860)/0.3530, no padding: the image's first pixel is the input's first pixel
        assertEquals((1 - 0.2860) / 0.3530, out[0], 1e-6);
        assertEquals((0.2 - 0.2860) / 0.3530, out[28 * 28 - 1], 1e-6);
        assertEquals((128 / 255.0 - 0.2860) / 0.3530, out[29], 1e-6);
        assertEquals(-0.2860 / 0.3530, out[1], 1e-6);
    }
}
