package io.captchafeedback.solve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.provider.ProviderRegistry;
import io.captchafeedback.provider.ProviderSettings;
import io.captchafeedback.provider.ProviderTypes;
import io.captchafeedback.provider.TaskAnswers;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buys solutions from the configured providers through their {@code createTask}/{@code getTaskResult}
 * API (uCaptcha, reGOTCHA, CapSolver, Anti-Captcha, CapMonster Cloud, 2Captcha's v2 API): same keys,
 * base URLs and shared HTTP client as the feedback adapters ({@link ProviderRegistry}).
 *
 * <p>A solve creates the task ({@link TaskTypes} maps the widget to the provider's task type), polls
 * {@code getTaskResult} on the provider's {@link PollingPlan} until {@code ready} or the deadline, and
 * builds the {@link SolvedTask} from the answer with {@link TaskAnswers}. A temporary refusal (no free
 * worker, rate limit, HTTP 5xx or 429, a connection failure while polling) is retried on the plan's
 * interval within the deadline; a connection failure on {@code createTask} is not (the task may exist
 * and be charged). Errors are typed ({@link SolveException}).
 *
 * <pre>{@code
 * try (Solver solver = Solver.builder(providers).deadline(Duration.ofMinutes(2)).build()) {
 *     Solution solution = solver.solve("anticaptcha", widget);                     // blocks
 *     CompletableFuture<Solution> later = solver.solveAsync(widget,
 *             SolvePolicy.of("capsolver", "anticaptcha"));                          // while the form is filled
 * }
 * }</pre>
 *
 * <p>{@link #solve} blocks for up to the deadline: never call it from an engine's event handler or a
 * listener; use {@link #solveAsync} there.
 *
 * <p>Waits between polls are timers on one daemon thread ({@code captcha-feedback-solve}); requests run on
 * the HTTP client's threads; no thread sleeps. One DEBUG line per request on the logger
 * {@code io.captchafeedback.solve} (provider id, path, task id, outcome), never a key, body or token.
 * Thread-safe; {@link #close()} stops the timer thread (solves in flight then fail).
 */
public final class Solver implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("io.captchafeedback.solve");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType JSON_TYPE = MediaType.get("application/json");

    /** Codes meaning "not now, ask again": the providers' busy and rate-limit answers. */
    private static final Set<String> TEMPORARY = Set.of("ERROR_NO_SLOT_AVAILABLE", "ERROR_SERVICE_UNAVALIABLE",
            "ERROR_SERVICE_UNAVAILABLE", "ERROR_RATE_LIMIT", "ERROR_TOO_MUCH_REQUESTS", "ERROR_NO_SLOT");
    private static final Set<String> ZERO_BALANCE = Set.of("ERROR_ZERO_BALANCE", "ERROR_INSUFFICIENT_BALANCE");
    private static final Set<String> BAD_KEY = Set.of("ERROR_KEY_DOES_NOT_EXIST", "ERROR_KEY_DENIED_ACCESS",
            "ERROR_WRONG_USER_KEY", "ERROR_INVALID_KEY", "ERROR_ACCOUNT_SUSPENDED");
    private static final Set<String> UNSOLVABLE = Set.of("ERROR_CAPTCHA_UNSOLVABLE", "ERROR_TASK_TIMEOUT",
            "ERROR_RECAPTCHA_TIMEOUT", "ERROR_PROXY_CONNECT_REFUSED", "ERROR_FAILED", "ERROR_TASK_FAILED");
    private static final Set<String> UNSUPPORTED = Set.of("ERROR_TASK_NOT_SUPPORTED", "ERROR_TASK_ABSENT",
            "ERROR_NO_SUCH_METHOD");

    private final ProviderRegistry providers;
    private final Clock clock;
    private final Duration deadline;
    private final PollingPlan defaultPlan;
    private final Map<String, PollingPlan> plans;
    private final SolveStatistics statistics;
    private final ScheduledExecutorService timer;
    private final Map<String, OkHttpClient> clients = new ConcurrentHashMap<>();
    private final Set<Run> running = ConcurrentHashMap.newKeySet();

    private Solver(Builder b) {
        this.providers = b.providers;
        this.clock = b.clock;
        this.deadline = b.deadline;
        this.defaultPlan = b.defaultPlan;
        this.plans = Map.copyOf(b.plans);
        this.statistics = b.statistics;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "captcha-feedback-solve");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts a builder over the configured providers. */
    public static Builder builder(ProviderRegistry providers) {
        return new Builder(providers);
    }

    /**
     * Solves {@code widget} at one provider, blocking until the solution, an error or the deadline.
     *
     * @throws SolveException the typed reason no solution came
     * @throws IllegalArgumentException when {@code providerId} is not configured
     */
    public Solution solve(String providerId, FoundWidget widget) {
        return join(solveAsync(providerId, widget));
    }

    /** Solves {@code widget} under a fallback policy, blocking. The last error carries the earlier ones as suppressed. */
    public Solution solve(FoundWidget widget, SolvePolicy policy) {
        return join(solveAsync(widget, policy));
    }

    /**
     * Solves {@code widget} at one provider without blocking: start it when the widget is found, fill the
     * rest of the form, then take the solution. The future completes exceptionally with a
     * {@link SolveException} (never anything else on purpose) and at the latest at the deadline plus one
     * request timeout. Cancelling it stops the polling.
     *
     * @throws IllegalArgumentException when {@code providerId} is not configured
     */
    public CompletableFuture<Solution> solveAsync(String providerId, FoundWidget widget) {
        Objects.requireNonNull(widget, "widget == null");
        Run run;
        try {
            run = new Run(target(providerId), widget, clock.instant().plus(deadline));
        } catch (SolveException e) {
            statistics.failed(providerId, e);
            return CompletableFuture.failedFuture(e);
        }
        return run.start();
    }

    /**
     * {@link #solveAsync(String, FoundWidget)} under a fallback policy; cancelling the future cancels the
     * solve in flight.
     *
     * @throws IllegalArgumentException when a provider of the policy is not configured
     */
    public CompletableFuture<Solution> solveAsync(FoundWidget widget, SolvePolicy policy) {
        Objects.requireNonNull(widget, "widget == null");
        Objects.requireNonNull(policy, "policy == null");
        for (String id : policy.order()) {
            requireConfigured(id);
        }
        CompletableFuture<Solution> out = new CompletableFuture<>();
        attempt(widget, policy, 0, new ArrayList<>(), out);
        return out;
    }

    /** Tries provider {@code index}; cancelling {@code out} cancels the solve in flight. */
    private void attempt(FoundWidget widget, SolvePolicy policy, int index, List<SolveException> failures,
            CompletableFuture<Solution> out) {
        String id = policy.order().get(index);
        CompletableFuture<Solution> current = solveAsync(id, widget);
        out.whenComplete((s, e) -> {
            if (out.isCancelled()) {
                current.cancel(false);
            }
        });
        current.whenComplete((solution, error) -> {
            if (error == null) {
                out.complete(solution.after(failures));
                return;
            }
            SolveException e = unwrap(error);
            failures.add(e);
            if (index + 1 < policy.order().size() && policy.fallsBackOn(e) && !out.isDone()) {
                LOG.debug("{}: {} ({}), trying {}", id, e.getClass().getSimpleName(), e.code(),
                        policy.order().get(index + 1));
                attempt(widget, policy, index + 1, failures, out);
                return;
            }
            failures.subList(0, failures.size() - 1).forEach(e::addSuppressed);
            out.completeExceptionally(e);
        });
    }

    /** The statistics this solver records into. */
    public SolveStatistics statistics() {
        return statistics;
    }

    /** Stops the timer thread; solves in flight fail at once ({@code CLOSED}). Idempotent. */
    @Override
    public void close() {
        timer.shutdownNow();
        for (Run run : List.copyOf(running)) {
            run.closed();
        }
    }

    @Override
    public String toString() {
        return "Solver[" + providers + ", deadline=" + deadline + "]";
    }

    private void requireConfigured(String providerId) {
        Objects.requireNonNull(providerId, "providerId == null");
        if (providers.settings(providerId).isEmpty()) {
            throw new IllegalArgumentException("no provider '" + providerId + "' is configured; configured: "
                    + providers.ids());
        }
    }

    private Target target(String providerId) {
        requireConfigured(providerId);
        ProviderSettings settings = providers.settings(providerId).orElseThrow();
        String type = settings.type().toLowerCase(Locale.ROOT);
        HttpUrl base = providers.baseUrl(providerId).orElse(null);
        if (!TaskTypes.solves(type) || base == null) {
            throw new SolveException.Unsupported(providerId, "", "type '" + settings.type()
                    + "' has no createTask/getTaskResult support here (solving speaks " + List.of(ProviderTypes.UCAPTCHA,
                    ProviderTypes.REGOTCHA, ProviderTypes.CAPSOLVER, ProviderTypes.ANTICAPTCHA, ProviderTypes.CAPMONSTER,
                    ProviderTypes.TWOCAPTCHA) + ")");
        }
        // no silent resend by OkHttp: a createTask sent twice may be two paid tasks
        OkHttpClient client = clients.computeIfAbsent(providerId, id -> providers.httpClient().newBuilder()
                .retryOnConnectionFailure(false)
                .callTimeout(settings.timeout()).connectTimeout(settings.timeout())
                .readTimeout(settings.timeout()).writeTimeout(settings.timeout()).build());
        return new Target(settings, type, base, client, plans.getOrDefault(providerId,
                defaultPlan != null ? defaultPlan : PollingPlan.recommended(type)));
    }

    private static Solution join(CompletableFuture<Solution> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(false);
            throw new SolveException.ProviderError("(interrupted)", "", null, "interrupted while waiting for a solution", e);
        }
    }

    private static SolveException unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof SolveException s) {
            return s;
        }
        return new SolveException.ProviderError("(unknown)", "", null, "unexpected failure: " + t, t);
    }

    /** One configured provider as the solver calls it. */
    private record Target(ProviderSettings settings, String type, HttpUrl base, OkHttpClient client, PollingPlan plan) {
        String id() {
            return settings.id();
        }

        boolean integerIds() {
            return type.equals(ProviderTypes.ANTICAPTCHA) || type.equals(ProviderTypes.TWOCAPTCHA)
                    || type.equals(ProviderTypes.CAPMONSTER);
        }

        HttpUrl url(String path) {
            String prefix = base.toString();
            return HttpUrl.get((prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix) + path);
        }
    }

    /** An answer: the HTTP status and the JSON body, or the failure that prevented one. */
    private record Answer(int status, JsonNode body, IOException failure) {
        String code() {
            if (body != null && body.hasNonNull("errorCode") && !body.get("errorCode").asText().isBlank()) {
                return body.get("errorCode").asText().trim().toUpperCase(Locale.ROOT);
            }
            return failure != null ? "CONNECTION" : "HTTP " + status;
        }

        boolean isError() {
            return body == null || body.path("errorId").asInt(0) != 0 || status >= 400;
        }

        String description() {
            if (body != null && body.hasNonNull("errorDescription")) {
                return body.get("errorDescription").asText();
            }
            if (failure != null) {
                return failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
            }
            return body == null ? "an answer that is not the provider's JSON (HTTP " + status + ")" : "HTTP " + status;
        }

        boolean temporary() {
            return failure != null || status == 429 || status >= 500 || TEMPORARY.contains(code());
        }
    }

    /** One solve at one provider: create, poll, build. */
    private final class Run {
        private final Target target;
        private final FoundWidget widget;
        private final Instant until;
        private final CompletableFuture<Solution> result = new CompletableFuture<>();
        private final java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();
        private ObjectNode task;
        private volatile String taskId;
        private volatile Instant createdAt;
        private volatile int polls;

        Run(Target target, FoundWidget widget, Instant until) {
            this.target = target;
            this.widget = widget;
            this.until = until;
        }

        CompletableFuture<Solution> start() {
            task = TaskTypes.task(target.type(), widget).orElse(null);
            if (task == null) {
                return fail(new SolveException.Unsupported(target.id(), "", "takes no task for a " + widget.taskType()
                        + " widget here (see docs/solving.md)"));
            }
            statistics.attempted(target.id());
            running.add(this);
            result.whenComplete((s, e) -> running.remove(this));
            if (timer.isShutdown()) {
                return closed();
            }
            create();
            // the deadline bounds the future even if a request hangs past its own timeout
            Duration left = Duration.between(clock.instant(), until).plus(target.settings().timeout());
            try {
                java.util.concurrent.ScheduledFuture<?> guard = timer.schedule(
                        () -> fail(timeout("no answer before the deadline")), Math.max(0, left.toMillis()),
                        TimeUnit.MILLISECONDS);
                result.whenComplete((s, e) -> guard.cancel(false));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                closed();
            }
            return result;
        }

        private void create() {
            ObjectNode body = JSON.createObjectNode();
            body.put("clientKey", target.settings().apiKey().reveal());
            if (target.type().equals(ProviderTypes.CAPSOLVER)) {
                target.settings().option("appId").ifPresent(appId -> body.put("appId", appId));
            }
            body.set("task", task);
            createdAt = clock.instant();
            post("/createTask", body).thenAccept(a -> guarded(() -> created(a)));
        }

        private void created(Answer a) {
            if (result.isDone()) {
                return;
            }
            if (a.isError()) {
                if (a.failure() == null && a.temporary() && later(target.plan().interval())) {
                    schedule(target.plan().interval(), this::create);
                    return;
                }
                fail(classify(a, "createTask"));
                return;
            }
            JsonNode id = a.body().get("taskId");
            if (id == null || !(id.isTextual() || id.isIntegralNumber()) || id.asText().isBlank()) {
                fail(new SolveException.ProviderError(target.id(), "NO_TASK_ID", null,
                        "createTask answered without a taskId", null));
                return;
            }
            taskId = id.asText();
            if ("ready".equals(a.body().path("status").asText()) && a.body().has("solution")) {
                ready(a.body(), clock.instant());   // CapSolver answers some tasks at once
                return;
            }
            if (!later(target.plan().firstDelay())) {
                fail(timeout("the first poll would come after the deadline"));
                return;
            }
            schedule(target.plan().firstDelay(), this::poll);
        }

        private void poll() {
            ObjectNode body = JSON.createObjectNode();
            body.put("clientKey", target.settings().apiKey().reveal());
            if (target.integerIds() && taskId.matches("[0-9]{1,18}")) {
                body.put("taskId", Long.parseLong(taskId));
            } else {
                body.put("taskId", taskId);
            }
            Instant sentAt = clock.instant();
            polls++;
            post("/getTaskResult", body).thenAccept(a -> guarded(() -> polled(a, sentAt)));
        }

        private void polled(Answer a, Instant sentAt) {
            if (result.isDone()) {
                return;
            }
            if (a.isError()) {
                if (a.temporary() || a.body() == null) {   // polling is idempotent: a proxy's page is asked again
                    pollAgain();
                } else {
                    fail(classify(a, "getTaskResult"));
                }
                return;
            }
            String status = a.body().path("status").asText("");
            switch (status) {
                case "ready" -> ready(a.body(), sentAt);
                case "processing", "idle", "" -> pollAgain();
                case "failed" -> fail(new SolveException.Unsolvable(target.id(), a.code().startsWith("HTTP") ? "failed"
                        : a.code(), taskId, "task " + taskId + " failed: " + a.description()));
                default -> fail(new SolveException.ProviderError(target.id(), "status " + status, taskId,
                        "getTaskResult answered an unknown status '" + status + "' for task " + taskId, null));
            }
        }

        private void pollAgain() {
            if (!later(target.plan().interval())) {
                fail(timeout("still not ready after " + polls + " polls"));
                return;
            }
            schedule(target.plan().interval(), this::poll);
        }

        private void ready(JsonNode answer, Instant sentAt) {
            String name = task.get("type").asText();
            SolvedTask built;
            try {
                built = TaskAnswers.solvedTask(target.id(), taskId, name, answer, sentAt).build();
            } catch (IllegalArgumentException e) {
                fail(new SolveException.ProviderError(target.id(), "BAD_ANSWER", taskId, e.getMessage(), null));
                return;
            }
            SolvedTask solved = SolvedTask.builder(target.id(), taskId, widget.taskType(), built.token())
                    .solvedAt(built.solvedAt())
                    .pageUrl(widget.pageUrl())
                    .siteKey(widget.siteKey())
                    .providerTaskType(name)
                    .build();
            Duration solveTime = solveTime(answer, built.solvedAt());
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            statistics.solved(solved, solveTime);
            LOG.debug("{}: task {} solved in {} after {} polls", target.id(), taskId, solveTime, polls);
            result.complete(new Solution(solved, widget, solveTime, polls, List.of()));
        }

        private Duration solveTime(JsonNode answer, Instant solvedAt) {
            JsonNode created = answer.get("createTime");
            JsonNode ended = answer.get("endTime");
            if (created != null && ended != null && created.canConvertToLong() && ended.canConvertToLong()
                    && ended.asLong() >= created.asLong() && created.asLong() > 0) {
                return Duration.ofSeconds(ended.asLong() - created.asLong());
            }
            Duration measured = Duration.between(createdAt, solvedAt);
            return measured.isNegative() ? Duration.ZERO : measured;
        }

        private SolveException classify(Answer a, String request) {
            String code = a.code();
            // a provider may echo the key in its description: never pass it on
            String what = (request + (taskId == null ? "" : " (task " + taskId + ")") + " answered " + code
                    + ": " + a.description()).replace(target.settings().apiKey().reveal(), "[redacted]");
            if (ZERO_BALANCE.contains(code)) {
                return new SolveException.ZeroBalance(target.id(), code, taskId, what);
            }
            if (BAD_KEY.contains(code) || a.status() == 401) {
                return new SolveException.BadKey(target.id(), code, taskId, what);
            }
            if (UNSOLVABLE.contains(code)) {
                return new SolveException.Unsolvable(target.id(), code, taskId, what);
            }
            if (UNSUPPORTED.contains(code)) {
                return new SolveException.Unsupported(target.id(), code, what);
            }
            return new SolveException.ProviderError(target.id(), code, taskId, what, a.failure());
        }

        private SolveException timeout(String why) {
            return new SolveException.Timeout(target.id(), taskId, "no solution within " + deadline
                    + (taskId == null ? "" : " for task " + taskId) + ": " + why);
        }

        private boolean later(Duration wait) {
            return !clock.instant().plus(wait).isAfter(until);
        }

        /** Runs one step; a bug in it ends the run with an error instead of leaving it to the deadline. */
        private void guarded(Runnable step) {
            try {
                step.run();
            } catch (RuntimeException e) {
                LOG.warn("{}: solving task {} failed unexpectedly", target.id(), taskId, e);
                fail(new SolveException.ProviderError(target.id(), "INTERNAL", taskId, "unexpected failure: " + e, e));
            }
        }

        private void schedule(Duration wait, Runnable action) {
            try {
                timer.schedule(() -> {
                    if (!result.isDone()) {
                        guarded(action);
                    }
                }, wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                closed();
            }
        }

        /** Ends the run because the solver was closed. */
        CompletableFuture<Solution> closed() {
            return fail(new SolveException.ProviderError(target.id(), "CLOSED", taskId, "the solver was closed"
                    + (taskId == null ? "" : " while task " + taskId + " was being solved"), null));
        }

        /** Ends the run with {@code e} unless it has ended; statistics first, so that a caller woken by it sees them. */
        private CompletableFuture<Solution> fail(SolveException e) {
            if (finished.compareAndSet(false, true)) {
                statistics.failed(target.id(), e);
                LOG.debug("{}: {} ({})", target.id(), e.getClass().getSimpleName(), e.code());
                result.completeExceptionally(e);
            }
            return result;
        }

        private CompletableFuture<Answer> post(String path, ObjectNode body) {
            CompletableFuture<Answer> answer = new CompletableFuture<>();
            byte[] bytes;
            try {
                bytes = JSON.writeValueAsBytes(body);
            } catch (IOException e) {
                answer.complete(new Answer(0, null, e));
                return answer;
            }
            Request request = new Request.Builder().url(target.url(path))
                    .header("User-Agent", "captcha-feedback")
                    .post(RequestBody.create(bytes, JSON_TYPE)).build();
            target.client().newCall(request).enqueue(new Callback() {
                @Override
                public void onFailure(Call call, IOException e) {
                    LOG.debug("{}: {} task {} -> {}", target.id(), path, taskId == null ? "-" : taskId, e.getClass().getSimpleName());
                    answer.complete(new Answer(0, null, e));
                }

                @Override
                public void onResponse(Call call, Response response) {
                    try (response) {
                        ResponseBody rb = response.body();
                        String text = rb == null ? "" : rb.string();
                        JsonNode node = null;
                        try {
                            JsonNode parsed = JSON.readTree(text);
                            node = parsed != null && parsed.isObject() && parsed.has("errorId") ? parsed : null;
                        } catch (IOException notJson) {
                            node = null;
                        }
                        Answer a = new Answer(response.code(), node, null);
                        LOG.debug("{}: {} task {} -> HTTP {} {}", target.id(), path, taskId == null ? "-" : taskId, response.code(),
                                a.isError() ? a.code() : node.path("status").asText("created"));
                        answer.complete(a);
                    } catch (IOException e) {
                        answer.complete(new Answer(0, null, e));
                    } catch (RuntimeException e) {
                        answer.complete(new Answer(0, null, new IOException(e.toString(), e)));
                    }
                }
            });
            return answer;
        }
    }

    /**
     * Configures a {@link Solver}: the deadline of one solve (default 3 minutes), polling plans, the clock
     * deadlines are measured on and where statistics go. Not thread-safe.
     */
    public static final class Builder {
        private final ProviderRegistry providers;
        private Clock clock = Clock.systemUTC();
        private Duration deadline = Duration.ofMinutes(3);
        private PollingPlan defaultPlan;
        private final Map<String, PollingPlan> plans = new HashMap<>();
        private SolveStatistics statistics = new SolveStatistics();

        private Builder(ProviderRegistry providers) {
            this.providers = Objects.requireNonNull(providers, "providers == null");
        }

        /** The longest one solve at one provider may take, polls included (default 3 minutes). */
        public Builder deadline(Duration deadline) {
            Objects.requireNonNull(deadline, "deadline == null");
            if (deadline.isNegative() || deadline.isZero()) {
                throw new IllegalArgumentException("deadline must be positive: " + deadline);
            }
            this.deadline = deadline;
            return this;
        }

        /** The polling plan of one provider id (default: {@link PollingPlan#recommended} for its type). */
        public Builder polling(String providerId, PollingPlan plan) {
            plans.put(Objects.requireNonNull(providerId, "providerId == null"),
                    Objects.requireNonNull(plan, "plan == null"));
            return this;
        }

        /** The polling plan of every provider without its own (tests use short ones). */
        public Builder polling(PollingPlan plan) {
            this.defaultPlan = Objects.requireNonNull(plan, "plan == null");
            return this;
        }

        /** The clock deadlines and solve times are measured on. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock == null");
            return this;
        }

        /** Where solve outcomes are counted (default: a new {@link SolveStatistics}). */
        public Builder statistics(SolveStatistics statistics) {
            this.statistics = Objects.requireNonNull(statistics, "statistics == null");
            return this;
        }

        /** The solver. */
        public Solver build() {
            return new Solver(this);
        }
    }
}
