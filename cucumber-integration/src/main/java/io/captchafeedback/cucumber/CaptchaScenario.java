package io.captchafeedback.cucumber;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.captchafeedback.CaptchaFeedback;
import io.captchafeedback.task.Outcome;
import io.captchafeedback.PendingVerdict;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.TaskVerdict;
import io.captchafeedback.inject.InjectionResult;
import io.cucumber.java.Scenario;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The captcha side of the scenario running on the current thread: the tasks it named, the browser
 * sessions attached in it, and the verdicts of those sessions only. The glue
 * ({@code io.captchafeedback.cucumber.glue}) starts it in a {@code @Before}
 * hook and finishes it in an {@code @After} hook, which waits (bounded) for the verdicts, writes each
 * into Cucumber's report (a log line and a JSON attachment of media type {@value #MEDIA_TYPE}), hands
 * them to {@link CaptchaFeedbackPlugin} for the run's verdict report, and fails the scenario on a
 * refused token when {@link CucumberCaptchaFeedback#failOnRejectedCaptcha(boolean)} asks.
 *
 * <!-- java: given FoundWidget widget -->
 * <pre>{@code
 * import io.cucumber.java.en.Given;
 *
 * @Given("a solved hCaptcha for the sign-in page")
 * public void solved() {
 *     CaptchaScenario.current().remember("sign-in", solver.solve("capsolver", widget).task());
 * }
 * }</pre>
 *
 * <p>Thread-safety: one instance per scenario, used from the scenario's thread (Cucumber runs each
 * scenario on one thread, also in parallel runs); verdicts arrive from any thread.
 */
public final class CaptchaScenario {
    /** The media type of the verdict attachments in Cucumber's report. */
    public static final String MEDIA_TYPE = "application/vnd.captcha-feedback.verdict+json";
    /** The prefix of the verdict lines logged into Cucumber's report. */
    public static final String LOG_PREFIX = "captcha-feedback: ";

    private static final Logger LOG = LoggerFactory.getLogger(CaptchaScenario.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ThreadLocal<CaptchaScenario> CURRENT = new ThreadLocal<>();

    private final Scenario scenario;
    private final CaptchaFeedback feedback;
    private final Map<String, SolvedTask> tasks = new ConcurrentHashMap<>();
    private final List<Engine> engines = new CopyOnWriteArrayList<>();
    private final Map<String, TaskVerdict> verdicts = new ConcurrentHashMap<>();
    private final List<TaskVerdict> inOrder = new CopyOnWriteArrayList<>();
    private final Consumer<TaskVerdict> listener = this::decided;
    private volatile SolvedTask lastInjected;

    private CaptchaScenario(Scenario scenario, CaptchaFeedback feedback) {
        this.scenario = scenario;
        this.feedback = feedback;
    }

    /**
     * What the engine helpers attach: one browser session's handle, seen through the one contract of
     * both engines (docs/engines.md). Not for test code.
     */
    public interface Engine extends AutoCloseable {
        /** Injects into the session's current page. */
        InjectionResult inject(SolvedTask task);

        /** Waits until the session's tracked tasks are decided, delivering the engine's events. */
        List<TaskVerdict> awaitVerdicts(Duration timeout);

        /** The session's tasks still undecided. */
        List<PendingVerdict> pending();

        /** Listens to the session's own verdicts. */
        void onVerdict(Consumer<TaskVerdict> listener);

        /** Detaches from the browser (never closes it). */
        @Override
        void close();
    }

    /** Starts the scenario's captcha side on this thread (the glue's {@code @Before} hook). */
    public static CaptchaScenario start(Scenario scenario) {
        Objects.requireNonNull(scenario, "scenario == null");
        CaptchaScenario running = CURRENT.get();
        if (running != null && running.scenario.getId().equals(scenario.getId())) {
            return running;
        }
        CaptchaScenario started = new CaptchaScenario(scenario, CucumberCaptchaFeedback.instance());
        CURRENT.set(started);
        return started;
    }

    /**
     * The scenario running on this thread.
     *
     * @throws IllegalStateException outside a scenario, or when no captcha glue package is on the glue path
     */
    public static CaptchaScenario current() {
        CaptchaScenario running = CURRENT.get();
        if (running == null) {
            throw new IllegalStateException("no captcha scenario on this thread: add io.captchafeedback.cucumber.glue"
                    + " to the glue (cucumber.glue), and call this from a step or hook");
        }
        return running;
    }

    /** The scenario running on this thread, if its captcha side was started. */
    public static Optional<CaptchaScenario> running() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** The run's {@link CaptchaFeedback} (to register tasks, or solve with it). */
    public CaptchaFeedback feedback() {
        return feedback;
    }

    /** The Cucumber scenario. */
    public Scenario scenario() {
        return scenario;
    }

    /** Names a solved task so that steps can refer to it ("the captcha token for task "sign-in" is injected"). */
    public CaptchaScenario remember(String name, SolvedTask task) {
        Objects.requireNonNull(name, "name == null");
        tasks.put(name, Objects.requireNonNull(task, "task == null"));
        return this;
    }

    /**
     * The task remembered under {@code name}.
     *
     * @throws IllegalArgumentException naming the tasks there are, when none has that name
     */
    public SolvedTask task(String name) {
        SolvedTask task = tasks.get(name);
        if (task == null) {
            throw new IllegalArgumentException("no captcha task named '" + name + "' in scenario '" + scenario.getName()
                    + "' (remembered: " + tasks.keySet() + "); call CaptchaScenario.current().remember(\"" + name + "\", task) first");
        }
        return task;
    }

    /** Adds a browser session of this scenario (the engine helpers call it); its verdicts are this scenario's. */
    public void attach(Engine engine) {
        engine.onVerdict(listener);
        engines.add(engine);
    }

    /** The sessions attached in this scenario, in order. */
    public List<Engine> engines() {
        return List.copyOf(engines);
    }

    /** Injects the named task into the page of the session attached last. */
    public InjectionResult inject(String name) {
        SolvedTask task = task(name);
        InjectionResult result = lastEngine().inject(task);
        lastInjected = task;
        return result;
    }

    /**
     * Waits for the verdict of the task injected last and checks its outcome.
     *
     * @param outcome an {@link Outcome} name, e.g. {@code ACCEPTED}
     * @throws AssertionError when the outcome differs or no verdict came within the verdict timeout
     */
    public TaskVerdict expectVerdict(String outcome) {
        Outcome expected = outcome(outcome);
        SolvedTask last = lastInjected;
        if (last == null) {
            throw new IllegalStateException("no captcha token was injected in scenario '" + scenario.getName() + "' yet");
        }
        return expectVerdict(last, expected);
    }

    /**
     * Waits for the verdict of the task remembered under {@code name} and checks its outcome.
     *
     * @throws AssertionError when the outcome differs or no verdict came within the verdict timeout
     */
    public TaskVerdict expectVerdict(String name, String outcome) {
        Outcome expected = outcome(outcome);
        return expectVerdict(task(name), expected);
    }

    private TaskVerdict expectVerdict(SolvedTask task, Outcome expected) {
        TaskVerdict verdict = awaitVerdictOf(task, CucumberCaptchaFeedback.verdictTimeoutValue())
                .orElseThrow(() -> new AssertionError("no captcha verdict for task " + task.key() + " within "
                        + CucumberCaptchaFeedback.verdictTimeoutValue().toMillis() + " ms"));
        if (verdict.verdict().outcome() != expected) {
            throw new AssertionError("the captcha verdict for task " + task.key() + " is " + verdict.verdict().outcome()
                    + " (rule '" + verdict.verdict().evidence().rule() + "'), expected " + expected);
        }
        return verdict;
    }

    /** The verdicts of this scenario's sessions decided so far, in the order they were decided. */
    public List<TaskVerdict> verdicts() {
        return List.copyOf(inOrder);
    }

    private Optional<TaskVerdict> awaitVerdictOf(SolvedTask task, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            TaskVerdict found = verdicts.get(task.key());
            if (found != null) {
                return Optional.of(found);
            }
            Duration left = remaining(deadline);
            if (left.isZero()) {
                return Optional.empty();
            }
            Duration slice = left.compareTo(Duration.ofMillis(250)) < 0 ? left : Duration.ofMillis(250);
            for (Engine engine : engines) {
                engine.awaitVerdicts(slice);
            }
            if (engines.isEmpty()) {
                sleep(slice);
            }
        }
    }

    /**
     * Ends the scenario (the glue's {@code @After} hook): waits for the pending verdicts and their
     * reports, writes them into Cucumber's report, hands them to the run's report, detaches the sessions,
     * and fails on a refused token when so configured. Nothing here throws except that failure.
     */
    public void finish() {
        CURRENT.remove();
        Duration timeout = CucumberCaptchaFeedback.verdictTimeoutValue();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (Engine engine : engines) {
                try {
                    engine.awaitVerdicts(remaining(deadline));
                    for (PendingVerdict pending : engine.pending()) {
                        pending.awaitVerdict(remaining(deadline)); // it settles itself on the feedback's timer
                    }
                } catch (RuntimeException e) {
                    LOG.warn("waiting for the verdicts of scenario '{}' failed; going on", scenario.getName(), e);
                }
            }
        } finally {
            for (Engine engine : engines) {
                try {
                    engine.close();
                } catch (RuntimeException e) {
                    LOG.debug("detaching {} failed", engine, e);
                }
            }
        }
        List<TaskVerdict> decided = verdicts();
        TaskVerdict.awaitReports(decided, remaining(deadline));
        for (TaskVerdict verdict : decided) {
            try {
                scenario.log(LOG_PREFIX + describe(verdict));
                scenario.attach(json(verdict), MEDIA_TYPE, "captcha verdict " + verdict.task().key());
            } catch (RuntimeException e) {
                LOG.warn("the verdict of task {} could not be written into Cucumber's report", verdict.task().key(), e);
            }
        }
        CaptchaFeedbackPlugin.scenarioDone(scenario.getId(), decided);
        List<TaskVerdict> refused = decided.stream()
                .filter(v -> v.verdict().outcome() == Outcome.REJECTED_CAPTCHA).collect(Collectors.toList());
        if (CucumberCaptchaFeedback.failsOnRejectedCaptcha() && !refused.isEmpty() && !scenario.isFailed()) {
            throw new AssertionError("the site refused the captcha token" + (refused.size() > 1 ? "s" : "") + ": "
                    + refused.stream().map(v -> "task " + v.task().key() + " by rule '" + v.verdict().evidence().rule() + "'")
                    .collect(Collectors.joining("; ")));
        }
    }

    /** One line per verdict, as logged into Cucumber's report. */
    static String describe(TaskVerdict verdict) {
        return "task " + verdict.task().key() + " " + verdict.verdict().outcome() + " (rule '"
                + verdict.verdict().evidence().rule() + "'), report " + delivery(verdict);
    }

    /** The verdict as the JSON attachment carries it (no token, no key). */
    static byte[] json(TaskVerdict verdict) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("provider", verdict.task().providerId());
        fields.put("taskId", verdict.task().taskId());
        fields.put("type", String.valueOf(verdict.task().type()));
        fields.put("outcome", verdict.verdict().outcome().name());
        fields.put("rule", verdict.verdict().evidence().rule());
        fields.put("report", delivery(verdict));
        try {
            return JSON.writeValueAsString(fields).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a verdict as JSON", e);
        }
    }

    private static String delivery(TaskVerdict verdict) {
        return verdict.report().result().isDone() && !verdict.report().result().isCompletedExceptionally()
                ? String.valueOf(verdict.report().result().join()) : "PENDING";
    }

    private void decided(TaskVerdict verdict) {
        if (verdicts.putIfAbsent(verdict.task().key(), verdict) == null) {
            inOrder.add(verdict);
        }
    }

    private Engine lastEngine() {
        if (engines.isEmpty()) {
            throw new IllegalStateException("no browser is attached in scenario '" + scenario.getName()
                    + "': call SeleniumCaptchaScenario.attach(driver) or PlaywrightCaptchaScenario.attach(page) first");
        }
        return engines.get(engines.size() - 1);
    }

    private static Outcome outcome(String name) {
        try {
            return Outcome.valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + name + "' is not a captcha verdict; one of " + Arrays.toString(Outcome.values()));
        }
    }


    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(Math.max(1, d.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "CaptchaScenario[" + scenario.getName() + ", " + new ArrayList<>(tasks.keySet()) + "]";
    }
}
