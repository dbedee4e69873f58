package io.captchafeedback.testkit.site;


import io.captchafeedback.testkit.emulator.ProviderEmulator;
import io.captchafeedback.testkit.http.HttpExchanges;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.captchafeedback.task.SolvedTask;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local web app whose forms are protected by stand-ins of the reCAPTCHA v2 (checkbox and invisible),
 * reCAPTCHA v3, hCaptcha, Turnstile and FunCaptcha widgets, for browser tests and demos that must not
 * touch the internet.
 *
 * <p>Every {@link DemoPage} ({@code /<widget>/<reaction>}, listed on {@code /}) verifies the submitted
 * token server-side against the {@link ProviderEmulator}'s {@code /siteverify}, as real sites call
 * Google's, and reacts in the one way its {@link DemoReaction} names: a redirect, an inline error, HTTP
 * 403, a JSON XHR answer, a widget reset, a wrong-password refusal, a slow answer, or nothing. The widget
 * stand-ins ({@code /static/*.js}) mimic the public client APIs that sites and injection code rely on
 * ({@code grecaptcha.*}, {@code ___grecaptcha_cfg.clients}, {@code hcaptcha.*}, {@code turnstile.*},
 * {@code data-callback}, the hidden response fields); clicking a widget's box fetches a token from the
 * emulator through {@code /api/token}, so the site works by hand too.
 *
 * <pre>{@code
 * import io.captchafeedback.testkit.emulator.ProviderEmulator;
 *
 * try (ProviderEmulator emulator = ProviderEmulator.start();
 *      DemoSite site = DemoSite.start(emulator)) {
 *     SolvedTask task = emulator.solve("ucaptcha", CaptchaType.TURNSTILE, site.baseUrl(), DemoWidget.TURNSTILE.siteKey());
 *     driver.get(site.url(DemoPage.of(DemoWidget.TURNSTILE, DemoReaction.INLINE_ERROR)));
 *     // inject task.token(), submit, let the outcome rules decide ...
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class DemoSite implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DemoSite.class);

    /** The password the wrong-password pages accept (their form is pre-filled with another one). */
    public static final String PASSWORD = "demo";

    /** The delay of the slow pages unless the builder sets another. */
    public static final Duration DEFAULT_SLOW_DELAY = Duration.ofMillis(1500);

    private static final List<DemoPage> PAGES;

    static {
        List<DemoPage> pages = new ArrayList<>();
        for (DemoWidget w : DemoWidget.values()) {
            for (DemoReaction r : DemoReaction.values()) {
                pages.add(DemoPage.of(w, r));
            }
        }
        PAGES = List.copyOf(pages);
    }

    private final ProviderEmulator emulator;
    private final String provider;
    private final Duration slowDelay;
    private volatile HttpClient http;
    private final ExecutorService executor;
    private final HttpServer server;
    private final PatternPages patterns = new PatternPages(this);

    private DemoSite(Builder b) throws IOException {
        this.emulator = b.emulator;
        this.provider = b.provider;
        this.slowDelay = b.slowDelay;
        this.executor = HttpExchanges.daemonPool("demo-site");
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), b.port), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
        log.debug("demo site listening on {}", baseUrl());
    }

    /** Starts a demo site on a free port, verifying tokens against {@code emulator}. */
    public static DemoSite start(ProviderEmulator emulator) {
        return builder(emulator).start();
    }

    /** A builder for a demo site with a chosen slow delay, token provider or port. */
    public static Builder builder(ProviderEmulator emulator) {
        return new Builder(emulator);
    }

    /** Every page, in a stable order: widget by widget, each with every reaction. */
    public static List<DemoPage> pages() {
        return PAGES;
    }

    /** {@code http://127.0.0.1:PORT}, without a trailing slash. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** An absolute URL on the site for {@code path}. */
    public String url(String path) {
        Objects.requireNonNull(path, "path == null");
        return baseUrl() + (path.startsWith("/") ? path : "/" + path);
    }

    /** The absolute URL of {@code page}. */
    public String url(DemoPage page) {
        return url(page.path());
    }

    /** How long the slow pages wait before answering. */
    public Duration slowDelay() {
        return slowDelay;
    }

    /** The emulated provider whose tasks the widgets' boxes get tokens from. */
    public String provider() {
        return provider;
    }

    /**
     * A token for {@code widget} from the emulator, as the widget's box gets one: a task solved at the
     * site's provider for this site's URL and the widget's site key.
     */
    public SolvedTask solve(DemoWidget widget) {
        Objects.requireNonNull(widget, "widget == null");
        return emulator.solve(provider, widget.captchaType(), baseUrl() + "/", widget.siteKey());
    }

    @Override
    public void close() {
        server.stop(0);
        HttpExchanges.shutdown(executor);
    }

    @Override
    public String toString() {
        return "DemoSite[" + baseUrl() + "]";
    }

    private void handle(HttpExchange ex) throws IOException {
        try {
            route(ex);
        } catch (RuntimeException e) {
            log.warn("demo site failed on {} {}", ex.getRequestMethod(), ex.getRequestURI().getPath(), e);
            HttpExchanges.send(ex, 500, "text/plain; charset=utf-8", "Internal demo site error");
        }
    }

    private void route(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String method = ex.getRequestMethod();
        if (patterns.handle(ex, path)) {
            return;
        }
        if (path.equals("/")) {
            HttpExchanges.send(ex, 200, "text/html; charset=utf-8", DemoPages.index(PAGES));
            return;
        }
        if (path.startsWith("/static/")) {
            staticScript(ex, path);
            return;
        }
        if (path.startsWith(EnginePages.PREFIX)) {
            new EnginePages(token -> verify(token).success).handle(ex);
            return;
        }
        if (path.equals("/api/token")) {
            token(ex);
            return;
        }
        String[] parts = path.substring(1).split("/");
        DemoWidget widget = parts.length >= 2 ? DemoWidget.byPath(parts[0]) : null;
        if (widget != null && parts.length == 2 && parts[1].equals("welcome")) {
            HttpExchanges.send(ex, 200, "text/html; charset=utf-8", DemoPages.welcome(widget));
            return;
        }
        DemoReaction reaction = widget != null ? DemoReaction.byPath(parts[1]) : null;
        if (reaction == null || parts.length > 3 || (parts.length == 3 && !parts[2].equals("verify"))) {
            HttpExchanges.send(ex, 404, "text/plain; charset=utf-8", "Not found: " + path);
            return;
        }
        DemoPage page = DemoPage.of(widget, reaction);
        if (parts.length == 3) {
            if (!method.equals("POST") || !reaction.usesXhr()) {
                HttpExchanges.send(ex, 405, "text/plain; charset=utf-8", "Method not allowed");
                return;
            }
            verifyXhr(ex, page);
        } else if (method.equals("POST")) {
            formPost(ex, page);
        } else {
            boolean failed = "error=captcha".equals(ex.getRequestURI().getRawQuery());
            HttpExchanges.send(ex, 200, "text/html; charset=utf-8", DemoPages.form(page,
                    failed ? "error" : null, failed ? "Captcha verification failed, please try again" : null));
        }
    }

    private void formPost(HttpExchange ex, DemoPage page) throws IOException {
        Map<String, String> form = HttpExchanges.params(ex, HttpExchanges.body(ex));
        Verification v = verify(form.get(page.widget().responseField()));
        if (v.unavailable) {
            HttpExchanges.send(ex, 502, "text/html; charset=utf-8",
                    DemoPages.result("Bad gateway", "error", "The captcha verification service is unavailable"));
            return;
        }
        String html = "text/html; charset=utf-8";
        switch (page.reaction()) {
            case REDIRECT -> HttpExchanges.redirect(ex, v.success ? page.welcomePath() : page.path() + "?error=captcha");
            case INLINE_ERROR -> inline(ex, page, v.success);
            case HTTP_403 -> {
                if (v.success) {
                    HttpExchanges.send(ex, 200, html, DemoPages.result("Order confirmed", "success", "Order confirmed"));
                } else {
                    HttpExchanges.send(ex, 403, html,
                            DemoPages.result("403 Forbidden", "error", "Forbidden: captcha verification failed"));
                }
            }
            case WRONG_PASSWORD -> {
                if (!v.success) {
                    HttpExchanges.send(ex, 200, html,
                            DemoPages.form(page, "error", "Invalid captcha, please try again"));
                } else if (PASSWORD.equals(form.get("password"))) {
                    HttpExchanges.redirect(ex, page.welcomePath());
                } else {
                    HttpExchanges.send(ex, 200, html, DemoPages.form(page, "error", "Wrong password"));
                }
            }
            case SLOW -> {
                try {
                    Thread.sleep(slowDelay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    ex.close();
                    return;
                }
                inline(ex, page, v.success);
            }
            default -> HttpExchanges.send(ex, 405, "text/plain; charset=utf-8", "This page submits by XHR");
        }
    }

    private static void inline(HttpExchange ex, DemoPage page, boolean success) throws IOException {
        HttpExchanges.send(ex, 200, "text/html; charset=utf-8", success
                ? DemoPages.result("Signed in", "success", "Welcome back, demo")
                : DemoPages.form(page, "error", "Invalid captcha, please try again"));
    }

    private void verifyXhr(HttpExchange ex, DemoPage page) throws IOException {
        Map<String, String> form = HttpExchanges.params(ex, HttpExchanges.body(ex));
        Verification v = verify(form.get(page.widget().responseField()));
        if (page.reaction() == DemoReaction.SILENT) {
            HttpExchanges.send(ex, 204, null, new byte[0]);
            return;
        }
        ObjectNode answer = HttpExchanges.JSON.createObjectNode();
        answer.put("success", v.success);
        if (!v.success) {
            v.errorCodes.forEach(answer.putArray("error-codes")::add);
        }
        HttpExchanges.send(ex, v.unavailable ? 502 : 200, "application/json", HttpExchanges.JSON.writeValueAsBytes(answer));
    }

    private void token(HttpExchange ex) throws IOException {
        HttpExchanges.body(ex);
        Map<String, String> params = HttpExchanges.params(ex, null);
        DemoWidget widget = DemoWidget.byPath(params.getOrDefault("widget", ""));
        if (widget == null) {
            HttpExchanges.send(ex, 400, "application/json", "{\"error\":\"unknown widget\"}");
            return;
        }
        String referer = ex.getRequestHeaders().getFirst("Referer");
        String siteKey = params.getOrDefault("sitekey", widget.siteKey());
        SolvedTask task = emulator.solve(provider, widget.captchaType(), referer != null ? referer : baseUrl() + "/",
                siteKey.isBlank() ? widget.siteKey() : siteKey);
        if ("bad".equals(params.get("quality"))) {
            emulator.markBad(task.taskId());
        }
        ObjectNode answer = HttpExchanges.JSON.createObjectNode();
        answer.put("token", task.token());
        answer.put("provider", task.providerId());
        answer.put("taskId", task.taskId());
        HttpExchanges.send(ex, 200, "application/json", HttpExchanges.JSON.writeValueAsBytes(answer));
    }

    private void staticScript(HttpExchange ex, String path) throws IOException {
        String file = switch (path) {
            case "/static/recaptcha/api.js", "/static/recaptcha/enterprise.js" -> "recaptcha.js";
            case "/static/hcaptcha.js" -> "hcaptcha.js";
            case "/static/turnstile.js" -> "turnstile.js";
            case "/static/funcaptcha.js" -> "funcaptcha.js";
            default -> null;
        };
        if (file == null) {
            HttpExchanges.send(ex, 404, "text/plain; charset=utf-8", "Not found: " + path);
            return;
        }
        String js = "(function () {\n'use strict';\n" + resource("standin-common.js") + "\n" + resource(file) + "\n})();\n";
        HttpExchanges.send(ex, 200, "text/javascript; charset=utf-8", js);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = DemoSite.class.getResourceAsStream("static/" + name)) {
            if (in == null) {
                throw new IOException("missing resource static/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The client for siteverify calls, built on first use (building one costs about a second). */
    private HttpClient http() {
        HttpClient client = http;
        if (client == null) {
            synchronized (this) {
                client = http;
                if (client == null) {
                    client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).executor(executor).build();
                    http = client;
                }
            }
        }
        return client;
    }

    /** What the emulator's siteverify said about a token. */
    record Verification(boolean success, List<String> errorCodes, boolean unavailable) {
    }

    Verification verify(String token) {
        String body = "secret=" + URLEncoder.encode(emulator.siteSecret(), StandardCharsets.UTF_8)
                + "&response=" + URLEncoder.encode(token == null ? "" : token, StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(emulator.siteVerifyUrl()))
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http().send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json = HttpExchanges.JSON.readTree(response.body());
            List<String> codes = new ArrayList<>();
            json.path("error-codes").forEach(c -> codes.add(c.asText()));
            return new Verification(json.path("success").asBoolean(false), codes, false);
        } catch (IOException e) {
            log.warn("demo site cannot reach the emulator's siteverify: {}", e.toString());
            return new Verification(false, List.of("verification-unavailable"), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Verification(false, List.of("verification-unavailable"), true);
        }
    }

    /** Configures a {@link DemoSite}. Not thread-safe. */
    public static final class Builder {
        private final ProviderEmulator emulator;
        private String provider = "ucaptcha";
        private Duration slowDelay = DEFAULT_SLOW_DELAY;
        private int port;

        private Builder(ProviderEmulator emulator) {
            this.emulator = Objects.requireNonNull(emulator, "emulator == null");
        }

        /** How long the slow pages wait before answering (default 1.5 s). */
        public Builder slowDelay(Duration delay) {
            Objects.requireNonNull(delay, "delay == null");
            if (delay.isNegative()) {
                throw new IllegalArgumentException("delay is negative: " + delay);
            }
            this.slowDelay = delay;
            return this;
        }

        /** The emulated provider the widgets' boxes get tokens from (default {@code ucaptcha}). */
        public Builder provider(String provider) {
            emulator.baseUrl(provider); // validates the name
            this.provider = provider;
            return this;
        }

        /** A fixed port (default 0: a free one). */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("not a port: " + port);
            }
            this.port = port;
            return this;
        }

        /** Starts the site on 127.0.0.1. */
        public DemoSite start() {
            try {
                return new DemoSite(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the demo site on port " + port, e);
            }
        }
    }
}
