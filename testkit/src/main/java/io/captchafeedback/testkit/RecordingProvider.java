package io.captchafeedback.testkit;

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
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback {@code feedbackTask} provider for delivery tests (many reporters, many processes, faults): it
 * counts the requests it recorded per task id and answers like a provider that answers repeats,
 * "Feedback recorded" the first time and {@code ERROR_FEEDBACK_EXISTS} after. Unlike the
 * {@link ProviderEmulator} it knows no tasks: any task id is taken. It can be slowed down ({@link #delay})
 * and made to answer HTTP 503 without recording, always ({@link #down}) or at a rate ({@link #faultRate}).
 *
 * <pre>{@code
 * import static org.assertj.core.api.Assertions.assertThat;
 *
 * try (RecordingProvider provider = RecordingProvider.start()) {
 *     provider.faultRate(0.1);
 *     // ... a reporter whose provider's baseUrl is provider.baseUrl() ...
 *     assertThat(provider.requests().values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
 * }
 * }</pre>
 *
 * <p>Thread-safe: requests are served on a pool of 32 threads, the settings may change at any time.
 */
public final class RecordingProvider implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] RECORDED = "{\"errorId\":0,\"message\":\"Feedback recorded\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] EXISTS = ("{\"errorId\":1,\"errorCode\":\"ERROR_FEEDBACK_EXISTS\","
            + "\"errorDescription\":\"Feedback already submitted for this task\"}").getBytes(StandardCharsets.UTF_8);
    private static final byte[] UNAVAILABLE = "Service Unavailable".getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final AtomicInteger faults = new AtomicInteger();
    private final AtomicInteger total = new AtomicInteger();
    private volatile double faultRate;
    private volatile boolean down;
    private volatile long delayMillis;

    private RecordingProvider(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts on a free port of 127.0.0.1. */
    public static RecordingProvider start() throws IOException {
        // the JDK server writes headers and body apart: without TCP_NODELAY each answer waits for a delayed ACK
        System.setProperty("sun.net.httpserver.nodelay", "true");
        // several worker processes keep hundreds of connections: the JDK server's default of 200 idle ones would
        // close pooled connections under the clients, and a request on a closed one has an unknown fate
        System.setProperty("sun.net.httpserver.maxIdleConnections", "2000");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        ExecutorService executor = Executors.newFixedThreadPool(32, r -> {
            Thread t = new Thread(r, "recording-provider");
            t.setDaemon(true);
            return t;
        });
        RecordingProvider provider = new RecordingProvider(server, executor);
        server.createContext("/", provider::handle);
        server.setExecutor(executor);
        server.start();
        return provider;
    }

    /** The base URL to give a provider's settings. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The share of requests (0 to 1) answered HTTP 503 without recording, at random. */
    public RecordingProvider faultRate(double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("faultRate must be between 0 and 1: " + rate);
        }
        this.faultRate = rate;
        return this;
    }

    /** While down, every request is answered HTTP 503 and not recorded. */
    public RecordingProvider down(boolean down) {
        this.down = down;
        return this;
    }

    /** Each answer waits this long (a slow provider keeps requests in flight). */
    public RecordingProvider delay(long millis) {
        this.delayMillis = Math.max(0, millis);
        return this;
    }

    /** Requests recorded per task id (the first answered "Feedback recorded", later ones "already recorded"). */
    public Map<String, AtomicInteger> requests() {
        return requests;
    }

    /** Requests answered HTTP 503 (down or at the fault rate). */
    public int faults() {
        return faults.get();
    }

    /** Every request received. */
    public int total() {
        return total.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            total.incrementAndGet();
            long delay = delayMillis;
            if (delay > 0) {
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (down || ThreadLocalRandom.current().nextDouble() < faultRate) {
                faults.incrementAndGet();
                answer(exchange, 503, UNAVAILABLE, "text/plain");
                return;
            }
            String taskId = JSON.readTree(body).path("taskId").asText();
            int seen = requests.computeIfAbsent(taskId, k -> new AtomicInteger()).incrementAndGet();
            answer(exchange, 200, seen == 1 ? RECORDED : EXISTS, "application/json");
        }
    }

    private static void answer(HttpExchange exchange, int status, byte[] body, String type) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Stops the server and its threads. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    @Override
    public String toString() {
        return "RecordingProvider[" + baseUrl() + ", " + requests.size() + " tasks, " + faults.get() + " faults]";
    }
}
