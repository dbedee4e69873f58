package io.captchafeedback.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import io.captchafeedback.provider.FeedbackResult.RefusalReason;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Every answer and failure a provider can give, with the {@link FeedbackResult} it must become. Shared by
 * the answer-mapping test (run against every adapter) and the key canary.
 *
 * @param name what the provider does
 * @param response the WireMock answer
 * @param timeout the request timeout to configure
 * @param expected checks the result
 */
record AnswerCase(String name, ResponseDefinitionBuilder response, Duration timeout, Consumer<FeedbackResult> expected) {

    /** The request timeout of the slow-answer case, and the delay that exceeds it. */
    static final Duration SHORT_TIMEOUT = Duration.ofMillis(300);
    static final int SLOW_ANSWER_MILLIS = 1_500;

    @Override
    public String toString() {
        return name;
    }

    /** All cases; the bodies mention nothing secret. */
    static List<AnswerCase> all() {
        List<AnswerCase> cases = new ArrayList<>();
        cases.add(json("errorId 0 with a message", 200, "{\"errorId\":0,\"message\":\"Feedback recorded\"}",
                new FeedbackResult.Delivered("Feedback recorded")));
        cases.add(json("errorId 0 with status success", 200, "{\"errorId\":0,\"status\":\"success\"}",
                new FeedbackResult.Delivered("success")));
        cases.add(error("ERROR_FEEDBACK_EXISTS", 1, new FeedbackResult.AlreadyRecorded("ERROR_FEEDBACK_EXISTS")));
        cases.add(error("ERROR_DUPLICATE_REPORT", 1, new FeedbackResult.AlreadyRecorded("ERROR_DUPLICATE_REPORT")));
        cases.add(error("ERROR_KEY_DOES_NOT_EXIST", 1,
                new FeedbackResult.BadKey("ERROR_KEY_DOES_NOT_EXIST", "described")));
        cases.add(error("ERROR_WRONG_USER_KEY", 1, new FeedbackResult.BadKey("ERROR_WRONG_USER_KEY", "described")));
        cases.add(error("ERROR_KEY_DENIED_ACCESS", 1,
                new FeedbackResult.BadKey("ERROR_KEY_DENIED_ACCESS", "described")));
        cases.add(error("ERROR_NO_SUCH_CAPCHA_ID", 16, refused(RefusalReason.UNKNOWN_TASK, "ERROR_NO_SUCH_CAPCHA_ID")));
        cases.add(error("ERROR_WRONG_CAPTCHA_ID", 1, refused(RefusalReason.UNKNOWN_TASK, "ERROR_WRONG_CAPTCHA_ID")));
        cases.add(error("ERROR_FEEDBACK_EXPIRED", 1, refused(RefusalReason.EXPIRED, "ERROR_FEEDBACK_EXPIRED")));
        cases.add(error("ERROR_INVALID_TASK_DATA", 1, refused(RefusalReason.INVALID_DATA, "ERROR_INVALID_TASK_DATA")));
        cases.add(error("ERROR_REPORT_NOT_RECORDED", 1,
                refused(RefusalReason.NOT_RECORDED, "ERROR_REPORT_NOT_RECORDED")));
        cases.add(error("ERROR_SOMETHING_NEW", 1, refused(RefusalReason.OTHER, "ERROR_SOMETHING_NEW")));
        cases.add(new AnswerCase("ERROR_TOO_MUCH_REQUESTS asks to slow down",
                jsonAnswer(200, "{\"errorId\":1,\"errorCode\":\"ERROR_TOO_MUCH_REQUESTS\"}"),
                ProviderFixture.TIMEOUT, retryable("provider asks to slow down", null, false)));
        cases.add(json("errorId without errorCode", 200, "{\"errorId\":3}",
                new FeedbackResult.Refused(RefusalReason.OTHER, "", "errorId 3 without errorCode")));
        cases.add(json("an error answered with HTTP 400", 400,
                "{\"errorId\":1,\"errorCode\":\"ERROR_KEY_DOES_NOT_EXIST\",\"errorDescription\":\"described\"}",
                new FeedbackResult.BadKey("ERROR_KEY_DOES_NOT_EXIST", "described")));
        cases.add(status("HTTP 500", aResponse().withStatus(500), retryable("HTTP 500", null, false)));
        cases.add(status("HTTP 503 with Retry-After seconds",
                aResponse().withStatus(503).withHeader("Retry-After", "3"), retryable("HTTP 503", Duration.ofSeconds(3), false)));
        cases.add(status("HTTP 502 with the provider's JSON",
                jsonAnswer(502, "{\"errorId\":1,\"errorCode\":\"ERROR_KEY_DOES_NOT_EXIST\"}"),
                retryable("HTTP 502 ERROR_KEY_DOES_NOT_EXIST", null, false)));
        cases.add(status("HTTP 429 with Retry-After seconds",
                aResponse().withStatus(429).withHeader("Retry-After", "7"), retryable("HTTP 429", Duration.ofSeconds(7), false)));
        String inTwoMinutes = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(120));
        cases.add(new AnswerCase("HTTP 429 with Retry-After as an HTTP date",
                aResponse().withStatus(429).withHeader("Retry-After", inTwoMinutes), ProviderFixture.TIMEOUT,
                result -> assertThat(result).isInstanceOfSatisfying(FeedbackResult.Retryable.class, r -> {
                    assertThat(r.reason()).isEqualTo("HTTP 429");
                    assertThat(r.retryAfter()).isBetween(Duration.ofSeconds(60), Duration.ofSeconds(121));
                })));
        cases.add(status("HTTP 429 without Retry-After", aResponse().withStatus(429), retryable("HTTP 429", null, false)));
        cases.add(status("an HTML page with HTTP 200", aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html").withBody("<html><body>Bad gateway</body></html>"),
                retryable("answer is not the provider's JSON: HTML", null, false)));
        cases.add(status("an HTML page with HTTP 404", aResponse().withStatus(404)
                .withHeader("Content-Type", "text/html").withBody("<!DOCTYPE html><p>Not found</p>"),
                retryable("answer is not the provider's JSON: HTML", null, false)));
        cases.add(status("an empty body", aResponse().withStatus(200), retryable("empty answer (HTTP 200)", null, false)));
        cases.add(status("garbage text", aResponse().withStatus(200).withBody("OK_REPORT_RECORDED"),
                retryable("answer is not the provider's JSON: not JSON", null, false)));
        cases.add(status("JSON without errorId", jsonAnswer(200, "{\"status\":\"ok\"}"),
                retryable("answer is not the provider's JSON: JSON without errorId", null, false)));
        cases.add(status("a JSON array", jsonAnswer(200, "[0]"),
                retryable("answer is not the provider's JSON: JSON without errorId", null, false)));
        cases.add(status("an answer larger than the limit",
                aResponse().withStatus(200).withBody("x".repeat(ProviderAnswers.MAX_ANSWER_BYTES + 10)),
                retryable("answer is not the provider's JSON: larger than", null, false)));
        cases.add(status("a connection reset by the peer",
                aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), retryable("connection failed", null, true)));
        cases.add(status("an empty response (connection closed)",
                aResponse().withFault(Fault.EMPTY_RESPONSE), retryable("connection failed", null, true)));
        cases.add(status("random data, then the connection closed",
                aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE), retryable("connection failed", null, true)));
        cases.add(new AnswerCase("an answer slower than the timeout",
                aResponse().withStatus(200).withFixedDelay(SLOW_ANSWER_MILLIS)
                        .withBody("{\"errorId\":0,\"message\":\"Feedback recorded\"}"),
                SHORT_TIMEOUT, retryable("timeout after 300ms", null, true)));
        return cases;
    }

    private static ResponseDefinitionBuilder jsonAnswer(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static AnswerCase json(String name, int status, String body, FeedbackResult expected) {
        return new AnswerCase(name, jsonAnswer(status, body), ProviderFixture.TIMEOUT,
                result -> assertThat(result).isEqualTo(expected));
    }

    private static AnswerCase error(String code, int errorId, FeedbackResult expected) {
        return json(code, 200, "{\"errorId\":" + errorId + ",\"errorCode\":\"" + code
                + "\",\"errorDescription\":\"described\"}", expected);
    }

    private static FeedbackResult refused(RefusalReason reason, String code) {
        return new FeedbackResult.Refused(reason, code, "described");
    }

    private static AnswerCase status(String name, ResponseDefinitionBuilder response, Consumer<FeedbackResult> check) {
        return new AnswerCase(name, response, ProviderFixture.TIMEOUT, check);
    }

    /** A retryable result whose reason starts with {@code reasonStart}, with exactly this retry delay. */
    /** A retryable result; {@code reached}: whether the request may have been recorded (sent, no answer). */
    private static Consumer<FeedbackResult> retryable(String reasonStart, Duration retryAfter, boolean reached) {
        return result -> assertThat(result).isInstanceOfSatisfying(FeedbackResult.Retryable.class, r -> {
            assertThat(r.reason()).startsWith(reasonStart);
            assertThat(r.retryAfter()).isEqualTo(retryAfter);
            assertThat(r.mayHaveReachedProvider()).as("may have reached the provider: " + r.reason()).isEqualTo(reached);
        });
    }
}
