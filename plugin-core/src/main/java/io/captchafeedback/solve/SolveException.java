package io.captchafeedback.solve;

import io.captchafeedback.task.CaptchaFeedbackException;
import java.util.Optional;

/**
 * Why a provider did not deliver a solution. The subtypes are the cases a caller acts on differently:
 * top up ({@link ZeroBalance}), fix the configuration ({@link BadKey}), try another provider
 * ({@link Unsolvable}), wait longer ({@link Timeout}), pick a provider that takes the widget
 * ({@link Unsupported}); anything else is {@link ProviderError}.
 *
 * <pre>{@code
 * try {
 *     solver.solve("anticaptcha", widget);
 * } catch (SolveException.ZeroBalance e) {
 *     log.warn("top up {}", e.providerId());
 * }
 * }</pre>
 *
 * <p>Messages name the provider, the request and the provider's code; never the key or a token.
 * Immutable and thread-safe.
 */
public abstract sealed class SolveException extends CaptchaFeedbackException
        permits SolveException.ZeroBalance, SolveException.Unsolvable, SolveException.BadKey,
        SolveException.Timeout, SolveException.Unsupported, SolveException.ProviderError {
    private static final long serialVersionUID = 1L;

    private final String providerId;
    private final String code;
    private final String taskId;

    SolveException(String providerId, String code, String taskId, String message, Throwable cause) {
        super("provider '" + providerId + "': " + message, cause);
        this.providerId = providerId;
        this.code = code == null ? "" : code;
        this.taskId = taskId;
    }

    /** The configured provider id. */
    public String providerId() {
        return providerId;
    }

    /** The provider's error code ({@code ERROR_ZERO_BALANCE}, {@code HTTP 503}...), or empty. */
    public String code() {
        return code;
    }

    /** The task the error is about, when {@code createTask} had answered. */
    public Optional<String> taskId() {
        return Optional.ofNullable(taskId);
    }

    /** The account has no money left ({@code ERROR_ZERO_BALANCE}). */
    public static final class ZeroBalance extends SolveException {
        private static final long serialVersionUID = 1L;

        ZeroBalance(String providerId, String code, String taskId, String message) {
            super(providerId, code, taskId, message, null);
        }
    }

    /** The provider's workers could not solve it ({@code ERROR_CAPTCHA_UNSOLVABLE}, a task that failed). */
    public static final class Unsolvable extends SolveException {
        private static final long serialVersionUID = 1L;

        Unsolvable(String providerId, String code, String taskId, String message) {
            super(providerId, code, taskId, message, null);
        }
    }

    /** The key is wrong or disabled ({@code ERROR_KEY_DOES_NOT_EXIST}, CapSolver's HTTP 401...). */
    public static final class BadKey extends SolveException {
        private static final long serialVersionUID = 1L;

        BadKey(String providerId, String code, String taskId, String message) {
            super(providerId, code, taskId, message, null);
        }
    }

    /** No solution before the deadline; the task id, when known, says which task may still finish. */
    public static final class Timeout extends SolveException {
        private static final long serialVersionUID = 1L;

        Timeout(String providerId, String taskId, String message) {
            super(providerId, "TIMEOUT", taskId, message, null);
        }
    }

    /** The provider takes no task for this widget (no task type known here, or {@code ERROR_TASK_NOT_SUPPORTED}). */
    public static final class Unsupported extends SolveException {
        private static final long serialVersionUID = 1L;

        Unsupported(String providerId, String code, String message) {
            super(providerId, code, null, message, null);
        }
    }

    /** Any other error: another code, an answer that is not the provider's JSON, a connection failure. */
    public static final class ProviderError extends SolveException {
        private static final long serialVersionUID = 1L;

        ProviderError(String providerId, String code, String taskId, String message, Throwable cause) {
            super(providerId, code, taskId, message, cause);
        }
    }
}
