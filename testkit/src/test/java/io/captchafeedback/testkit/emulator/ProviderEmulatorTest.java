package io.captchafeedback.testkit.emulator;


import io.captchafeedback.testkit.Http;
import io.captchafeedback.testkit.ManualClock;
import static io.captchafeedback.testkit.Http.json;
import static io.captchafeedback.testkit.Http.postJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.captchafeedback.task.CaptchaType;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.provider.TaskAnswers;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProviderEmulatorTest {
    private static final String PAGE = "https://shop.example/login";
    private static final String SITE_KEY = "6LeEmulatorSiteKey";
    private static final ManualClock clock = new ManualClock();
    private static ProviderEmulator emulator;

    @BeforeAll
    static void startEmulator() {
        emulator = ProviderEmulator.builder().clock(clock).seed(42).start();
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @BeforeEach
    void forgetEverything() {
        emulator.reset().badTokenRate(0);
        emulator.faults().up();
    }

    private String key(String provider) {
        return emulator.apiKey(provider);
    }

    @Test
    void createTaskAndGetTaskResultHandOutATokenWithATaskIdOfTheProvidersKind() {
        for (String provider : ProviderEmulator.providers()) {
            JsonNode created = postJson(emulator.baseUrl(provider) + "/createTask", json(
                    "{'clientKey':'" + key(provider) + "','task':{'type':'TurnstileTaskProxyless',"
                            + "'websiteURL':'" + PAGE + "','websiteKey':'0x4AAA'}}"));
            assertThat(created.get("errorId").asInt()).as(provider).isZero();
            JsonNode taskId = created.get("taskId");
            boolean integer = provider.matches("2captcha|anticaptcha|capmonster|nextcaptcha");
            assertThat(integer ? taskId.isIntegralNumber() : taskId.isTextual()).as(provider + " " + taskId).isTrue();

            JsonNode result = postJson(emulator.baseUrl(provider) + "/getTaskResult",
                    "{\"clientKey\":\"" + key(provider) + "\",\"taskId\":" + taskId + "}");
            assertThat(result.get("status").asText()).isEqualTo("ready");
            assertThat(result.at("/solution/token").asText()).startsWith("0.");
        }
    }

    @Test
    void aGeeTestV4TaskReadBackThroughTaskAnswersCarriesTheEndTimeOnlyWhereTheProviderDocumentsOne() {
        for (String provider : List.of("anticaptcha", "capsolver")) {
            JsonNode created = postJson(emulator.baseUrl(provider) + "/createTask", json("{'clientKey':'" + key(provider)
                    + "','task':{'type':'GeeTestTaskProxyless','version':4,'websiteURL':'" + PAGE
                    + "','captchaId':'e392e1d7fd421dc63325744d5a2b9c73'}}"));
            JsonNode result = postJson(emulator.baseUrl(provider) + "/getTaskResult",
                    "{\"clientKey\":\"" + key(provider) + "\",\"taskId\":" + created.get("taskId") + "}");
            Instant received = clock.instant().plusSeconds(30);

            SolvedTask task = TaskAnswers.solvedTask(provider, created.get("taskId").asText(), "GeeTestTaskProxyless",
                    result, received).build();

            assertThat(task.type()).as(provider).isEqualTo(CaptchaType.GEETEST_V4);
            assertThat(task.token()).isEqualTo(result.at("/solution/pass_token").asText());
            if (provider.equals("anticaptcha")) {
                assertThat(task.solvedAt()).isBefore(received).isEqualTo(Instant.ofEpochSecond(result.get("endTime").asLong()));
            } else {
                assertThat(result.has("endTime")).isFalse();
                assertThat(task.solvedAt()).isEqualTo(received);
            }
        }
    }

    @Test
    void processingPollsUnsolvableTasksAndAnEmptyAccountAnswerAsTheProvidersPublishThem() throws Exception {
        emulator.processingPolls(2).unsolvableNext(1);
        JsonNode created = postJson(emulator.baseUrl("2captcha") + "/createTask", json("{'clientKey':'"
                + key("2captcha") + "','task':{'type':'RecaptchaV2TaskProxyless','websiteURL':'" + PAGE
                + "','websiteKey':'k'}}"));
        String poll = "{\"clientKey\":\"" + key("2captcha") + "\",\"taskId\":" + created.get("taskId") + "}";
        assertThat(postJson(emulator.baseUrl("2captcha") + "/getTaskResult", poll).get("status").asText())
                .isEqualTo("processing");
        assertThat(postJson(emulator.baseUrl("2captcha") + "/getTaskResult", poll).get("status").asText())
                .isEqualTo("processing");
        // 2captcha.com/api-docs/get-task-result, "Task could not be completed"
        assertThat(postJson(emulator.baseUrl("2captcha") + "/getTaskResult", poll)).isEqualTo(Http.JSON.readTree(json(
                "{'errorId':12,'errorCode':'ERROR_CAPTCHA_UNSOLVABLE','errorDescription':'Workers could not solve the Captcha'}")));
        assertThat(emulator.pollCount(created.get("taskId").asText())).isEqualTo(3);

        emulator.zeroBalance("anticaptcha", true).zeroBalance("capsolver", true);
        String task = "','task':{'type':'TurnstileTaskProxyless','websiteURL':'" + PAGE + "','websiteKey':'k'}}";
        // anti-captcha.com/apidoc/errors: 10 ERROR_ZERO_BALANCE
        assertThat(postJson(emulator.baseUrl("anticaptcha") + "/createTask", json("{'clientKey':'" + key("anticaptcha")
                + task))).isEqualTo(Http.JSON.readTree(json(
                "{'errorId':10,'errorCode':'ERROR_ZERO_BALANCE','errorDescription':'Account has zero or negative balance.'}")));
        assertThat(postJson(emulator.baseUrl("anticaptcha") + "/getBalance", json("{'clientKey':'" + key("anticaptcha")
                + "'}")).get("balance").asDouble()).isZero();
        java.net.http.HttpResponse<String> capsolver = Http.post(emulator.baseUrl("capsolver") + "/createTask",
                "application/json", json("{'clientKey':'" + key("capsolver") + task));
        assertThat(capsolver.statusCode()).isEqualTo(400);
        assertThat(capsolver.body()).contains("ERROR_ZERO_BALANCE");
        assertThat(postJson(emulator.baseUrl("capmonster") + "/createTask", json("{'clientKey':'" + key("capmonster")
                + task)).get("errorId").asInt()).isZero();

        emulator.reset();
        assertThat(postJson(emulator.baseUrl("anticaptcha") + "/createTask", json("{'clientKey':'" + key("anticaptcha")
                + task)).get("errorId").asInt()).isZero();
    }

    @Test
    void getTaskResultSaysProcessingUntilTheSolveTimeHasPassedOnTheClock() {
        ManualClock own = new ManualClock();
        try (ProviderEmulator slow = ProviderEmulator.builder().clock(own).solveTime(Duration.ofSeconds(10)).start()) {
            String key = slow.apiKey("capsolver");
            JsonNode created = postJson(slow.baseUrl("capsolver") + "/createTask", json("{'clientKey':'" + key
                    + "','task':{'type':'HCaptchaTaskProxyless','websiteURL':'" + PAGE + "','websiteKey':'k'}}"));
            String poll = "{\"clientKey\":\"" + key + "\",\"taskId\":" + created.get("taskId") + "}";
            assertThat(postJson(slow.baseUrl("capsolver") + "/getTaskResult", poll).get("status").asText())
                    .isEqualTo("processing");
            own.advance(Duration.ofSeconds(10));
            JsonNode ready = postJson(slow.baseUrl("capsolver") + "/getTaskResult", poll);
            assertThat(ready.get("status").asText()).isEqualTo("ready");
            assertThat(ready.at("/solution/gRecaptchaResponse").asText()).startsWith("P1_");
        }
    }

    @Test
    void recaptchaSolutionsComeAsGRecaptchaResponse() {
        JsonNode created = postJson(emulator.baseUrl("anticaptcha") + "/createTask", json(
                "{'clientKey':'" + key("anticaptcha") + "','task':{'type':'RecaptchaV2TaskProxyless',"
                        + "'websiteURL':'" + PAGE + "','websiteKey':'" + SITE_KEY + "'}}"));
        JsonNode result = postJson(emulator.baseUrl("anticaptcha") + "/getTaskResult",
                "{\"clientKey\":\"" + key("anticaptcha") + "\",\"taskId\":" + created.get("taskId") + "}");
        assertThat(result.at("/solution/gRecaptchaResponse").asText()).startsWith("03A");
    }

    @Test
    void aWrongKeyAnUnknownTaskAndAMissingTaskAreRefusedWithTheProvidersCodes() {
        String url = emulator.baseUrl("anticaptcha") + "/createTask";
        assertThat(postJson(url, json("{'clientKey':'nope','task':{'type':'RecaptchaV2TaskProxyless'}}"))
                .get("errorCode").asText()).isEqualTo("ERROR_KEY_DOES_NOT_EXIST");
        assertThat(postJson(url, json("{'clientKey':'" + key("anticaptcha") + "','task':{'type':'MagicTask',"
                + "'websiteURL':'x','websiteKey':'y'}}")).get("errorCode").asText()).isEqualTo("ERROR_TASK_NOT_SUPPORTED");
        JsonNode unknown = postJson(emulator.baseUrl("anticaptcha") + "/getTaskResult",
                json("{'clientKey':'" + key("anticaptcha") + "','taskId':1}"));
        assertThat(unknown.get("errorId").asInt()).isEqualTo(16);
        assertThat(unknown.get("errorCode").asText()).isEqualTo("ERROR_NO_SUCH_CAPCHA_ID");
    }

    @Test
    void ucaptchaRecordsEveryFeedbackItIsSentBecauseItsSeedStatesNoOnePerTaskRule() {
        SolvedTask task = emulator.solve("ucaptcha", CaptchaType.HCAPTCHA, PAGE, SITE_KEY);
        String body = json("{'clientKey':'" + key("ucaptcha") + "','taskId':'" + task.taskId()
                + "','result':{'invalid':true,'code':'invalid-input-response','message':'Token was rejected by the target site'}}");

        JsonNode first = postJson(emulator.baseUrl("ucaptcha") + "/feedbackTask", body);
        JsonNode second = postJson(emulator.baseUrl("ucaptcha") + "/feedbackTask", body);

        assertThat(first.toString()).isEqualTo("{\"errorId\":0,\"message\":\"Feedback recorded\"}");
        assertThat(second.toString()).isEqualTo("{\"errorId\":0,\"message\":\"Feedback recorded\"}");
        assertThat(emulator.feedbackFor("ucaptcha", task.taskId()))
                .extracting(ReceivedFeedback::recorded, ReceivedFeedback::positive, ReceivedFeedback::errorCode,
                        ReceivedFeedback::code)
                .containsExactly(
                        tuple(true, false, "", "invalid-input-response"),
                        tuple(true, false, "", "invalid-input-response"));
        assertThat(emulator.recordedFeedbackCount("ucaptcha", task.taskId())).isEqualTo(2);
    }

    @Test
    void ucaptchaRefusesAFeedbackWithoutItsRequiredMessageAsInvalidData() {
        SolvedTask task = emulator.solve("ucaptcha", CaptchaType.TURNSTILE, PAGE, SITE_KEY);
        JsonNode answer = postJson(emulator.baseUrl("ucaptcha") + "/feedbackTask", json(
                "{'clientKey':'" + key("ucaptcha") + "','taskId':'" + task.taskId() + "','result':{'invalid':false}}"));
        assertThat(answer.get("errorCode").asText()).isEqualTo("ERROR_INVALID_TASK_DATA");
        assertThat(emulator.recordedFeedbackCount("ucaptcha", task.taskId())).isZero();
    }

    @Test
    void regotchaAnswersTheDocumentedErrorsAndExpiresAfterTwentyFourHours() {
        SolvedTask task = emulator.solve("regotcha", CaptchaType.RECAPTCHA_V2, PAGE, SITE_KEY);
        String url = emulator.baseUrl("regotcha") + "/feedbackTask";
        assertThat(task.taskId()).startsWith("task_");
        assertThat(postJson(url, json("{'clientKey':'bad','taskId':'" + task.taskId() + "','result':{'valid':true}}"))
                .get("errorCode").asText()).isEqualTo("ERROR_KEY_DOES_NOT_EXIST");
        assertThat(postJson(url, json("{'clientKey':'" + key("regotcha") + "','taskId':'" + task.taskId()
                + "','result':{'valid':'yes'}}")).get("errorCode").asText()).isEqualTo("ERROR_INVALID_TASK_DATA");
        assertThat(postJson(url, json("{'clientKey':'" + key("regotcha") + "','taskId':'task_unknown','result':{'valid':true}}"))
                .get("errorCode").asText()).isEqualTo("ERROR_NO_SUCH_CAPCHA_ID");

        clock.advance(Duration.ofHours(24).plusSeconds(1));
        assertThat(postJson(url, json("{'clientKey':'" + key("regotcha") + "','taskId':'" + task.taskId()
                + "','result':{'valid':true}}")).get("errorCode").asText()).isEqualTo("ERROR_FEEDBACK_EXPIRED");
    }

    @Test
    void regotchaSaysWhichWayTheFeedbackWent() {
        SolvedTask task = emulator.solve("regotcha", CaptchaType.RECAPTCHA_V2, PAGE, SITE_KEY);
        JsonNode answer = postJson(emulator.baseUrl("regotcha") + "/feedbackTask", json(
                "{'clientKey':'" + key("regotcha") + "','taskId':'" + task.taskId() + "','result':{'valid':true}}"));
        assertThat(answer.toString()).isEqualTo("{\"errorId\":0,\"message\":\"Feedback recorded: token valid\"}");
        assertThat(emulator.feedbackFor("regotcha", task.taskId())).singleElement()
                .satisfies(f -> assertThat(f.positive()).isTrue());
    }

    @Test
    void antiCaptchaTakesReportsOnlyWithinSixtySecondsOnTheEndpointOfTheTasksType() {
        String url = emulator.baseUrl("anticaptcha");
        SolvedTask late = emulator.solve("anticaptcha", CaptchaType.RECAPTCHA_V2, PAGE, SITE_KEY);
        SolvedTask hcaptcha = emulator.solve("anticaptcha", CaptchaType.HCAPTCHA, PAGE, SITE_KEY);
        String hBody = "{\"clientKey\":\"" + key("anticaptcha") + "\",\"taskId\":" + hcaptcha.taskId() + "}";

        assertThat(postJson(url + "/reportIncorrectRecaptcha", hBody).get("errorId").asInt()).isEqualTo(16);
        assertThat(postJson(url + "/reportIncorrectHcaptcha", hBody).toString())
                .isEqualTo("{\"errorId\":0,\"status\":\"success\"}");
        assertThat(postJson(url + "/reportIncorrectHcaptcha", hBody).get("errorId").asInt()).isEqualTo(16);

        clock.advance(Duration.ofSeconds(61));
        assertThat(postJson(url + "/reportIncorrectRecaptcha",
                "{\"clientKey\":\"" + key("anticaptcha") + "\",\"taskId\":" + late.taskId() + "}")
                .get("errorCode").asText()).isEqualTo("ERROR_NO_SUCH_CAPCHA_ID");
        assertThat(emulator.recordedFeedbackCount("anticaptcha", late.taskId())).isZero();
    }

    @Test
    void antiCaptchaRefusesATaskIdSentAsAString() {
        SolvedTask task = emulator.solve("anticaptcha", CaptchaType.RECAPTCHA_V3, PAGE, SITE_KEY);
        JsonNode answer = postJson(emulator.baseUrl("anticaptcha") + "/reportCorrectRecaptcha",
                json("{'clientKey':'" + key("anticaptcha") + "','taskId':'" + task.taskId() + "'}"));
        assertThat(answer.get("errorId").asInt()).isNotZero();
    }

    @Test
    void twoCaptchaRejectsADuplicateAndALateReport() {
        String url = emulator.baseUrl("2captcha");
        SolvedTask task = emulator.solve("2captcha", CaptchaType.TURNSTILE, PAGE, SITE_KEY);
        SolvedTask late = emulator.solve("2captcha", CaptchaType.TURNSTILE, PAGE, SITE_KEY);
        String body = "{\"clientKey\":\"" + key("2captcha") + "\",\"taskId\":" + task.taskId() + "}";
        assertThat(postJson(url + "/reportCorrect", body).get("status").asText()).isEqualTo("success");
        assertThat(postJson(url + "/reportIncorrect", body).get("errorCode").asText()).isEqualTo("ERROR_DUPLICATE_REPORT");
        clock.advance(Duration.ofMinutes(16));
        assertThat(postJson(url + "/reportIncorrect", "{\"clientKey\":\"" + key("2captcha") + "\",\"taskId\":"
                + late.taskId() + "}").get("errorCode").asText()).isEqualTo("ERROR_REPORT_NOT_RECORDED");
    }

    @Test
    void capSolverHasNoOneFeedbackRuleAndCountsEveryReport() {
        SolvedTask task = emulator.solve("capsolver", CaptchaType.RECAPTCHA_V2, PAGE, SITE_KEY);
        String body = json("{'clientKey':'" + key("capsolver") + "','appId':'APP','taskId':'" + task.taskId()
                + "','result':{'invalid':true,'code':1001,'message':'rejected'}}");
        postJson(emulator.baseUrl("capsolver") + "/feedbackTask", body);
        postJson(emulator.baseUrl("capsolver") + "/feedbackTask", body);
        assertThat(emulator.recordedFeedbackCount("capsolver", task.taskId())).isEqualTo(2);
    }

    @Test
    void capSolverAnswersAWrongKeyWithHttp401AndBadDataWithHttp400AsItsErrorTableSays() throws IOException {
        SolvedTask task = emulator.solve("capsolver", CaptchaType.RECAPTCHA_V2, PAGE, SITE_KEY);
        var wrongKey = Http.post(emulator.baseUrl("capsolver") + "/feedbackTask", "application/json",
                json("{'clientKey':'x','taskId':'" + task.taskId() + "','result':{'invalid':true}}"));
        var textCode = Http.post(emulator.baseUrl("capsolver") + "/feedbackTask", "application/json",
                json("{'clientKey':'" + key("capsolver") + "','taskId':'" + task.taskId()
                        + "','result':{'invalid':true,'code':'ERROR_CAPTCHA_UNSOLVABLE'}}"));

        assertThat(wrongKey.statusCode()).isEqualTo(401);
        assertThat(wrongKey.body()).isEqualTo(
                "{\"errorId\":1,\"errorCode\":\"ERROR_KEY_DENIED_ACCESS\",\"errorDescription\":\"Wrong account key\"}");
        assertThat(textCode.statusCode()).isEqualTo(400);
        assertThat(Http.JSON.readTree(textCode.body()).get("errorCode").asText()).isEqualTo("ERROR_INVALID_TASK_DATA");
        assertThat(emulator.recordedFeedbackCount("capsolver", task.taskId())).isZero();
    }

    @Test
    void capMonsterTakesOnlyNegativeTokenReports() throws IOException {
        SolvedTask task = emulator.solve("capmonster", CaptchaType.TURNSTILE, PAGE, SITE_KEY);
        String body = "{\"clientKey\":\"" + key("capmonster") + "\",\"taskId\":" + task.taskId() + "}";
        assertThat(Http.post(emulator.baseUrl("capmonster") + "/reportCorrectRecaptcha", "application/json", body)
                .statusCode()).isEqualTo(404);
        assertThat(postJson(emulator.baseUrl("capmonster") + "/reportIncorrectImageCaptcha", body)
                .get("errorId").asInt()).isEqualTo(1);
        assertThat(postJson(emulator.baseUrl("capmonster") + "/reportIncorrectTokenCaptcha", body)
                .get("errorId").asInt()).isZero();
    }

    @Test
    void siteVerifyAcceptsAGoodTokenOnceAndRefusesBadUnknownAndReusedOnes() throws IOException {
        SolvedTask good = emulator.solve("ucaptcha", CaptchaType.RECAPTCHA_V2, PAGE, SITE_KEY);
        SolvedTask bad = emulator.solve("ucaptcha", CaptchaType.RECAPTCHA_V2, PAGE, SITE_KEY);
        emulator.markBad(bad.taskId());

        assertThat(verify(good.token())).isEqualTo("true []");
        assertThat(verify(good.token())).isEqualTo("false [\"timeout-or-duplicate\"]");
        assertThat(verify(bad.token())).isEqualTo("false [\"invalid-input-response\"]");
        assertThat(verify("made-up")).isEqualTo("false [\"invalid-input-response\"]");
        assertThat(emulator.verifications()).extracting(SiteVerification::success).containsExactly(true, false, false, false);
    }

    @Test
    void siteVerifyRefusesAnExpiredTokenAndAWrongSecret() throws IOException {
        SolvedTask task = emulator.solve("ucaptcha", CaptchaType.HCAPTCHA, PAGE, SITE_KEY);
        HttpResponse<String> wrongSecret = Http.post(emulator.siteVerifyUrl(), "application/x-www-form-urlencoded",
                "secret=nope&response=" + task.token());
        assertThat(wrongSecret.body()).contains("invalid-input-secret");
        clock.advance(Duration.ofSeconds(121));
        assertThat(verify(task.token())).isEqualTo("false [\"timeout-or-duplicate\"]");
    }

    @Test
    void tokenQualityFollowsTheScriptThenTheRate() {
        emulator.scriptNextTokens(false, true).badTokenRate(1);
        assertThat(emulator.isGood(emulator.solve("ucaptcha", CaptchaType.TURNSTILE, PAGE, SITE_KEY).taskId())).isFalse();
        assertThat(emulator.isGood(emulator.solve("ucaptcha", CaptchaType.TURNSTILE, PAGE, SITE_KEY).taskId())).isTrue();
        assertThat(emulator.isGood(emulator.solve("ucaptcha", CaptchaType.TURNSTILE, PAGE, SITE_KEY).taskId())).isFalse();
        assertThatThrownBy(() -> emulator.markBad("no-such-task")).hasMessageContaining("no-such-task");
    }

    @Test
    void failNextAnswersTheStatusWithRetryAfterThenRecovers() throws IOException {
        emulator.faults().failNext(2, 429, Duration.ofSeconds(3));
        String url = emulator.baseUrl("ucaptcha") + "/getBalance";
        String body = json("{'clientKey':'" + key("ucaptcha") + "'}");
        HttpResponse<String> first = Http.post(url, "application/json", body);
        assertThat(first.statusCode()).isEqualTo(429);
        assertThat(first.headers().firstValue("Retry-After")).hasValue("3");
        assertThat(Http.post(url, "application/json", body).statusCode()).isEqualTo(429);
        assertThat(Http.post(url, "application/json", body).statusCode()).isEqualTo(200);
        assertThat(emulator.requestCount("ucaptcha")).isEqualTo(3);
    }

    @Test
    void htmlNextAnswersAPageThatIsNotJson() throws IOException {
        emulator.faults().htmlNext(1);
        HttpResponse<String> answer = Http.post(emulator.baseUrl("2captcha") + "/reportCorrect", "application/json", "{}");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(answer.body()).startsWith("<!DOCTYPE html>");
    }

    @Test
    void resetNextClosesTheConnectionWithoutAnAnswer() {
        emulator.faults().resetNext(1);
        assertThatThrownBy(() -> Http.post(emulator.baseUrl("ucaptcha") + "/getBalance", "application/json", "{}"))
                .isInstanceOf(IOException.class)
                .isNotInstanceOf(java.net.http.HttpTimeoutException.class);
        assertThat(emulator.faults().pending()).isZero();
    }

    @Test
    void delaySlowsEveryProviderAnswerButNotSiteVerify() throws IOException {
        emulator.faults().delay(Duration.ofMillis(1000));
        long start = System.nanoTime();
        Http.post(emulator.baseUrl("ucaptcha") + "/getBalance", "application/json", "{}");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1000));
        start = System.nanoTime();
        verify("x");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1000));
    }

    @Test
    void downRefusesConnectionsAndUpComesBackOnTheSamePortWithItsState() throws IOException {
        SolvedTask task = emulator.solve("regotcha", CaptchaType.TURNSTILE, PAGE, SITE_KEY);
        int port = emulator.port();
        emulator.faults().down();
        assertThat(emulator.faults().isUp()).isFalse();
        assertThatThrownBy(() -> Http.get(emulator.baseUrl())).isInstanceOf(java.net.ConnectException.class);

        emulator.faults().up();
        assertThat(emulator.port()).isEqualTo(port);
        JsonNode answer = postJson(emulator.baseUrl("regotcha") + "/feedbackTask", json("{'clientKey':'"
                + key("regotcha") + "','taskId':'" + task.taskId() + "','result':{'valid':false}}"));
        assertThat(answer.get("errorId").asInt()).isZero();
    }

    @Test
    void anUnknownProviderNameIsRefusedWithTheListOfKnownOnes() {
        assertThatThrownBy(() -> emulator.baseUrl("deathbycaptcha"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("anticaptcha");
    }

    private static String verify(String token) throws IOException {
        HttpResponse<String> r = Http.post(emulator.siteVerifyUrl(), "application/x-www-form-urlencoded",
                "secret=" + emulator.siteSecret() + "&response=" + java.net.URLEncoder.encode(token, "UTF-8"));
        JsonNode n = Http.JSON.readTree(r.body());
        return n.get("success").asBoolean() + " " + (n.has("error-codes") ? n.get("error-codes").toString() : "[]");
    }
}
