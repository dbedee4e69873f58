package io.captchafeedback.selenide;

import com.codeborne.selenide.Configuration;
import io.captchafeedback.CaptchaFeedback;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.CaptchaFeedbackConfig;
import io.captchafeedback.junit.CaptchaFeedbackFactory;
import io.captchafeedback.provider.ApiKey;
import io.captchafeedback.provider.ProviderSettings;
import io.captchafeedback.testkit.site.DemoPage;
import io.captchafeedback.testkit.site.DemoRules;
import io.captchafeedback.testkit.site.DemoSite;
import io.captchafeedback.testkit.emulator.ProviderEmulator;
import io.captchafeedback.testkit.browser.Chromium;
import io.captchafeedback.testkit.browser.SeleniumChromium;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The provider emulator and the demo site the Selenide suites under test sign in to; Selenide set up for the
 * system Chromium. Test classes extending it get both for the class.
 */
abstract class DemoWorld {
    static ProviderEmulator emulator;
    static DemoSite site;

    @org.junit.jupiter.api.BeforeAll
    static void start() {
        emulator = ProviderEmulator.start();
        site = DemoSite.builder(emulator).slowDelay(Duration.ofMillis(400)).start();
        System.setProperty("webdriver.chrome.driver", Chromium.driver().toString());
        Configuration.browser = "chrome";
        Configuration.headless = true;
        Configuration.browserBinary = Chromium.binary().toString();
        Configuration.browserCapabilities = SeleniumChromium.options();
        Configuration.timeout = 8_000;
    }

    @org.junit.jupiter.api.AfterAll
    static void stop() {
        if (site != null) {
            site.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    static SolvedTask solve(DemoPage page, boolean good) {
        SolvedTask task = emulator.solve("regotcha", page.widget().captchaType(), site.url(page), page.widget().siteKey());
        if (!good) {
            emulator.markBad(task.taskId());
        }
        return task;
    }

    /** The suites' {@code CaptchaFeedback}: the emulator's providers, the demo rules, a fresh outbox. */
    public static final class Factory implements CaptchaFeedbackFactory {
        @Override
        public CaptchaFeedback create() {
            CaptchaFeedbackConfig.Builder config = CaptchaFeedbackConfig.builder().environment(Map.of());
            for (String p : List.of("regotcha", "ucaptcha", "anticaptcha")) {
                config.provider(new ProviderSettings(p, p, ApiKey.of(emulator.apiKey(p)), emulator.baseUri(p), null, Map.of()));
            }
            return CaptchaFeedback.builder().config(config.build()).rules(DemoRules.rules())
                    .outbox(Path.of("target", "outbox", UUID.randomUUID().toString())).build();
        }
    }
}
