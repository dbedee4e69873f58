/**
 * Cucumber support: {@link io.captchafeedback.cucumber.CaptchaFeedbackPlugin} (register it with
 * {@code cucumber.plugin}) writes the run's verdict report; {@link io.captchafeedback.cucumber.CucumberCaptchaFeedback}
 * says where the run's {@code CaptchaFeedback} comes from; {@link io.captchafeedback.cucumber.CaptchaScenario}
 * is the captcha side of the running scenario (named tasks, attached browsers, its verdicts, which go
 * into Cucumber's own report). The hooks and steps are in {@code io.captchafeedback.cucumber.glue}; the
 * engine helpers in {@code .selenium} and {@code .playwright} (each needs only its own engine).
 *
 * <!-- java: not compiled (properties) -->
 * <pre>{@code
 * cucumber.plugin=io.captchafeedback.cucumber.CaptchaFeedbackPlugin:target/captcha-feedback
 * cucumber.glue=io.captchafeedback.cucumber.glue, com.example.steps
 * }</pre>
 */
package io.captchafeedback.cucumber;
