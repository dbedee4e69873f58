package io.captchafeedback.task;

/**
 * The root of every exception this library throws on purpose. Subtypes say what went wrong
 * ({@link io.captchafeedback.config.ConfigException} for bad configuration or rule files, ...).
 *
 * <p>Messages never contain API keys.
 */
public class CaptchaFeedbackException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CaptchaFeedbackException(String message) {
        super(message);
    }

    public CaptchaFeedbackException(String message, Throwable cause) {
        super(message, cause);
    }
}
