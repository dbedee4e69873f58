package io.captchafeedback.testkit.site;


import io.captchafeedback.testkit.emulator.ProviderEmulator;
import static org.assertj.core.api.Assertions.assertThat;

import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.testkit.browser.SeleniumChromium;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium loads every demo page, injects a good or a bad token through the widget
 * stand-in's API, submits, and sees the reaction the page documents.
 */
class DemoSiteBrowserTest {
    private static final Duration SLOW = Duration.ofMillis(400);
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(20);

    private static ProviderEmulator emulator;
    private static DemoSite site;
    private static ChromeDriver driver;

    @BeforeAll
    static void start() {
        emulator = ProviderEmulator.start();
        site = DemoSite.builder(emulator).slowDelay(SLOW).start();
        driver = SeleniumChromium.start();
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (site != null) {
            site.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    static Stream<Arguments> everyPageWithAGoodAndABadToken() {
        List<Arguments> cases = new ArrayList<>();
        for (DemoPage page : DemoSite.pages()) {
            cases.add(Arguments.of(page, true));
            cases.add(Arguments.of(page, false));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} with a {1} token")
    @MethodSource("everyPageWithAGoodAndABadToken")
    void thePageReactsToAnInjectedTokenTheDocumentedWay(DemoPage page, boolean good) {
        SolvedTask task = site.solve(page.widget());
        if (!good) {
            emulator.markBad(task.taskId());
        }
        open(page);
        installProbes();
        long start = System.nanoTime();
        injectAndSubmit(page.widget(), task.token());

        DemoReaction reaction = page.reaction();
        String pageUrl = site.url(page);
        switch (reaction) {
            case REDIRECT -> {
                if (good) {
                    waitFor("the welcome page", () -> driver.getCurrentUrl().endsWith(page.welcomePath()));
                    assertThat(text(".success")).contains("Welcome, demo");
                } else {
                    waitFor("the error redirect", () -> driver.getCurrentUrl().equals(pageUrl + "?error=captcha"));
                    assertThat(text(".error")).isEqualTo("Captcha verification failed, please try again");
                }
            }
            case INLINE_ERROR, SLOW -> {
                waitForNewDocument(reaction == DemoReaction.SLOW ? WAIT.plus(SLOW) : WAIT);
                if (reaction == DemoReaction.SLOW) {
                    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(SLOW.minusMillis(50));
                }
                assertThat(driver.getCurrentUrl()).isEqualTo(pageUrl);
                if (good) {
                    assertThat(text(".success")).isEqualTo("Welcome back, demo");
                } else {
                    assertThat(text(".error")).isEqualTo("Invalid captcha, please try again");
                }
            }
            case HTTP_403 -> {
                waitForNewDocument(WAIT);
                assertThat(navigationStatus()).isEqualTo(good ? 200 : 403);
                assertThat(good ? text(".success") : text(".error"))
                        .isEqualTo(good ? "Order confirmed" : "Forbidden: captcha verification failed");
            }
            case WRONG_PASSWORD -> {
                waitForNewDocument(WAIT);
                assertThat(text(".error")).isEqualTo(good ? "Wrong password" : "Invalid captcha, please try again");
            }
            case XHR_JSON -> {
                Map<?, ?> xhr = awaitXhr();
                assertThat(xhr.get("url")).isEqualTo(site.url(page.verifyPath()));
                assertThat(xhr.get("status")).isEqualTo(200L);
                if (good) {
                    assertThat(xhr.get("body")).isEqualTo("{\"success\":true}");
                    waitFor("the success text", () -> !driver.findElements(By.cssSelector(".success")).isEmpty());
                    assertThat(text(".success")).isEqualTo("Signed in");
                } else {
                    assertThat(xhr.get("body")).isEqualTo("{\"success\":false,\"error-codes\":[\"invalid-input-response\"]}");
                    assertNoMessage();
                }
            }
            case WIDGET_RESET -> {
                awaitXhr();
                if (good) {
                    waitFor("the success text", () -> !driver.findElements(By.cssSelector(".success")).isEmpty());
                    assertThat(resets()).isZero();
                } else {
                    waitFor("a reset() call", () -> resets() > 0);
                    assertThat(resets()).isEqualTo(1);
                    assertNoMessage();
                }
            }
            case SILENT -> {
                Map<?, ?> xhr = awaitXhr();
                assertThat(xhr.get("status")).isEqualTo(204L);
                pause(Duration.ofMillis(150));
                assertNoMessage();
                assertThat(driver.getCurrentUrl()).isEqualTo(pageUrl);
                assertThat(resets()).isZero();
            }
        }
        assertThat(emulator.verifications()).filteredOn(v -> v.token().equals(task.token()))
                .as("the site verified the token server-side")
                .singleElement().satisfies(v -> assertThat(v.success()).isEqualTo(good));
    }

    @ParameterizedTest
    @EnumSource(value = DemoWidget.class, names = "RECAPTCHA_V3", mode = EnumSource.Mode.EXCLUDE)
    void clickingTheWidgetsBoxGetsAGoodTokenSoTheDemoWorksByHand(DemoWidget widget) {
        DemoPage page = DemoPage.of(widget, DemoReaction.INLINE_ERROR);
        open(page);
        if (widget == DemoWidget.RECAPTCHA_V2_INVISIBLE) {
            markOldDocument();
            driver.findElement(By.id("sign-in")).click();
        } else {
            driver.findElement(By.cssSelector(".captcha-standin-check")).click();
            waitFor("the data-callback", () -> text("#captcha-status").startsWith("Captcha solved"));
            markOldDocument();
            driver.findElement(By.id("sign-in")).click();
        }
        waitForNewDocument(WAIT);
        assertThat(text(".success")).isEqualTo("Welcome back, demo");
    }

    @Test
    void theBadTokenLinkOfTheBoxGetsATokenTheSiteRefuses() {
        open(DemoPage.of(DemoWidget.TURNSTILE, DemoReaction.HTTP_403));
        driver.findElement(By.cssSelector(".captcha-standin-bad")).click();
        waitFor("the data-callback", () -> text("#captcha-status").startsWith("Captcha solved"));
        markOldDocument();
        driver.findElement(By.id("sign-in")).click();
        waitForNewDocument(WAIT);
        assertThat(navigationStatus()).isEqualTo(403);
    }

    @Test
    void recaptchaV3GetsItsTokenFromExecuteWithTheSitesAction() {
        open(DemoPage.of(DemoWidget.RECAPTCHA_V3, DemoReaction.REDIRECT));
        markOldDocument();
        driver.findElement(By.id("sign-in")).click();
        waitFor("the welcome page", () -> driver.getCurrentUrl().endsWith("/recaptcha-v3/welcome"));
    }

    @Test
    void recaptchaRenderOptionsAndCallbacksAreRecordedInTheGrecaptchaCfgClients() {
        open(DemoPage.of(DemoWidget.RECAPTCHA_V2, DemoReaction.INLINE_ERROR));
        Object callback = js("""
                var found = null;
                (function walk(o, depth) {
                  if (!o || typeof o !== 'object' || depth > 4 || found) return;
                  if ('callback' in o && 'sitekey' in o) { found = o.sitekey + ' ' + o.callback; return; }
                  Object.keys(o).forEach(function (k) { if (k !== 'element') walk(o[k], depth + 1); });
                })(window.___grecaptcha_cfg.clients, 0);
                return found;""");
        assertThat(callback).isEqualTo(DemoWidget.RECAPTCHA_V2.siteKey() + " onCaptchaSolved");
        Object ids = js("""
                var id = grecaptcha.render(document.body.appendChild(document.createElement('div')),
                    { sitekey: 'second', callback: function () {} });
                return id + ' ' + document.querySelectorAll('textarea[name=g-recaptcha-response]')[1].id
                    + ' ' + typeof ___grecaptcha_cfg.clients[id].L.M.callback;""");
        assertThat(ids).isEqualTo("1 g-recaptcha-response-1 function");
    }

    // --- helpers -----------------------------------------------------------------------------------

    private static void open(DemoPage page) {
        driver.get(site.url(page));
        String ready = "return " + page.widget().readyExpression();
        waitFor("the widget stand-in of " + page, () -> Boolean.TRUE.equals(js(ready)));
    }

    /** Hooks a rule would install: record the widget's reset() calls and the fetch responses. */
    private static void installProbes() {
        js("""
                window.__resets = 0;
                window.__xhr = [];
                ['grecaptcha', 'hcaptcha', 'turnstile', 'funcaptcha'].forEach(function (name) {
                  var api = window[name];
                  if (!api || typeof api.reset !== 'function') return;
                  var original = api.reset;
                  api.reset = function () { window.__resets++; return original.apply(this, arguments); };
                });
                var realFetch = window.fetch;
                window.fetch = function () {
                  return realFetch.apply(this, arguments).then(function (r) {
                    r.clone().text().then(function (body) {
                      window.__xhr.push({ url: r.url, status: r.status, body: body });
                    });
                    return r;
                  });
                };
                document.documentElement.setAttribute('data-old-document', '1');""");
    }

    /** Writes the token the way injection code does, through the stand-in's fields and callbacks, and submits. */
    private static void injectAndSubmit(DemoWidget widget, String token) {
        String script = switch (widget) {
            case RECAPTCHA_V2 -> """
                    var f = document.querySelector('textarea[name=g-recaptcha-response]');
                    f.value = arguments[0];
                    f.dispatchEvent(new Event('input', { bubbles: true }));
                    f.dispatchEvent(new Event('change', { bubbles: true }));
                    window[document.querySelector('.g-recaptcha').dataset.callback](arguments[0]);
                    document.getElementById('sign-in').click();""";
            case RECAPTCHA_V2_INVISIBLE -> """
                    var f = document.querySelector('textarea[name=g-recaptcha-response]');
                    f.value = arguments[0];
                    f.dispatchEvent(new Event('input', { bubbles: true }));
                    var cb = ___grecaptcha_cfg.clients[0].L.M.callback;
                    (typeof cb === 'function' ? cb : window[cb])(arguments[0]);""";
            case RECAPTCHA_V3 -> """
                    var token = arguments[0];
                    grecaptcha.execute = function () { return Promise.resolve(token); };
                    document.getElementById('sign-in').click();""";
            case HCAPTCHA -> """
                    var token = arguments[0];
                    document.querySelectorAll('textarea[name=h-captcha-response], textarea[name=g-recaptcha-response]')
                        .forEach(function (f) { f.value = token; f.dispatchEvent(new Event('change', { bubbles: true })); });
                    document.querySelector('iframe[data-hcaptcha-widget-id]').setAttribute('data-hcaptcha-response', token);
                    window[document.querySelector('.h-captcha').dataset.callback](token);
                    document.getElementById('sign-in').click();""";
            case TURNSTILE -> """
                    var f = document.querySelector('input[name=cf-turnstile-response]');
                    f.value = arguments[0];
                    f.dispatchEvent(new Event('change', { bubbles: true }));
                    window[document.querySelector('.cf-turnstile').dataset.callback](arguments[0]);
                    document.getElementById('sign-in').click();""";
            case FUNCAPTCHA -> """
                    document.getElementById('FunCaptcha-Token').value = arguments[0];
                    document.getElementById('verification-token').value = arguments[0];
                    window[document.getElementById('FunCaptcha').dataset.callback](arguments[0]);
                    document.getElementById('sign-in').click();""";
        };
        js(script, token);
    }

    private static void markOldDocument() {
        js("document.documentElement.setAttribute('data-old-document', '1')");
    }

    private static void waitForNewDocument(Duration timeout) {
        new WebDriverWait(driver, timeout).pollingEvery(POLL).withMessage("a new document after the form POST").until(d -> Boolean.TRUE.equals(
                js("return document.readyState === 'complete' && !document.documentElement.hasAttribute('data-old-document')")));
    }

    private static Map<?, ?> awaitXhr() {
        waitFor("the XHR answer", () -> ((Number) js("return window.__xhr.length")).intValue() > 0);
        return (Map<?, ?>) js("return window.__xhr[0]");
    }

    private static long resets() {
        return ((Number) js("return window.__resets || 0")).longValue();
    }

    private static long navigationStatus() {
        return ((Number) js("return performance.getEntriesByType('navigation')[0].responseStatus")).longValue();
    }

    private static void assertNoMessage() {
        assertThat(driver.findElements(By.cssSelector("#messages .error, #messages .success"))).isEmpty();
    }

    private static String text(String css) {
        List<WebElement> found = driver.findElements(By.cssSelector(css));
        return found.isEmpty() ? "" : found.get(0).getText();
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    private static void waitFor(String what, java.util.function.BooleanSupplier condition) {
        new WebDriverWait(driver, WAIT).pollingEvery(POLL).withMessage(what).until(d -> condition.getAsBoolean());
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
