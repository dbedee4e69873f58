package io.captchafeedback.solve;

import io.captchafeedback.task.CaptchaFeedbackException;

/**
 * Thrown by {@code solveAndInject} when the page and its frames show no captcha widget a provider could
 * solve (nothing was bought). The message names the page.
 *
 * <!-- java: given SeleniumCaptchaFeedback cf; SolvePolicy policy -->
 * <pre>{@code
 * try {
 *     cf.solveAndInject(solver, policy);
 * } catch (WidgetNotFoundException e) {
 *     // no captcha on this page: submit directly
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class WidgetNotFoundException extends CaptchaFeedbackException {

    private static final long serialVersionUID = 1L;

    public WidgetNotFoundException(String pageUrl) {
        super("no captcha widget a provider can solve was found in " + pageUrl + " or its frames");
    }
}
