package org.pruneproof.verification.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of the command line ({@link Main#run}): exit status, standard output and standard error. */
record CliRun(int status, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(status, out.toString(), err.toString());
    }
}
