/**
 * captcha-feedback for Selenide suites: {@link io.captchafeedback.selenide.CaptchaFeedbackSelenide} (the entry
 * point: install the listener, hand in a driver, inject from the current page or a {@code SelenideElement}),
 * {@link io.captchafeedback.selenide.CaptchaFeedbackWebDriverListener} (what Selenide adds to its browsers) and
 * {@link io.captchafeedback.selenide.SelenideCaptchaFeedbackExtension} for JUnit 5; under TestNG the verdicts
 * go through testng-integration's listener.
 *
 * <pre>{@code
 * import static com.codeborne.selenide.Selenide.*;
 *
 * @ExtendWith(SelenideCaptchaFeedbackExtension.class)
 * @CaptchaFeedbackConfiguration(file = "captcha-feedback.yml")
 * class SignInTest {
 *     @Test void signsIn() { open("/login"); CaptchaFeedbackSelenide.inject(task); $("#sign-in").click(); }
 * }
 * }</pre>
 */
package io.captchafeedback.selenide;
