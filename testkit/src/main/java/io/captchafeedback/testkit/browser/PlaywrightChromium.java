package io.captchafeedback.testkit.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.util.Map;

/**
 * Starts the system Chromium under Playwright for Java, which must never download a browser.
 *
 * <pre>{@code
 * try (Playwright pw = Playwright.create(PlaywrightChromium.createOptions());
 *      Browser browser = PlaywrightChromium.launch(pw)) {
 *     Page page = browser.newPage();
 * }
 * }</pre>
 *
 * <p>Needs {@code playwright} on the class path. Stateless and thread-safe (Playwright objects
 * themselves are not).
 */
public final class PlaywrightChromium {

    private PlaywrightChromium() {
    }

    /** Options that stop Playwright from downloading browsers. */
    public static Playwright.CreateOptions createOptions() {
        return new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"));
    }

    /** Headless launch options on the system Chromium. */
    public static BrowserType.LaunchOptions launchOptions() {
        Chromium.requireInstalled();
        return new BrowserType.LaunchOptions()
                .setExecutablePath(Chromium.binary())
                .setHeadless(true)
                .setArgs(Chromium.headlessArguments());
    }

    /** Launches the system Chromium headless. */
    public static Browser launch(Playwright playwright) {
        return playwright.chromium().launch(launchOptions());
    }
}
