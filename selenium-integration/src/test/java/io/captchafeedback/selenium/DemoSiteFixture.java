package io.captchafeedback.selenium;

import io.captchafeedback.testkit.DemoSite;
import io.captchafeedback.testkit.ProviderEmulator;
import io.captchafeedback.testkit.browser.SeleniumChromium;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The module's one fixture: a provider emulator, the demo site on it and a headless Chromium (BiDi on),
 * one of each per test class; the emulator is reset before each test.
 */
abstract class DemoSiteFixture {

    /** The demo site's slow reaction, short enough for fast tests, well inside the rules' 6 s timeout. */
    static final Duration SLOW = Duration.ofMillis(400);
    static final Duration WAIT = Duration.ofSeconds(10);

    static ProviderEmulator emulator;
    static DemoSite site;
    static ChromeDriver chrome;

    @BeforeAll
    static void startEmulatorSiteAndBrowser() {
        emulator = ProviderEmulator.start();
        site = DemoSite.builder(emulator).slowDelay(SLOW).start();
        chrome = SeleniumChromium.start();
    }

    @AfterAll
    static void stopEmulatorSiteAndBrowser() {
        if (chrome != null) {
            chrome.quit();
            chrome = null;
        }
        if (site != null) {
            site.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @BeforeEach
    void resetEmulator() {
        emulator.reset();
    }
}
