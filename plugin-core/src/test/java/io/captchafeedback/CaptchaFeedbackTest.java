package io.captchafeedback;


import io.captchafeedback.task.CaptchaType;
import io.captchafeedback.task.Evidence;
import io.captchafeedback.task.Outcome;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.task.Verdict;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.captchafeedback.rule.Condition.response;
import static io.captchafeedback.rule.Condition.urlGlob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.captchafeedback.config.ConfigException;
import io.captchafeedback.provider.ApiKey;
import io.captchafeedback.provider.ProviderSettings;
import io.captchafeedback.report.DeliveryStatus;
import io.captchafeedback.spi.ObservedResponse;
import io.captchafeedback.rule.RuleSet;
import io.captchafeedback.rule.Rules;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class CaptchaFeedbackTest {

    @RegisterExtension
    static final WireMockExtension provider = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    static final URI LOGIN = URI.create("https://shop.example/login");

    @TempDir
    Path outbox;

    CaptchaFeedback feedback;
    final List<TaskVerdict> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        provider.stubFor(post(urlEqualTo("/feedbackTask"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"errorId\":0,\"message\":\"Feedback recorded\"}")));
        CaptchaFeedbackConfig config = CaptchaFeedbackConfig.builder()
                .environment(Map.of())
                .provider(new ProviderSettings("router", "generic", ApiKey.of("test-key"),
                        URI.create(provider.baseUrl()), Duration.ofSeconds(10), Map.of())) // a timeout is UNCERTAIN, not retried
                .build();
        Rules rules = Rules.of(RuleSet.builder("shop.example")
                .timeout(Duration.ofSeconds(5))
                .rule("welcome", urlGlob("**/welcome"), Outcome.ACCEPTED)
                .rule("forbidden", response("**/login", 403), Outcome.REJECTED_CAPTCHA)
                .build());
        feedback = CaptchaFeedback.builder().config(config).rules(rules).outbox(outbox).build();
        feedback.onVerdict(seen::add);
    }

    @AfterEach
    void close() {
        feedback.close();
    }

    private static SolvedTask task(String id) {
        return SolvedTask.of("router", id, CaptchaType.RECAPTCHA_V2, "token-" + id + "-0123456789abcdef");
    }

    @Test
    void aDecidedDetectionIsReportedOnceAndToldToListeners() throws Exception {
        PendingVerdict pending = feedback.track(task("t-1"), LOGIN);
        // the URL rule comes first: until the URL is known, the response rule after it must wait
        pending.detection().orElseThrow().onResponse(ObservedResponse.of(LOGIN.toString(), "POST", 403));
        assertThat(pending.completeIfDecided()).isFalse();
        pending.detection().orElseThrow().onNavigation(LOGIN.toString());

        // nobody polls: the verdict settles itself once the page has been quiet for the settle window
        TaskVerdict decided = pending.result().get(5, TimeUnit.SECONDS);
        assertThat(pending.completeIfDecided()).isFalse();
        assertThat(pending.complete(Verdict.of(Outcome.ACCEPTED, Evidence.of("late")))).isFalse();
        for (int i = 0; i < 100 && seen.isEmpty(); i++) {
            Thread.sleep(20); // the listeners are told right after the result completes
        }
        assertThat(decided.verdict().outcome()).isEqualTo(Outcome.REJECTED_CAPTCHA);
        assertThat(decided.verdict().evidence().rule()).isEqualTo("forbidden");
        assertThat(decided.report().result().get(10, TimeUnit.SECONDS)).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(seen).containsExactly(decided);
        provider.verify(1, postRequestedFor(urlEqualTo("/feedbackTask")).withRequestBody(equalToJson(
                "{\"clientKey\":\"test-key\",\"taskId\":\"t-1\",\"result\":{\"invalid\":true}}", true, true)));
    }

    @Test
    void aRegisteredTokenIsFoundInAScriptThatCarriesItAndForgottenOnceJudged() {
        SolvedTask task = task("t-2");
        feedback.register(task);

        assertThat(feedback.findInText("document.querySelector('#g').value = '" + task.token() + "';"))
                .contains(task);
        assertThat(feedback.findByToken(task.token())).contains(task);

        feedback.track(task, LOGIN).complete(Verdict.of(Outcome.REJECTED_OTHER, Evidence.of("wrong password")));
        assertThat(feedback.findByToken(task.token())).isEmpty();
        assertThat(feedback.hasRegisteredTokens()).isFalse();
    }

    @Test
    void aPageWithoutRulesGivesUnknownAndSendsNothing() throws Exception {
        PendingVerdict pending = feedback.track(task("t-3"), URI.create("https://elsewhere.example/"));

        assertThat(pending.detection()).isEmpty();
        assertThat(pending.isDone()).as("settled at once: nothing can decide it").isTrue();
        assertThat(pending.awaitVerdict(Duration.ofSeconds(1))).get()
                .extracting(Verdict::outcome).isEqualTo(Outcome.UNKNOWN);
        assertThat(pending.result().get().report().result().get(5, TimeUnit.SECONDS)).isEqualTo(DeliveryStatus.SKIPPED);
        provider.verify(0, postRequestedFor(urlEqualTo("/feedbackTask")));
    }

    @Test
    void aPendingVerdictSettlesItselfAtItsTimeoutWithoutAnyoneAsking() throws Exception {
        try (CaptchaFeedback shortTimeout = CaptchaFeedback.builder().reporter(feedback.reporter())
                .rules(Rules.of(RuleSet.builder("shop.example").timeout(Duration.ofMillis(300))
                        .rule("welcome", urlGlob("**/welcome"), Outcome.ACCEPTED).build()))
                .build()) {
            PendingVerdict pending = shortTimeout.track(task("t-5"), LOGIN);

            TaskVerdict decided = pending.result().get(5, TimeUnit.SECONDS);

            assertThat(decided.verdict().outcome()).isEqualTo(Outcome.UNKNOWN);
            assertThat(decided.verdict().evidence().rule()).isEqualTo("timeout");
        }
    }

    @Test
    void closingDecidesWhatHoldsNowWithoutWaitingForThePageToSettle() {
        PendingVerdict pending = feedback.track(task("t-6"), LOGIN);
        pending.detection().orElseThrow().onNavigation(LOGIN.toString());
        pending.detection().orElseThrow().onResponse(ObservedResponse.of(LOGIN.toString(), "POST", 403));
        assertThat(pending.isDone()).as("settling: a probe could still show the welcome page").isFalse();

        feedback.close();

        assertThat(pending.awaitVerdict(Duration.ofSeconds(1))).get()
                .extracting(v -> v.evidence().rule()).isEqualTo("forbidden");
    }

    @Test
    void closingGivesPendingVerdictsUnknownWithoutFeedback() {
        PendingVerdict pending = feedback.track(task("t-4"), LOGIN);

        feedback.close();

        assertThat(pending.awaitVerdict(Duration.ofSeconds(1))).get()
                .extracting(Verdict::outcome).isEqualTo(Outcome.UNKNOWN);
        assertThatThrownBy(() -> feedback.track(task("t-5"), LOGIN)).isInstanceOf(IllegalStateException.class);
        provider.verify(0, postRequestedFor(urlEqualTo("/feedbackTask")));
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheVerdict() {
        feedback.onVerdict(v -> {
            throw new IllegalStateException("listener bug");
        });
        PendingVerdict pending = feedback.track(task("t-6"), LOGIN);

        assertThat(pending.complete(Verdict.of(Outcome.REJECTED_OTHER, Evidence.of("test")))).isTrue();
        assertThat(seen).hasSize(1);
    }

    @Test
    void theReporterSectionOfTheConfigurationIsReadWithLocatedErrors(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("captcha-feedback.yml");
        Files.writeString(file, """
                providers:
                  ucaptcha:
                    key: k
                reporter:
                  groupCommit: soon
                """);
        // the reporter section is checked when the configuration is loaded
        assertThatThrownBy(() -> CaptchaFeedback.create(
                CaptchaFeedbackConfig.builder().environment(Map.of()).file(file).build()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ":5:16: reporter.groupCommit: expected a duration such as 10s, 500ms, 2m or PT10S, got 'soon'");
    }

    @Test
    void theRulesSectionOfTheConfigurationIsUsedWhenNoRulesAreGiven(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("captcha-feedback.yml");
        Files.writeString(file, """
                providers:
                  ucaptcha:
                    key: k
                reporter:
                  outbox: %s
                rules:
                  - site: shop.example
                    rules:
                      - name: welcome
                        when: { url: "**/welcome" }
                        verdict: ACCEPTED
                """.formatted(dir.resolve("outbox")));
        try (CaptchaFeedback fromFile = CaptchaFeedback.create(
                CaptchaFeedbackConfig.builder().environment(Map.of()).file(file).build())) {
            assertThat(fromFile.rulesFor(LOGIN)).isPresent();
            assertThat(fromFile.rulesFor(URI.create("https://other.example/"))).isEmpty();
            assertThat(Files.isDirectory(dir.resolve("outbox"))).isTrue();
        }
    }
}
