package io.captchafeedback.postgres;

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
 * A loopback {@code feedbackTask} provider shared by the worker processes of the fleet tests: it counts the
 * requests it recorded per task id ("Feedback recorded" the first time, {@code ERROR_FEEDBACK_EXISTS}
 * after) and, at the given rate, answers HTTP 503 without recording (a provider fault). Thread-safe.
 *
 * <pre>{@code
 * try (CountingProvider provider = CountingProvider.start(0.1)) { ... provider.recorded() ... }
 * }</pre>
 */
final class CountingProvider implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] RECORDED = "{\"errorId\":0,\"message\":\"Feedback recorded\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] EXISTS = ("{\"errorId\":1,\"errorCode\":\"ERROR_FEEDBACK_EXISTS\","
            + "\"errorDescription\":\"Feedback already submitted for this task\"}").getBytes(StandardCharsets.UTF_8);
    private final HttpServer server;
    private final ExecutorService executor;
    private final double faultRate;
    private volatile long delayMillis;
    private final Map<String, AtomicInteger> recorded = new ConcurrentHashMap<>();
    private final AtomicInteger faults = new AtomicInteger();

    private CountingProvider(HttpServer server, ExecutorService executor, double faultRate) {
        this.server = server;
        this.executor = executor;
        this.faultRate = faultRate;
    }

    static CountingProvider start(double faultRate) throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        // four worker processes keep up to 256 connections: the JDK server's default of 200 idle ones would
        // close pooled connections under the clients, and a request on a closed one has an unknown fate
        System.setProperty("sun.net.httpserver.maxIdleConnections", "2000");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        ExecutorService executor = Executors.newFixedThreadPool(32);
        CountingProvider provider = new CountingProvider(server, executor, faultRate);
        server.createContext("/", provider::handle);
        server.setExecutor(executor);
        server.start();
        return provider;
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Requests recorded (answered 200) per task id. */
    Map<String, AtomicInteger> recorded() {
        return recorded;
    }

    /** Each answer waits this long (a slow provider keeps requests in flight). */
    void delay(long millis) {
        this.delayMillis = millis;
    }

    /** Requests answered 503. */
    int faults() {
        return faults.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (ThreadLocalRandom.current().nextDouble() < faultRate) {
                faults.incrementAndGet();
                answer(exchange, 503, "Service Unavailable".getBytes(StandardCharsets.UTF_8), "text/plain");
                return;
            }
            String taskId = JSON.readTree(body).path("taskId").asText();
            int seen = recorded.computeIfAbsent(taskId, k -> new AtomicInteger()).incrementAndGet();
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

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
