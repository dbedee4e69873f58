package io.captchafeedback.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.captchafeedback.task.CaptchaType;
import io.captchafeedback.task.SolvedTask;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Builds a {@link SolvedTask} straight from a provider's {@code getTaskResult} answer (or a
 * {@code createTask} answer that already carries the solution, as CapSolver's synchronous tasks do),
 * so that the report window runs from the provider's clock.
 *
 * <p>What is read, at every built-in provider (they share the {@code createTask}/{@code getTaskResult}
 * family):
 * <ul>
 *   <li>the task id: the one you pass, or the answer's {@code taskId} when you pass {@code null};
 *   <li>the token: {@code solution.gRecaptchaResponse}, {@code solution.token}, {@code solution.text}
 *       (image), GeeTest v3 {@code solution.validate}, GeeTest v4 {@code solution.pass_token}, AWS WAF
 *       {@code solution.cookie}, {@code solution.existing_token} or {@code solution.cookies.aws-waf-token}, in that
 *       order; for any other shape the
 *       solution object itself, as compact JSON;
 *   <li>the type: from the provider's task type name ({@link CaptchaType#fromTaskType}); a GeeTest
 *       solution with {@code pass_token} is v4; an unknown name is {@link CaptchaType#OTHER} and the name
 *       is kept in {@link SolvedTask#providerTaskType()};
 *   <li>when it was solved: {@code endTime} (Unix seconds: Anti-Captcha,
 *       https://anti-captcha.com/apidoc/methods/getTaskResult; 2Captcha,
 *       https://2captcha.com/api-docs/get-task-result), never later than the moment the answer was
 *       received. Providers whose answer states no completion time (CapSolver, CapMonster Cloud,
 *       uCaptcha, reGOTCHA, NextCaptcha) get {@code receivedAt}: pass the time you sent the
 *       {@code getTaskResult} request, the task finished before it.
 * </ul>
 *
 * <!-- java: given String answerJson -->
 * <pre>{@code
 * SolvedTask task = TaskAnswers.solvedTask("anticaptcha", "7654321", "RecaptchaV2TaskProxyless", answerJson)
 *         .pageUrl("https://shop.example/login")
 *         .build();
 * }</pre>
 *
 * <p>A bad answer (an error, a task still processing, no solution) is an {@link IllegalArgumentException}
 * naming the field; the token never appears in a message. Stateless and thread-safe.
 */
public final class TaskAnswers {

    /** Where the token lies in a solution, in order. */
    private static final List<String> TOKEN_FIELDS = List.of("gRecaptchaResponse", "token", "text", "validate",
            "pass_token", "cookie", "existing_token");

    private TaskAnswers() {
    }

    /** {@link #solvedTask(String, String, String, JsonNode, Instant)} from JSON text, received now. */
    public static SolvedTask.Builder solvedTask(String providerId, String taskId, String providerTaskType,
            String answerJson) {
        return solvedTask(providerId, taskId, providerTaskType, parse(answerJson), Instant.now());
    }

    /** {@link #solvedTask(String, String, String, JsonNode, Instant)}, received now. */
    public static SolvedTask.Builder solvedTask(String providerId, String taskId, String providerTaskType,
            JsonNode answer) {
        return solvedTask(providerId, taskId, providerTaskType, answer, Instant.now());
    }

    /**
     * A builder of the task the answer describes; add the page URL and site key before {@code build()}.
     *
     * @param providerId the configured provider id, e.g. {@code "anticaptcha"}
     * @param taskId the task id from {@code createTask}, or {@code null} to take the answer's {@code taskId}
     * @param providerTaskType the {@code task.type} you sent to {@code createTask}, e.g.
     *     {@code "RecaptchaV2TaskProxyless"}
     * @param answer the provider's answer
     * @param receivedAt when the answer was received (or, more exactly, when the request was sent)
     * @throws IllegalArgumentException when the answer is not a solved task
     */
    public static SolvedTask.Builder solvedTask(String providerId, String taskId, String providerTaskType,
            JsonNode answer, Instant receivedAt) {
        Objects.requireNonNull(providerId, "providerId == null");
        Objects.requireNonNull(providerTaskType, "providerTaskType == null");
        Objects.requireNonNull(answer, "answer == null");
        Objects.requireNonNull(receivedAt, "receivedAt == null");
        if (!answer.isObject()) {
            throw bad("expected a JSON object, got " + answer.getNodeType());
        }
        JsonNode errorId = answer.get("errorId");
        if (errorId != null && errorId.asLong(0) != 0) {
            throw bad("errorId " + errorId.asText() + " (" + answer.path("errorCode").asText("no errorCode")
                    + "): not a solved task");
        }
        String status = answer.path("status").asText("");
        if (!status.isEmpty() && !status.equals("ready")) {
            throw bad("status is '" + status + "': the task is not solved yet, poll again");
        }
        JsonNode solution = answer.get("solution");
        if (solution == null || !solution.isObject() || solution.isEmpty()) {
            throw bad("no solution object");
        }
        String id = taskId != null ? taskId : taskIdOf(answer);
        CaptchaType type = typeOf(providerTaskType, solution);
        return SolvedTask.builder(providerId, id, type, tokenOf(solution))
                .solvedAt(solvedAt(answer, receivedAt))
                .providerTaskType(providerTaskType);
    }

    private static CaptchaType typeOf(String providerTaskType, JsonNode solution) {
        CaptchaType type = CaptchaType.fromTaskType(providerTaskType).orElse(CaptchaType.OTHER);
        if (type == CaptchaType.GEETEST_V3 && solution.has("pass_token")) {
            return CaptchaType.GEETEST_V4;
        }
        return type;
    }

    private static String tokenOf(JsonNode solution) {
        for (String field : TOKEN_FIELDS) {
            JsonNode value = solution.get(field);
            if (value != null && value.isTextual() && !value.asText().isBlank()) {
                return value.asText();
            }
        }
        JsonNode awsCookie = solution.path("cookies").path("aws-waf-token");
        if (awsCookie.isTextual() && !awsCookie.asText().isBlank()) {
            return awsCookie.asText();
        }
        return solution.toString();
    }

    private static String taskIdOf(JsonNode answer) {
        JsonNode id = answer.get("taskId");
        if (id == null || !(id.isTextual() || id.isIntegralNumber()) || id.asText().isBlank()) {
            throw bad("no taskId: pass the id createTask answered");
        }
        return id.asText();
    }

    /** The answer's {@code endTime}, capped at {@code receivedAt}; {@code receivedAt} without one. */
    private static Instant solvedAt(JsonNode answer, Instant receivedAt) {
        JsonNode end = answer.get("endTime");
        if (end == null || end.isNull()) {
            return receivedAt;
        }
        long seconds;
        if (end.isIntegralNumber()) {
            seconds = end.asLong();
        } else if (end.isTextual() && end.asText().matches("[0-9]{1,12}")) {
            seconds = Long.parseLong(end.asText());
        } else {
            throw bad("endTime: expected Unix seconds, got " + end);
        }
        Instant endTime = Instant.ofEpochSecond(seconds);
        return endTime.isAfter(receivedAt) ? receivedAt : endTime;
    }

    private static JsonNode parse(String json) {
        Objects.requireNonNull(json, "answerJson == null");
        try {
            JsonNode node = ProviderAnswers.JSON.readTree(json);
            if (node == null) {
                throw bad("empty text");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw bad(e.getLocation() == null ? "not JSON"
                    : "not JSON (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        }
    }

    private static IllegalArgumentException bad(String problem) {
        return new IllegalArgumentException("provider task answer: " + problem);
    }
}
