/**
 * For authors of engine integrations (Selenium, Playwright, or another browser driver), not for users
 * of those integrations: what an integration needs from the core to inject a token, watch a page and
 * let the outcome rules decide.
 * <ul>
 *   <li>{@link io.captchafeedback.spi.Injection} builds the in-page injection of a token;
 *       {@link io.captchafeedback.spi.FoundWidgets} reads the widget finder's answer;</li>
 *   <li>{@link io.captchafeedback.spi.CompiledRules} / {@link io.captchafeedback.spi.CompiledRuleSet}
 *       compile a configuration's rules into one in-page probe;</li>
 *   <li>a {@link io.captchafeedback.spi.Detection} takes the probe results,
 *       {@link io.captchafeedback.spi.ObservedResponse}s and {@link io.captchafeedback.spi.WidgetEvent}s
 *       (reported by the {@link io.captchafeedback.spi.WidgetHooks} script) and decides;</li>
 *   <li>{@link io.captchafeedback.spi.ScriptResources} loads the library's page scripts.</li>
 * </ul>
 *
 * <!-- java: given Rules rules; URI url -->
 * <pre>{@code
 * CompiledRuleSet compiled = CompiledRules.of(rules).forUrl(url).orElseThrow();
 * Detection detection = compiled.start(url);
 * detection.onProbe((Map<String, ?>) ((JavascriptExecutor) driver).executeScript(compiled.probeStatement()));
 * Optional<Verdict> verdict = detection.decide();
 * }</pre>
 *
 * <p>Everything here may change between minor versions as engines need; user code should use the
 * integrations' public types instead. The selenium-integration and playwright-integration modules are
 * the reference users of this package.
 */
package io.captchafeedback.spi;
