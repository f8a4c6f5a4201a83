package org.pruneproof.spark;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;

/**
 * The jars a cluster's executors need besides Spark's own: this module, the project's modules and their dependencies
 * (ND4J with its native libraries, EJML, picocli, ...), shipped by the driver through {@code spark.jars}. A Spark
 * installation's executors run on {@code SPARK_HOME/jars} only, so without them an executor cannot load a claim task.
 *
 * <p>Which jars: the entries of the driver's class path whose file names the build listed as the application's
 * (Maven's runtime scope, i.e. without Spark's provided closure; resource {@value #LIST}), class folders (a build's
 * {@code target/classes}, packed into a jar here), and the jar of this class; not what lies under {@code SPARK_HOME},
 * nor what {@code spark.jars} already holds (spark-submit's primary jar and {@code --jars}). Nothing is shipped to an
 * executor in this JVM ({@code local}, {@code local[N]}), nor when {@code spark.executor.extraClassPath} is set (the
 * executors then have the class path already, e.g. the same checkout on a shared file system).
 */
public final class ExecutorJars {

    /** The build's list of the application's jars (file names; written by maven-dependency-plugin). */
    public static final String LIST = "META-INF/pruneproof-spark/application-classpath.txt";

    private static Path packed;
    private static final java.util.Map<Path, Path> PACKED = new java.util.HashMap<>();

    private ExecutorJars() {
    }

    /** Whether {@code master} runs the executors inside the driver's JVM ({@code local}, {@code local[N]}, {@code local[N,F]}). */
    public static boolean inThisJvm(String master) {
        return master.equals("local") || master.startsWith("local[");
    }

    /** Adds to {@code conf}'s {@code spark.jars} what executors of its master need (see the class comment). */
    public static void ship(SparkConf conf) {
        String master = conf.get("spark.master", "");
        if (master.isEmpty() || inThisJvm(master) || conf.contains("spark.executor.extraClassPath")) {
            return;
        }
        List<String> present = conf.contains("spark.jars") && !conf.get("spark.jars").isBlank()
                ? Arrays.stream(conf.get("spark.jars").split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList() : List.of();
        List<String> jars = new ArrayList<>(present);
        for (Path p : forExecutors(System.getProperty("java.class.path", ""), applicationJarNames(), ownLocation(),
                System.getenv("SPARK_HOME"), present.stream().map(ExecutorJars::fileName).collect(Collectors.toSet()))) {
            jars.add(p.toString());
        }
        conf.set("spark.jars", String.join(",", jars));
    }

    /**
     * The files to ship, from {@code classPath} (entries separated by {@link File#pathSeparator}): jars named in
     * {@code applicationNames} or equal to {@code own}, and class folders packed into jars; without entries under
     * {@code sparkHome} (null: none) or named in {@code alreadyShipped}.
     */
    static List<Path> forExecutors(String classPath, Set<String> applicationNames, Path own, String sparkHome, Set<String> alreadyShipped) {
        Set<Path> entries = new LinkedHashSet<>();
        for (String e : classPath.split(File.pathSeparator)) {
            if (!e.isBlank()) {
                entries.add(Path.of(e).toAbsolutePath().normalize());
            }
        }
        if (own != null) {
            entries.add(own.toAbsolutePath().normalize());
        }
        Path home = sparkHome == null || sparkHome.isBlank() ? null : Path.of(sparkHome).toAbsolutePath().normalize();
        List<Path> out = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>(alreadyShipped);
        for (Path e : entries) {
            if ((home != null && e.startsWith(home)) || !Files.exists(e)) {
                continue;
            }
            Path file;
            if (Files.isDirectory(e)) {
                file = packed(e, out.size());
            } else if (applicationNames.contains(fileName(e.toString())) || e.equals(own)) {
                file = e;
            } else {
                continue;
            }
            if (names.add(fileName(file.toString()))) {
                out.add(file);
            }
        }
        return out;
    }

    /** The file names the build listed as the application's jars; an error saying how to build it when it is missing. */
    static Set<String> applicationJarNames() {
        try (InputStream in = ExecutorJars.class.getClassLoader().getResourceAsStream(LIST)) {
            if (in == null) {
                throw new IllegalStateException("no " + LIST + " on the class path: build the spark module with Maven "
                        + "(mvn -Pspark package -DskipTests) so that the driver knows which jars executors need");
            }
            return Arrays.stream(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("[:\\s]+"))
                    .filter(s -> !s.isBlank()).map(ExecutorJars::fileName).collect(Collectors.toCollection(LinkedHashSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + LIST, e);
        }
    }

    private static Path ownLocation() {
        try {
            return Path.of(ExecutorJars.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    private static String fileName(String path) {
        String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return p.substring(p.lastIndexOf('/') + 1);
    }

    /**
     * A class folder as a jar (files in sorted order), in a temporary folder removed when the JVM exits; packed once a
     * JVM.
     */
    private static synchronized Path packed(Path folder, int index) {
        Path done = PACKED.get(folder);
        if (done != null) {
            return done;
        }
        try {
            if (packed == null) {
                packed = Files.createTempDirectory("pruneproof-spark-jars");
                packed.toFile().deleteOnExit();
            }
            Path parent = folder.getParent() == null ? null : folder.getParent().getParent();
            String name = (parent == null ? "classes" : parent.getFileName() + "-" + folder.getFileName())
                    .replaceAll("[^A-Za-z0-9._-]", "_");
            Path jar = packed.resolve("dir" + index + "-" + name + ".jar");
            try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os);
                 Stream<Path> files = Files.walk(folder)) {
                for (Path f : files.sorted().toList()) {
                    if (f.equals(folder)) {
                        continue;
                    }
                    String entry = folder.relativize(f).toString().replace(File.separatorChar, '/');
                    if (Files.isDirectory(f)) {
                        out.putNextEntry(new JarEntry(entry + "/"));
                    } else {
                        out.putNextEntry(new JarEntry(entry));
                        Files.copy(f, out);
                    }
                    out.closeEntry();
                }
            }
            jar.toFile().deleteOnExit();
            PACKED.put(folder, jar);
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot pack the class folder " + folder + " into a jar for the executors", e);
        }
    }
}
