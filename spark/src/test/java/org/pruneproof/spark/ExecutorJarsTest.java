package org.pruneproof.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the driver ships to a cluster's executors: the application's jars and class folders, not Spark's. */
class ExecutorJarsTest {

    @TempDir
    Path dir;

    @Test
    void theApplicationsJarsAndClassFoldersAreShippedNotSparksNorWhatIsShippedAlready() throws IOException {
        Path app = touch(dir.resolve("m2/nd4j-native-1.0.0-M2.1-linux-x86_64.jar"));
        Path spark = touch(dir.resolve("m2/spark-core_2.13-4.2.0.jar"));
        Path home = dir.resolve("spark-home");
        Path underHome = touch(home.resolve("jars/jackson-databind-2.21.2.jar"));
        Path shipped = touch(dir.resolve("m2/picocli-4.7.6.jar"));
        Path own = touch(dir.resolve("target/pruneproof-spark-0.1.0-SNAPSHOT.jar"));
        Path classes = dir.resolve("cli/target/classes");
        touch(classes.resolve("org/pruneproof/verification/cli/Main.class"));
        String classPath = String.join(File.pathSeparator, app.toString(), spark.toString(), underHome.toString(), shipped.toString(),
                classes.toString(), dir.resolve("missing.jar").toString());

        List<Path> out = ExecutorJars.forExecutors(classPath, Set.of("nd4j-native-1.0.0-M2.1-linux-x86_64.jar",
                "jackson-databind-2.21.2.jar", "picocli-4.7.6.jar"), own, home.toString(), Set.of("picocli-4.7.6.jar"));

        assertEquals(3, out.size(), "shipped: " + out);
        assertEquals(app, out.get(0));
        assertTrue(out.get(1).getFileName().toString().endsWith("-cli-classes.jar"), out.toString());
        try (JarFile packed = new JarFile(out.get(1).toFile())) {
            assertTrue(packed.getEntry("org/pruneproof/verification/cli/Main.class") != null, "the class folder, packed");
        }
        assertEquals(own, out.get(2));
    }

    @Test
    void nothingIsShippedToExecutorsInTheDriversJvmOrWithAClassPathOfTheirOwn() {
        SparkConf local = new SparkConf(false).setMaster("local[2]");
        ExecutorJars.ship(local);
        assertFalse(local.contains("spark.jars"));
        SparkConf shared = new SparkConf(false).setMaster("spark://127.0.0.1:7077").set("spark.executor.extraClassPath", "/shared/lib/*");
        ExecutorJars.ship(shared);
        assertFalse(shared.contains("spark.jars"));
        assertTrue(ExecutorJars.inThisJvm("local") && ExecutorJars.inThisJvm("local[*]") && !ExecutorJars.inThisJvm("local-cluster[1,1,512]"));
    }

    private static Path touch(Path f) throws IOException {
        Files.createDirectories(f.getParent());
        return Files.write(f, new byte[] {1});
    }
}
