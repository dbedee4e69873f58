package io.captchafeedback.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.captchafeedback.provider.FeedbackResult.RefusalReason;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The shared answer mapping without HTTP: Retry-After forms, error code spellings, transport failures. */
class ProviderAnswersTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final UnaryOperator<String> NO_KEY = UnaryOperator.identity();

    @ParameterizedTest(name = "Retry-After: {0} -> {1}s")
    @CsvSource({
        "0, 0",
        "7, 7",
        "' 120 ', 120",
        "'Sun, 01 Mar 2026 12:00:30 GMT', 30",
        "'Sun, 01 Mar 2026 11:59:00 GMT', 0"})
    void readsRetryAfterAsSecondsOrAnHttpDate(String header, long seconds) {
        assertThat(ProviderAnswers.parseRetryAfter(header, NOW)).isEqualTo(Duration.ofSeconds(seconds));
    }

    @ParameterizedTest(name = "Retry-After: ''{0}''")
    @NullAndEmptySource
    @ValueSource(strings = {"soon", "-5", "1.5", "99999999999999", "2026-03-01T12:00:30Z"})
    void ignoresARetryAfterItCannotRead(String header) {
        assertThat(ProviderAnswers.parseRetryAfter(header, NOW)).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "ERROR_FEEDBACK_EXISTS, AlreadyRecorded",
        "feedback_exists, AlreadyRecorded",
        "ERROR_DUPLICATE_REPORT, AlreadyRecorded",
        "ERROR_KEY_DOES_NOT_EXIST, BadKey",
        "ERROR_WRONG_USER_KEY, BadKey",
        "ERROR_IP_NOT_ALLOWED, BadKey",
        "ERROR_NO_SUCH_CAPCHA_ID, UNKNOWN_TASK",
        "ERROR_WRONG_CAPTCHA_ID, UNKNOWN_TASK",
        "ERROR_TASKID_INVALID, UNKNOWN_TASK",
        "ERROR_FEEDBACK_EXPIRED, EXPIRED",
        "ERROR_INVALID_TASK_DATA, INVALID_DATA",
        "ERROR_WRONG_ID_FORMAT, INVALID_DATA",
        "ERROR_REPORT_NOT_RECORDED, NOT_RECORDED",
        "ERROR_ZERO_BALANCE, OTHER",
        "ERROR_TOO_MUCH_REQUESTS, Retryable"})
    void typesEachErrorCodeTheSameWayForEveryProvider(String code, String expected) {
        FeedbackResult result = ProviderAnswers.classify(code, "why");

        switch (expected) {
            case "AlreadyRecorded" -> assertThat(result).isEqualTo(new FeedbackResult.AlreadyRecorded(code));
            case "BadKey" -> assertThat(result).isEqualTo(new FeedbackResult.BadKey(code, "why"));
            case "Retryable" -> assertThat(result).isInstanceOf(FeedbackResult.Retryable.class);
            default -> assertThat(result)
                    .isEqualTo(new FeedbackResult.Refused(RefusalReason.valueOf(expected), code, "why"));
        }
    }

    @Test
    void deliversOnlyOnA2xxWithErrorIdZero() {
        byte[] ok = "{\"errorId\":0,\"message\":\"Feedback recorded\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(ProviderAnswers.interpret(200, null, ok, NOW, NO_KEY))
                .isEqualTo(new FeedbackResult.Delivered("Feedback recorded"));
        assertThat(ProviderAnswers.interpret(202, null, ok, NOW, NO_KEY)).isInstanceOf(FeedbackResult.Delivered.class);
        assertThat(ProviderAnswers.interpret(404, null, ok, NOW, NO_KEY))
                .isEqualTo(FeedbackResult.Retryable.notRecorded("HTTP 404 with errorId 0", null));
    }

    @Test
    void refusesAnErrorIdThatIsNotANumberAsForeignJson() {
        byte[] text = "{\"errorId\":\"0\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(ProviderAnswers.interpret(200, null, text, NOW, NO_KEY))
                .isInstanceOfSatisfying(FeedbackResult.Retryable.class,
                        r -> assertThat(r.reason()).contains("JSON without errorId"));
    }

    @Test
    void namesTimeoutsAndConnectionFailuresShortly() {
        Duration timeout = Duration.ofMillis(1500);

        assertThat(ProviderAnswers.failure(new InterruptedIOException("timeout"), timeout, NO_KEY))
                .isEqualTo(FeedbackResult.Retryable.mayHaveReached("timeout after 1500ms"));
        assertThat(ProviderAnswers.failure(new SocketTimeoutException("Read timed out"), Duration.ofSeconds(10), NO_KEY))
                .isEqualTo(FeedbackResult.Retryable.mayHaveReached("timeout after 10s"));
        assertThat(ProviderAnswers.failure(new IOException("unexpected end of stream"), timeout, NO_KEY))
                .isEqualTo(FeedbackResult.Retryable.mayHaveReached("connection failed: IOException: unexpected end of stream"));
        assertThat(ProviderAnswers.failure(new IOException("key K1 rejected"), timeout, t -> t.replace("K1", "[redacted]")))
                .isEqualTo(FeedbackResult.Retryable.mayHaveReached("connection failed: IOException: key [redacted] rejected"));
    }

    @Test
    void aFailureBeforeAnyConnectionExistedDidNotReachTheProvider() {
        Duration timeout = Duration.ofSeconds(5);

        assertThat(ProviderAnswers.failure(new java.net.ConnectException("Connection refused"), timeout, NO_KEY))
                .isEqualTo(FeedbackResult.Retryable.notRecorded("connection failed: ConnectException: Connection refused", null));
        assertThat(ProviderAnswers.failure(new java.net.UnknownHostException("api.example"), timeout, NO_KEY))
                .extracting(r -> ((FeedbackResult.Retryable) r).mayHaveReachedProvider()).isEqualTo(false);
        assertThat(ProviderAnswers.failure(new SocketTimeoutException("Connect timed out"), timeout, NO_KEY))
                .isEqualTo(FeedbackResult.Retryable.notRecorded("timeout after 5s", null));
    }

    @Test
    void theFormWithoutTheFlagAssumesAnAnswerOnlyWhenItCarriesARetryAfter() {
        assertThat(new FeedbackResult.Retryable("Acme answered HTTP 503", Duration.ofSeconds(3)).mayHaveReachedProvider()).isFalse();
        assertThat(new FeedbackResult.Retryable("Acme: connection lost", null).mayHaveReachedProvider()).isTrue();
    }
}
