package io.captchafeedback.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process {@code feedbackTask} provider on 127.0.0.1 that records every request by task id and
 * answers like a real one: "Feedback recorded" the first time, {@code ERROR_FEEDBACK_EXISTS} after.
 * It can also be made to answer HTTP 503 (down), or to misbehave at random ({@link #faulty}): HTTP 503
 * without recording, a slow answer, or a request recorded and its connection then dropped before the
 * answer (a lost answer). Thread-safe.
 *
 * <pre>{@code
 * try (RecordingProvider provider = RecordingProvider.start()) {
 *     ... provider.baseUrl() ...
 *     assertThat(provider.recorded()).hasSize(100);
 * }
 * }</pre>
 */
public final class RecordingProvider implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] RECORDED = "{\"errorId\":0,\"message\":\"Feedback recorded\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] EXISTS = ("{\"errorId\":1,\"errorCode\":\"ERROR_FEEDBACK_EXISTS\","
            + "\"errorDescription\":\"Feedback already submitted for this task\"}").getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final ExecutorService executor;
    private final ConcurrentHashMap<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private volatile boolean down;
    private volatile boolean faulty;

    private RecordingProvider(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static RecordingProvider start() throws IOException {
        // the JDK server writes headers and body apart: without TCP_NODELAY each answer waits for a delayed ACK
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        ExecutorService executor = Executors.newFixedThreadPool(8);
        RecordingProvider provider = new RecordingProvider(server, executor);
        server.createContext("/", provider::handle);
        server.setExecutor(executor);
        server.start();
        return provider;
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** While down, every request is answered with HTTP 503 and not recorded. */
    public void down(boolean down) {
        this.down = down;
    }

    /**
     * While faulty, of every 100 requests about 8 are answered HTTP 503 unrecorded, 5 are recorded and
     * their connection dropped before the answer, and 5 are answered after 30 ms.
     */
    public void faulty(boolean faulty) {
        this.faulty = faulty;
    }

    /** Requests received per task id (recorded while up, including those whose answer was dropped). */
    public Map<String, AtomicInteger> requests() {
        return requests;
    }

    /** Task ids that were answered "Feedback recorded". */
    public java.util.Set<String> recorded() {
        return requests.keySet();
    }

    /** Every request received, down or up. */
    public int total() {
        return total.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            total.incrementAndGet();
            if (down) {
                send(exchange, 503, "Service Unavailable".getBytes(StandardCharsets.UTF_8), "text/plain");
                return;
            }
            int dice = faulty ? java.util.concurrent.ThreadLocalRandom.current().nextInt(100) : 100;
            if (dice < 8) {
                send(exchange, 503, "Service Unavailable".getBytes(StandardCharsets.UTF_8), "text/plain");
                return;
            }
            JsonNode json = JSON.readTree(body);
            String taskId = json.path("taskId").asText();
            int seen = requests.computeIfAbsent(taskId, k -> new AtomicInteger()).incrementAndGet();
            if (dice < 13) {
                throw new IOException("answer dropped after recording " + taskId); // the server closes the connection
            }
            if (dice < 18) {
                sleep(30);
            }
            send(exchange, 200, seen == 1 ? RECORDED : EXISTS, "application/json");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body, String type) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
