package io.captchafeedback.provider;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.captchafeedback.task.Feedback;

/**
 * How a provider family spells the verdict in a feedback request. {@code clientKey}, extra fields
 * (CapSolver's {@code appId}) and {@code taskId} are written by the adapter; the style adds the rest.
 */
enum RequestStyle {

    /** {@code result: {invalid, code?, message}} (uCaptcha, generic {@code style: invalid}). */
    INVALID {
        @Override
        void writeVerdict(ObjectNode body, Feedback feedback) {
            ObjectNode result = body.putObject("result");
            result.put("invalid", !feedback.accepted());
            if (feedback.code() != null && !feedback.code().isBlank()) {
                result.put("code", feedback.code());
            }
            result.put("message", feedback.message());
        }
    },

    /** {@code result: {valid}} (reGOTCHA, generic {@code style: valid}). */
    VALID {
        @Override
        void writeVerdict(ObjectNode body, Feedback feedback) {
            body.putObject("result").put("valid", feedback.accepted());
        }
    },

    /**
     * {@code result: {invalid, code?: int, message?}} (CapSolver, whose {@code result.code} is an integer:
     * https://docs.capsolver.com/guide/api-feedback.html). A code that is an integer ({@code 403} or
     * {@code "403"}) goes into {@code code}; any other code (a rule's {@code "ERROR_CAPTCHA_UNSOLVABLE"}) is
     * not dropped but sent at the head of the message, {@code "[ERROR_CAPTCHA_UNSOLVABLE] Site answered 403"},
     * since CapSolver would refuse the request with a text code.
     */
    INVALID_INTEGER_CODE {
        @Override
        void writeVerdict(ObjectNode body, Feedback feedback) {
            ObjectNode result = body.putObject("result");
            result.put("invalid", !feedback.accepted());
            String code = feedback.code() == null ? "" : feedback.code().trim();
            Integer integer = integerOrNull(code);
            if (integer != null) {
                result.put("code", integer.intValue());
            }
            String message = integer == null && !code.isEmpty()
                    ? ("[" + code + "] " + feedback.message()).trim() : feedback.message();
            if (!message.isBlank()) {
                result.put("message", message);
            }
        }
    },

    /** Nothing besides the key and the task id: the endpoint says it all (2Captcha, Anti-Captcha, CapMonster). */
    ENDPOINT_ONLY {
        @Override
        void writeVerdict(ObjectNode body, Feedback feedback) {
            // the endpoint (reportCorrect / reportIncorrect...) carries the verdict
        }
    };

    abstract void writeVerdict(ObjectNode body, Feedback feedback);

    private static Integer integerOrNull(String code) {
        if (code.isEmpty()) {
            return null;
        }
        try {
            return Integer.valueOf(code);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
