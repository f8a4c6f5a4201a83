package org.pruneproof.verification.cli;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/** Writes small MNIST-format folders (IDX, gzipped) for the command tests. */
final class MnistFolder {

    private MnistFolder() {
    }

    /**
     * {@code dir/mnist} with {@code n} seeded random 28×28 images per split ({@code train-*}, {@code t10k-*}), image i
     * labelled {@code i mod 10}.
     */
    static Path write(Path dir, int n) throws IOException {
        return write(dir.resolve("mnist"), n, n, 5);
    }

    /** An MNIST-format folder {@code d}: {@code train} training and {@code test} test images from {@code seed}. */
    static Path write(Path d, int train, int test, long seed) throws IOException {
        Files.createDirectories(d);
        SplittableRandom r = new SplittableRandom(seed);
        for (String split : new String[] {"train", "t10k"}) {
            int n = split.equals("train") ? train : test;
            try (DataOutputStream img = new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(d.resolve(split + "-images-idx3-ubyte.gz"))));
                 DataOutputStream lab = new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(d.resolve(split + "-labels-idx1-ubyte.gz"))))) {
                img.writeInt(0x803);
                img.writeInt(n);
                img.writeInt(28);
                img.writeInt(28);
                lab.writeInt(0x801);
                lab.writeInt(n);
                for (int i = 0; i < n; i++) {
                    for (int k = 0; k < 784; k++) {
                        img.write(r.nextInt(256));
                    }
                    lab.write(i % 10);
                }
            }
        }
        return d;
    }
}
