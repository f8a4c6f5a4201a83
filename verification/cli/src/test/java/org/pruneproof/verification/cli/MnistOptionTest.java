package org.pruneproof.verification.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --mnist DIR} points the real-data claims at another MNIST-format folder. */
class MnistOptionTest {

    private final String saved = System.getProperty(RunOptions.MNIST_PROPERTY);

    @AfterEach
    void restore() {
        if (saved == null) {
            System.clearProperty(RunOptions.MNIST_PROPERTY);
        } else {
            System.setProperty(RunOptions.MNIST_PROPERTY, saved);
        }
    }

    @Test
    void aFolderThatDoesNotExistIsAOneLineUsageError(@TempDir Path root) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(new String[] {"check", "wolfe2021.threshold-fashion-mnist", "--mnist",
                root.resolve("nowhere").toString(), "--root", root.toString()}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(Main.USAGE, status);
        assertTrue(err.toString().contains("--mnist: not a directory") && err.toString().lines().count() == 1, err.toString());
    }

    @Test
    void aFolderWithoutDataMakesTheClaimInconclusiveNotAPass(@TempDir Path root) {
        StringWriter out = new StringWriter();
        int status = Main.run(new String[] {"check", "wolfe2021.threshold-fashion-mnist", "--mnist", root.toString(),
                "--root", root.toString()}, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
        assertEquals(0, status, out.toString());
        assertTrue(out.toString().contains("INCONCLUSIVE") && out.toString().contains("dataset-fashion-mnist"), out.toString());
        assertEquals(root.toAbsolutePath().normalize().toString(), System.getProperty(RunOptions.MNIST_PROPERTY));
    }
}
