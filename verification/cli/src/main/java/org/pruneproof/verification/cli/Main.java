package org.pruneproof.verification.cli;

import java.io.PrintWriter;
import org.pruneproof.io.OutputException;
import org.pruneproof.scaled.jobs.JobInputException;
import org.pruneproof.scaled.weights.WeightFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line, {@code ./pruneproof}: list, check, replay and verify claims, re-render reports,
 * print EOC points, run greedy selection and pruning at initialisation on .npy files.
 *
 * <p>Exit status: 0 when every verdict agrees with its expectation, 1 when one contradicts it,
 * 2 for a usage error (unknown id, bad option, unreadable file), with a one-line message.
 */
@Command(name = "pruneproof", mixinStandardHelpOptions = true, version = "pruneproof 0.1.0",
        description = "Checks the theory of neural-network pruning by machine.",
        subcommands = {ListCommand.class, CheckCommand.class, ReplayCommand.class, VerifyCommand.class,
                ReportCommand.class, CompareCommand.class, SweepCommand.class, EocCommand.class, PruneCommand.class, GreedyCommand.class,
                PruneAtInitCommand.class, EvaluateCommand.class, TrainCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    /** Exit status for a usage error. */
    public static final int USAGE = 2;
    /** Exit status when a verdict contradicts its expectation. */
    public static final int CONTRADICTION = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // before anything loads ND4J: the generic native build on a CPU without AVX2 or under -Dpruneproof.onednn=false
        org.pruneproof.scaled.Nd4jDefaults.selectNativeBuild();
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given output streams and returns the exit status. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            String unknown = unknownOption(ex.getCommandLine(), a);
            err.println("pruneproof: " + (unknown != null ? "unknown option " + unknown : ex.getMessage()));
            err.println("Run 'pruneproof " + commandPath(ex.getCommandLine()) + "--help' for usage.");
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof UsageError || ex instanceof JobInputException || ex instanceof OutputException
                    || ex instanceof WeightFileException) {
                err.println("pruneproof: " + ex.getMessage());
                return USAGE;
            }
            for (Throwable c = ex.getCause(); c != null; c = c.getCause()) {
                if (c instanceof OutOfMemoryError oom) {  // wrapped by a library (SameDiff, a thread pool)
                    err.println("pruneproof: " + outOfMemory(oom));
                    return OUT_OF_MEMORY;
                }
            }
            throw ex;
        });
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            err.println("pruneproof: " + outOfMemory(e));
            return OUT_OF_MEMORY;
        }
    }

    /** Exit status when the JVM ran out of memory (not a usage error: the same command succeeds with more memory). */
    public static final int OUT_OF_MEMORY = 1;

    /**
     * The one-line message for an {@link OutOfMemoryError}: what ran out (the JVM's message: "Java heap space", or
     * JavaCPP's off-heap "Cannot allocate … bytes" for ND4J's arrays), the heap limit in force, and how to raise it.
     */
    static String outOfMemory(OutOfMemoryError e) {
        double heap = Runtime.getRuntime().maxMemory() / (double) (1L << 30);
        String what = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("").strip();
        return String.format(java.util.Locale.ROOT, "out of memory (%s) with a Java heap limit of %.1f GiB and this machine's"
                + " %.0f GiB; give the JVM more, e.g. PRUNEPROOF_JAVA_OPTS=\"-Xmx%dg\" ./pruneproof ... (ND4J's arrays live"
                + " off the heap: -Dorg.bytedeco.javacpp.maxbytes and -Dorg.bytedeco.javacpp.maxphysicalbytes raise their"
                + " limits), or choose smaller --batch, --input-size or --width-multiplier", what.isEmpty() ? "no detail" : what, heap,
                physicalGiB(), Math.max(2, (long) Math.ceil(heap * 4)));
    }

    private static double physicalGiB() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean o ? o.getTotalMemorySize() / (double) (1L << 30) : 0;
    }

    /**
     * The command tree, every command with {@code --help} and {@code --version} (which exit 0 whatever
     * else is missing).
     */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (sub.getCommandSpec().optionsMap().get("--help") == null) {
                sub.getCommandSpec().mixinStandardHelpOptions(true);
            }
        }
        return cl;
    }

    /**
     * The first argument that looks like a long option ({@code --name} or {@code --name=value}) but is
     * none of the command's and is no option's value, or null. Reported before a missing required option,
     * which picocli would name first although the misspelt option is the user's real mistake.
     */
    private static String unknownOption(CommandLine command, String[] args) {
        CommandLine.Model.CommandSpec spec = command.getCommandSpec();
        boolean valueExpected = false;
        for (String a : args) {
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            CommandLine.Model.OptionSpec option = spec.optionsMap().get(name);
            if (!valueExpected && a.startsWith("--") && a.length() > 2 && option == null) {
                return name;
            }
            valueExpected = !valueExpected && option != null && option.arity().max() > 0 && !a.contains("=");
        }
        return null;
    }

    private static String commandPath(CommandLine cl) {
        StringBuilder s = new StringBuilder();
        for (CommandLine c = cl; c != null && c.getParent() != null; c = c.getParent()) {
            s.insert(0, c.getCommandName() + " ");
        }
        return s.toString();
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "missing command: one of list, check, replay, verify, report, eoc, prune, greedy, prune-at-init, evaluate, train");
    }

    /** A mistake of the user's, reported as one line with exit status 2. */
    public static final class UsageError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UsageError(String message) {
            super(message);
        }
    }
}
