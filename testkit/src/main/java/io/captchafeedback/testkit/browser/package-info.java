/**
 * Launch helpers for the system's headless Chromium under Selenium and Playwright, shared by every
 * browser test of the project and usable in users' own tests. They fail, never skip, when the browser
 * is missing.
 */
package io.captchafeedback.testkit.browser;
