/**
 * The demo site: local pages built the way real sites are (login, signup, SPA, checkout, pages in
 * frames, Arkose, pattern pages that tempt a detector into a false complaint), verifying tokens
 * against the provider emulator, with their outcome rule files ({@code demo-rules.yml},
 * {@code pattern-rules.yml}, {@code engine-flows.yml}) and the engine-neutral table of flows.
 *
 * <pre>{@code
 * import io.captchafeedback.testkit.emulator.ProviderEmulator;
 *
 * try (ProviderEmulator emulator = ProviderEmulator.start(); DemoSite site = DemoSite.start(emulator)) {
 *     driver.get(site.url(DemoPage.of(DemoWidget.RECAPTCHA_V2, DemoReaction.REDIRECT)));
 * }
 * }</pre>
 */
package io.captchafeedback.testkit.site;
