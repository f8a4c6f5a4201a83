package org.pruneproof.gpu.check;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.pruneproof.io.AtomicFiles;
import org.pruneproof.io.JsonFiles;
import org.pruneproof.io.OutputException;
import org.pruneproof.gpu.cuda.CudaContext;
import org.pruneproof.gpu.cuda.CudaLibraries;
import org.pruneproof.gpu.cuda.CudaLibrary;
import org.pruneproof.gpu.cuda.CudaUnavailableException;
import org.pruneproof.gpu.cuda.LibrarySearch;
import org.pruneproof.gpu.greedy.CpuGreedyDevice;
import org.pruneproof.gpu.greedy.CudaGreedyDevice;
import org.pruneproof.gpu.greedy.DeviceGreedySelection;
import org.pruneproof.gpu.greedy.GreedyDevice;
import org.pruneproof.gpu.greedy.GreedyVariant;
import org.pruneproof.gpu.greedy.WorkingPrecision;
import org.pruneproof.gpu.layers.CpuLayerOps;
import org.pruneproof.gpu.layers.CudnnLayerOps;
import org.pruneproof.verification.gen.FeatureInstance;

/**
 * The device check behind {@code gpu/device-check}: finds the CUDA libraries, opens GPU 0 (or, with
 * {@code --dry-run}, uses the CPU device and says so), checks the greedy selections against the
 * reference engine on the first K instances of {@code crosscheck.greedy-selection} (four variants in
 * float64, with replacement in float32), times the greedy step on a synthetic Φ, and writes
 * {@code results.txt} and {@code results.json} into the output folder (each written atomically,
 * {@code AtomicFiles}).
 *
 * <pre>  DeviceCheck --out DIR [--dry-run] [--instances K] [--seed S] [--bench-mib MIB] [--bench-points M]</pre>
 *
 * Exit status: 0 every check passed, 1 a check failed, 2 bad arguments, 3 no GPU (without --dry-run).
 */
public final class DeviceCheck {

    private final PrintStream out;
    private final List<String> lines = new ArrayList<>();
    private final ObjectNode json = JsonFiles.mapper().createObjectNode();

    private DeviceCheck(PrintStream out) {
        this.out = out;
    }

    /** Parsed command line. */
    record Options(Path out, boolean dryRun, int instances, long seed, long benchMib, int benchPoints) {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the check; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("device-check: " + e.getMessage());
            return 2;
        }
        return new DeviceCheck(out).check(o);
    }

    static Options parse(String[] args) {
        Path outDir = null;
        boolean dry = false;
        int instances = 200;
        long seed = CrossCheckInstances.DEFAULT_SEED;
        long mib = -1;
        int points = 4096;
        for (int k = 0; k < args.length; k++) {
            String a = args[k];
            switch (a) {
                case "--dry-run" -> dry = true;
                case "--out" -> outDir = Path.of(value(args, ++k, a));
                case "--instances" -> instances = positiveInt(value(args, ++k, a), a);
                case "--seed" -> seed = longValue(value(args, ++k, a), a);
                case "--bench-mib" -> mib = positiveInt(value(args, ++k, a), a);
                case "--bench-points" -> points = positiveInt(value(args, ++k, a), a);
                default -> throw new IllegalArgumentException("unknown option " + a + "; expected --out DIR [--dry-run]"
                        + " [--instances K] [--seed S] [--bench-mib MIB] [--bench-points M]");
            }
        }
        if (outDir == null) {
            throw new IllegalArgumentException("--out DIR is required (the folder results.txt and results.json go to)");
        }
        return new Options(outDir, dry, instances, seed, mib < 0 ? (dry ? 16 : 4096) : mib, points);
    }

    private static String value(String[] args, int k, String option) {
        if (k >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[k];
    }

    private static int positiveInt(String v, String option) {
        try {
            int x = Integer.parseInt(v);
            if (x < 1) {
                throw new NumberFormatException();
            }
            return x;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " expects a positive integer, got '" + v + "'");
        }
    }

    private static long longValue(String v, String option) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " expects an integer, got '" + v + "'");
        }
    }

    private int check(Options o) {
        if (Files.exists(o.out()) && !Files.isDirectory(o.out())) {
            out.println("device-check: --out " + o.out() + " is not a folder");
            return 2;
        }
        LibrarySearch search = LibrarySearch.ofThisProcess();
        boolean allFound = true;
        for (CudaLibrary lib : CudaLibrary.values()) {
            Optional<Path> p = CudaLibraries.locate(lib, search);
            allFound &= p.isPresent();
            say(String.format(Locale.ROOT, "library %-18s %s", lib.fileName(), p.map(Path::toString)
                    .orElse("not in the searched folders (the dynamic linker's cache is tried when it is opened)")));
        }
        if (!allFound) {
            say("searched: " + search.describe());
        }
        CudaContext gpu = null;
        String mode;
        if (o.dryRun()) {
            mode = "dry-run";
            say("DRY RUN: no GPU is used; the checks run on the CPU device (CpuGreedyDevice) with the same flow.");
        } else {
            try {
                gpu = CudaContext.open(0);
                mode = "gpu";
                say("GPU: " + gpu.name() + ", compute capability " + gpu.computeCapability() + ", "
                        + (gpu.totalMemory() >> 20) + " MiB, CUDA driver " + gpu.driverVersion());
            } catch (CudaUnavailableException e) {
                say("NO GPU FOUND: " + e.getMessage());
                say("nothing was checked on a GPU; run with --dry-run for the CPU flow");
                field("mode", "no-gpu");
                field("noGpu", e.getMessage());
                return finish(o, 3);
            }
        }
        field("mode", mode);
        try {
            boolean ok = selections(o, gpu);
            ok &= layers(gpu);
            benchmark(o, gpu);
            field("checksPass", ok);
            say(ok ? "RESULT: all checks passed" : "RESULT: CHECKS FAILED");
            return finish(o, ok ? 0 : 1);
        } catch (RuntimeException e) {
            // on a device a failing CUDA call is a finding, not a user mistake: keep what was measured, and the trace
            say("CHECK ABORTED: " + e);
            e.printStackTrace(out);
            field("aborted", e.toString());
            return finish(o, 1);
        } finally {
            if (gpu != null) {
                gpu.close();
            }
        }
    }

    private GreedyDevice device(CudaContext gpu, double[][] phi, WorkingPrecision p) {
        return gpu == null ? CpuGreedyDevice.of(phi, p) : CudaGreedyDevice.of(gpu, phi, p);
    }

    private boolean selections(Options o, CudaContext gpu) {
        List<FeatureInstance> instances = CrossCheckInstances.first(o.instances(), o.seed());
        int runs = 0;
        int identical = 0;
        int nearTies = 0;
        int failed = 0;
        double worstRel64 = 0;
        List<String> failures = new ArrayList<>();
        long start = System.nanoTime();
        for (int k = 0; k < instances.size(); k++) {
            FeatureInstance inst = instances.get(k);
            List<Case> cases = new ArrayList<>();
            for (GreedyVariant v : CrossCheckInstances.variants(inst.neurons())) {
                cases.add(new Case(v, WorkingPrecision.FLOAT64));
            }
            cases.add(new Case(GreedyVariant.WITH_REPLACEMENT, WorkingPrecision.FLOAT32));
            for (Case c : cases) {
                GreedyAgreement a;
                try (GreedyDevice d = device(gpu, inst.phi(), c.precision())) {
                    a = GreedyCrossCheck.compare(inst, c.variant(), d);
                }
                runs++;
                if (a.identical()) {
                    identical++;
                } else if (a.passes()) {
                    nearTies++;
                } else {
                    failed++;
                    failures.add(String.format(Locale.ROOT, "instance %d (N=%d, m=%d, %d steps), %s, %s: first difference at step %d",
                            k, inst.neurons(), inst.points(), inst.steps(), c.variant(), c.precision(), a.firstDifference()));
                }
                if (c.precision() == WorkingPrecision.FLOAT64) {
                    worstRel64 = Math.max(worstRel64, a.maxRelativeLossError());
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        say(String.format(Locale.ROOT, "selections vs reference engine: %d instances of %s (seed %d), %d runs:"
                        + " %d identical, %d differ only at stated float32 near-ties, %d FAIL (%.1f s)",
                instances.size(), CrossCheckInstances.CLAIM, o.seed(), runs, identical, nearTies, failed, seconds));
        say(String.format(Locale.ROOT, "float64 largest relative loss difference before any divergence: %.3g", worstRel64));
        for (String f : failures.subList(0, Math.min(20, failures.size()))) {
            say("FAIL " + f);
        }
        field("instances", instances.size());
        field("selectionRuns", runs);
        field("selectionsIdentical", identical);
        field("selectionsNearTies", nearTies);
        field("selectionsFailed", failed);
        field("float64MaxRelativeLossError", worstRel64);
        return failed == 0;
    }

    /** cuDNN's layer operations against the CPU ones (GPU only; skipped loudly in the dry run). */
    private boolean layers(CudaContext gpu) {
        if (gpu == null) {
            say("layer operations: SKIPPED in the dry run: cuDNN needs a GPU (the CPU operations are checked by the unit tests)");
            field("layerOps", "skipped (dry run)");
            return true;
        }
        boolean ok = true;
        try (CudnnLayerOps cudnn = new CudnnLayerOps(gpu); CpuLayerOps cpu = new CpuLayerOps()) {
            say("layer operations: " + cudnn.description() + " against " + cpu.description() + ", max error ≤ "
                    + LayerOpsCheck.RELATIVE + "·max|ref|:");
            for (LayerOpsCheck.Comparison c : LayerOpsCheck.compare(cudnn, cpu)) {
                say("  " + c);
                ok &= c.passes();
            }
        } catch (RuntimeException e) {
            say("layer operations: FAILED with " + e);
            ok = false;
        }
        field("layerOpsPass", ok);
        return ok;
    }

    private record Case(GreedyVariant variant, WorkingPrecision precision) {
    }

    private void benchmark(Options o, CudaContext gpu) {
        int m = o.benchPoints();
        long bytes = o.benchMib() << 20;
        int n = (int) Math.max(1, Math.min(Integer.MAX_VALUE, bytes / (4L * m)));
        WorkingPrecision p = WorkingPrecision.FLOAT32;
        long seed = 19;
        GreedyDevice d = gpu == null ? CpuGreedyDevice.uniform(n, m, p, seed) : CudaGreedyDevice.uniform(gpu, n, m, p, seed);
        try (d) {
            double[] y = new double[m];
            for (int j = 0; j < m; j++) {
                y[j] = 0.5 * Math.sin(j);
            }
            DeviceGreedySelection sel = new DeviceGreedySelection(d, y, GreedyVariant.WITH_REPLACEMENT);
            int warm = 3;
            int repeats = gpu == null ? 5 : 21;
            for (int k = 0; k < warm; k++) {
                sel.step();
            }
            double[] steps = new double[repeats];
            for (int k = 0; k < repeats; k++) {
                long t = System.nanoTime();
                sel.step();
                steps[k] = (System.nanoTime() - t) / 1e9;
            }
            double[] products = new double[repeats];
            double[] buffer = new double[n];
            for (int k = 0; k < repeats; k++) {
                long t = System.nanoTime();
                if (d instanceof CudaGreedyDevice c) {
                    c.gemvOnly();
                } else {
                    d.rowProducts(buffer);
                }
                products[k] = (System.nanoTime() - t) / 1e9;
            }
            long phiBytes = (long) n * m * p.bytes();
            StepTimings t = new StepTimings(n, m, phiBytes, StepTimings.median(steps), StepTimings.median(products), repeats);
            say(String.format(Locale.ROOT, "greedy step, Φ %d×%d float32 (%.1f MiB) on %s: median step %.3f ms (%.1f GB/s),"
                            + " median product Φr %.3f ms (%.1f GB/s), %d repeats",
                    n, m, phiBytes / 1048576.0, d.description(), t.stepSeconds() * 1e3, t.stepBandwidth(),
                    t.productSeconds() * 1e3, t.productBandwidth(), repeats));
            field("benchNeurons", n);
            field("benchPoints", m);
            field("benchBytes", phiBytes);
            field("benchStepSeconds", t.stepSeconds());
            field("benchProductSeconds", t.productSeconds());
            field("benchDevice", d.description());
        }
    }

    private void say(String line) {
        out.println(line);
        lines.add(line);
    }

    /** One field of results.json: a string, a number or a boolean, in the project's JSON style ({@link JsonFiles}). */
    private void field(String name, Object value) {
        json.set(name, JsonFiles.mapper().valueToTree(value));
    }

    private int finish(Options o, int status) {
        field("exitStatus", status);
        try {
            AtomicFiles.writeString(o.out().resolve("results.txt"), String.join("\n", lines) + "\n");
            JsonFiles.write(o.out().resolve("results.json"), json);
        } catch (OutputException e) {
            out.println("device-check: " + e.getMessage());
            return 2;
        }
        return status;
    }
}
