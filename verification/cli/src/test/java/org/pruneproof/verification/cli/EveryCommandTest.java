package org.pruneproof.verification.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of every command of the command line, walked from the command tree so that a command
 * added later is covered by construction.
 */
class EveryCommandTest {

    static Stream<String> commands() {
        return Main.commandLine().getSubcommands().keySet().stream();
    }

    private static List<Object> run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return List.of(status, out.toString(), err.toString());
    }

    @ParameterizedTest
    @MethodSource("commands")
    void helpExitsZeroAndPrintsTheUsageWhateverIsRequired(String command) {
        List<Object> r = run(command, "--help");
        assertEquals(0, r.get(0), command + " --help: " + r.get(2));
        assertTrue(((String) r.get(1)).contains("Usage:"), command + " --help prints its usage: " + r.get(1));
        assertEquals("", r.get(2), "nothing on standard error");
    }

    @ParameterizedTest
    @MethodSource("commands")
    void anUnknownOptionIsAOneLineUsageErrorNamingIt(String command) {
        if (command.equals("help")) {
            return;
        }
        List<Object> r = run(command, "--no-such-option");
        assertEquals(2, r.get(0), command + ": " + r.get(2));
        String err = (String) r.get(2);
        assertTrue(err.startsWith("pruneproof: ") && err.contains("--no-such-option"), err);
        assertFalse(err.contains("\tat "), "no stack trace: " + err);
    }
}
