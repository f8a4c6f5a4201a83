package org.pruneproof.reports.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A headless Chromium driven over the Chrome DevTools Protocol (a WebSocket from
 * {@code java.net.http}; no driver binary, no extra library). Started offline: no network features,
 * a fresh profile directory, and only the loopback DevTools endpoint.
 */
final class Chromium implements AutoCloseable {

    /** Flags for a machine without network: no sandbox (containers), no GPU, nothing fetched in the background. */
    static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--remote-debugging-port=0", "--window-size=1366,900");

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new ArrayList<>();

    /** The Chromium binary: {@code $CHROMIUM}, else {@code chromium}, {@code chromium-browser} or {@code google-chrome} on the PATH. */
    static Optional<Path> find() {
        String env = System.getenv("CHROMIUM");
        if (env != null && !env.isBlank()) {
            return Optional.of(Path.of(env)).filter(Files::isExecutable);
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /** Starts Chromium with a fresh profile under {@code workDir} and attaches to its first page. */
    static Chromium start(Path binary, Path workDir) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Path profile = Files.createTempDirectory(workDir, "chromium-profile-");
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(FLAGS);
        command.add("--user-data-dir=" + profile);
        command.add("about:blank");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("chromium.log").toFile()).start();
        try {
            int port = devToolsPort(profile, process);
            HttpClient http = HttpClient.newHttpClient();
            String pageSocket = null;
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (pageSocket == null && System.nanoTime() < deadline) {
                String list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                for (JsonNode target : JSON.readTree(list)) {
                    if ("page".equals(target.path("type").asText())) {
                        pageSocket = target.path("webSocketDebuggerUrl").asText();
                        break;
                    }
                }
                if (pageSocket == null) {
                    Thread.sleep(100);
                }
            }
            if (pageSocket == null) {
                throw new IOException("Chromium opened no page target within " + TIMEOUT.toSeconds() + " s");
            }
            return new Chromium(process, profile, http, URI.create(pageSocket));
        } catch (IOException | InterruptedException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    private Chromium(Process process, Path profile, HttpClient http, URI pageSocket) {
        this.process = process;
        this.profile = profile;
        this.socket = http.newWebSocketBuilder().connectTimeout(TIMEOUT).buildAsync(pageSocket, new Listener()).join();
    }

    /** Sends a DevTools command and waits for its result; a protocol error becomes an IOException. */
    JsonNode send(String method, Map<String, ?> params) throws IOException {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", JSON.valueToTree(params));
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        socket.sendText(JSON.writeValueAsString(message), true).join();
        JsonNode r;
        try {
            r = reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException(method + ": no reply within " + TIMEOUT.toSeconds() + " s", e);
        } finally {
            pending.remove(id);
        }
        if (r.has("error")) {
            throw new IOException(method + ": " + r.get("error"));
        }
        return r.path("result");
    }

    /** Evaluates a JavaScript expression in the page and returns its value (awaiting promises). */
    JsonNode evaluate(String expression) throws IOException {
        JsonNode r = send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
        if (r.has("exceptionDetails")) {
            throw new IOException("script failed: " + r.get("exceptionDetails"));
        }
        return r.path("result").path("value");
    }

    /** Waits until an event satisfying the predicate has arrived; returns it. */
    JsonNode awaitEvent(Predicate<JsonNode> wanted, String what) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        synchronized (events) {
            while (true) {
                Optional<JsonNode> e = events.stream().filter(wanted).findFirst();
                if (e.isPresent()) {
                    return e.get();
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new IOException("no " + what + " within " + TIMEOUT.toSeconds() + " s");
                }
                events.wait(left);
            }
        }
    }

    /** The events received so far (method and params). */
    List<JsonNode> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the browser goes anyway
        }
        List<ProcessHandle> helpers = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            for (ProcessHandle h : helpers) {
                h.destroyForcibly();
                h.onExit().get(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // a helper that outlives the browser only delays the profile's removal below
        }
        // Chromium's helper processes may still remove their own files while the profile is walked.
        for (int attempt = 0; attempt < 3 && Files.exists(profile); attempt++) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (java.io.UncheckedIOException | java.nio.file.NoSuchFileException vanished) {
                // a file went away during the walk: walk again
            }
        }
    }

    private static int devToolsPort(Path profile, Process process) throws IOException, InterruptedException {
        Path file = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file);
                if (!lines.isEmpty() && !lines.get(0).isBlank()) {
                    return Integer.parseInt(lines.get(0).trim());
                }
            }
            if (!process.isAlive()) {
                throw new IOException("Chromium exited with status " + process.exitValue() + " before opening DevTools");
            }
            Thread.sleep(50);
        }
        throw new IOException("Chromium did not open DevTools within " + TIMEOUT.toSeconds() + " s");
    }

    /** Collects text frames into messages: replies complete their command, everything else is an event. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    JsonNode m = JSON.readTree(text);
                    if (m.has("id")) {
                        CompletableFuture<JsonNode> f = pending.get(m.get("id").asInt());
                        if (f != null) {
                            f.complete(m);
                        }
                    } else {
                        synchronized (events) {
                            events.add(m);
                            events.notifyAll();
                        }
                    }
                } catch (IOException e) {
                    synchronized (events) {
                        events.add(JSON.createObjectNode().put("method", "pruneproof.badMessage").put("text", text));
                        events.notifyAll();
                    }
                }
            }
            ws.request(1);
            return null;
        }
    }
}
