package io.captchafeedback.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.captchafeedback.task.CaptchaType;
import io.captchafeedback.task.Feedback;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.provider.FeedbackResult.RefusalReason;
import io.captchafeedback.report.Delivery;
import io.captchafeedback.report.DeliveryStatus;
import io.captchafeedback.report.FeedbackReporter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every documented answer of every built-in provider, as the provider writes it (status and body from its
 * published pages; sources in docs/providers.md), becomes the typed result the provider means, and the
 * reporter then does the right thing with it: delivered, already recorded, refused for good, counted as
 * expired, kept with the provider disabled (bad key), or retried and delivered on the next answer.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProviderAnswerContractTest {

    @RegisterExtension
    static final WireMockExtension server = ProviderFixture.server();

    @RegisterExtension
    final ProviderFixture providers = new ProviderFixture(server);

    @TempDir
    Path outbox;

    private static final String TASK_ID = "7654321";
    private static final String DELIVERED_BODY = "{\"errorId\":0,\"status\":\"success\"}";

    /** What the reporter does after this answer. */
    enum Next { DELIVERED, ALREADY_RECORDED, REFUSED, EXPIRED, KEPT_PROVIDER_DISABLED, RETRIED_THEN_DELIVERED }

    /**
     * One documented answer.
     *
     * @param provider the built-in type
     * @param status the HTTP status the provider answers with
     * @param body the body it answers with
     * @param result checks the typed result
     * @param next what the reporter does next
     */
    record Answer(String provider, int status, String body, Consumer<FeedbackResult> result, Next next) {
        @Override
        public String toString() {
            return provider + " HTTP " + status + " " + body;
        }
    }

    static Stream<Answer> documentedAnswers() {
        return Stream.of(
                // uCaptcha seed: success only (it documents no error codes).
                delivered("ucaptcha", "{\"errorId\":0,\"message\":\"Feedback recorded\"}"),
                // reGOTCHA seed, verbatim.
                delivered("regotcha", "{\"errorId\":0,\"message\":\"Feedback recorded: token valid\"}"),
                badKey("regotcha", 200, error(1, "ERROR_KEY_DOES_NOT_EXIST", "invalid API key")),
                refused("regotcha", error(1, "ERROR_INVALID_TASK_DATA", "missing/invalid result.valid"),
                        RefusalReason.INVALID_DATA),
                refused("regotcha", error(1, "ERROR_NO_SUCH_CAPCHA_ID", "task unknown or not owned by this key"),
                        RefusalReason.UNKNOWN_TASK),
                new Answer("regotcha", 200, error(1, "ERROR_FEEDBACK_EXISTS", "feedback already submitted for this task"),
                        r -> assertThat(r).isInstanceOf(FeedbackResult.AlreadyRecorded.class), Next.ALREADY_RECORDED),
                new Answer("regotcha", 200, error(1, "ERROR_FEEDBACK_EXPIRED", "24-hour window passed"),
                        reason(RefusalReason.EXPIRED), Next.EXPIRED),
                // CapSolver: https://docs.capsolver.com/guide/api-error.html (HTTP 400 / 401, errorId 1).
                delivered("capsolver", "{\"errorId\":0,\"message\":\"ok\"}"),
                retried("capsolver", 400, error(1, "ERROR_SERVICE_UNAVALIABLE", "Service is temporarily unavailable")),
                retried("capsolver", 400, error(1, "ERROR_RATE_LIMIT", "Request frequency/rate limit")),
                new Answer("capsolver", 400, error(1, "ERROR_INVALID_TASK_DATA", "invalid task data: result"),
                        reason(RefusalReason.INVALID_DATA), Next.REFUSED),
                new Answer("capsolver", 400, error(1, "ERROR_BAD_REQUEST", "Error Request"),
                        reason(RefusalReason.INVALID_DATA), Next.REFUSED),
                new Answer("capsolver", 400, error(1, "ERROR_TASKID_INVALID", "Task ID does not exist or is invalid"),
                        reason(RefusalReason.UNKNOWN_TASK), Next.REFUSED),
                new Answer("capsolver", 400, error(1, "ERROR_ZERO_BALANCE", "Insufficient account balance"),
                        reason(RefusalReason.OTHER), Next.REFUSED),
                badKey("capsolver", 401, error(1, "ERROR_KEY_DENIED_ACCESS", "Wrong account key")),
                badKey("capsolver", 401, "{\"errorId\":1,\"errorCode\":\"\",\"errorDescription\":\"Unauthorized\"}"),
                // 2Captcha: https://2captcha.com/api-docs/report-incorrect, /api-docs/error-codes.
                delivered("2captcha", DELIVERED_BODY),
                badKey("2captcha", 200, error(1, "ERROR_KEY_DOES_NOT_EXIST", "Your API key is incorrect.")),
                badKey("2captcha", 200, error(11, "ERROR_IP_NOT_ALLOWED",
                        "The request is sent from the IP that is not on the list of your trusted IPs")),
                badKey("2captcha", 200, error(21, "ERROR_IP_BLOCKED",
                        "Your IP address is banned due to improper use of the API")),
                refused("2captcha", error(16, "ERROR_NO_SUCH_CAPCHA_ID",
                        "You've provided incorrect captcha ID in the request"), RefusalReason.UNKNOWN_TASK),
                refused("2captcha", error(1, "ERROR_REPORT_NOT_RECORDED", "Report not recorded"),
                        RefusalReason.NOT_RECORDED),
                new Answer("2captcha", 200, error(1, "ERROR_DUPLICATE_REPORT", "Duplicate report"),
                        r -> assertThat(r).isInstanceOf(FeedbackResult.AlreadyRecorded.class), Next.ALREADY_RECORDED),
                // Anti-Captcha: https://anti-captcha.com/apidoc/errors and the report methods' pages.
                delivered("anticaptcha", DELIVERED_BODY),
                badKey("anticaptcha", 200, error(1, "ERROR_KEY_DOES_NOT_EXIST",
                        "Account authorization key not found in the system. Make sure you copied it correctly without"
                                + " spaces or tabulation signs.")),
                badKey("anticaptcha", 200, error(11, "ERROR_IP_NOT_ALLOWED",
                        "You are not allowed to make requests from your IP with your current account key.")),
                badKey("anticaptcha", 200, error(21, "ERROR_IP_BLOCKED", "Your IP is blocked due to improper use of API.")),
                refused("anticaptcha", error(10, "ERROR_ZERO_BALANCE", "Account has zero or negative balance."),
                        RefusalReason.OTHER),
                retried("anticaptcha", 200, error(2, "ERROR_NO_SLOT_AVAILABLE",
                        "No idle captcha workers are available at the moment")),
                // Error 16, first request, within the window: the task is unknown to the provider.
                refused("anticaptcha", ANTICAPTCHA_16, RefusalReason.UNKNOWN_TASK),
                // CapMonster Cloud: https://docs.capmonster.cloud/docs/api/bad-tokens/ (errorId 0 or 1), codes from
                // https://zennolab.atlassian.net/wiki/spaces/APIS/pages/295396/Error+Types.
                delivered("capmonster", "{\"errorId\":0,\"status\":\"success\"}"),
                badKey("capmonster", 200, "{\"errorId\":1,\"errorCode\":\"ERROR_KEY_DOES_NOT_EXIST\"}"),
                badKey("capmonster", 200, "{\"errorId\":1,\"errorCode\":\"ERROR_IP_NOT_ALLOWED\"}"),
                badKey("capmonster", 200, "{\"errorId\":1,\"errorCode\":\"ERROR_IP_BANNED\"}"),
                refused("capmonster", "{\"errorId\":1,\"errorCode\":\"ERROR_NO_SUCH_CAPCHA_ID\"}",
                        RefusalReason.UNKNOWN_TASK),
                retried("capmonster", 200, "{\"errorId\":1,\"errorCode\":\"ERROR_TOO_MUCH_REQUESTS\"}"),
                refused("capmonster", "{\"errorId\":1,\"errorCode\":\"ERROR_ZERO_BALANCE\"}", RefusalReason.OTHER));
    }

    static final String ANTICAPTCHA_16 = error(16, "ERROR_NO_SUCH_CAPCHA_ID",
            "Task you are requesting does not exist in your current task list or has been expired.");

    @ParameterizedTest(name = "{0}")
    @MethodSource("documentedAnswers")
    void theAnswerIsTypedAsTheProviderMeansItAndTheReporterActsOnIt(Answer answer) {
        server.stubFor(any(anyUrl()).willReturn(json(answer.status(), answer.body())));
        ProviderAdapter adapter = providers.adapter(answer.provider());

        answer.result().accept(sendFirst(adapter, task(answer.provider(), Instant.now())));

        server.resetAll();
        if (answer.next() == Next.RETRIED_THEN_DELIVERED) {
            server.stubFor(any(anyUrl()).inScenario("temporary").whenScenarioStateIs(STARTED)
                    .willReturn(json(answer.status(), answer.body())).willSetStateTo("recovered"));
            server.stubFor(any(anyUrl()).inScenario("temporary").whenScenarioStateIs("recovered")
                    .willReturn(json(200, DELIVERED_BODY)));
        } else {
            server.stubFor(any(anyUrl()).willReturn(json(answer.status(), answer.body())));
        }
        Delivery delivery = report(answer.provider(), task(answer.provider(), Instant.now()));

        switch (answer.next()) {
            case DELIVERED -> assertReported(delivery, DeliveryStatus.DELIVERED, 1);
            case ALREADY_RECORDED -> assertReported(delivery, DeliveryStatus.ALREADY_RECORDED, 1);
            case REFUSED -> assertReported(delivery, DeliveryStatus.REFUSED, 1);
            case EXPIRED -> assertReported(delivery, DeliveryStatus.EXPIRED, 1);
            case KEPT_PROVIDER_DISABLED -> assertReported(delivery, DeliveryStatus.KEPT, 1);
            case RETRIED_THEN_DELIVERED -> assertReported(delivery, DeliveryStatus.DELIVERED, 2);
        }
    }

    @Test
    void antiCaptchasErrorSixteenAfterAnEarlierRequestIsAlreadyRecordedAndTheReporterCountsItDelivered() {
        // The first report reached Anti-Captcha but its answer was lost (HTTP 502 from a proxy); the retry
        // then gets "Only one report can be sent per task" as error 16.
        stubLostAnswerThenSixteen();
        ProviderAdapter adapter = providers.adapter("anticaptcha");
        assertThat(sendFirst(adapter, task("anticaptcha", Instant.now()))).isInstanceOf(FeedbackResult.Retryable.class);
        assertThat(adapter.send(Feedback.rejected(task("anticaptcha", Instant.now())), Attempt.number(2))
                .orTimeout(15, TimeUnit.SECONDS).join())
                .isInstanceOfSatisfying(FeedbackResult.AlreadyRecorded.class,
                        a -> assertThat(a.code()).isEqualTo("ERROR_NO_SUCH_CAPCHA_ID"));

        server.resetAll();
        stubLostAnswerThenSixteen();
        Delivery delivery = report("anticaptcha", task("anticaptcha", Instant.now()));

        assertReported(delivery, DeliveryStatus.ALREADY_RECORDED, 2);
    }

    @Test
    void antiCaptchasErrorSixteenPastTheWindowOfTheTasksCompletionIsExpiredAndCountedSo() {
        // The task finished 59.5 s ago: the report leaves within the window, the answer comes after it.
        server.stubFor(any(anyUrl()).willReturn(json(200, ANTICAPTCHA_16).withFixedDelay(1_000)));
        SolvedTask closing = task("anticaptcha", Instant.now().minusMillis(59_500));

        FeedbackResult direct = sendFirst(providers.adapter("anticaptcha"), closing);

        assertThat(direct).isInstanceOfSatisfying(FeedbackResult.Refused.class, r -> {
            assertThat(r.reason()).isEqualTo(RefusalReason.EXPIRED);
            assertThat(r.code()).isEqualTo("ERROR_NO_SUCH_CAPCHA_ID");
            assertThat(r.description()).contains("1m report window closed");
        });

        server.resetAll();
        server.stubFor(any(anyUrl()).willReturn(json(200, ANTICAPTCHA_16).withFixedDelay(1_000)));
        try (FeedbackReporter reporter = reporter("anticaptcha")) {
            Delivery delivery = reporter.report(task("anticaptcha", Instant.now().minusMillis(59_500)), ProviderFixture.rejected())
                    .delivery().orTimeout(20, TimeUnit.SECONDS).join();
            assertThat(delivery.status()).isEqualTo(DeliveryStatus.EXPIRED);
            assertThat(reporter.statistics().total().expired()).isEqualTo(1);
        }
    }

    private static void stubLostAnswerThenSixteen() {
        server.stubFor(any(anyUrl()).inScenario("lost answer").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(502).withBody("Bad Gateway")).willSetStateTo("recorded"));
        server.stubFor(any(anyUrl()).inScenario("lost answer").whenScenarioStateIs("recorded")
                .willReturn(json(200, ANTICAPTCHA_16)));
    }

    private static Answer delivered(String provider, String body) {
        return new Answer(provider, 200, body, r -> assertThat(r).isInstanceOf(FeedbackResult.Delivered.class),
                Next.DELIVERED);
    }

    private static Answer badKey(String provider, int status, String body) {
        return new Answer(provider, status, body, r -> assertThat(r).isInstanceOf(FeedbackResult.BadKey.class),
                Next.KEPT_PROVIDER_DISABLED);
    }

    private static Answer refused(String provider, String body, RefusalReason reason) {
        return new Answer(provider, 200, body, reason(reason), Next.REFUSED);
    }

    private static Answer retried(String provider, int status, String body) {
        return new Answer(provider, status, body, r -> assertThat(r).isInstanceOf(FeedbackResult.Retryable.class),
                Next.RETRIED_THEN_DELIVERED);
    }

    private static Consumer<FeedbackResult> reason(RefusalReason reason) {
        return r -> assertThat(r).isInstanceOfSatisfying(FeedbackResult.Refused.class,
                refused -> assertThat(refused.reason()).isEqualTo(reason));
    }

    static String error(int errorId, String code, String description) {
        return "{\"errorId\":" + errorId + ",\"errorCode\":\"" + code + "\",\"errorDescription\":\"" + description + "\"}";
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static SolvedTask task(String provider, Instant solvedAt) {
        return SolvedTask.builder(provider, TASK_ID, CaptchaType.RECAPTCHA_V2, "03AFcWeA-token-" + TASK_ID)
                .solvedAt(solvedAt).pageUrl("https://shop.example/login").build();
    }

    private static FeedbackResult sendFirst(ProviderAdapter adapter, SolvedTask task) {
        return adapter.send(Feedback.rejected(task), Attempt.first()).orTimeout(15, TimeUnit.SECONDS).join();
    }

    private FeedbackReporter reporter(String provider) {
        return providers.reporter(provider, outbox.resolve(provider + "-" + System.nanoTime()));
    }

    private Delivery report(String provider, SolvedTask task) {
        try (FeedbackReporter reporter = reporter(provider)) {
            return reporter.report(task, ProviderFixture.rejected()).delivery().orTimeout(20, TimeUnit.SECONDS).join();
        }
    }

    private void assertReported(Delivery delivery, DeliveryStatus status, int requests) {
        assertThat(delivery.status()).as(delivery.answer()).isEqualTo(status);
        assertThat(delivery.attempts()).isEqualTo(requests);
        assertThat(providers.requestCount()).isEqualTo(requests);
    }
}
