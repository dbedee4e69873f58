/**
 * The values everything else is about: a {@link io.captchafeedback.task.SolvedTask} links a token to
 * the provider task that produced it, a {@link io.captchafeedback.task.Verdict} (an
 * {@link io.captchafeedback.task.Outcome} with its {@link io.captchafeedback.task.Evidence}) says what the
 * target site did with it, and {@link io.captchafeedback.task.Feedback} is what goes back to the provider.
 * {@link io.captchafeedback.task.CaptchaFeedbackException} is the base of the library's exceptions.
 *
 * <pre>{@code
 * SolvedTask task = SolvedTask.builder("2captcha", "73412541", CaptchaType.RECAPTCHA_V2, token).build();
 * }</pre>
 *
 * <p>This package depends on no other package of the library. All its types are immutable and thread-safe.
 */
package io.captchafeedback.task;
