package io.captchafeedback.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.captchafeedback.provider.FeedbackResult.RefusalReason;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The one place where a provider's answer (or the lack of one) becomes a {@link FeedbackResult}.
 * Every built-in adapter goes through it, so that an error code means the same thing everywhere.
 *
 * <ul>
 *   <li>HTTP 2xx with JSON {@code errorId: 0}: {@link FeedbackResult.Delivered}.
 *   <li>JSON {@code errorId != 0} (HTTP 2xx or 4xx): by {@code errorCode}, see {@link #classify}.
 *   <li>HTTP 5xx and 429 (with {@code Retry-After} in seconds or as an HTTP date), any other status
 *       without the provider's JSON, an empty, HTML or otherwise foreign body, timeouts and connection
 *       failures: {@link FeedbackResult.Retryable} with a short reason.
 * </ul>
 *
 * <p>Stateless and thread-safe. Texts taken from an answer pass through a redactor that removes the key.
 */
final class ProviderAnswers {

    /** Answers longer than this are not the provider's JSON (theirs are a few dozen bytes). */
    static final int MAX_ANSWER_BYTES = 64 * 1024;

    static final ObjectMapper JSON = new ObjectMapper();

    private static final Set<String> KEY_ERRORS = Set.of(
            "KEY_DOES_NOT_EXIST", "WRONG_USER_KEY", "KEY_DENIED_ACCESS", "INVALID_KEY", "INVALID_API_KEY",
            "WRONG_API_KEY", "API_KEY_INVALID", "ACCOUNT_SUSPENDED", "IP_NOT_ALLOWED", "IP_BLOCKED", "IP_BANNED");
    private static final Set<String> UNKNOWN_TASK_ERRORS = Set.of(
            "NO_SUCH_CAPCHA_ID", "NO_SUCH_CAPTCHA_ID", "WRONG_CAPTCHA_ID", "TASK_NOT_FOUND", "TASKID_INVALID");
    private static final Set<String> DUPLICATE_ERRORS = Set.of("FEEDBACK_EXISTS", "DUPLICATE_REPORT");
    private static final Set<String> INVALID_DATA_ERRORS = Set.of("INVALID_TASK_DATA", "WRONG_ID_FORMAT",
            "BAD_REQUEST");
    /**
     * Temporary: the provider asks to come back later. CapSolver: ERROR_SERVICE_UNAVALIABLE (its spelling)
     * and ERROR_RATE_LIMIT (https://docs.capsolver.com/guide/api-error.html); CapMonster:
     * ERROR_TOO_MUCH_REQUESTS (https://zennolab.atlassian.net/wiki/spaces/APIS/pages/295396/Error+Types); Anti-Captcha:
     * ERROR_NO_SLOT_AVAILABLE (https://anti-captcha.com/apidoc/errors).
     */
    private static final Set<String> SLOW_DOWN_ERRORS = Set.of("TOO_MUCH_REQUESTS", "TOO_MANY_REQUESTS",
            "SERVICE_UNAVALIABLE", "SERVICE_UNAVAILABLE", "RATE_LIMIT", "NO_SLOT_AVAILABLE");

    private ProviderAnswers() {
    }

    /**
     * Types one HTTP answer.
     *
     * @param status the HTTP status
     * @param retryAfter the {@code Retry-After} header, or {@code null}
     * @param body the body, at most {@link #MAX_ANSWER_BYTES} long
     * @param now the current time, to turn an HTTP-date {@code Retry-After} into a delay
     * @param redact removes the API key from texts the provider sent back
     */
    static FeedbackResult interpret(int status, String retryAfter, byte[] body, Instant now,
            UnaryOperator<String> redact) {
        JsonNode answer = providerJson(body);
        if (status == 429 || status >= 500) {
            String code = answer != null ? text(answer, "errorCode", redact) : "";
            return FeedbackResult.Retryable.notRecorded("HTTP " + status + (code.isEmpty() ? "" : " " + code),
                    parseRetryAfter(retryAfter, now));
        }
        if (answer == null) {
            return FeedbackResult.Retryable.notRecorded(describeForeign(status, body), null);
        }
        long errorId = answer.get("errorId").asLong();
        if (errorId == 0) {
            if (status < 200 || status > 299) {
                return FeedbackResult.Retryable.notRecorded("HTTP " + status + " with errorId 0", null);
            }
            String message = text(answer, "message", redact);
            return new FeedbackResult.Delivered(message.isEmpty() ? text(answer, "status", redact) : message);
        }
        String code = text(answer, "errorCode", redact);
        String description = text(answer, "errorDescription", redact);
        if (code.isEmpty()) {
            return new FeedbackResult.Refused(RefusalReason.OTHER, "",
                    "errorId " + errorId + " without errorCode" + (description.isEmpty() ? "" : ": " + description));
        }
        return classify(code, description);
    }

    /**
     * Types a documented error code. {@code ERROR_} prefixes and case are ignored.
     *
     * <ul>
     *   <li>{@code *_FEEDBACK_EXISTS}, {@code *_DUPLICATE_REPORT}: {@link FeedbackResult.AlreadyRecorded}
     *   <li>key and account errors ({@code KEY_DOES_NOT_EXIST}, {@code WRONG_USER_KEY},
     *       {@code KEY_DENIED_ACCESS}, {@code IP_NOT_ALLOWED}, ...): {@link FeedbackResult.BadKey}
     *   <li>{@code NO_SUCH_CAPCHA_ID}, {@code WRONG_CAPTCHA_ID}, ...: refused, unknown task
     *   <li>{@code FEEDBACK_EXPIRED}: refused, expired
     *   <li>{@code INVALID_TASK_DATA}, {@code WRONG_ID_FORMAT}: refused, invalid data
     *   <li>{@code REPORT_NOT_RECORDED}: refused, not recorded
     *   <li>{@code TOO_MUCH_REQUESTS}, {@code RATE_LIMIT}, {@code SERVICE_UNAVALIABLE} (sic),
     *       {@code NO_SLOT_AVAILABLE}: retryable (the provider asks to come back later)
     *   <li>anything else: refused, other (final: an unknown answer is not hammered)
     * </ul>
     */
    static FeedbackResult classify(String code, String description) {
        String bare = code.toUpperCase(Locale.ROOT);
        if (bare.startsWith("ERROR_")) {
            bare = bare.substring("ERROR_".length());
        }
        if (DUPLICATE_ERRORS.contains(bare)) {
            return new FeedbackResult.AlreadyRecorded(code);
        }
        if (KEY_ERRORS.contains(bare)) {
            return new FeedbackResult.BadKey(code, description);
        }
        if (SLOW_DOWN_ERRORS.contains(bare)) {
            return FeedbackResult.Retryable.notRecorded("provider asks to slow down: " + code, null);
        }
        RefusalReason reason;
        if (UNKNOWN_TASK_ERRORS.contains(bare)) {
            reason = RefusalReason.UNKNOWN_TASK;
        } else if (bare.equals("FEEDBACK_EXPIRED")) {
            reason = RefusalReason.EXPIRED;
        } else if (INVALID_DATA_ERRORS.contains(bare)) {
            reason = RefusalReason.INVALID_DATA;
        } else if (bare.equals("REPORT_NOT_RECORDED")) {
            reason = RefusalReason.NOT_RECORDED;
        } else {
            reason = RefusalReason.OTHER;
        }
        return new FeedbackResult.Refused(reason, code, description);
    }

    /**
     * Types a transport failure: a timeout or a connection that failed or broke. One that happened before a
     * connection existed (refused, unknown host, no route, a connect timeout) did not reach the provider;
     * any other may have, after the request was written.
     */
    static FeedbackResult failure(IOException e, Duration timeout, UnaryOperator<String> redact) {
        String message = e.getMessage();
        boolean connecting = e instanceof ConnectException || e instanceof UnknownHostException
                || e instanceof NoRouteToHostException
                || (message != null && message.toLowerCase(Locale.ROOT).startsWith("connect timed out"));
        if (e instanceof SocketTimeoutException
                || (e instanceof InterruptedIOException && "timeout".equals(message))) {
            return new FeedbackResult.Retryable("timeout after " + format(timeout), null, !connecting);
        }
        if ("Canceled".equals(message)) {
            return FeedbackResult.Retryable.mayHaveReached("call canceled");
        }
        String detail = message == null || message.isBlank() ? "" : ": " + redact.apply(message);
        return new FeedbackResult.Retryable("connection failed: " + e.getClass().getSimpleName() + detail, null, !connecting);
    }

    /**
     * Parses a {@code Retry-After} header: delay seconds or an HTTP date (a date in the past is a zero
     * delay). Returns {@code null} when absent or unreadable.
     */
    static Duration parseRetryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        if (value.chars().allMatch(Character::isDigit)) {
            return value.length() > 9 ? null : Duration.ofSeconds(Long.parseLong(value));
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration delay = Duration.between(now, at);
            return delay.isNegative() ? Duration.ZERO : delay;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The provider's JSON: an object with an integral {@code errorId}; {@code null} for anything else. */
    private static JsonNode providerJson(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        } catch (IOException e) {
            return null;
        }
        if (tree == null || !tree.isObject()) {
            return null;
        }
        JsonNode errorId = tree.get("errorId");
        return errorId != null && errorId.isIntegralNumber() ? tree : null;
    }

    private static String describeForeign(int status, byte[] body) {
        if (body.length == 0) {
            return "empty answer (HTTP " + status + ")";
        }
        String start = new String(body, 0, Math.min(body.length, 64), java.nio.charset.StandardCharsets.UTF_8)
                .stripLeading().toLowerCase(Locale.ROOT);
        String what;
        if (start.startsWith("<")) {
            what = "HTML or XML";
        } else if (start.startsWith("{") || start.startsWith("[")) {
            what = "JSON without errorId";
        } else {
            what = "not JSON";
        }
        return "answer is not the provider's JSON: " + what + " (HTTP " + status + ", " + body.length + " bytes)";
    }

    private static String text(JsonNode answer, String field, UnaryOperator<String> redact) {
        JsonNode node = answer.get(field);
        if (node == null || node.isNull() || node.isContainerNode()) {
            return "";
        }
        return redact.apply(node.asText());
    }

    static String format(Duration d) {
        long millis = d.toMillis();
        if (millis % 1000 != 0) {
            return millis + "ms";
        }
        long seconds = millis / 1000;
        return seconds % 60 != 0 || seconds == 0 ? seconds + "s" : seconds / 60 + "m";
    }
}
