package io.captchafeedback.benchmarks.report;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

/**
 * A minimal {@code feedbackTask} provider on 127.0.0.1 for the benchmark: a blocking HTTP/1.1 keep-alive
 * server, one thread per connection, that reads each request (headers and {@code Content-Length} body)
 * and answers {@code {"errorId":0}} in a single write, counting requests. Lean on purpose, so that the
 * benchmark measures the clients rather than the stub. Thread-safe.
 */
final class StubProvider implements AutoCloseable {
    private static final byte[] RESPONSE;

    static {
        byte[] body = "{\"errorId\":0,\"message\":\"Feedback recorded\"}".getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        RESPONSE = new byte[h.length + body.length];
        System.arraycopy(h, 0, RESPONSE, 0, h.length);
        System.arraycopy(body, 0, RESPONSE, h.length, body.length);
    }

    private final ServerSocket server;
    private final ExecutorService connections = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "stub-provider");
        t.setDaemon(true);
        return t;
    });
    private final LongAdder requests = new LongAdder();
    private final long delayMillis;

    private StubProvider(long delayMillis) throws IOException {
        this.delayMillis = delayMillis;
        server = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
        connections.execute(this::accept);
    }

    /** Starts a stub that answers each request after {@code delayMillis} (0: at once). */
    static StubProvider start(long delayMillis) throws IOException {
        return new StubProvider(delayMillis);
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    long requests() {
        return requests.sum();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                connections.execute(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; InputStream in = new BufferedInputStream(socket.getInputStream(), 8192);
                OutputStream out = socket.getOutputStream()) {
            StringBuilder line = new StringBuilder();
            while (true) {
                long length = -1;
                boolean first = true;
                while (true) { // headers
                    if (!readLine(in, line)) {
                        return;
                    }
                    if (line.length() == 0) {
                        if (first) {
                            continue;
                        }
                        break;
                    }
                    first = false;
                    String header = line.toString().toLowerCase(Locale.ROOT);
                    if (header.startsWith("content-length:")) {
                        length = Long.parseLong(header.substring(15).trim());
                    }
                }
                for (long skipped = 0; skipped < length; ) {
                    long n = in.skip(length - skipped);
                    if (n <= 0) {
                        if (in.read() < 0) {
                            return;
                        }
                        n = 1;
                    }
                    skipped += n;
                }
                requests.increment();
                if (delayMillis > 0) {
                    Thread.sleep(delayMillis);
                }
                out.write(RESPONSE);
                out.flush();
            }
        } catch (IOException | RuntimeException e) {
            // the client went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean readLine(InputStream in, StringBuilder line) throws IOException {
        line.setLength(0);
        for (int c; (c = in.read()) >= 0; ) {
            if (c == '\n') {
                int n = line.length();
                if (n > 0 && line.charAt(n - 1) == '\r') {
                    line.setLength(n - 1);
                }
                return true;
            }
            line.append((char) c);
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        server.close();
        connections.shutdownNow();
    }
}
