package org.pruneproof.verification.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.pruneproof.reference.meanfield.EdgeOfChaos;
import org.pruneproof.reference.meanfield.EocPoint;
import org.pruneproof.theory.activation.Activation;
import org.pruneproof.theory.activation.Activations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code pruneproof eoc --activation tanh --sigma-b 0.2}: the Edge of Chaos point of an activation at σ_b (reference
 * fixed-point method, notes hayou2021.md §2.4), printed as one JSON line
 * {@code {"activation":"tanh","sigmaB":0.2,"sigmaW":…,"q":…,"chi":…}}.
 */
@Command(name = "eoc", description = "Print the Edge of Chaos point (sigma_w, q*, chi) of an activation at sigma_b as one JSON line.")
final class EocCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--activation", required = true, description = "relu, tanh or elu")
    String activation;

    @Option(names = "--sigma-b", required = true, description = "sigma_b >= 0 (relu has an EOC only at 0)")
    double sigmaB;

    @Override
    public Integer call() {
        Activation phi;
        try {
            phi = Activations.byName(activation);
        } catch (IllegalArgumentException e) {
            throw new Main.UsageError("--activation: " + e.getMessage());
        }
        if (!(sigmaB >= 0) || Double.isInfinite(sigmaB)) {
            throw new Main.UsageError("--sigma-b: expected a finite number >= 0, got " + sigmaB);
        }
        EocPoint p;
        try {
            p = EdgeOfChaos.byFixedPoint(phi, sigmaB);
        } catch (EdgeOfChaos.NoEdgeOfChaosException e) {
            throw new Main.UsageError("--sigma-b: " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(String.format(Locale.ROOT, "{\"activation\":\"%s\",\"sigmaB\":%s,\"sigmaW\":%s,\"q\":%s,\"chi\":%s}",
                p.activation(), Double.toString(p.sigmaB()), Double.toString(p.sigmaW()), Double.toString(p.q()), Double.toString(p.chi())));
        out.flush();
        return 0;
    }
}
