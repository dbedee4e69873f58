/**
 * Playwright for Java integration: {@link io.captchafeedback.playwright.PlaywrightCaptchaFeedback#attach
 * attach} captcha-feedback to a {@code BrowserContext} or a {@code Page}, inject solved tokens, and get
 * verdicts decided from the page's responses, navigations, widget resets and DOM changes as they happen;
 * {@link io.captchafeedback.playwright.PlaywrightCaptchaFeedbackExtension} does it for JUnit 5 tests
 * written with Playwright's {@code @UsePlaywright}.
 */
package io.captchafeedback.playwright;
