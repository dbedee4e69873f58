/**
 * Test helpers that keep tests off the internet, for the project's own suites and for users testing
 * their outcome rules:
 *
 * <ul>
 *   <li>{@link io.captchafeedback.testkit.emulator.ProviderEmulator}: an in-process HTTP server speaking the JSON
 *       APIs of the built-in providers (tasks, results, feedback reports, error answers, report windows,
 *       fault switches) plus a {@code /siteverify} endpoint; see {@link io.captchafeedback.testkit.emulator.EmulatorFaults},
 *       {@link io.captchafeedback.testkit.emulator.ReceivedFeedback}, {@link io.captchafeedback.testkit.ManualClock}.
 *   <li>{@link io.captchafeedback.testkit.site.DemoSite}: a local web app with one page per
 *       {@link io.captchafeedback.testkit.site.DemoWidget} and {@link io.captchafeedback.testkit.site.DemoReaction},
 *       protected by stand-ins of the real widgets' client APIs.
 *   <li>{@link io.captchafeedback.testkit.TestkitExtension}: both injected into JUnit 5 tests.
 *   <li>{@link io.captchafeedback.testkit.EmulatorMain}: both from the command line.
 * </ul>
 *
 * <pre>{@code
 * import io.captchafeedback.testkit.emulator.ProviderEmulator;
 * import io.captchafeedback.testkit.site.DemoSite;
 *
 * try (ProviderEmulator emulator = ProviderEmulator.start(); DemoSite site = DemoSite.start(emulator)) {
 *     // ...
 * }
 * }</pre>
 *
 * <p>Everything listens on 127.0.0.1 only.
 */
package io.captchafeedback.testkit;
