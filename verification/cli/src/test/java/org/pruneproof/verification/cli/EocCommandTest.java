package org.pruneproof.verification.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@code pruneproof eoc}: one JSON line for an EOC point; one-line usage errors with exit status 2. */
class EocCommandTest {

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void tanhAtSigmaBPointTwoPrintsOneJsonLineOnTheEdge() throws Exception {
        Run r = run("eoc", "--activation", "tanh", "--sigma-b", "0.2");
        assertEquals(0, r.status(), r.err());
        assertEquals(1, r.out().strip().lines().count(), r.out());
        assertTrue(r.out().startsWith("{\"activation\":\"tanh\",\"sigmaB\":0.2,\"sigmaW\":"), r.out());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(1.3041, j.get("sigmaW").asDouble(), 6e-5, "notes §2.4");
        assertEquals(0.5121, j.get("q").asDouble(), 6e-5, "notes §2.4");
        assertEquals(1, j.get("chi").asDouble(), 1e-9);
    }

    @Test
    void reluAtZeroIsSqrtTwo() throws Exception {
        Run r = run("eoc", "--activation", "relu", "--sigma-b", "0");
        assertEquals(0, r.status(), r.err());
        assertEquals(Math.sqrt(2), new ObjectMapper().readTree(r.out()).get("sigmaW").asDouble(), 1e-12);
    }

    @Test
    void unknownActivationIsAOneLineUsageError() {
        Run r = run("eoc", "--activation", "sigmoid", "--sigma-b", "0.2");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--activation") && r.err().contains("relu, tanh, elu"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(r.err().contains("at org."), r.err());
    }

    @Test
    void sigmaBWithoutAnEdgeOfChaosIsAOneLineUsageError() {
        Run r = run("eoc", "--activation", "relu", "--sigma-b", "0.3");
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("pruneproof: --sigma-b: no Edge of Chaos for relu"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void negativeSigmaBIsAUsageError() {
        Run r = run("eoc", "--activation", "tanh", "--sigma-b", "-1");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--sigma-b"), r.err());
    }
}
