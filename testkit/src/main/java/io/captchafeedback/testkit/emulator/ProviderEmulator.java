package io.captchafeedback.testkit.emulator;


import io.captchafeedback.testkit.http.HttpExchanges;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.captchafeedback.task.CaptchaType;
import io.captchafeedback.task.SolvedTask;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process emulator of the solving providers' JSON APIs, on 127.0.0.1 and a free port, for tests
 * that must not touch the internet (like OkHttp's {@code MockWebServer}, but stateful and speaking the
 * providers' dialects).
 *
 * <p>Each built-in provider type lives under its own prefix ({@link #baseUrl(String)}, e.g.
 * {@code http://127.0.0.1:PORT/anticaptcha}) with {@code createTask}, {@code getTaskResult},
 * {@code getBalance} and its documented report endpoints ({@code feedbackTask}, {@code reportCorrect},
 * {@code reportIncorrectRecaptcha}, ...). Requests are validated as providers.md documents them and
 * answered with the provider's own success and error shapes: a wrong {@code clientKey}, an unknown task,
 * invalid data, a second report for a task, a report after the window (measured on the emulator's
 * {@link Clock}). Every report that arrives is kept and can be queried ({@link #feedbackFor}).
 *
 * <p>The emulator also decides whether each token it issued is good or bad (good by default; see
 * {@link #badTokenRate}, {@link #markBad}, {@link #scriptNextTokens}) and answers the protected site's
 * {@code POST /siteverify} ({@code secret}, {@code response}) in Google's shape:
 * {@code {"success": false, "error-codes": ["invalid-input-response"]}} for a bad or unknown token,
 * {@code timeout-or-duplicate} for a reused or expired one.
 *
 * <pre>{@code
 * import static org.assertj.core.api.Assertions.assertThat;
 *
 * try (ProviderEmulator emulator = ProviderEmulator.start()) {
 *     ProviderSettings settings = new ProviderSettings("anticaptcha", "anticaptcha",
 *             ApiKey.of(emulator.apiKey("anticaptcha")), URI.create(emulator.baseUrl("anticaptcha")),
 *             null, Map.of());
 *     SolvedTask task = emulator.solve("anticaptcha", CaptchaType.RECAPTCHA_V2, pageUrl, siteKey);
 *     // ... run the code under test ...
 *     assertThat(emulator.feedbackFor("anticaptcha", task.taskId())).hasSize(1);
 * }
 * }</pre>
 *
 * <p>For JUnit 5, start one in {@code @BeforeAll} and close it in {@code @AfterAll}, or per test with
 * try-with-resources; {@link #reset()} forgets every task between tests. Thread-safe.
 */
public final class ProviderEmulator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ProviderEmulator.class);

    /** The {@code secret} the emulator's {@code /siteverify} accepts unless the builder sets another. */
    public static final String DEFAULT_SITE_SECRET = "emulator-site-secret";

    private final Clock clock;
    private final EmulatorState state;
    private final ProviderApi api;
    private final Map<String, String> keys;
    private final String siteSecret;
    private final EmulatorFaults faults;
    private final Map<String, AtomicInteger> requestCounts = new ConcurrentHashMap<>();
    private final ExecutorService executor;
    private final int port;
    private HttpServer server;
    private boolean closed;

    private ProviderEmulator(Builder b) throws IOException {
        this.clock = b.clock;
        this.keys = Map.copyOf(b.keys);
        this.siteSecret = b.siteSecret;
        this.state = new EmulatorState(clock, b.seed, b.solveTime, b.badTokenRate);
        this.api = new ProviderApi(state, keys, new HashMap<>(b.windows));
        this.faults = new EmulatorFaults(this);
        this.executor = HttpExchanges.daemonPool("provider-emulator");
        this.server = bind(b.port);
        this.port = server.getAddress().getPort();
        log.debug("provider emulator listening on {}", baseUrl());
    }

    /** Starts an emulator with the defaults on a free port. */
    public static ProviderEmulator start() {
        return builder().start();
    }

    /** A builder for an emulator with a chosen clock, keys, windows, token quality or port. */
    public static Builder builder() {
        return new Builder();
    }

    /** The provider types this emulator speaks, e.g. {@code ucaptcha}, {@code anticaptcha}. */
    public static List<String> providers() {
        return EmulatedProvider.names();
    }

    /** {@code http://127.0.0.1:PORT}, without a trailing slash. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The base URL an adapter of {@code provider} type should use, e.g. {@code http://127.0.0.1:PORT/ucaptcha}. */
    public String baseUrl(String provider) {
        return baseUrl() + "/" + provider(provider).name();
    }

    /** The same as {@link #baseUrl(String)}, as a URI (what {@code ProviderSettings} takes). */
    public URI baseUri(String provider) {
        return URI.create(baseUrl(provider));
    }

    /** An absolute URL on this emulator for {@code path} (which starts with {@code /}). */
    public String url(String path) {
        Objects.requireNonNull(path, "path == null");
        return baseUrl() + (path.startsWith("/") ? path : "/" + path);
    }

    /** The port it listens on. */
    public int port() {
        return port;
    }

    /** The only {@code clientKey} the emulated provider accepts. */
    public String apiKey(String provider) {
        return keys.get(provider(provider).name());
    }

    /** The {@code secret} that {@code /siteverify} accepts. */
    public String siteSecret() {
        return siteSecret;
    }

    /** The URL a protected site posts {@code secret} and {@code response} to. */
    public String siteVerifyUrl() {
        return url("/siteverify");
    }

    /** The emulator's clock (report windows and token lifetimes are measured on it). */
    public Clock clock() {
        return clock;
    }

    /** The report window of {@code provider} on this emulator, if it has one. */
    public Optional<Duration> reportWindow(String provider) {
        return Optional.ofNullable(api.window(provider(provider).name()));
    }

    /**
     * Creates a task at {@code provider} and returns it solved, as {@code createTask} and
     * {@code getTaskResult} would, without HTTP. The task's {@code solvedAt} is when the emulator
     * considers it ready; {@code providerId} is the provider type.
     */
    public SolvedTask solve(String provider, CaptchaType type, String pageUrl, String siteKey) {
        Objects.requireNonNull(type, "type == null");
        EmulatedTask t = state.create(provider(provider), type, pageUrl, siteKey, null);
        return SolvedTask.builder(t.provider, t.taskId, t.type, t.token)
                .solvedAt(t.readyAt).pageUrl(pageUrl).siteKey(siteKey).build();
    }

    /** The share of new tokens that are bad, from 0 (default) to 1; decided when each task is created. */
    public ProviderEmulator badTokenRate(double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("rate must be within [0, 1]: " + rate);
        }
        state.setBadTokenRate(rate);
        return this;
    }

    /** Scripts the quality of the next tasks created, in order ({@code true} = good); then the rate applies. */
    public ProviderEmulator scriptNextTokens(boolean... good) {
        for (boolean g : good) {
            state.script(g);
        }
        return this;
    }

    /**
     * Makes {@code getTaskResult} answer {@code processing} for the first {@code n} polls of every task
     * created from now on (in addition to the builder's solve time), so that a client's polling can be
     * tested without waiting. 0 (the default) stops it.
     */
    public ProviderEmulator processingPolls(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n is negative: " + n);
        }
        state.setProcessingPolls(n);
        return this;
    }

    /**
     * Makes the next {@code n} tasks created (at any provider) end in the provider's published
     * "could not solve" error ({@code ERROR_CAPTCHA_UNSOLVABLE}, errorId 12 at Anti-Captcha and 2Captcha)
     * instead of a solution.
     */
    public ProviderEmulator unsolvableNext(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n is negative: " + n);
        }
        state.addUnsolvable(n);
        return this;
    }

    /**
     * Empties (or refills) the account at {@code provider}: {@code createTask} answers its published
     * {@code ERROR_ZERO_BALANCE} (errorId 10 at Anti-Captcha) and {@code getBalance} 0.
     */
    public ProviderEmulator zeroBalance(String provider, boolean zero) {
        state.setZeroBalance(provider(provider).name(), zero);
        return this;
    }

    /** How many {@code getTaskResult} requests reached {@code taskId} so far. */
    public int pollCount(String taskId) {
        return state.polls(task(taskId));
    }

    /** Makes the token of {@code taskId} bad: the site's verification will refuse it. */
    public ProviderEmulator markBad(String taskId) {
        state.setGood(task(taskId), false);
        return this;
    }

    /** Makes the token of {@code taskId} good. */
    public ProviderEmulator markGood(String taskId) {
        state.setGood(task(taskId), true);
        return this;
    }

    /** Whether the token of {@code taskId} is good. */
    public boolean isGood(String taskId) {
        EmulatedTask t = task(taskId);
        synchronized (state) {
            return t.good;
        }
    }

    /** Every report that reached {@code provider} for {@code taskId}, recorded or refused, oldest first. */
    public List<ReceivedFeedback> feedbackFor(String provider, String taskId) {
        String name = provider(provider).name();
        return state.feedback().stream().filter(f -> f.provider().equals(name) && f.taskId().equals(taskId)).toList();
    }

    /** How many reports {@code provider} recorded for {@code taskId} (refused ones not counted). */
    public int recordedFeedbackCount(String provider, String taskId) {
        return (int) feedbackFor(provider, taskId).stream().filter(ReceivedFeedback::recorded).count();
    }

    /** Every report that reached any provider, oldest first. */
    public List<ReceivedFeedback> feedback() {
        return state.feedback();
    }

    /** How many HTTP requests reached {@code provider}'s prefix, faulty answers included. */
    public int requestCount(String provider) {
        AtomicInteger n = requestCounts.get(provider(provider).name());
        return n == null ? 0 : n.get();
    }

    /** Every {@code /siteverify} call so far, oldest first. */
    public List<SiteVerification> verifications() {
        return state.verifications();
    }

    /** The fault switches. */
    public EmulatorFaults faults() {
        return faults;
    }

    /** Forgets every task, report, verification and request count, and clears the faults. */
    public ProviderEmulator reset() {
        state.reset();
        requestCounts.clear();
        faults.clear();
        return this;
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        stopListening();
        HttpExchanges.shutdown(executor);
    }

    @Override
    public String toString() {
        return "ProviderEmulator[" + baseUrl() + "]";
    }

    synchronized void stopListening() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    synchronized void startListening() throws IOException {
        if (closed) {
            throw new IllegalStateException("the emulator is closed");
        }
        if (server == null) {
            server = bind(port);
        }
    }

    synchronized boolean isListening() {
        return server != null;
    }

    private HttpServer bind(int port) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        s.createContext("/", this::handle);
        s.setExecutor(executor);
        s.start();
        return s;
    }

    private EmulatedTask task(String taskId) {
        Objects.requireNonNull(taskId, "taskId == null");
        EmulatedTask t = state.anyTask(taskId);
        if (t == null) {
            throw new IllegalArgumentException("no task " + taskId + " on this emulator");
        }
        return t;
    }

    private static EmulatedProvider provider(String name) {
        Objects.requireNonNull(name, "provider == null");
        EmulatedProvider p = EmulatedProvider.named(name);
        if (p == null) {
            throw new IllegalArgumentException("unknown provider '" + name + "'; the emulator speaks " + providers());
        }
        return p;
    }

    private void handle(HttpExchange ex) throws IOException {
        try {
            String path = ex.getRequestURI().getPath();
            if (path.equals("/siteverify")) {
                siteVerify(ex);
                return;
            }
            if (path.equals("/") || path.isEmpty()) {
                HttpExchanges.send(ex, 200, "text/plain; charset=utf-8", index());
                return;
            }
            int slash = path.indexOf('/', 1);
            EmulatedProvider p = EmulatedProvider.named(slash < 0 ? path.substring(1) : path.substring(1, slash));
            if (p == null) {
                HttpExchanges.send(ex, 404, "text/plain; charset=utf-8", "Not found: " + path);
                return;
            }
            requestCounts.computeIfAbsent(p.name(), k -> new AtomicInteger()).incrementAndGet();
            byte[] body = HttpExchanges.body(ex);
            if (applyFaults(ex, p)) {
                return;
            }
            String sub = slash < 0 ? "/" : path.substring(slash);
            if (!"POST".equals(ex.getRequestMethod())) {
                ex.getResponseHeaders().set("Allow", "POST");
                HttpExchanges.send(ex, 405, "text/plain; charset=utf-8", "Method not allowed: use POST");
                return;
            }
            ProviderApi.Answer answer = api.handle(p, sub, body);
            if (answer == null) {
                HttpExchanges.send(ex, 404, "text/plain; charset=utf-8", "Not found: " + path);
                return;
            }
            HttpExchanges.send(ex, answer.status(), "application/json", ProviderApi.JSON.writeValueAsBytes(answer.body()));
        } catch (RuntimeException e) {
            log.warn("provider emulator failed on {} {}", ex.getRequestMethod(), ex.getRequestURI().getPath(), e);
            HttpExchanges.send(ex, 500, "text/plain; charset=utf-8", "Internal emulator error");
        }
    }

    /** Applies the delay and the next queued fault; returns whether the exchange was answered (or cut). */
    private boolean applyFaults(HttpExchange ex, EmulatedProvider p) throws IOException {
        Duration delay = faults.currentDelay();
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ex.close();
                return true;
            }
        }
        EmulatorFaults.Fault fault = faults.takeNext();
        if (fault == null) {
            return false;
        }
        if (fault instanceof EmulatorFaults.Fault.Status s) {
            if (s.retryAfter() != null) {
                ex.getResponseHeaders().set("Retry-After", Long.toString(Math.max(0, s.retryAfter().toSeconds())));
            }
            HttpExchanges.send(ex, s.status(), "text/plain; charset=utf-8", "Emulated failure: HTTP " + s.status());
        } else if (fault instanceof EmulatorFaults.Fault.Busy) {
            EmulatedProvider.Error busy = p.busy();
            if (busy == null) {
                HttpExchanges.send(ex, 503, "text/plain; charset=utf-8", "Emulated failure: HTTP 503");
            } else {
                ProviderApi.Answer answer = ProviderApi.error(busy);
                HttpExchanges.send(ex, answer.status(), "application/json",
                        ProviderApi.JSON.writeValueAsBytes(answer.body()));
            }
        } else if (fault instanceof EmulatorFaults.Fault.Html h) {
            HttpExchanges.send(ex, h.status(), "text/html; charset=utf-8",
                    "<!DOCTYPE html><html><head><title>Maintenance</title></head>"
                            + "<body><h1>We'll be back soon</h1><p>Emulated HTML answer.</p></body></html>");
        } else {
            // Closing before any response headers makes the server drop the connection.
            ex.close();
        }
        return true;
    }

    private void siteVerify(HttpExchange ex) throws IOException {
        byte[] body = HttpExchanges.body(ex);
        Map<String, String> params = HttpExchanges.params(ex, body);
        String secret = params.get("secret");
        String response = params.getOrDefault("response", "");
        Instant now = clock.instant();
        List<String> errors = new ArrayList<>();
        EmulatedTask task = null;
        if (secret == null || secret.isBlank()) {
            errors.add("missing-input-secret");
        } else if (!secret.equals(siteSecret)) {
            errors.add("invalid-input-secret");
        }
        if (response.isBlank()) {
            errors.add("missing-input-response");
        } else {
            task = state.byToken(response);
            if (task == null) {
                errors.add("invalid-input-response");
            } else if (errors.isEmpty()) {
                synchronized (state) {
                    if (task.verified || now.isAfter(task.readyAt.plus(lifetime(task.type)))) {
                        errors.add("timeout-or-duplicate");
                    } else if (!task.good) {
                        errors.add("invalid-input-response");
                    }
                    task.verified = true;
                }
            }
        }
        ObjectNode answer = ProviderApi.JSON.createObjectNode();
        answer.put("success", errors.isEmpty());
        if (errors.isEmpty()) {
            answer.put("challenge_ts", now.toString());
            answer.put("hostname", hostOf(task.pageUrl));
            if (task.type == CaptchaType.RECAPTCHA_V3 || task.type == CaptchaType.RECAPTCHA_ENTERPRISE) {
                answer.put("score", 0.9);
                answer.put("action", task.action == null ? "submit" : task.action);
            }
        } else {
            errors.forEach(answer.putArray("error-codes")::add);
        }
        state.recordVerification(new SiteVerification(response, task == null ? "" : task.taskId,
                errors.isEmpty(), errors, now));
        HttpExchanges.send(ex, 200, "application/json", ProviderApi.JSON.writeValueAsBytes(answer));
    }

    private static Duration lifetime(CaptchaType type) {
        return type == CaptchaType.TURNSTILE ? Duration.ofSeconds(300) : Duration.ofSeconds(120);
    }

    private static String hostOf(String pageUrl) {
        try {
            String host = pageUrl == null ? null : URI.create(pageUrl).getHost();
            return host == null ? "127.0.0.1" : host;
        } catch (IllegalArgumentException e) {
            return "127.0.0.1";
        }
    }

    private String index() {
        StringBuilder sb = new StringBuilder("captcha-feedback provider emulator\n\n");
        for (String name : providers()) {
            sb.append(String.format("%-12s %s%n", name, baseUrl(name)));
        }
        sb.append(String.format("%-12s %s%n", "siteverify", siteVerifyUrl()));
        return sb.toString();
    }

    /**
     * Configures a {@link ProviderEmulator}. Keys default to {@code "<provider>-emulator-key"}; report
     * windows to the documented ones (reGOTCHA 24 h, 2Captcha 15 min, Anti-Captcha 60 s, none
     * elsewhere). Not thread-safe.
     */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private int port;
        private final Map<String, String> keys = new LinkedHashMap<>();
        private final Map<String, Duration> windows = new HashMap<>();
        private double badTokenRate;
        private long seed = System.nanoTime();
        private Duration solveTime = Duration.ZERO;
        private String siteSecret = DEFAULT_SITE_SECRET;

        private Builder() {
            for (EmulatedProvider p : EmulatedProvider.ALL_PROVIDERS) {
                keys.put(p.name(), p.name() + "-emulator-key");
                windows.put(p.name(), p.defaultWindow());
            }
        }

        /** The clock windows and lifetimes are measured on (a {@link ManualClock} in tests). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock == null");
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

        /** The only key {@code provider} accepts. */
        public Builder apiKey(String provider, String key) {
            Objects.requireNonNull(key, "key == null");
            if (key.isBlank()) {
                throw new IllegalArgumentException("key is blank");
            }
            keys.put(provider(provider).name(), key);
            return this;
        }

        /** The report window of {@code provider}, measured from when the task was solved. */
        public Builder reportWindow(String provider, Duration window) {
            Objects.requireNonNull(window, "window == null");
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("window must be positive: " + window);
            }
            windows.put(provider(provider).name(), window);
            return this;
        }

        /** Removes the report window of {@code provider}. */
        public Builder noReportWindow(String provider) {
            windows.put(provider(provider).name(), null);
            return this;
        }

        /** The share of bad tokens, from 0 (default) to 1. */
        public Builder badTokenRate(double rate) {
            if (!(rate >= 0 && rate <= 1)) {
                throw new IllegalArgumentException("rate must be within [0, 1]: " + rate);
            }
            this.badTokenRate = rate;
            return this;
        }

        /** The seed of the random ids, tokens and token qualities (for repeatable runs). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** How long after {@code createTask} {@code getTaskResult} says {@code ready} (default 0). */
        public Builder solveTime(Duration solveTime) {
            Objects.requireNonNull(solveTime, "solveTime == null");
            if (solveTime.isNegative()) {
                throw new IllegalArgumentException("solveTime is negative: " + solveTime);
            }
            this.solveTime = solveTime;
            return this;
        }

        /** The {@code secret} {@code /siteverify} accepts. */
        public Builder siteSecret(String secret) {
            Objects.requireNonNull(secret, "secret == null");
            this.siteSecret = secret;
            return this;
        }

        /** Starts the emulator on 127.0.0.1. */
        public ProviderEmulator start() {
            try {
                return new ProviderEmulator(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the provider emulator on port " + port, e);
            }
        }
    }

}
