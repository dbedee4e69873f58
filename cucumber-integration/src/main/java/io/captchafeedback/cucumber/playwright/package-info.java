/**
 * Playwright scenarios: {@link io.captchafeedback.cucumber.playwright.PlaywrightCaptchaScenario} attaches
 * the scenario's page or context. Needs playwright-integration on the class path (an optional
 * dependency of this module).
 *
 * <pre>{@code
 * PlaywrightCaptchaScenario.attach(page);
 * }</pre>
 */
package io.captchafeedback.cucumber.playwright;
