/**
 * captcha-feedback for Selenium WebDriver: {@link io.captchafeedback.selenium.SeleniumCaptchaFeedback}
 * decorates a driver (local or on Selenium Grid), injects solved tokens, watches the page for the site's
 * reaction (WebDriver BiDi where offered, probes otherwise) and hands each verdict to the reporter;
 * {@link io.captchafeedback.selenium.SeleniumCaptchaFeedbackExtension} does it for JUnit 5 suites.
 *
 * <pre>{@code
 * SeleniumCaptchaFeedback cf = SeleniumCaptchaFeedback.attach(driver, captchaFeedback);
 * WebDriver browser = cf.driver();
 * browser.get(url);
 * cf.inject(task);
 * browser.findElement(By.id("sign-in")).click();
 * Optional<TaskVerdict> verdict = cf.awaitVerdict(Duration.ofSeconds(10));
 * }</pre>
 */
package io.captchafeedback.selenium;
