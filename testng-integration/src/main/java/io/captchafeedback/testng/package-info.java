/**
 * captcha-feedback for TestNG suites: {@link io.captchafeedback.testng.CaptchaFeedbackListener} (registered with
 * {@code @Listeners}, {@code testng.xml} or found through {@code META-INF/services}) provides the configuration,
 * waits for each test method's verdicts, puts them on its {@code ITestResult} and writes the run's verdict
 * report; {@link io.captchafeedback.testng.CaptchaFeedbackTestNG} is how a test or its base class hands over
 * its {@code WebDriver}, per thread, so parallel modes keep each verdict with its test.
 *
 * <pre>{@code
 * import org.testng.annotations.Listeners;
 * import org.testng.annotations.Test;
 *
 * @Listeners(CaptchaFeedbackListener.class)
 * @CaptchaFeedbackConfiguration(file = "captcha-feedback.yml", failOnRejectedCaptcha = true)
 * public class SignInTest {
 *     @Test public void signsIn() {
 *         WebDriver driver = CaptchaFeedbackTestNG.wrap(new ChromeDriver());
 *         // ...
 *     }
 * }
 * }</pre>
 */
package io.captchafeedback.testng;
