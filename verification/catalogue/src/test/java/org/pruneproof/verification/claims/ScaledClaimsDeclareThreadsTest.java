package org.pruneproof.verification.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.classgraph.ClassGraph;
import io.github.classgraph.ClassInfo;
import io.github.classgraph.ScanResult;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.engine.Catalogue;

/**
 * A parallel run must not oversubscribe the cores: a claim whose code reaches the scaled engine (ND4J, whose thread
 * pool keeps every core busy) must say so through {@link Claim#threads()} — ND4J's threads, or 1 for a
 * {@link OneThreadScaledClaim}, whose checks run inside a one-thread window by construction — and a claim that does
 * not must not hold cores it does not use. "Reaches" is read from the class files: the claim's class and every project class it refers
 * to, transitively, up to a class of {@code org.pruneproof.scaled} or {@code org.nd4j}.
 */
class ScaledClaimsDeclareThreadsTest {

    @Test
    void everyClaimThatReachesTheScaledEngineDeclaresItsThreadsAndNoOtherDoes() {
        List<String> wrong = new ArrayList<>();
        int scaled = 0;
        try (ScanResult scan = new ClassGraph().enableInterClassDependencies().enableExternalClasses()
                .acceptPackages("org.pruneproof").scan()) {
            for (Claim<?> claim : Catalogue.discover().claims()) {
                Class<?> type = claim instanceof org.pruneproof.verification.proof.LemmaClaim<?> l ? l.theorem().getClass() : claim.getClass();
                boolean reaches = reachesScaled(scan, type.getName());
                scaled += reaches ? 1 : 0;
                boolean oneThread = type.getSuperclass() == OneThreadScaledClaim.class;
                int expected = reaches && !oneThread ? Engines.scaledThreads() : 1;
                if (claim.threads() != expected) {
                    wrong.add(claim.spec().id() + " (reaches the scaled engine: " + reaches + ", threads() = " + claim.threads() + ")");
                }
            }
        }
        assertFalse(scaled == 0, "no claim reaches the scaled engine: the dependency scan found nothing, so it checks nothing");
        assertEquals(List.of(), wrong, "claims whose threads() does not match their use of the scaled engine");
    }

    @Test
    void aClaimOnNd4jsThreadsHoldsEveryCoreSoThatItNeverRunsBesideAOneThreadWindow() {
        assertEquals(1, Engines.scaledThreads(1, 4), "at one ND4J thread everything runs at one thread anyway");
        assertEquals(4, Engines.scaledThreads(2, 4));
        assertEquals(2, Engines.scaledThreads(2, 2));
        assertEquals(8, Engines.scaledThreads(8, 4), "more threads than cores: as many slots as threads");
    }

    private static boolean reachesScaled(ScanResult scan, String className) {
        Deque<String> todo = new ArrayDeque<>(List.of(className));
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (!seen.add(name)) {
                continue;
            }
            if (name.startsWith("org.pruneproof.scaled.") || name.startsWith("org.nd4j.")) {
                return true;
            }
            ClassInfo info = scan.getClassInfo(name);
            if (info == null || !name.startsWith("org.pruneproof.")) {
                continue;
            }
            for (ClassInfo dep : info.getClassDependencies()) {
                todo.push(dep.getName());
            }
        }
        return false;
    }
}
