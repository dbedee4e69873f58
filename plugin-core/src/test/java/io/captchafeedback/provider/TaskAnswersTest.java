package io.captchafeedback.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.captchafeedback.task.CaptchaType;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.report.Delivery;
import io.captchafeedback.report.DeliveryStatus;
import io.captchafeedback.report.FeedbackReporter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@link SolvedTask} built from the provider's own answer carries the provider's completion time, so a
 * report window runs from the provider's clock; answers that are not a solved task are refused with a
 * message naming the field.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TaskAnswersTest {

    @RegisterExtension
    static final WireMockExtension server = ProviderFixture.server();

    @RegisterExtension
    final ProviderFixture providers = new ProviderFixture(server);

    @TempDir
    Path outbox;

    private static final Instant RECEIVED = Instant.parse("2026-11-30T07:00:00Z");

    private static String antiCaptchaAnswer(Instant endTime) {
        return "{\"errorId\":0,\"status\":\"ready\",\"solution\":{\"gRecaptchaResponse\":\"03AGdBq25SxXT-pmSeBXj\"},"
                + "\"cost\":\"0.001500\",\"ip\":\"46.98.54.221\",\"createTime\":" + (endTime.getEpochSecond() - 20)
                + ",\"endTime\":" + endTime.getEpochSecond() + ",\"solveCount\":\"0\"}";
    }

    @Test
    void aSixtySecondWindowRunsFromTheProvidersEndTimeSoALateReportIsNotSentButCountedExpired() {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{\"errorId\":0,\"status\":\"success\"}")));
        // Read 15 s ago; Anti-Captcha says the task finished 50 s before that.
        Instant received = Instant.now().minusSeconds(15);
        SolvedTask fromAnswer = TaskAnswers.solvedTask("anticaptcha", "7654321", "RecaptchaV2TaskProxyless",
                parse((antiCaptchaAnswer(received.minusSeconds(50)))), received).build();
        SolvedTask byHand = SolvedTask.builder("anticaptcha", "7654322", CaptchaType.RECAPTCHA_V2, "03AGdBq25-other")
                .solvedAt(received).build();

        try (FeedbackReporter reporter = reporter()) {
            Delivery late = await(reporter.report(fromAnswer, ProviderFixture.rejected()).delivery());
            Delivery handBuilt = await(reporter.report(byHand, ProviderFixture.rejected()).delivery());

            assertThat(fromAnswer.solvedAt()).isEqualTo(Instant.ofEpochSecond(received.minusSeconds(50).getEpochSecond()));
            assertThat(late.status()).isEqualTo(DeliveryStatus.EXPIRED);
            assertThat(late.attempts()).isZero();
            assertThat(reporter.statistics().total().expired()).isEqualTo(1);
            // Built by hand, the same task would have gone out 65 s after the provider finished it.
            assertThat(handBuilt.status()).isEqualTo(DeliveryStatus.DELIVERED);
            assertThat(providers.requestCount()).isEqualTo(1);
        }
    }

    @Test
    void readsTaskIdTokenTypeAndEndTimeFromAnAntiCaptchaOr2CaptchaAnswer() {
        SolvedTask task = TaskAnswers.solvedTask("2captcha", "74372499131", "RecaptchaV2EnterpriseTaskProxyless",
                parse(antiCaptchaAnswer(RECEIVED.minusSeconds(30))), RECEIVED).build();

        assertThat(task.taskId()).isEqualTo("74372499131");
        assertThat(task.type()).isEqualTo(CaptchaType.RECAPTCHA_ENTERPRISE);
        assertThat(task.token()).isEqualTo("03AGdBq25SxXT-pmSeBXj");
        assertThat(task.solvedAt()).isEqualTo(RECEIVED.minusSeconds(30));
        assertThat(task.providerTaskType()).isEqualTo("RecaptchaV2EnterpriseTaskProxyless");
    }

    @Test
    void theJsonTextFormReadsTheSameAnswer() {
        Instant end = Instant.now().minusSeconds(5);
        SolvedTask task = TaskAnswers.solvedTask("anticaptcha", "1", "NoCaptchaTaskProxyless", antiCaptchaAnswer(end))
                .pageUrl("https://shop.example/login").build();

        assertThat(task.solvedAt()).isEqualTo(Instant.ofEpochSecond(end.getEpochSecond()));
        assertThat(task.type()).isEqualTo(CaptchaType.RECAPTCHA_V2);
        assertThat(task.pageUrl()).isEqualTo("https://shop.example/login");
    }

    @Test
    void anAnswerWithoutACompletionTimeIsStampedWithTheMomentItWasReceived() {
        String capSolver = "{\"errorId\":0,\"taskId\":\"37223a89-06ed-442c-a0b8-22067b79c5b4\",\"status\":\"ready\","
                + "\"solution\":{\"userAgent\":\"xxx\",\"token\":\"0.turnstile-token\"}}";

        SolvedTask task = TaskAnswers.solvedTask("capsolver", null, "AntiTurnstileTaskProxyLess",
                parse((capSolver)), RECEIVED).build();

        assertThat(task.taskId()).isEqualTo("37223a89-06ed-442c-a0b8-22067b79c5b4");
        assertThat(task.type()).isEqualTo(CaptchaType.TURNSTILE);
        assertThat(task.token()).isEqualTo("0.turnstile-token");
        assertThat(task.solvedAt()).isEqualTo(RECEIVED);
    }

    @Test
    void anEndTimeAfterTheAnswerWasReceivedIsCappedAtReceipt() {
        SolvedTask task = TaskAnswers.solvedTask("anticaptcha", "1", "RecaptchaV2TaskProxyless",
                parse((antiCaptchaAnswer(RECEIVED.plusSeconds(40)))), RECEIVED).build();

        assertThat(task.solvedAt()).isEqualTo(RECEIVED);
    }

    @Test
    void readsTheNewTypesAndKeepsAnUnknownTaskTypeAsOtherWithItsName() {
        assertThat(solved("GeeTestTaskProxyless", "{\"challenge\":\"c\",\"validate\":\"v3-validate\",\"seccode\":\"s\"}"))
                .extracting(SolvedTask::type, SolvedTask::token).containsExactly(CaptchaType.GEETEST_V3, "v3-validate");
        assertThat(solved("GeeTestTaskProxyless", "{\"captcha_id\":\"id\",\"lot_number\":\"l\",\"pass_token\":\"v4-pass\","
                + "\"gen_time\":\"1\",\"captcha_output\":\"o\"}"))
                .extracting(SolvedTask::type, SolvedTask::token).containsExactly(CaptchaType.GEETEST_V4, "v4-pass");
        assertThat(solved("AntiAwsWafTaskProxyLess", "{\"cookie\":\"aws-cookie\"}"))
                .extracting(SolvedTask::type, SolvedTask::token).containsExactly(CaptchaType.AWS_WAF, "aws-cookie");
        assertThat(solved("AmazonTaskProxyless", "{\"cookies\":{\"aws-waf-token\":\"aws-token\"}}"))
                .extracting(SolvedTask::type, SolvedTask::token).containsExactly(CaptchaType.AWS_WAF, "aws-token");
        assertThat(solved("FriendlyCaptchaTaskProxyless", "{\"token\":\"f\"}").type()).isEqualTo(CaptchaType.FRIENDLY_CAPTCHA);
        assertThat(solved("YandexSmartCaptchaTaskProxyless", "{\"token\":\"y\"}").type())
                .isEqualTo(CaptchaType.YANDEX_SMARTCAPTCHA);
        assertThat(solved("MtCaptchaTaskProxyless", "{\"token\":\"m\"}").type()).isEqualTo(CaptchaType.MTCAPTCHA);
        SolvedTask other = solved("DataDomeSliderTask", "{\"cookie\":\"datadome=abc\"}");
        assertThat(other.type()).isEqualTo(CaptchaType.OTHER);
        assertThat(other.providerTaskType()).isEqualTo("DataDomeSliderTask");
        assertThat(other.toString()).contains("providerTaskType=DataDomeSliderTask");
    }

    @Test
    void anAnswerThatIsNotASolvedTaskIsRefusedWithAMessageNamingTheField() {
        assertThatThrownBy(() -> TaskAnswers.solvedTask("anticaptcha", "1", "RecaptchaV2TaskProxyless",
                "{\"errorId\":0,\"status\":\"processing\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("status is 'processing'");
        assertThatThrownBy(() -> TaskAnswers.solvedTask("anticaptcha", "1", "RecaptchaV2TaskProxyless",
                "{\"errorId\":16,\"errorCode\":\"ERROR_NO_SUCH_CAPCHA_ID\"}"))
                .hasMessageContaining("errorId 16 (ERROR_NO_SUCH_CAPCHA_ID)");
        assertThatThrownBy(() -> TaskAnswers.solvedTask("anticaptcha", "1", "RecaptchaV2TaskProxyless",
                "{\"errorId\":0,\"status\":\"ready\",\"solution\":{\"gRecaptchaResponse\":\"t\"},\"endTime\":\"soon\"}"))
                .hasMessageContaining("endTime: expected Unix seconds");
        assertThatThrownBy(() -> TaskAnswers.solvedTask("capsolver", null, "ReCaptchaV2TaskProxyLess",
                "{\"errorId\":0,\"status\":\"ready\",\"solution\":{\"gRecaptchaResponse\":\"t\"}}"))
                .hasMessageContaining("no taskId");
        assertThatThrownBy(() -> TaskAnswers.solvedTask("capsolver", "1", "ReCaptchaV2TaskProxyLess", "<html>"))
                .hasMessageContaining("not JSON");
    }

    private static SolvedTask solved(String taskType, String solution) {
        return TaskAnswers.solvedTask("capmonster", "42", taskType,
                parse(("{\"errorId\":0,\"status\":\"ready\",\"solution\":" + solution + "}")),
                RECEIVED).build();
    }

    private static JsonNode parse(String json) {
        try {
            return ProviderAnswers.JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private FeedbackReporter reporter() {
        return providers.reporter("anticaptcha", outbox);
    }

    private static Delivery await(CompletableFuture<Delivery> delivery) {
        return delivery.orTimeout(20, TimeUnit.SECONDS).join();
    }
}
