package org.pruneproof.spark;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.launcher.JavaModuleOptions;

/**
 * A Spark standalone cluster on 127.0.0.1 for tests: a Master and one Worker, each a JVM of its own started as
 * {@code sbin/start-master.sh} and {@code sbin/start-worker.sh} would ({@code org.apache.spark.deploy.master.Master},
 * {@code ...worker.Worker}, Spark's Java-module options), on ephemeral ports, no web UI beyond ephemeral loopback ports.
 * Their {@code SPARK_HOME} is a folder whose {@code jars/} links what a Spark distribution holds, taken from this JVM's
 * class path: every jar with no class of the project or of the libraries only it uses (ND4J with its natives, JavaCPP,
 * EJML, picocli, ...), so executors (JVMs the Worker starts on {@code SPARK_HOME/jars}) get those only as the driver
 * ships them. Every wait is bounded; {@link #close} (and a shutdown hook) stops the Worker, its executors and the Master.
 */
final class LoopbackSparkCluster implements AutoCloseable {

    /** How long the Master and the Worker each get to come up. */
    static final Duration START = Duration.ofSeconds(60);

    private static final Pattern MASTER_URL = Pattern.compile("Starting Spark master at (spark://127\\.0\\.0\\.1:\\d+)");
    private static final Pattern REGISTERED = Pattern.compile("Successfully registered with master");
    /** Packages of the project and of the libraries only it uses (ND4J with its shaded copies, JavaCPP, EJML, ...). */
    private static final List<String> APPLICATION_PACKAGES = List.of("org/pruneproof/", "org/nd4j/", "org/bytedeco/", "org/ejml/",
            "picocli/", "io/github/classgraph/", "org/commonmark/", "META-INF/resources/webjars/");

    private final Path dir;
    private final List<Process> processes = new ArrayList<>();
    private final Thread hook = new Thread(this::stop, "loopback-spark-cluster-stop");
    private String url;

    private LoopbackSparkCluster(Path dir) {
        this.dir = dir;
    }

    /**
     * Starts a Master and a Worker offering {@code cores} cores and {@code memory} (e.g. {@code 2g}) for executors.
     *
     * @throws IllegalStateException naming the process and quoting its log when one does not come up in {@link #START}
     */
    static LoopbackSparkCluster start(Path dir, int cores, String memory) throws IOException {
        LoopbackSparkCluster c = new LoopbackSparkCluster(dir);
        Runtime.getRuntime().addShutdownHook(c.hook);
        try {
            Path home = c.sparkHome();
            Path masterLog = dir.resolve("master.log");
            c.launch(home, masterLog, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", "0", "--webui-port", "0");
            c.url = c.await("the Spark master", masterLog, MASTER_URL).group(1);
            Path workerLog = dir.resolve("worker.log");
            Path work = Files.createDirectories(dir.resolve("work"));
            c.launch(home, workerLog, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--port", "0", "--webui-port", "0",
                    "--cores", Integer.toString(cores), "--memory", memory, "--work-dir", work.toString(), c.url);
            c.await("the Spark worker", workerLog, REGISTERED);
            return c;
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** The master URL, {@code spark://127.0.0.1:PORT}. */
    String url() {
        return url;
    }

    /** The last lines of the Worker's and its executors' logs, for a failure message. */
    String logs() {
        StringBuilder s = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".log") || p.getFileName().toString().equals("stderr")).sorted().toList()) {
                s.append("\n--- ").append(dir.relativize(f)).append(" (last lines) ---\n").append(tail(f, 30));
            }
        } catch (IOException e) {
            s.append("\n(cannot list ").append(dir).append(": ").append(e.getMessage()).append(")");
        }
        return s.toString();
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs stop() itself
        }
    }

    /** Stops the Worker (with the executors it started) and then the Master: SIGTERM, and SIGKILL after 10 s. */
    private synchronized void stop() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process p = processes.get(i);
            List<ProcessHandle> children = p.descendants().toList();
            p.destroy();
            children.forEach(ProcessHandle::destroy);
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        }
        processes.clear();
    }

    /**
     * A SPARK_HOME whose jars/ links the jars of this JVM's class path that hold no class of the project or of its own
     * libraries ({@link #APPLICATION_PACKAGES}): Spark and what it depends on (with the libraries it shares with the
     * project, such as SLF4J and Jackson, which a Spark distribution has too).
     */
    private Path sparkHome() throws IOException {
        Path jars = Files.createDirectories(dir.resolve("spark-home").resolve("jars"));
        String classPath = System.getProperty("java.class.path", "");
        for (String entry : classPath.split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            String name = jar.getFileName() == null ? "" : jar.getFileName().toString();
            if (name.endsWith(".jar") && Files.isRegularFile(jar) && !holdsApplicationClasses(jar) && !Files.exists(jars.resolve(name))) {
                Files.createSymbolicLink(jars.resolve(name), jar.toAbsolutePath());
            }
        }
        if (!Files.exists(jars.resolve(sparkCoreJar()))) {
            throw new IllegalStateException("no Spark jars on this JVM's class path (java.class.path = " + classPath + ")");
        }
        return jars.getParent();
    }

    private static String sparkCoreJar() {
        return Path.of(org.apache.spark.SparkContext.class.getProtectionDomain().getCodeSource().getLocation().getPath()).getFileName().toString();
    }

    private static boolean holdsApplicationClasses(Path jar) throws IOException {
        try (JarFile f = new JarFile(jar.toFile())) {
            for (Enumeration<JarEntry> e = f.entries(); e.hasMoreElements(); ) {
                String n = e.nextElement().getName();
                if (APPLICATION_PACKAGES.stream().anyMatch(n::startsWith)) {
                    return true;
                }
            }
        }
        return false;
    }

    private void launch(Path home, Path log, String mainClass, String... args) throws IOException {
        // Small daemons: C1 only and the serial collector (they start faster and leave the cores to driver and executor);
        // no REST submission server (its fixed port 6066 could clash on a shared host).
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Dspark.master.rest.enabled=false"));
        cmd.addAll(Arrays.asList(JavaModuleOptions.defaultModuleOptionArray()));
        cmd.addAll(List.of("-cp", home.resolve("jars") + File.separator + "*", mainClass));
        cmd.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).directory(dir.toFile());
        Map<String, String> env = pb.environment();
        env.put("SPARK_HOME", home.toString());
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        // Executors' scratch space (fetched jars, shuffle files) inside the test's folder, removed with it.
        env.put("SPARK_LOCAL_DIRS", Files.createDirectories(dir.resolve("local")).toString());
        env.remove("SPARK_CONF_DIR");
        synchronized (this) {
            processes.add(pb.start());
        }
    }

    private Matcher await(String what, Path log, Pattern line) {
        Process p = processes.get(processes.size() - 1);
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = line.matcher(read(log));
            if (m.find()) {
                return m;
            }
            if (!p.isAlive()) {
                throw new IllegalStateException(what + " exited with status " + p.exitValue() + " before it was up; its log:\n" + tail(log, 40));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
        throw new IllegalStateException(what + " was not up within " + START.toSeconds() + " s (no line matching '" + line
                + "' in " + log + "); its log:\n" + tail(log, 40));
    }

    private static String read(Path f) {
        try {
            return Files.isRegularFile(f) ? new String(Files.readAllBytes(f), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static String tail(Path f, int lines) {
        List<String> all = read(f).lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
