package io.captchafeedback.provider;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.captchafeedback.task.CaptchaType;
import io.captchafeedback.task.Feedback;
import io.captchafeedback.task.Evidence;
import io.captchafeedback.task.Outcome;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.task.Verdict;
import io.captchafeedback.report.BreakerPolicy;
import io.captchafeedback.report.FeedbackReporter;
import io.captchafeedback.report.RetryPolicy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The shared fixture of the provider tests: a WireMock server on a free port standing in for every
 * provider, adapters pointed at it, tasks and feedbacks, and bounded waits. Registries created through
 * it are closed after each test.
 *
 * <pre>{@code
 * @RegisterExtension static final WireMockExtension server = ProviderFixture.server();
 * @RegisterExtension final ProviderFixture providers = new ProviderFixture(server);
 * }</pre>
 */
final class ProviderFixture implements AfterEachCallback {

    static final ApiKey KEY = ApiKey.of("test-key-5c1e");
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** The longest any test waits for a result. */
    static final Duration WAIT = Duration.ofSeconds(15);

    /** Every HTTP-speaking built-in type (all but nextcaptcha). */
    static final List<String> HTTP_TYPES = List.of(ProviderTypes.UCAPTCHA, ProviderTypes.REGOTCHA,
            ProviderTypes.CAPSOLVER, ProviderTypes.TWOCAPTCHA, ProviderTypes.ANTICAPTCHA, ProviderTypes.CAPMONSTER,
            ProviderTypes.GENERIC);

    private final WireMockExtension server;
    private final List<ProviderRegistry> registries = new ArrayList<>();

    ProviderFixture(WireMockExtension server) {
        this.server = server;
    }

    /** A WireMock server on a free port of 127.0.0.1. */
    static WireMockExtension server() {
        return WireMockExtension.newInstance()
                .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
                .build();
    }

    /** The server's base URL. */
    URI baseUrl() {
        return URI.create(server.baseUrl());
    }

    /** Settings of a provider of {@code type} (id = type) pointed at the server. */
    ProviderSettings settings(String type, Map<String, String> options) {
        return settings(type, KEY, TIMEOUT, options);
    }

    ProviderSettings settings(String type, ApiKey key, Duration timeout, Map<String, String> options) {
        return new ProviderSettings(type, type, key, baseUrl(), timeout, options);
    }

    /** An adapter of {@code type} pointed at the server. */
    ProviderAdapter adapter(String type) {
        return adapter(settings(type, Map.of()));
    }

    ProviderAdapter adapter(String type, Map<String, String> options) {
        return adapter(settings(type, options));
    }

    ProviderAdapter adapter(ProviderSettings settings) {
        return registry(List.of(settings)).adapter(settings.id()).orElseThrow();
    }

    /** A registry closed after the test. */
    ProviderRegistry registry(List<ProviderSettings> settings) {
        ProviderRegistry registry = ProviderRegistry.create(settings);
        registries.add(registry);
        return registry;
    }

    /** Sends and waits (bounded) for the result; fails if the future completed exceptionally. */
    static FeedbackResult send(ProviderAdapter adapter, Feedback feedback) {
        CompletableFuture<FeedbackResult> future = adapter.send(feedback);
        FeedbackResult result = future.orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
        assertThat(result).isNotNull();
        return result;
    }

    static SolvedTask task(String providerId, String taskId, CaptchaType type) {
        return SolvedTask.of(providerId, taskId, type, "03AFcWeA-token-" + taskId);
    }

    /** A feedback: positive when {@code accepted}, with the optional code and the default message. */
    static Feedback feedback(String providerId, String taskId, CaptchaType type, boolean accepted, String code) {
        SolvedTask task = task(providerId, taskId, type);
        Feedback base = accepted ? Feedback.accepted(task) : Feedback.rejected(task);
        return new Feedback(task, accepted, code, base.message());
    }

    /** A complaint verdict, as a rule would give it. */
    static Verdict rejected() {
        return Verdict.of(Outcome.REJECTED_CAPTCHA,
                Evidence.of("provider-test", Evidence.Observation.of("response", "POST /login 403")));
    }

    /**
     * A reporter sending to a provider of {@code type} at the server, with fast retries and no breaker;
     * close it in the test (its registry is closed after the test).
     */
    FeedbackReporter reporter(String type, Path outbox) {
        return FeedbackReporter.builder()
                .registry(registry(List.of(settings(type, Map.of()))))
                .outbox(outbox)
                .retry(RetryPolicy.builder().withBackoff(Duration.ofMillis(20), Duration.ofMillis(100)).build())
                .breaker(BreakerPolicy.disabled())
                .closeTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** How many requests the server received. */
    int requestCount() {
        return server.getAllServeEvents().size();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        registries.forEach(ProviderRegistry::close);
        registries.clear();
    }
}
