/**
 * JUnit 5 support shared by the browser integrations: the {@link io.captchafeedback.junit.CaptchaFeedbackConfiguration}
 * annotation (a configuration file or a {@link io.captchafeedback.junit.CaptchaFeedbackFactory}), and
 * {@link io.captchafeedback.junit.CaptchaFeedbackExtension}, which keeps the {@code CaptchaFeedback} in the
 * extension store, resolves it as a parameter, and after each test waits for the verdicts, waits for
 * their reports and, when asked, fails a test whose token was refused. The Selenium and Playwright
 * extensions build on it; it also works alone for code that injects and judges by itself.
 *
 * <pre>{@code
 * @ExtendWith(CaptchaFeedbackExtension.class)
 * @CaptchaFeedbackConfiguration(file = "captcha-feedback.yml", failOnRejectedCaptcha = true)
 * class CheckoutTest {
 *     // ...
 * }
 * }</pre>
 */
package io.captchafeedback.junit;
