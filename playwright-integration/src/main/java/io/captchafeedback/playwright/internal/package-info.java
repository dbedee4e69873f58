/** Implementation of the Playwright integration. Not public API: it may change in any release. */
package io.captchafeedback.playwright.internal;
