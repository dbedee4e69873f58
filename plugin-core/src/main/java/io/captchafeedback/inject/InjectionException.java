package io.captchafeedback.inject;

import io.captchafeedback.task.CaptchaFeedbackException;
import java.util.Optional;

/**
 * An injection that could not put the token into the page: no response field and no callback was
 * found, or the script could not run. The message says what was looked for and on which page.
 *
 * <!-- java: given SeleniumCaptchaFeedback handle -->
 * <pre>{@code
 * try {
 *     handle.inject(task);
 * } catch (InjectionException e) {
 *     e.result().ifPresent(r -> log.warn("nothing injected on {}", r.pageUrl()));
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public class InjectionException extends CaptchaFeedbackException {
    private static final long serialVersionUID = 1L;

    private final transient InjectionResult result;

    /** An injection that ran and found nothing ({@code result} may be {@code null} when it did not run). */
    public InjectionException(String message, InjectionResult result) {
        super(message);
        this.result = result;
    }

    /** An injection that failed with a cause (the script could not run). */
    public InjectionException(String message, Throwable cause) {
        super(message, cause);
        this.result = null;
    }

    /** What the script reported, when it ran. */
    public Optional<InjectionResult> result() {
        return Optional.ofNullable(result);
    }
}
