package io.captchafeedback.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.captchafeedback.task.CaptchaType;
import io.captchafeedback.task.Feedback;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * The key canary: every adapter, with a recognisable key, through every answer and failure mode (and
 * answers that echo the key back), under DEBUG logging. The key must reach the provider in the request
 * body and appear nowhere else: not in log messages, arguments or throwables, not in exception messages,
 * not in the {@code toString()} of settings, adapters, registries and results.
 */
class ApiKeyCanaryTest {

    private static final String CANARY = "CANARY-7f3a9c-KEY";
    private static final ApiKey KEY = ApiKey.of(CANARY);

    @RegisterExtension
    static final WireMockExtension server = ProviderFixture.server();

    @RegisterExtension
    final ProviderFixture providers = new ProviderFixture(server);

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private Level rootLevel;
    private final List<Appender<ILoggingEvent>> consoleAppenders = new ArrayList<>();

    @BeforeEach
    void captureEveryLogLineAtDebug() {
        rootLevel = root.getLevel();
        root.iteratorForAppenders().forEachRemaining(consoleAppenders::add); // kept quiet during the flood
        consoleAppenders.forEach(root::detachAppender);
        root.setLevel(Level.DEBUG);
        log.start();
        root.addAppender(log);
    }

    @AfterEach
    void restoreLogging() {
        root.detachAppender(log);
        log.stop();
        consoleAppenders.forEach(root::addAppender);
        root.setLevel(rootLevel);
    }

    @Test
    void theKeyLeavesOnlyInTheRequestBody() {
        List<String> texts = new ArrayList<>();
        int calls = 0;
        List<AnswerCase> answers = new ArrayList<>(AnswerCase.all());
        answers.addAll(answersEchoingTheKey());
        Map<Duration, ProviderRegistry> registries = new LinkedHashMap<>();
        for (AnswerCase answer : answers) {
            server.resetAll();
            server.stubFor(any(anyUrl()).willReturn(answer.response()));
            ProviderRegistry registry = registries.computeIfAbsent(answer.timeout(), timeout -> {
                List<ProviderSettings> settings = everyBuiltInType(timeout);
                settings.forEach(s -> texts.add(s.toString()));
                return providers.registry(settings);
            });
            texts.add(registry.toString());
            List<CompletableFuture<FeedbackResult>> sent = new ArrayList<>();
            Map<String, CompletableFuture<FeedbackResult>> checked = new LinkedHashMap<>();
            for (String id : registry.ids()) {
                ProviderAdapter adapter = registry.adapter(id).orElseThrow();
                texts.add(adapter.toString());
                texts.add(adapter.capabilities().toString());
                feedbacks(id).forEach(feedback -> sent.add(adapter.send(feedback)));
                checked.put(id, adapter.send(
                        ProviderFixture.feedback(id, "12345", CaptchaType.RECAPTCHA_V2, false, null)));
            }
            sent.addAll(checked.values());
            for (CompletableFuture<FeedbackResult> future : sent) {
                assertThat(future).succeedsWithin(ProviderFixture.WAIT);
                texts.add(future.join().toString());
                calls++;
            }
            checked.forEach((id, future) -> {
                if (!id.equals(ProviderTypes.NEXTCAPTCHA)) {
                    answer.expected().accept(future.join());
                }
            });
        }
        texts.addAll(configurationErrors());

        server.verify(anyRequestedFor(anyUrl()).withRequestBody(containing("\"clientKey\":\"" + CANARY + "\"")));
        assertThat(texts).isNotEmpty().noneMatch(text -> text.contains(CANARY));
        assertThat(log.list).allSatisfy(event -> assertThat(everythingIn(event)).doesNotContain(CANARY));
        assertThat(log.list)
                .filteredOn(e -> e.getLoggerName().equals("io.captchafeedback.provider") && e.getLevel() == Level.DEBUG)
                .hasSize(calls);
    }

    /** Every built-in type, each under its own id, pointed at the server. */
    private List<ProviderSettings> everyBuiltInType(Duration timeout) {
        List<ProviderSettings> settings = new ArrayList<>();
        for (String type : ProviderTypes.BUILT_IN) {
            Map<String, String> options = type.equals(ProviderTypes.CAPSOLVER) ? Map.of("appId", "APP-1") : Map.of();
            settings.add(new ProviderSettings(type, type, KEY, providers.baseUrl(), timeout, options));
        }
        return settings;
    }

    /** A positive and a negative report of several types, and a task id an integer provider refuses. */
    private static List<Feedback> feedbacks(String id) {
        return List.of(
                ProviderFixture.feedback(id, "987654", CaptchaType.RECAPTCHA_V3, true, "7"),
                ProviderFixture.feedback(id, "987655", CaptchaType.TURNSTILE, false, "TOKEN_REJECTED"),
                ProviderFixture.feedback(id, "987656", CaptchaType.IMAGE, false, null),
                ProviderFixture.feedback(id, "task_not-an-integer", CaptchaType.HCAPTCHA, false, null));
    }

    /** Providers that repeat the key back in their answers: the key must be redacted from the result. */
    private static List<AnswerCase> answersEchoingTheKey() {
        return List.of(
                new AnswerCase("a bad-key error quoting the key", aResponse().withStatus(200).withBody(
                        "{\"errorId\":1,\"errorCode\":\"ERROR_KEY_DOES_NOT_EXIST\",\"errorDescription\":\"key "
                                + CANARY + " does not exist\"}"), ProviderFixture.TIMEOUT,
                        r -> assertThat(r).isEqualTo(new FeedbackResult.BadKey("ERROR_KEY_DOES_NOT_EXIST",
                                "key [redacted] does not exist"))),
                new AnswerCase("a success message quoting the key", aResponse().withStatus(200).withBody(
                        "{\"errorId\":0,\"message\":\"recorded for " + CANARY + "\"}"), ProviderFixture.TIMEOUT,
                        r -> assertThat(r).isEqualTo(new FeedbackResult.Delivered("recorded for [redacted]"))),
                new AnswerCase("an HTTP 500 whose error code holds the key", aResponse().withStatus(500).withBody(
                        "{\"errorId\":1,\"errorCode\":\"" + CANARY + "\"}"), ProviderFixture.TIMEOUT,
                        r -> assertThat(r).isEqualTo(FeedbackResult.Retryable.notRecorded("HTTP 500 [redacted]", null))),
                new AnswerCase("an HTML page quoting the key", aResponse().withStatus(200).withBody(
                        "<html>" + CANARY + "</html>"), ProviderFixture.TIMEOUT,
                        r -> assertThat(r).isInstanceOf(FeedbackResult.Retryable.class)));
    }

    /** The messages (and causes) of every configuration error a provider with this key can raise. */
    private List<String> configurationErrors() {
        URI base = providers.baseUrl();
        List<List<ProviderSettings>> bad = List.of(
                List.of(ProviderSettings.of("a", "nosuch", KEY)),
                List.of(ProviderSettings.of("a", "ucaptcha", KEY), ProviderSettings.of("a", "regotcha", KEY)),
                List.of(ProviderSettings.of("a", "generic", KEY)),
                List.of(new ProviderSettings("a", "generic", KEY, base, null, Map.of("style", CANARY))),
                List.of(new ProviderSettings("a", "ucaptcha", KEY, URI.create("ftp://x"), null, Map.of())),
                List.of(ProviderSettings.of("a", "exploding", KEY)),
                List.of(ProviderSettings.of("a", "misnamed", KEY)));
        List<String> messages = new ArrayList<>();
        for (List<ProviderSettings> settings : bad) {
            settings.forEach(s -> messages.add(s.toString()));
            Throwable thrown = catchThrowable(() -> ProviderRegistry.create(settings).close());
            assertThat(thrown).as(settings.toString()).isNotNull();
            for (Throwable t = thrown; t != null; t = t.getCause()) {
                messages.add(t.toString());
            }
        }
        return messages;
    }

    private static String everythingIn(ILoggingEvent event) {
        StringBuilder all = new StringBuilder(event.getFormattedMessage()).append('\n').append(event.getMessage());
        if (event.getArgumentArray() != null) {
            for (Object argument : event.getArgumentArray()) {
                all.append('\n').append(argument);
            }
        }
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            all.append('\n').append(t.getClassName()).append(": ").append(t.getMessage());
            for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
                all.append('\n').append(frame.getSTEAsString());
            }
        }
        return all.toString();
    }
}
