package io.captchafeedback.testkit.browser;

import com.microsoft.playwright.junit.Options;
import com.microsoft.playwright.junit.OptionsFactory;

/**
 * Options for Playwright's JUnit 5 support ({@code @UsePlaywright}) that launch the system's headless
 * Chromium, so Playwright never downloads a browser.
 *
 * <pre>{@code
 * import com.microsoft.playwright.junit.UsePlaywright;
 *
 * @UsePlaywright(SystemChromiumOptions.class)
 * class SignInTest {
 *     @Test
 *     void signsIn(Page page) {
 *         // ...
 *     }
 * }
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class SystemChromiumOptions implements OptionsFactory {

    @Override
    public Options getOptions() {
        return new Options()
                .setPlaywrightCreateOptions(PlaywrightChromium.createOptions())
                .setLaunchOptions(PlaywrightChromium.launchOptions())
                .setHeadless(true);
    }
}
