package io.captchafeedback.testng;

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
import io.captchafeedback.testkit.browser.SeleniumChromium;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The world the TestNG suites under test run in: a provider emulator, the demo site on it, and a few headless
 * Chromiums (BiDi on) that the suites' threads borrow, started once for the whole test class.
 */
final class DemoBrowsers implements AutoCloseable {
    static volatile DemoBrowsers current;

    final ProviderEmulator emulator;
    final DemoSite site;
    private final List<ChromeDriver> all = new ArrayList<>();
    private final BlockingQueue<WebDriver> free = new LinkedBlockingQueue<>();

    DemoBrowsers(int browsers) {
        emulator = ProviderEmulator.start();
        site = DemoSite.builder(emulator).slowDelay(Duration.ofMillis(400)).start();
        for (int i = 0; i < browsers; i++) {
            ChromeDriver chrome = SeleniumChromium.start();
            all.add(chrome);
            free.add(chrome);
        }
        current = this;
    }

    /** A browser for the calling thread's test (a user's suite would start its own driver here). */
    WebDriver borrow() {
        try {
            WebDriver driver = free.poll(30, TimeUnit.SECONDS);
            if (driver == null) {
                throw new IllegalStateException("no free browser within 30 s");
            }
            return driver;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    void giveBack(WebDriver driver) {
        free.add(driver);
    }

    SolvedTask solve(DemoPage page, boolean good) {
        SolvedTask task = emulator.solve("regotcha", page.widget().captchaType(), site.url(page), page.widget().siteKey());
        if (!good) {
            emulator.markBad(task.taskId());
        }
        return task;
    }

    @Override
    public void close() {
        current = null;
        all.forEach(WebDriver::quit);
        site.close();
        emulator.close();
    }

    /** The suites' {@code CaptchaFeedback}: the emulator's providers, the demo rules, a fresh outbox. */
    public static final class Factory implements CaptchaFeedbackFactory {
        @Override
        public CaptchaFeedback create() {
            ProviderEmulator emulator = current.emulator;
            CaptchaFeedbackConfig.Builder config = CaptchaFeedbackConfig.builder().environment(Map.of());
            for (String p : List.of("regotcha", "ucaptcha", "anticaptcha")) {
                config.provider(new ProviderSettings(p, p, ApiKey.of(emulator.apiKey(p)), emulator.baseUri(p), null, Map.of()));
            }
            return CaptchaFeedback.builder().config(config.build()).rules(DemoRules.rules())
                    .outbox(Path.of("target", "outbox", UUID.randomUUID().toString())).build();
        }
    }
}
