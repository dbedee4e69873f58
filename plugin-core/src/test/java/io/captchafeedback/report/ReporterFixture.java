package io.captchafeedback.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.captchafeedback.task.CaptchaType;
import io.captchafeedback.task.Evidence;
import io.captchafeedback.task.Outcome;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.task.Verdict;
import io.captchafeedback.provider.ApiKey;
import io.captchafeedback.provider.ProviderRegistry;
import io.captchafeedback.provider.ProviderSettings;
import io.captchafeedback.provider.ProviderTypes;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The shared fixture of the reporter tests, public for the verdict report's tests too: a generic
 * {@code feedbackTask} provider (id {@value #PROVIDER})
 * pointed at a local stub, reporters with fast retries, tasks, verdicts and bounded waits. Reporters and
 * registries opened through it are closed after each test (reporters first).
 *
 * <pre>{@code
 * @RegisterExtension final ReporterFixture fixture = new ReporterFixture();
 * FeedbackReporter reporter = fixture.open(fixture.builder(outbox, stubUrl));
 * }</pre>
 */
public final class ReporterFixture implements AfterEachCallback {
    public static final String PROVIDER = "stub";
    public static final ApiKey KEY = ApiKey.of("report-test-key-7f3a91c2");
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
    /** The longest any test waits for a result. */
    public static final Duration WAIT = Duration.ofSeconds(20);
    public static final RetryPolicy FAST_RETRY = RetryPolicy.builder()
            .withBackoff(Duration.ofMillis(20), Duration.ofMillis(200)).withJitter(0.2).build();

    /** A base URL where nothing listens (connections are refused at once). */
    public static final URI UNREACHABLE = URI.create("http://127.0.0.1:9");

    private final List<AutoCloseable> open = Collections.synchronizedList(new ArrayList<>());

    /**
     * A registry with one generic provider at {@code baseUrl} that answers a repeat "already recorded"
     * (like {@link RecordingProvider}); {@code window} may be {@code null}.
     */
    public ProviderRegistry registry(URI baseUrl, Duration window) {
        return registry(baseUrl, window, true);
    }

    /** Like {@link #registry(URI, Duration)}; {@code answersRepeats = false} for a provider like uCaptcha. */
    public ProviderRegistry registry(URI baseUrl, Duration window, boolean answersRepeats) {
        Map<String, String> options = new HashMap<>();
        options.put("answersRepeats", String.valueOf(answersRepeats));
        if (window != null) {
            options.put("window", window.toMillis() + "ms");
        }
        ProviderRegistry registry = ProviderRegistry.create(List.of(new ProviderSettings(PROVIDER,
                ProviderTypes.GENERIC, KEY, baseUrl, REQUEST_TIMEOUT, options)));
        open.add(registry);
        return registry;
    }

    /** A builder for a reporter on {@code outbox} with fast retries and no breaker. */
    public FeedbackReporter.Builder builder(Path outbox, URI baseUrl) {
        return builder(outbox, baseUrl, null);
    }

    public FeedbackReporter.Builder builder(Path outbox, URI baseUrl, Duration window) {
        return builder(outbox, baseUrl, window, true);
    }

    /** {@code answersRepeats = false}: a provider like uCaptcha, whose API has no answer to a repeated report. */
    public FeedbackReporter.Builder builder(Path outbox, URI baseUrl, Duration window, boolean answersRepeats) {
        return FeedbackReporter.builder()
                .registry(registry(baseUrl, window, answersRepeats))
                .outbox(outbox)
                .retry(FAST_RETRY)
                .breaker(BreakerPolicy.disabled())
                .closeTimeout(Duration.ofSeconds(5));
    }

    /** Builds and remembers the reporter for closing. */
    public FeedbackReporter open(FeedbackReporter.Builder builder) {
        FeedbackReporter reporter = builder.build();
        open.add(0, reporter);
        return reporter;
    }

    public static SolvedTask task(String taskId) {
        return task(taskId, "shop.example");
    }

    public static SolvedTask task(String taskId, String site) {
        return SolvedTask.builder(PROVIDER, taskId, CaptchaType.RECAPTCHA_V2, "03AGdBq2-token-" + taskId)
                .pageUrl("https://" + site + "/login").build();
    }

    public static SolvedTask solvedAt(String taskId, Instant solvedAt) {
        return task(taskId).toBuilder().solvedAt(solvedAt).build();
    }

    public static Verdict verdict(Outcome outcome) {
        return Verdict.of(outcome, Evidence.of("test-rule", Evidence.Observation.of("response", "POST /login")));
    }

    public static Verdict rejected() {
        return verdict(Outcome.REJECTED_CAPTCHA);
    }

    public static Verdict accepted() {
        return verdict(Outcome.ACCEPTED);
    }

    public static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("no result within " + WAIT + ": " + e, e);
        }
    }

    public static DeliveryStatus result(ReportHandle handle) {
        return await(handle.result());
    }

    public static void assertAll(List<ReportHandle> handles, DeliveryStatus expected) {
        for (ReportHandle h : handles) {
            assertThat(result(h)).as(h.key()).isEqualTo(expected);
        }
    }

    /** A handle decided at once without a request, as the reporter makes for a verdict that sends nothing. */
    public static ReportHandle decided(String key, DeliveryStatus status, String why) {
        return ReportHandle.decided(key, status, why);
    }

    /** A handle already durable whose delivery completes {@code delivery}. */
    public static ReportHandle handle(String key, CompletableFuture<Delivery> delivery) {
        return new ReportHandle(key, CompletableFuture.completedFuture(null), delivery);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        List<AutoCloseable> copy;
        synchronized (open) {
            copy = new ArrayList<>(open);
            open.clear();
        }
        for (AutoCloseable c : copy) {
            c.close();
        }
    }
}
