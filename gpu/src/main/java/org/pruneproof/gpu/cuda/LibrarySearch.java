package org.pruneproof.gpu.cuda;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Where the CUDA libraries are looked for, in this order (the first directory holding the file wins):
 * <ol>
 *   <li>the directories of the system property {@value #PROPERTY} (a path list, {@code :}-separated);</li>
 *   <li>the directories of the environment variable {@value #ENV};</li>
 *   <li>{@code LD_LIBRARY_PATH};</li>
 *   <li>{@code nvidia/*}{@code /lib} under Python site-packages folders: those of the system property
 *       {@value #SITE_PACKAGES_PROPERTY} (a path list), then {@code $VIRTUAL_ENV}, {@code $CONDA_PREFIX},
 *       {@code ~/.local}, {@code /usr/local}, {@code /usr} and {@code /opt/conda}, each as
 *       {@code lib/python3*}{@code /site-packages} and {@code lib/python3*}{@code /dist-packages}, and
 *       {@code /usr/lib/python3/dist-packages} (where NVIDIA's pip wheels put the CUDA 13 libraries,
 *       e.g. {@code nvidia/cu13/lib}, {@code nvidia/cudnn/lib});</li>
 *   <li>the usual system folders ({@link #SYSTEM_DIRECTORIES}).</li>
 * </ol>
 * A library found in none of them may still be known to the dynamic linker's cache; the loader tries
 * that last ({@link CudaLibraries}).
 *
 * @param property   value of {@value #PROPERTY}, or null
 * @param env        value of {@value #ENV}, or null
 * @param ldLibraryPath value of {@code LD_LIBRARY_PATH}, or null
 * @param sitePackages the site-packages folders to scan, in order
 * @param system     the system folders
 */
public record LibrarySearch(String property, String env, String ldLibraryPath, List<Path> sitePackages,
                            List<Path> system) {

    /** System property naming folders that hold the CUDA libraries. */
    public static final String PROPERTY = "pruneproof.cuda.libs";
    /** Environment variable naming folders that hold the CUDA libraries. */
    public static final String ENV = "PRUNEPROOF_CUDA_LIBS";
    /** System property naming Python site-packages folders (the device script passes Python's own). */
    public static final String SITE_PACKAGES_PROPERTY = "pruneproof.python.sitePackages";
    /** The system folders searched last. */
    public static final List<Path> SYSTEM_DIRECTORIES = List.of(Path.of("/usr/lib/x86_64-linux-gnu"),
            Path.of("/usr/lib64"), Path.of("/usr/lib"), Path.of("/usr/local/cuda/lib64"),
            Path.of("/usr/local/cuda/targets/x86_64-linux/lib"), Path.of("/usr/local/cuda/compat"),
            Path.of("/usr/local/nvidia/lib64"), Path.of("/usr/local/nvidia/lib"), Path.of("/usr/lib/wsl/lib"));

    public LibrarySearch {
        sitePackages = List.copyOf(new java.util.LinkedHashSet<>(sitePackages));
        system = List.copyOf(system);
    }

    /** The search of this process: its system properties and environment. */
    public static LibrarySearch ofThisProcess() {
        return of(System::getProperty, System.getenv());
    }

    /** The search for given properties and environment (tests pass their own). */
    public static LibrarySearch of(UnaryOperator<String> properties, Map<String, String> environment) {
        List<Path> roots = new ArrayList<>();
        for (String p : split(properties.apply(SITE_PACKAGES_PROPERTY))) {
            roots.add(Path.of(p));
        }
        List<Path> prefixes = new ArrayList<>();
        for (String var : List.of("VIRTUAL_ENV", "CONDA_PREFIX")) {
            String v = environment.get(var);
            if (v != null && !v.isBlank()) {
                prefixes.add(Path.of(v));
            }
        }
        String home = environment.get("HOME");
        if (home != null && !home.isBlank()) {
            prefixes.add(Path.of(home, ".local"));
        }
        prefixes.add(Path.of("/usr/local"));
        prefixes.add(Path.of("/usr"));
        prefixes.add(Path.of("/opt/conda"));
        for (Path prefix : prefixes) {
            for (Path python : children(prefix.resolve("lib"), "python3*")) {
                roots.add(python.resolve("site-packages"));
                roots.add(python.resolve("dist-packages"));
            }
        }
        roots.add(Path.of("/usr/lib/python3/dist-packages"));
        return new LibrarySearch(properties.apply(PROPERTY), environment.get(ENV), environment.get("LD_LIBRARY_PATH"),
                roots, SYSTEM_DIRECTORIES);
    }

    /** The folders searched, in order: explicit, {@code LD_LIBRARY_PATH}, site-packages' {@code nvidia/*}{@code /lib}, system. */
    public List<Path> directories() {
        List<Path> dirs = new ArrayList<>();
        for (String p : split(property)) {
            dirs.add(Path.of(p));
        }
        for (String p : split(env)) {
            dirs.add(Path.of(p));
        }
        for (String p : split(ldLibraryPath)) {
            dirs.add(Path.of(p));
        }
        for (Path root : sitePackages) {
            for (Path pkg : children(root.resolve("nvidia"), "*")) {
                dirs.add(pkg.resolve("lib"));
            }
        }
        dirs.addAll(system);
        return dirs;
    }

    /** The first file {@code dir/fileName} that exists among {@link #directories()}. */
    public Optional<Path> find(String fileName) {
        for (Path dir : directories()) {
            Path f = dir.resolve(fileName);
            if (Files.isRegularFile(f)) {
                return Optional.of(f.toAbsolutePath());
            }
        }
        return Optional.empty();
    }

    /**
     * Where a library was looked for, on one line: each source with its folders, or "unset" / "none
     * present".
     */
    public String describe() {
        List<String> nvidia = new ArrayList<>();
        List<String> scanned = new ArrayList<>();
        for (Path root : sitePackages) {
            if (Files.isDirectory(root)) {
                scanned.add(root.toString());
                for (Path pkg : children(root.resolve("nvidia"), "*")) {
                    nvidia.add(pkg.resolve("lib").toString());
                }
            }
        }
        return "-D" + PROPERTY + " (" + orUnset(property) + "), $" + ENV + " (" + orUnset(env) + "), $LD_LIBRARY_PATH ("
                + orUnset(ldLibraryPath) + "), Python site-packages nvidia/*/lib ("
                + (scanned.isEmpty() ? "no site-packages folder present" : nvidia.isEmpty()
                        ? "none under " + String.join(", ", scanned) : String.join(", ", nvidia))
                + "), system folders (" + system.stream().map(Path::toString).collect(Collectors.joining(", "))
                + ") and the dynamic linker's cache";
    }

    private static String orUnset(String v) {
        return v == null || v.isBlank() ? "unset" : v;
    }

    private static List<String> split(String pathList) {
        List<String> out = new ArrayList<>();
        if (pathList != null) {
            for (String p : pathList.split(File.pathSeparator)) {
                if (!p.isBlank()) {
                    out.add(p.strip());
                }
            }
        }
        return out;
    }

    /** The entries of {@code dir} matching a glob, sorted by name; none when dir is absent. */
    private static List<Path> children(Path dir, String glob) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, glob)) {
            for (Path p : s) {
                out.add(p);
            }
        } catch (IOException e) {
            return out;
        }
        out.sort(null);
        return out;
    }
}
