package io.captchafeedback.playwright;

import com.microsoft.playwright.BrowserContext;
import io.captchafeedback.testkit.browser.PlaywrightChromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** One demo fixture (browser, emulator, demo site) per test class and a fresh browser context per test. */
abstract class DemoFixtureTest {
    static DemoFixture fixture;
    BrowserContext context;

    @BeforeAll
    static void startFixture() {
        fixture = DemoFixture.start();
    }

    @AfterAll
    static void stopFixture() {
        if (fixture != null) {
            fixture.close();
            fixture = null;
        }
    }

    @BeforeEach
    void newContext() {
        context = fixture.newContext();
    }

    @AfterEach
    void closeContext() {
        context.close();
    }
}
