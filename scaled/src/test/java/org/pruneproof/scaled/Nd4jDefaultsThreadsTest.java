package org.pruneproof.scaled;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class Nd4jDefaultsThreadsTest {

    @Test
    void threadsReportsTheLastingLimitWhileAOneThreadWindowIsOpenOnAnotherThread() throws Exception {
        Nd4jDefaults.apply();
        int lasting = Nd4j.getEnvironment().maxMasterThreads();
        CompletableFuture<Void> inside = new CompletableFuture<>();
        CompletableFuture<Void> release = new CompletableFuture<>();
        Thread window = new Thread(() -> Nd4jDefaults.withThreads(1, () -> {
            inside.complete(null);
            return release.join();
        }));
        window.start();
        try {
            inside.get(30, TimeUnit.SECONDS);
            assertEquals(1, Nd4j.getEnvironment().maxMasterThreads(), "the window's limit is global: every Java thread sees it");
            assertEquals(Math.max(1, lasting), Nd4jDefaults.threads(), "threads() must not report the window's temporary limit");
        } finally {
            release.complete(null);
            window.join(30_000);
        }
        assertEquals(lasting, Nd4j.getEnvironment().maxMasterThreads(), "the window restores the limit");
        assertEquals(Math.max(1, lasting), Nd4jDefaults.threads());
    }

    @Test
    void aNestedWindowOnTheSameThreadRunsAndTheOuterLimitComesBack() {
        Nd4jDefaults.apply();
        int lasting = Nd4jDefaults.threads();
        int inner = Nd4jDefaults.withThreads(1, () -> Nd4jDefaults.withThreads(2, () -> Nd4j.getEnvironment().maxMasterThreads()));
        assertEquals(2, inner);
        assertEquals(lasting, Nd4jDefaults.threads());
    }
}
