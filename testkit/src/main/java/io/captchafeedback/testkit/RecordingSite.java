package io.captchafeedback.testkit;


import io.captchafeedback.testkit.http.HttpExchanges;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small site for recording and crawling tests, on loopback: a sign-in form whose POST answers with a
 * chain of redirects to a page that sets an HttpOnly cookie and opens an alert, an XHR answer holding a
 * key-like field, a page answered with 403, and a page whose widget is inside a child frame.
 *
 * <pre>{@code
 * try (RecordingSite site = RecordingSite.start()) {
 *     driver.get(site.url("/form"));
 * }
 * }</pre>
 *
 * <p>Thread-safe; serves requests on its own threads.
 */
public final class RecordingSite implements AutoCloseable {

    /** The value of the HttpOnly cookie {@code /done} sets (it must never be recorded). */
    public static final String COOKIE_VALUE = "cookie-value-7f3a9c2e1b";
    /** The value of the key-like field of {@code /api/state} (it must never be recorded). */
    public static final String KEY_VALUE = "key-value-5d8e0a4c6f";
    /** The text of the alert {@code /done} opens. */
    public static final String ALERT_TEXT = "Signed in, welcome back";

    private final HttpServer server;

    private RecordingSite(HttpServer server) {
        this.server = server;
    }

    /** Starts the site on a free loopback port. */
    public static RecordingSite start() {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            s.setExecutor(Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "recording-site");
                t.setDaemon(true);
                return t;
            }));
            s.createContext("/", ex -> {
                String path = ex.getRequestURI().getPath();
                ex.getRequestBody().readAllBytes();
                switch (path) {
                    case "/form" -> HttpExchanges.send(ex, 200, "text/html; charset=utf-8", page("Sign in",
                            "<form id='f' method='post' action='/submit'><input type='hidden' name='token' id='token'>"
                                    + "<button id='sign-in' type='submit'>Sign in</button></form>"
                                    + "<p id='state'></p><script>fetch('/api/state').then(r => r.json()).then(j => {"
                                    + "document.getElementById('state').textContent = j.message; });</script>"));
                    case "/api/state" -> HttpExchanges.send(ex, 200, "application/json",
                            "{\"ok\":true,\"message\":\"ready\",\"clientKey\":\"" + KEY_VALUE + "\"}");
                    case "/submit" -> {
                        ex.getResponseHeaders().add("Location", "/hop");
                        ex.sendResponseHeaders(302, -1);
                        ex.close();
                    }
                    case "/hop" -> {
                        ex.getResponseHeaders().add("Location", "/done");
                        ex.sendResponseHeaders(303, -1);
                        ex.close();
                    }
                    case "/done" -> {
                        ex.getResponseHeaders().add("Set-Cookie", "sid=" + COOKIE_VALUE + "; Path=/; HttpOnly; SameSite=Lax");
                        HttpExchanges.send(ex, 200, "text/html; charset=utf-8", page("Welcome",
                                "<p id='msg'>Welcome back</p><p id='state'></p><script>fetch('/api/state').then(r => r.json())"
                                        + ".then(j => { document.getElementById('state').textContent = j.message; });"
                                        + "setTimeout(function () { alert('" + ALERT_TEXT + "'); }, 50);</script>"));
                    }
                    case "/forbidden" -> HttpExchanges.send(ex, 403, "text/html; charset=utf-8",
                            page("Forbidden", "<p id='msg'>Access denied</p>"));
                    default -> HttpExchanges.send(ex, 404, "text/plain", "not found");
                }
            });
            s.start();
            return new RecordingSite(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String page(String title, String body) {
        return "<!doctype html><html><head><meta charset='utf-8'><title>" + title + "</title></head><body>" + body
                + "</body></html>";
    }

    /** The absolute URL of {@code path} on this site. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }

    @Override
    public String toString() {
        return "RecordingSite[" + url("/") + "]";
    }

}
