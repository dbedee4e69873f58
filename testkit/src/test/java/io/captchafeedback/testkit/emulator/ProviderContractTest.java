package io.captchafeedback.testkit.emulator;


import io.captchafeedback.testkit.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;

import io.captchafeedback.task.CaptchaType;
import io.captchafeedback.task.Feedback;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.provider.ApiKey;
import io.captchafeedback.provider.Attempt;
import io.captchafeedback.provider.FeedbackResult;
import io.captchafeedback.provider.FeedbackResult.RefusalReason;
import io.captchafeedback.provider.ProviderAdapter;
import io.captchafeedback.provider.ProviderRegistry;
import io.captchafeedback.provider.ProviderSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Contract tests: each built-in adapter, pointed at the emulator, gets the answer the emulated provider
 * documents (providers.md), for good reports and for every error case.
 */
class ProviderContractTest {
    private static final String PAGE = "https://shop.example/login";
    private static final String SITE_KEY = "6LeContractSiteKey";
    private static final ManualClock clock = new ManualClock();
    private static ProviderEmulator emulator;

    @BeforeAll
    static void startEmulator() {
        emulator = ProviderEmulator.builder().clock(clock).start();
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @BeforeEach
    void forget() {
        emulator.reset();
        emulator.faults().up();
    }

    /**
     * Per provider: the endpoint of a negative reCAPTCHA report, what a second report gets when the
     * adapter is not told it is a repeat (uCaptcha, CapSolver and CapMonster document no one-per-task rule:
     * recorded again; Anti-Captcha's error 16 then reads as an unknown task), and what a report after the
     * window gets (null: the provider has no window). Only the emulator's clock is advanced here, so by
     * the adapter's own clock Anti-Captcha's late error 16 is an unknown task; its "expired" reading, from
     * the adapter's clock, is checked in plugin-core's ProviderAnswerContractTest.
     */
    static Stream<Arguments> providers() {
        return Stream.of(
                Arguments.of("ucaptcha", "/feedbackTask", Second.DELIVERED, null),
                Arguments.of("regotcha", "/feedbackTask", Second.ALREADY_RECORDED, RefusalReason.EXPIRED),
                Arguments.of("capsolver", "/feedbackTask", Second.DELIVERED, null),
                Arguments.of("2captcha", "/reportIncorrect", Second.ALREADY_RECORDED, RefusalReason.NOT_RECORDED),
                Arguments.of("anticaptcha", "/reportIncorrectRecaptcha", Second.UNKNOWN_TASK, RefusalReason.UNKNOWN_TASK),
                Arguments.of("capmonster", "/reportIncorrectTokenCaptcha", Second.DELIVERED, null));
    }

    enum Second { ALREADY_RECORDED, DELIVERED, UNKNOWN_TASK }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void aComplaintIsDeliveredAndArrivesOnceAtTheDocumentedEndpoint(String provider, String endpoint) {
        SolvedTask task = emulator.solve(provider, CaptchaType.RECAPTCHA_V2, PAGE, SITE_KEY);
        try (ProviderRegistry registry = registry(provider, emulator.apiKey(provider))) {
            FeedbackResult result = send(registry, provider, Feedback.rejected(task));

            assertThat(result).isInstanceOf(FeedbackResult.Delivered.class);
            assertThat(emulator.feedbackFor(provider, task.taskId())).singleElement().satisfies(f -> {
                assertThat(f.positive()).isFalse();
                assertThat(f.recorded()).isTrue();
                assertThat(f.endpoint()).isEqualTo(endpoint);
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void aPositiveReportIsDeliveredWhereTheAdapterSaysTheProviderTakesIt(String provider) {
        SolvedTask task = emulator.solve(provider, CaptchaType.RECAPTCHA_V3, PAGE, SITE_KEY);
        try (ProviderRegistry registry = registry(provider, emulator.apiKey(provider))) {
            ProviderAdapter adapter = registry.adapter(provider).orElseThrow();
            FeedbackResult result = send(registry, provider, Feedback.accepted(task));

            if (adapter.capabilities().supports(CaptchaType.RECAPTCHA_V3, true)) {
                assertThat(result).isInstanceOf(FeedbackResult.Delivered.class);
                assertThat(emulator.feedbackFor(provider, task.taskId())).singleElement()
                        .satisfies(f -> assertThat(f.positive()).isTrue());
            } else {
                assertThat(result).isInstanceOf(FeedbackResult.Unsupported.class);
                assertThat(emulator.requestCount(provider)).isZero();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void aWrongKeyIsABadKey(String provider) {
        SolvedTask task = emulator.solve(provider, CaptchaType.RECAPTCHA_V2, PAGE, SITE_KEY);
        try (ProviderRegistry registry = registry(provider, "not-the-key")) {
            FeedbackResult result = send(registry, provider, Feedback.rejected(task));
            assertThat(result).isInstanceOf(FeedbackResult.BadKey.class);
            assertThat(result.toString()).doesNotContain("not-the-key");
            assertThat(emulator.recordedFeedbackCount(provider, task.taskId())).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void aTaskTheProviderNeverIssuedIsRefusedAsUnknown(String provider) {
        SolvedTask issued = emulator.solve(provider, CaptchaType.RECAPTCHA_V2, PAGE, SITE_KEY);
        String unknownId = issued.taskId().matches("\\d+") ? "1"
                : issued.taskId().startsWith("task_") ? "task_neverissued" : java.util.UUID.randomUUID().toString();
        SolvedTask unknown = SolvedTask.builder(provider, unknownId, CaptchaType.RECAPTCHA_V2, issued.token()).build();
        try (ProviderRegistry registry = registry(provider, emulator.apiKey(provider))) {
            FeedbackResult result = send(registry, provider, Feedback.rejected(unknown));
            assertThat(result).isInstanceOfSatisfying(FeedbackResult.Refused.class,
                    r -> assertThat(r.reason()).isEqualTo(RefusalReason.UNKNOWN_TASK));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void aSecondReportForTheSameTaskGetsTheProvidersAnswer(String provider, String endpoint, Second second) {
        SolvedTask task = emulator.solve(provider, CaptchaType.RECAPTCHA_V2, PAGE, SITE_KEY);
        try (ProviderRegistry registry = registry(provider, emulator.apiKey(provider))) {
            assertThat(send(registry, provider, Feedback.rejected(task))).isInstanceOf(FeedbackResult.Delivered.class);
            FeedbackResult again = send(registry, provider, Feedback.rejected(task));
            switch (second) {
                case ALREADY_RECORDED -> assertThat(again).isInstanceOf(FeedbackResult.AlreadyRecorded.class);
                case DELIVERED -> assertThat(again).isInstanceOf(FeedbackResult.Delivered.class);
                case UNKNOWN_TASK -> assertThat(again).isInstanceOfSatisfying(FeedbackResult.Refused.class,
                        r -> assertThat(r.reason()).isEqualTo(RefusalReason.UNKNOWN_TASK));
            }
            assertThat(again.isFinal()).isTrue();
            assertThat(emulator.recordedFeedbackCount(provider, task.taskId()))
                    .isEqualTo(second == Second.DELIVERED ? 2 : 1);
        }
    }

    @Test
    void antiCaptchasErrorSixteenOnARepeatAfterAnEarlierAttemptIsAlreadyRecorded() {
        SolvedTask task = emulator.solve("anticaptcha", CaptchaType.RECAPTCHA_V2, PAGE, SITE_KEY);
        try (ProviderRegistry registry = registry("anticaptcha", emulator.apiKey("anticaptcha"))) {
            ProviderAdapter adapter = registry.adapter("anticaptcha").orElseThrow();
            assertThat(adapter.send(Feedback.rejected(task), Attempt.first()).orTimeout(10, TimeUnit.SECONDS).join())
                    .isInstanceOf(FeedbackResult.Delivered.class);

            FeedbackResult repeat = adapter.send(Feedback.rejected(task), Attempt.number(2)).orTimeout(10, TimeUnit.SECONDS).join();

            assertThat(repeat).isInstanceOfSatisfying(FeedbackResult.AlreadyRecorded.class,
                    a -> assertThat(a.code()).isEqualTo("ERROR_NO_SUCH_CAPCHA_ID"));
            assertThat(emulator.feedbackFor("anticaptcha", task.taskId()))
                    .extracting(ReceivedFeedback::errorCode).containsExactly("", "ERROR_NO_SUCH_CAPCHA_ID");
            assertThat(emulator.recordedFeedbackCount("anticaptcha", task.taskId())).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void aReportAfterTheWindowOnTheEmulatorsClockIsRefused(String provider, String endpoint, Second second,
            RefusalReason late) {
        SolvedTask task = emulator.solve(provider, CaptchaType.RECAPTCHA_V2, PAGE, SITE_KEY);
        clock.advance(Duration.ofHours(25));
        try (ProviderRegistry registry = registry(provider, emulator.apiKey(provider))) {
            FeedbackResult result = send(registry, provider, Feedback.rejected(task));
            if (late == null) {
                assertThat(result).as("%s documents no window", provider).isInstanceOf(FeedbackResult.Delivered.class);
            } else {
                assertThat(result).isInstanceOfSatisfying(FeedbackResult.Refused.class,
                        r -> assertThat(r.reason()).isEqualTo(late));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void serverFailuresHtmlAndBrokenConnectionsAreRetryable(String provider) {
        SolvedTask task = emulator.solve(provider, CaptchaType.RECAPTCHA_V2, PAGE, SITE_KEY);
        try (ProviderRegistry registry = registry(provider, emulator.apiKey(provider))) {
            emulator.faults().failNext(1, 503);
            assertThat(send(registry, provider, Feedback.rejected(task))).isInstanceOf(FeedbackResult.Retryable.class);

            emulator.faults().failNext(1, 429, Duration.ofSeconds(3));
            assertThat(send(registry, provider, Feedback.rejected(task))).isInstanceOfSatisfying(
                    FeedbackResult.Retryable.class, r -> assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(3)));

            emulator.faults().htmlNext(1);
            assertThat(send(registry, provider, Feedback.rejected(task))).isInstanceOf(FeedbackResult.Retryable.class);

            emulator.faults().resetNext(3);   // OkHttp may silently retry a broken connection once
            assertThat(send(registry, provider, Feedback.rejected(task))).isInstanceOf(FeedbackResult.Retryable.class);
            emulator.faults().clear();

            assertThat(emulator.recordedFeedbackCount(provider, task.taskId())).isZero();
            assertThat(send(registry, provider, Feedback.rejected(task))).isInstanceOf(FeedbackResult.Delivered.class);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void theProvidersOwnTemporaryErrorIsRetryableAndTheNextReportIsDelivered(String provider) {
        SolvedTask task = emulator.solve(provider, CaptchaType.RECAPTCHA_V2, PAGE, SITE_KEY);
        try (ProviderRegistry registry = registry(provider, emulator.apiKey(provider))) {
            emulator.faults().busyNext(1);
            assertThat(send(registry, provider, Feedback.rejected(task))).isInstanceOf(FeedbackResult.Retryable.class);
            assertThat(emulator.recordedFeedbackCount(provider, task.taskId())).isZero();

            assertThat(send(registry, provider, Feedback.rejected(task))).isInstanceOf(FeedbackResult.Delivered.class);
        }
    }

    @Test
    void aProviderThatIsDownIsRetryableAndDeliveredOnceItIsBack() {
        SolvedTask task = emulator.solve("regotcha", CaptchaType.TURNSTILE, PAGE, SITE_KEY);
        try (ProviderRegistry registry = registry("regotcha", emulator.apiKey("regotcha"))) {
            emulator.faults().down();
            assertThat(send(registry, "regotcha", Feedback.rejected(task))).isInstanceOf(FeedbackResult.Retryable.class);
            emulator.faults().up();
            assertThat(send(registry, "regotcha", Feedback.rejected(task))).isInstanceOf(FeedbackResult.Delivered.class);
        }
    }

    @Test
    void aSlowProviderTimesOutAsRetryable() {
        SolvedTask task = emulator.solve("ucaptcha", CaptchaType.TURNSTILE, PAGE, SITE_KEY);
        emulator.faults().delay(Duration.ofMillis(1500));
        ProviderSettings settings = new ProviderSettings("ucaptcha", "ucaptcha", ApiKey.of(emulator.apiKey("ucaptcha")),
                emulator.baseUri("ucaptcha"), Duration.ofMillis(300), Map.of());
        try (ProviderRegistry registry = ProviderRegistry.create(List.of(settings))) {
            assertThat(send(registry, "ucaptcha", Feedback.rejected(task))).isInstanceOf(FeedbackResult.Retryable.class);
        }
    }

    @Test
    void antiCaptchaTakesNoReportAboutTurnstileAndNothingIsSent() {
        SolvedTask task = emulator.solve("anticaptcha", CaptchaType.TURNSTILE, PAGE, SITE_KEY);
        try (ProviderRegistry registry = registry("anticaptcha", emulator.apiKey("anticaptcha"))) {
            assertThat(send(registry, "anticaptcha", Feedback.rejected(task))).isInstanceOf(FeedbackResult.Unsupported.class);
            assertThat(emulator.requestCount("anticaptcha")).isZero();
        }
    }

    @Test
    void nextCaptchaReportsAreSkippedNotFaked() {
        SolvedTask task = emulator.solve("nextcaptcha", CaptchaType.RECAPTCHA_V2, PAGE, SITE_KEY);
        try (ProviderRegistry registry = registry("nextcaptcha", emulator.apiKey("nextcaptcha"))) {
            assertThat(send(registry, "nextcaptcha", Feedback.rejected(task))).isInstanceOf(FeedbackResult.Unsupported.class);
            assertThat(emulator.requestCount("nextcaptcha")).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ucaptcha:invalid", "regotcha:valid"})
    void theGenericAdapterSpeaksToAFeedbackTaskService(String providerAndStyle) {
        String provider = providerAndStyle.split(":")[0];
        SolvedTask task = emulator.solve(provider, CaptchaType.HCAPTCHA, PAGE, SITE_KEY);
        ProviderSettings settings = new ProviderSettings(provider, "generic", ApiKey.of(emulator.apiKey(provider)),
                emulator.baseUri(provider), null, Map.of("style", providerAndStyle.split(":")[1]));
        try (ProviderRegistry registry = ProviderRegistry.create(List.of(settings))) {
            assertThat(send(registry, provider, Feedback.accepted(task))).isInstanceOf(FeedbackResult.Delivered.class);
            assertThat(emulator.feedbackFor(provider, task.taskId())).singleElement()
                    .satisfies(f -> assertThat(f.positive()).isTrue());
        }
    }

    private static ProviderRegistry registry(String provider, String key) {
        return ProviderRegistry.create(List.of(new ProviderSettings(provider, provider, ApiKey.of(key),
                emulator.baseUri(provider), Duration.ofSeconds(5), Map.of())));
    }

    private static FeedbackResult send(ProviderRegistry registry, String provider, Feedback feedback) {
        try {
            return registry.adapter(provider).orElseThrow().send(feedback).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the adapter's future failed or timed out", e);
        }
    }
}
