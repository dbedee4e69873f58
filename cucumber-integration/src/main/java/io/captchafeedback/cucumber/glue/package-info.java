/**
 * The captcha hooks and ready-made steps ({@link io.captchafeedback.cucumber.glue.CaptchaGlue}); add
 * this package to {@code cucumber.glue}. Engine-neutral: it works with whichever browser a hook
 * attached through {@code io.captchafeedback.cucumber.selenium} or {@code io.captchafeedback.cucumber.playwright}.
 *
 * <!-- java: not compiled (Gherkin) -->
 * <pre>{@code
 * When the captcha token for task "sign-in" is injected
 * Then the captcha verdict is ACCEPTED
 * }</pre>
 */
package io.captchafeedback.cucumber.glue;
