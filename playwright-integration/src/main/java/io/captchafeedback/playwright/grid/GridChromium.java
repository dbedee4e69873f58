package io.captchafeedback.playwright.grid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Playwright;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Chromium session on a Selenium Grid node, driven by Playwright: asks the Grid for a WebDriver session,
 * connects Playwright to the session's Chrome DevTools endpoint ({@code se:cdp}, proxied by the Grid's
 * router) with {@code connectOverCDP}, and ends the session when closed. Attach captcha-feedback to
 * {@link #context()} as to a local context: detection and feedback work the same.
 *
 * <pre>{@code
 * try (GridChromium grid = GridChromium.connect(playwright, URI.create("http://grid:4444"),
 *              Map.of("browserName", "chrome"));
 *      Attachment cf = PlaywrightCaptchaFeedback.attach(grid.context(), feedback)) {
 *     Page page = grid.context().newPage();
 *     // ...
 * }
 * }</pre>
 *
 * <p>Limits: Chromium only (the Grid gives {@code se:cdp} for Chromium-based browsers); one context per
 * session (the session's default one, which Playwright cannot close); Playwright features that need a
 * locally launched browser (downloads to the local disk, video, tracing files on the node) do not apply.
 * The session request and its deletion use the Grid's HTTP API; the Grid's session timeout applies to the
 * session while Playwright uses it, since Playwright's traffic does not go through WebDriver commands.
 *
 * <p>Like Playwright objects: use from one thread at a time.
 */
public final class GridChromium implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GridChromium.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final Duration NEW_SESSION_TIMEOUT = Duration.ofMinutes(2);

    private final URI grid;
    private final String sessionId;
    private final Browser browser;
    private boolean closed;

    private GridChromium(URI grid, String sessionId, Browser browser) {
        this.grid = grid;
        this.sessionId = sessionId;
        this.browser = browser;
    }

    /**
     * Starts a session on the Grid and connects Playwright to it.
     *
     * @param playwright the Playwright to connect with
     * @param grid the Grid's URL (the router, e.g. {@code http://grid:4444})
     * @param capabilities the session's capabilities ({@code alwaysMatch}); {@code browserName} must be a
     *     Chromium-based browser
     * @throws IllegalStateException when the Grid refuses the session or gives no {@code se:cdp} endpoint
     */
    public static GridChromium connect(Playwright playwright, URI grid, Map<String, ?> capabilities) {
        Objects.requireNonNull(playwright, "playwright == null");
        Objects.requireNonNull(grid, "grid == null");
        Objects.requireNonNull(capabilities, "capabilities == null");
        URI base = URI.create(grid.toString().replaceAll("/+$", ""));
        JsonNode answer = newSession(base, capabilities);
        String sessionId = answer.path("sessionId").asText("");
        String cdp = answer.path("capabilities").path("se:cdp").asText("");
        if (sessionId.isEmpty()) {
            throw new IllegalStateException("Grid " + base + ": no session id in its answer to a new session");
        }
        if (cdp.isEmpty()) {
            deleteSession(base, sessionId);
            throw new IllegalStateException("Grid " + base + ": session " + sessionId
                    + " has no se:cdp endpoint (not a Chromium browser, or the Grid hides CDP)");
        }
        try {
            return new GridChromium(base, sessionId, playwright.chromium().connectOverCDP(cdp));
        } catch (RuntimeException e) {
            deleteSession(base, sessionId);
            throw e;
        }
    }

    /** The connected browser. */
    public Browser browser() {
        return browser;
    }

    /** The session's browser context (its default one): attach captcha-feedback here. */
    public BrowserContext context() {
        return browser.contexts().isEmpty() ? browser.newContext() : browser.contexts().get(0);
    }

    /** The Grid's WebDriver session id. */
    public String sessionId() {
        return sessionId;
    }

    /** Disconnects Playwright and ends the Grid session (the node closes the browser). Idempotent; never throws. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            browser.close();
        } catch (RuntimeException e) {
            LOG.warn("disconnecting from Grid session {} failed: {}", sessionId, e.toString());
        }
        deleteSession(grid, sessionId);
    }

    private static JsonNode newSession(URI grid, Map<String, ?> capabilities) {
        Map<String, Object> body = Map.of("capabilities", Map.of("alwaysMatch", capabilities));
        HttpResponse<String> response;
        try {
            response = HTTP.send(HttpRequest.newBuilder(grid.resolve(grid.getPath() + "/session"))
                    .timeout(NEW_SESSION_TIMEOUT)
                    .header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("Grid " + grid + ": new session request failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking Grid " + grid + " for a session", e);
        }
        JsonNode value;
        try {
            value = JSON.readTree(response.body()).path("value");
        } catch (IOException e) {
            throw new IllegalStateException("Grid " + grid + ": HTTP " + response.statusCode() + ", not JSON, for a new session");
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Grid " + grid + ": HTTP " + response.statusCode() + " for a new session: "
                    + value.path("error").asText("") + " " + value.path("message").asText("").lines().findFirst().orElse(""));
        }
        return value;
    }

    private static void deleteSession(URI grid, String sessionId) {
        try {
            HTTP.send(HttpRequest.newBuilder(grid.resolve(grid.getPath() + "/session/" + sessionId))
                    .timeout(Duration.ofSeconds(30)).DELETE().build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            LOG.warn("ending Grid session {} failed: {}", sessionId, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("interrupted while ending Grid session {}", sessionId);
        }
    }

    @Override
    public String toString() {
        return "GridChromium[" + grid + ", session " + sessionId + "]";
    }
}
