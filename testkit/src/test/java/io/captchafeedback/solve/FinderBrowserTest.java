package io.captchafeedback.solve;


import io.captchafeedback.spi.FoundWidgets;
import static org.assertj.core.api.Assertions.assertThat;

import io.captchafeedback.task.CaptchaType;
import io.captchafeedback.spi.WidgetHooks;
import io.captchafeedback.testkit.site.DemoPage;
import io.captchafeedback.testkit.site.DemoReaction;
import io.captchafeedback.testkit.site.DemoSite;
import io.captchafeedback.testkit.site.DemoWidget;
import io.captchafeedback.testkit.TestkitExtension;
import io.captchafeedback.testkit.browser.SeleniumChromium;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * find.js in a real headless Chromium: on every demo-site widget page, and on a page declaring widgets the
 * other ways real sites do (explicit render with options, data-* markup, loader scripts, the widgets'
 * iframes, Arkose's token field, a same-origin frame). The engines' frame walk comes with solveAndInject.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(TestkitExtension.class)
class FinderBrowserTest {
    private static DemoSite site;
    private static ChromeDriver driver;

    @BeforeAll
    static void start(DemoSite demoSite) {
        site = demoSite;
        driver = SeleniumChromium.start();
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
    }

    static List<FoundWidget> find() {
        String json = (String) driver.executeScript("return (" + FoundWidgets.script() + ")({});");
        return FoundWidgets.parse(json, null, List.of());
    }

    @ParameterizedTest(name = "{0}: found with its type and site key")
    @EnumSource(DemoWidget.class)
    void everyDemoWidgetIsFoundWithItsTypeAndSiteKey(DemoWidget widget) {
        driver.get(site.url(DemoPage.of(widget, DemoReaction.REDIRECT)));
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(d -> Boolean.TRUE.equals(driver.executeScript("return " + widget.readyExpression())));

        List<FoundWidget> found = find();

        assertThat(found).anySatisfy(w -> {
            assertThat(w.taskType()).isEqualTo(widget.captchaType());
            assertThat(w.siteKey()).isEqualTo(widget.siteKey());
            assertThat(w.pageUrl()).startsWith(site.baseUrl());
        });
    }

    @Test
    void widgetsDeclaredTheWaysRealSitesDoAreFoundWithTheirParameters(@TempDir Path dir) throws IOException {
        Path page = Files.writeString(dir.resolve("real.html"), """
                <!DOCTYPE html><html><head>
                <script>%s</script>
                <script src="https://www.google.com/recaptcha/enterprise.js?render=6LcENTERPRISEV3KEY000000000000000000000"></script>
                <script src="https://client-api.arkoselabs.com/v2/69A21A01-CC7B-B9C6-0F9A-E7FA06677FFC/api.js"></script>
                </head><body>
                <form><div class="h-captcha" data-sitekey="10000000-ffff-ffff-ffff-000000000001" data-size="invisible"></div></form>
                <div class="cf-turnstile" data-sitekey="0x4AAAAAAAMARKUPKEY00" data-action="login" data-cdata="cd-1"></div>
                <div id="ts"></div><div id="rc"></div>
                <iframe src="http://127.0.0.1:9/recaptcha/api2/anchor?ar=1&k=6LcANCHORKEY&co=x&size=normal&s=SDATA"></iframe>
                <input type="hidden" name="fc-token" value="5a1.2|r=eu-west-1|pk=69A21A01-CC7B-B9C6-0F9A-E7FA06677FFC|surl=https%%3A%%2F%%2Fclient-api.arkoselabs.com">
                <script>
                  window.turnstile = { render: function (c, o) { return 'ts-1'; }, reset: function () {} };
                  window.grecaptcha = { render: function () { return 0; }, reset: function () {},
                    enterprise: { render: function () { return 1; }, reset: function () {} } };
                  turnstile.render('#ts', { sitekey: '0x4AAAAAAARENDERKEY00', action: 'signup', cData: 'cd-2',
                    chlPageData: 'page-data' });
                  grecaptcha.enterprise.render('rc', { sitekey: '6LcRENDEREDINVISIBLE', size: 'invisible', s: 'S2' });
                </script></body></html>
                """.formatted(WidgetHooks.script()));
        driver.get(page.toUri().toString());

        List<FoundWidget> found = find();

        assertThat(found).extracting(FoundWidget::siteKey).containsExactlyInAnyOrder(
                "0x4AAAAAAARENDERKEY00", "6LcRENDEREDINVISIBLE", "10000000-ffff-ffff-ffff-000000000001",
                "0x4AAAAAAAMARKUPKEY00", "6LcENTERPRISEV3KEY000000000000000000000",
                "69A21A01-CC7B-B9C6-0F9A-E7FA06677FFC", "6LcANCHORKEY");
        assertThat(byKey(found, "0x4AAAAAAARENDERKEY00")).satisfies(w -> {
            assertThat(w.action()).isEqualTo("signup");
            assertThat(w.cData()).isEqualTo("cd-2");
            assertThat(w.chlPageData()).isEqualTo("page-data");
        });
        assertThat(byKey(found, "6LcRENDEREDINVISIBLE")).satisfies(w -> {
            assertThat(w.taskType()).isEqualTo(CaptchaType.RECAPTCHA_ENTERPRISE);
            assertThat(w.invisible()).isTrue();
            assertThat(w.sData()).isEqualTo("S2");
        });
        assertThat(byKey(found, "10000000-ffff-ffff-ffff-000000000001").invisible()).isTrue();
        assertThat(byKey(found, "0x4AAAAAAAMARKUPKEY00").cData()).isEqualTo("cd-1");
        assertThat(byKey(found, "6LcENTERPRISEV3KEY000000000000000000000")).satisfies(w -> {
            assertThat(w.type()).isEqualTo(CaptchaType.RECAPTCHA_V3);
            assertThat(w.enterprise()).isTrue();
        });
        assertThat(byKey(found, "69A21A01-CC7B-B9C6-0F9A-E7FA06677FFC").serviceUrl())
                .isEqualTo("https://client-api.arkoselabs.com");
        assertThat(byKey(found, "6LcANCHORKEY").sData()).isEqualTo("SDATA");
    }

    @Test
    void aV3ActionOnlyPassedToExecuteAndRqdataSetBySetDataAreFound(@TempDir Path dir) throws IOException {
        Path page = Files.writeString(dir.resolve("calls.html"), """
                <!DOCTYPE html><html><head><script>%s</script></head><body>
                <div id="hc"></div>
                <script>
                  window.grecaptcha = { render: function () { return 0; }, reset: function () {},
                    execute: function (key, o) { return Promise.resolve('t'); } };
                  window.hcaptcha = { render: function () { return 'h1'; }, reset: function () {},
                    setData: function (id, d) {} };
                  grecaptcha.execute('6LcEXECUTEONLYV3KEY', { action: 'checkout' });
                  hcaptcha.render('hc', { sitekey: '20000000-ffff-ffff-ffff-000000000002' });
                  hcaptcha.setData('h1', { rqdata: 'RQ-DATA-1' });
                </script></body></html>
                """.formatted(WidgetHooks.script()));
        driver.get(page.toUri().toString());

        List<FoundWidget> found = find();

        assertThat(byKey(found, "6LcEXECUTEONLYV3KEY")).satisfies(w -> {
            assertThat(w.type()).isEqualTo(CaptchaType.RECAPTCHA_V3);
            assertThat(w.action()).isEqualTo("checkout");
            assertThat(w.enterprise()).isFalse();
        });
        assertThat(byKey(found, "20000000-ffff-ffff-ffff-000000000002").rqdata()).isEqualTo("RQ-DATA-1");
    }

    @Test
    void theFinderRunsInsideASameOriginFrame(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("inner.html"),
                "<div class=\"g-recaptcha\" data-sitekey=\"6LcINNERFRAMEKEY\"></div>");
        Path outer = Files.writeString(dir.resolve("outer.html"), "<iframe id=\"login\" src=\"inner.html\"></iframe>");
        driver.get(outer.toUri().toString());

        assertThat(find()).isEmpty();
        driver.switchTo().frame(driver.findElement(By.id("login")));
        try {
            assertThat(find()).singleElement().satisfies(w -> {
                assertThat(w.siteKey()).isEqualTo("6LcINNERFRAMEKEY");
                assertThat(w.pageUrl()).endsWith("inner.html");
            });
        } finally {
            driver.switchTo().defaultContent();
        }
    }

    static FoundWidget byKey(List<FoundWidget> widgets, String siteKey) {
        return widgets.stream().filter(w -> w.siteKey().equals(siteKey)).findFirst().orElseThrow();
    }
}
