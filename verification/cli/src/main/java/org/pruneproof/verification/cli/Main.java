package org.pruneproof.verification.cli;

import java.io.PrintWriter;
import org.pruneproof.scaled.jobs.JobInputException;
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
                ReportCommand.class, EocCommand.class, PruneCommand.class, GreedyCommand.class, PruneAtInitCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    /** Exit status for a usage error. */
    public static final int USAGE = 2;
    /** Exit status when a verdict contradicts its expectation. */
    public static final int CONTRADICTION = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given output streams and returns the exit status. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("pruneproof: " + ex.getMessage());
            err.println("Run 'pruneproof " + commandPath(ex.getCommandLine()) + "--help' for usage.");
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof UsageError || ex instanceof JobInputException) {
                err.println("pruneproof: " + ex.getMessage());
                return USAGE;
            }
            throw ex;
        });
        return cl.execute(args);
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
                "missing command: one of list, check, replay, verify, report, eoc, prune, greedy, prune-at-init");
    }

    /** A mistake of the user's, reported as one line with exit status 2. */
    public static final class UsageError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UsageError(String message) {
            super(message);
        }
    }
}
