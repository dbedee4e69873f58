/**
 * Playwright on Selenium Grid: {@link io.captchafeedback.playwright.grid.GridChromium} attaches Playwright to
 * a Chromium session on a Grid node, so captcha-feedback detects and reports there as on a local browser.
 */
package io.captchafeedback.playwright.grid;
