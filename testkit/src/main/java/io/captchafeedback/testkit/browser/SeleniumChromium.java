package io.captchafeedback.testkit.browser;

import java.util.List;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Starts the system Chromium under Selenium without Selenium Manager (explicit binary and driver) and
 * without the slow {@code chrome://newtab} first page.
 *
 * <pre>{@code
 * ChromeDriver driver = SeleniumChromium.start();
 * try { driver.get(site.url("/recaptcha-v2/redirect")); } finally { driver.quit(); }
 * }</pre>
 *
 * <p>Needs {@code selenium-java} on the class path. Stateless and thread-safe.
 */
public final class SeleniumChromium {

    private SeleniumChromium() {
    }

    /** Headless options for the system Chromium; BiDi ({@code webSocketUrl}) is switched on. */
    public static ChromeOptions options() {
        Chromium.requireInstalled();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(Chromium.binary().toFile());
        options.addArguments(Chromium.headlessArguments());
        options.setExperimentalOption("prefs", Map.of(
                "session.restore_on_startup", 4,
                "session.startup_urls", List.of("about:blank")));
        options.setCapability("webSocketUrl", true);
        return options;
    }

    /** A ChromeDriver service on the system's {@code chromedriver} and a free port. */
    public static ChromeDriverService service() {
        Chromium.requireInstalled();
        return new ChromeDriverService.Builder()
                .usingDriverExecutable(Chromium.driver().toFile())
                .usingAnyFreePort()
                .build();
    }

    /** Starts a headless ChromeDriver session with {@link #options()}. */
    public static ChromeDriver start() {
        return start(options());
    }

    /** Starts a ChromeDriver session with the given options (start from {@link #options()}). */
    public static ChromeDriver start(ChromeOptions options) {
        return new ChromeDriver(service(), options);
    }
}
