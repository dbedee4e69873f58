/**
 * The Playwright engine of the WebMagic downloader: {@link io.captchafeedback.webmagic.playwright.PlaywrightBrowsers}.
 * Needs {@code playwright-integration} on the class path.
 */
package io.captchafeedback.webmagic.playwright;
