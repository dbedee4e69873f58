/**
 * Selenium scenarios: {@link io.captchafeedback.cucumber.selenium.SeleniumCaptchaScenario} attaches the
 * scenario's WebDriver and returns the decorated driver. Needs selenium-integration on the class path
 * (an optional dependency of this module).
 *
 * <pre>{@code
 * driver = SeleniumCaptchaScenario.attach(new ChromeDriver());
 * }</pre>
 */
package io.captchafeedback.cucumber.selenium;
