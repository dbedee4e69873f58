package io.captchafeedback.selenium;

import io.captchafeedback.CaptchaFeedback;
import io.captchafeedback.task.CaptchaType;
import io.captchafeedback.CaptchaFeedbackConfig;
import io.captchafeedback.provider.ApiKey;
import io.captchafeedback.provider.ProviderSettings;
import io.captchafeedback.testkit.site.DemoRules;
import io.captchafeedback.testkit.site.DemoSite;
import io.captchafeedback.testkit.site.DemoWidget;
import io.captchafeedback.testkit.emulator.ProviderEmulator;
import io.captchafeedback.testkit.browser.SeleniumChromium;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;

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

    /** A second headless Chromium without WebDriver BiDi (no {@code webSocketUrl}): classic WebDriver only. */
    static ChromeDriver chromeWithoutBiDi() {
        ChromeOptions options = SeleniumChromium.options();
        options.setCapability("webSocketUrl", (Object) null);
        return SeleniumChromium.start(options);
    }

    /** The providers configured against the emulator. */
    static final String[] PROVIDERS = {"regotcha", "ucaptcha", "anticaptcha"};

    /** The provider a widget's flows use: Anti-Captcha for reCAPTCHA v2 and v3, reGOTCHA and uCaptcha for the rest. */
    static String providerFor(DemoWidget widget) {
        return switch (widget) {
            case RECAPTCHA_V2, RECAPTCHA_V3 -> "anticaptcha";
            case HCAPTCHA, FUNCAPTCHA -> "ucaptcha";
            default -> "regotcha";
        };
    }

    /** A configuration with every provider of {@link #PROVIDERS} pointed at the emulator. */
    static CaptchaFeedbackConfig config() {
        CaptchaFeedbackConfig.Builder b = CaptchaFeedbackConfig.builder().environment(Map.of());
        for (String p : PROVIDERS) {
            b.provider(new ProviderSettings(p, p, ApiKey.of(emulator.apiKey(p)), emulator.baseUri(p), null, Map.of()));
        }
        return b.build();
    }

    /** A CaptchaFeedback with the demo rules, the emulator's providers and a fresh outbox under target/. */
    static CaptchaFeedback newCaptchaFeedback() {
        return CaptchaFeedback.builder().config(config()).rules(DemoRules.rules())
                .outbox(Path.of("target", "outbox", UUID.randomUUID().toString())).build();
    }

    /** Whether the provider takes a report of this polarity for this type. */
    static boolean takes(CaptchaFeedback feedback, String provider, CaptchaType type, boolean positive) {
        return feedback.providers().orElseThrow().adapter(provider).orElseThrow().capabilities().supports(type, positive);
    }

    /** Starts an in-process Selenium Grid standalone on a free port, with one Chromium session slot. */
    static org.openqa.selenium.grid.server.Server<?> startInProcessGrid() throws java.io.IOException {
        return io.captchafeedback.testkit.browser.InProcessGrid.start(1).server();
    }

    /** Builds {@link #newCaptchaFeedback()} for {@code @CaptchaFeedbackConfiguration(factory = ...)}. */
    public static final class DemoFeedbackFactory implements io.captchafeedback.junit.CaptchaFeedbackFactory {
        @Override
        public CaptchaFeedback create() {
            return newCaptchaFeedback();
        }
    }

    @BeforeEach
    void resetEmulator() {
        emulator.reset();
    }
}
