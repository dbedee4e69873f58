package io.captchafeedback.provider;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.captchafeedback.Feedback;

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

    /** {@code result: {invalid, code?: int, message?}} (CapSolver: the code only when it is an integer). */
    INVALID_INTEGER_CODE {
        @Override
        void writeVerdict(ObjectNode body, Feedback feedback) {
            ObjectNode result = body.putObject("result");
            result.put("invalid", !feedback.accepted());
            Integer code = integerOrNull(feedback.code());
            if (code != null) {
                result.put("code", code.intValue());
            }
            if (!feedback.message().isBlank()) {
                result.put("message", feedback.message());
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
        if (code == null) {
            return null;
        }
        try {
            return Integer.valueOf(code.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
