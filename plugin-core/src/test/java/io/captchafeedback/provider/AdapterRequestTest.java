package io.captchafeedback.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.captchafeedback.task.CaptchaType.AWS_WAF;
import static io.captchafeedback.task.CaptchaType.FUNCAPTCHA;
import static io.captchafeedback.task.CaptchaType.GEETEST_V3;
import static io.captchafeedback.task.CaptchaType.GEETEST_V4;
import static io.captchafeedback.task.CaptchaType.HCAPTCHA;
import static io.captchafeedback.task.CaptchaType.IMAGE;
import static io.captchafeedback.task.CaptchaType.OTHER;
import static io.captchafeedback.task.CaptchaType.RECAPTCHA_ENTERPRISE;
import static io.captchafeedback.task.CaptchaType.RECAPTCHA_V2;
import static io.captchafeedback.task.CaptchaType.RECAPTCHA_V2_INVISIBLE;
import static io.captchafeedback.task.CaptchaType.RECAPTCHA_V3;
import static io.captchafeedback.task.CaptchaType.TURNSTILE;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.captchafeedback.task.CaptchaType;
import io.captchafeedback.task.Feedback;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The exact request every adapter sends: method, path, {@code Content-Type: application/json} and the
 * documented JSON body (compared strictly: no missing and no extra fields).
 */
class AdapterRequestTest {

    @RegisterExtension
    static final WireMockExtension server = ProviderFixture.server();

    @RegisterExtension
    final ProviderFixture providers = new ProviderFixture(server);

    private static final String KEY = ProviderFixture.KEY.reveal();
    private static final String UUID = "550e8400-e29b-41d4-a716-446655440000";
    private static final String REJECTED = "Token was rejected by the target site";
    private static final String ACCEPTED = "Solution accepted successfully";

    @BeforeEach
    void answerSuccess() {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"errorId\":0,\"status\":\"success\"}")));
    }

    /**
     * One documented request.
     *
     * @param type the adapter type
     * @param options the adapter options
     * @param taskId the task id as the task keeps it
     * @param captcha the captcha type
     * @param accepted the polarity
     * @param code the feedback code, or {@code null}
     * @param path the expected path
     * @param body the expected JSON body
     */
    record Case(String name, String type, Map<String, String> options, String taskId, CaptchaType captcha,
            boolean accepted, String code, String path, String body) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> documentedRequests() {
        return Stream.of(
                new Case("uCaptcha complaint", "ucaptcha", Map.of(), UUID, RECAPTCHA_V2, false, null, "/feedbackTask",
                        "{\"clientKey\":\"" + KEY + "\",\"taskId\":\"" + UUID + "\","
                                + "\"result\":{\"invalid\":true,\"message\":\"" + REJECTED + "\"}}"),
                new Case("uCaptcha complaint with a code", "ucaptcha", Map.of(), UUID, TURNSTILE, false,
                        "TOKEN_EXPIRED", "/feedbackTask", "{\"clientKey\":\"" + KEY + "\",\"taskId\":\"" + UUID + "\","
                                + "\"result\":{\"invalid\":true,\"code\":\"TOKEN_EXPIRED\",\"message\":\"" + REJECTED
                                + "\"}}"),
                new Case("uCaptcha acceptance", "ucaptcha", Map.of(), UUID, HCAPTCHA, true, null, "/feedbackTask",
                        "{\"clientKey\":\"" + KEY + "\",\"taskId\":\"" + UUID + "\","
                                + "\"result\":{\"invalid\":false,\"message\":\"" + ACCEPTED + "\"}}"),
                new Case("reGOTCHA rejection", "regotcha", Map.of(), "task_abc123xyz789", RECAPTCHA_V2, false, "X",
                        "/feedbackTask", "{\"clientKey\":\"" + KEY + "\",\"taskId\":\"task_abc123xyz789\","
                                + "\"result\":{\"valid\":false}}"),
                new Case("reGOTCHA acceptance", "regotcha", Map.of(), "task_abc123xyz789", TURNSTILE, true, null,
                        "/feedbackTask", "{\"clientKey\":\"" + KEY + "\",\"taskId\":\"task_abc123xyz789\","
                                + "\"result\":{\"valid\":true}}"),
                new Case("CapSolver complaint with appId and an integer code", "capsolver", Map.of("appId", "APP-42"),
                        "b3c1f0e2", RECAPTCHA_V3, false, "1001", "/feedbackTask",
                        "{\"clientKey\":\"" + KEY + "\",\"appId\":\"APP-42\",\"taskId\":\"b3c1f0e2\","
                                + "\"result\":{\"invalid\":true,\"code\":1001,\"message\":\"" + REJECTED + "\"}}"),
                new Case("CapSolver sends a code that is not an integer at the head of the message", "capsolver",
                        Map.of(), "b3c1f0e2", RECAPTCHA_V2, false, "TOKEN_EXPIRED", "/feedbackTask",
                        "{\"clientKey\":\"" + KEY + "\",\"taskId\":\"b3c1f0e2\","
                                + "\"result\":{\"invalid\":true,\"message\":\"[TOKEN_EXPIRED] " + REJECTED + "\"}}"),
                new Case("CapSolver sends a numeric text code as an integer", "capsolver", Map.of(), "b3c1f0e2",
                        GEETEST_V4, false, " 403 ", "/feedbackTask",
                        "{\"clientKey\":\"" + KEY + "\",\"taskId\":\"b3c1f0e2\","
                                + "\"result\":{\"invalid\":true,\"code\":403,\"message\":\"" + REJECTED + "\"}}"),
                new Case("CapSolver acceptance", "capsolver", Map.of(), "b3c1f0e2", FUNCAPTCHA, true, null,
                        "/feedbackTask", "{\"clientKey\":\"" + KEY + "\",\"taskId\":\"b3c1f0e2\","
                                + "\"result\":{\"invalid\":false,\"message\":\"" + ACCEPTED + "\"}}"),
                new Case("2Captcha reportCorrect", "2captcha", Map.of(), "72345678901", RECAPTCHA_V2, true, null,
                        "/reportCorrect", "{\"clientKey\":\"" + KEY + "\",\"taskId\":72345678901}"),
                new Case("2Captcha reportIncorrect", "2captcha", Map.of(), "72345678901", IMAGE, false, "X",
                        "/reportIncorrect", "{\"clientKey\":\"" + KEY + "\",\"taskId\":72345678901}"),
                antiCaptcha(RECAPTCHA_V2, false, "/reportIncorrectRecaptcha"),
                antiCaptcha(RECAPTCHA_V2_INVISIBLE, false, "/reportIncorrectRecaptcha"),
                antiCaptcha(RECAPTCHA_V3, false, "/reportIncorrectRecaptcha"),
                antiCaptcha(RECAPTCHA_ENTERPRISE, false, "/reportIncorrectRecaptcha"),
                antiCaptcha(RECAPTCHA_V3, true, "/reportCorrectRecaptcha"),
                antiCaptcha(RECAPTCHA_ENTERPRISE, true, "/reportCorrectRecaptcha"),
                antiCaptcha(HCAPTCHA, false, "/reportIncorrectHcaptcha"),
                antiCaptcha(IMAGE, false, "/reportIncorrectImageCaptcha"),
                capMonster(RECAPTCHA_V2, "/reportIncorrectTokenCaptcha"),
                capMonster(RECAPTCHA_V3, "/reportIncorrectTokenCaptcha"),
                capMonster(RECAPTCHA_ENTERPRISE, "/reportIncorrectTokenCaptcha"),
                capMonster(TURNSTILE, "/reportIncorrectTokenCaptcha"),
                capMonster(GEETEST_V3, "/reportIncorrectTokenCaptcha"),
                capMonster(GEETEST_V4, "/reportIncorrectTokenCaptcha"),
                new Case("2Captcha reportIncorrect about an AWS WAF task", "2captcha", Map.of(), "72345678901", AWS_WAF,
                        false, null, "/reportIncorrect", "{\"clientKey\":\"" + KEY + "\",\"taskId\":72345678901}"),
                new Case("uCaptcha complaint about a provider-specific task type", "ucaptcha", Map.of(), UUID, OTHER,
                        false, null, "/feedbackTask", "{\"clientKey\":\"" + KEY + "\",\"taskId\":\"" + UUID + "\","
                                + "\"result\":{\"invalid\":true,\"message\":\"" + REJECTED + "\"}}"),
                capMonster(IMAGE, "/reportIncorrectImageCaptcha"),
                new Case("generic, default options", "generic", Map.of(), "t-1", RECAPTCHA_V2, false, "BAD",
                        "/feedbackTask", "{\"clientKey\":\"" + KEY + "\",\"taskId\":\"t-1\","
                                + "\"result\":{\"invalid\":true,\"code\":\"BAD\",\"message\":\"" + REJECTED + "\"}}"),
                new Case("generic, valid style, own path, integer ids", "generic",
                        Map.of("style", "valid", "path", "/api/v2/feedback", "taskIdKind", "integer"), "42",
                        TURNSTILE, true, null, "/api/v2/feedback",
                        "{\"clientKey\":\"" + KEY + "\",\"taskId\":42,\"result\":{\"valid\":true}}"));
    }

    private static Case antiCaptcha(CaptchaType captcha, boolean accepted, String path) {
        return new Case("Anti-Captcha " + (accepted ? "positive " : "negative ") + captcha, "anticaptcha", Map.of(),
                "7654321", captcha, accepted, null, path, "{\"clientKey\":\"" + KEY + "\",\"taskId\":7654321}");
    }

    private static Case capMonster(CaptchaType captcha, String path) {
        return new Case("CapMonster negative " + captcha, "capmonster", Map.of(), "7654321", captcha, false, null, path,
                "{\"clientKey\":\"" + KEY + "\",\"taskId\":7654321}");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documentedRequests")
    void sendsTheDocumentedRequest(Case c) {
        ProviderAdapter adapter = providers.adapter(c.type(), c.options());
        Feedback feedback = ProviderFixture.feedback(c.type(), c.taskId(), c.captcha(), c.accepted(), c.code());

        FeedbackResult result = ProviderFixture.send(adapter, feedback);

        assertThat(result).isEqualTo(new FeedbackResult.Delivered("success"));
        server.verify(1, postRequestedFor(urlEqualTo(c.path()))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson(c.body(), false, false)));
        assertThat(providers.requestCount()).isEqualTo(1);
    }

    @Test
    void appendsTheEndpointToABaseUrlWithAPathPrefix() {
        URI prefixed = URI.create(server.baseUrl() + "/router/");
        ProviderAdapter adapter = providers.adapter(new ProviderSettings("u", "ucaptcha", ProviderFixture.KEY,
                prefixed, ProviderFixture.TIMEOUT, Map.of()));

        ProviderFixture.send(adapter, ProviderFixture.feedback("u", UUID, RECAPTCHA_V2, false, null));

        server.verify(1, postRequestedFor(urlEqualTo("/router/feedbackTask")));
    }

    @Test
    void refusesATaskIdThatIsNotAnIntegerForAnIntegerProviderWithoutARequest() {
        for (String type : List.of("2captcha", "anticaptcha", "capmonster")) {
            FeedbackResult result = ProviderFixture.send(providers.adapter(type),
                    ProviderFixture.feedback(type, UUID, RECAPTCHA_V2, false, null));

            assertThat(result).as(type).isInstanceOfSatisfying(FeedbackResult.Refused.class, r -> {
                assertThat(r.reason()).isEqualTo(FeedbackResult.RefusalReason.INVALID_DATA);
                assertThat(r.description()).contains(UUID, "integer");
            });
        }
        assertThat(providers.requestCount()).isZero();
    }

    @Test
    void sendsAStringTaskIdAsAJsonStringEvenWhenItLooksLikeANumber() {
        ProviderFixture.send(providers.adapter("ucaptcha"),
                ProviderFixture.feedback("ucaptcha", "12345", RECAPTCHA_V2, false, null));

        server.verify(1, postRequestedFor(urlEqualTo("/feedbackTask"))
                .withRequestBody(equalToJson("{\"taskId\":\"12345\"}", false, true)));
    }
}
