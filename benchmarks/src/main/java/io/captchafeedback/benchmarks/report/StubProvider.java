package io.captchafeedback.benchmarks.report;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

/**
 * A minimal {@code feedbackTask} provider on 127.0.0.1 for the benchmark: answers every request with
 * {@code {"errorId":0}} without parsing it, and counts requests. Thread-safe.
 */
final class StubProvider implements AutoCloseable {
    private static final byte[] RECORDED = "{\"errorId\":0,\"message\":\"Feedback recorded\"}"
            .getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final ExecutorService executor;
    private final LongAdder requests = new LongAdder();

    private StubProvider(int threads) throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "stub-provider");
            t.setDaemon(true);
            return t;
        });
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    static StubProvider start(int threads) throws IOException {
        return new StubProvider(threads);
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    long requests() {
        return requests.sum();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            requests.increment();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, RECORDED.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(RECORDED);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
