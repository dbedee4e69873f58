package io.captchafeedback.selenium;

import static io.captchafeedback.rule.Condition.allOf;
import static io.captchafeedback.rule.Condition.cookie;
import static io.captchafeedback.rule.Condition.not;
import static io.captchafeedback.rule.Condition.present;
import static io.captchafeedback.rule.Condition.script;
import static io.captchafeedback.rule.Condition.textContains;
import static io.captchafeedback.rule.Condition.urlGlob;
import static io.captchafeedback.rule.Condition.visible;
import static io.captchafeedback.rule.Condition.widgetReset;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.captchafeedback.task.Evidence;
import io.captchafeedback.task.Outcome;
import io.captchafeedback.task.Verdict;
import io.captchafeedback.spi.CompiledRuleSet;
import io.captchafeedback.rule.Condition;
import io.captchafeedback.spi.Detection;
import io.captchafeedback.rule.Rule;
import io.captchafeedback.rule.RuleSet;
import io.captchafeedback.rule.Widget;
import io.captchafeedback.spi.WidgetEvent;
import io.captchafeedback.spi.WidgetHooks;
import io.captchafeedback.testkit.browser.SeleniumChromium;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.bidi.module.Script;
import org.openqa.selenium.bidi.script.ChannelValue;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The compiled probe and the widget hooks in a real headless Chromium, against small local pages
 * served on 127.0.0.1.
 */
class ProbeInChromiumTest {

    static final Duration WAIT = Duration.ofSeconds(5);

    static HttpServer server;
    static ChromeDriver driver;
    static String base;
    Script script;
    final List<String> preloads = new ArrayList<>();

    @BeforeAll
    static void startServerAndBrowser() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        page("/login", """
                <!doctype html><title>Login</title>
                <form action="/account" method="get"><input name="user" value="ada"><button id="submit">Log in</button></form>
                <div class="error" style="display:none">Invalid captcha, please try again.</div>
                <button id="show-error" type="button"
                        onclick="document.querySelector('.error').style.display = 'block'">check</button>
                """, Map.of());
        page("/account", """
                <!doctype html><title>Account</title><h1 id="welcome">Welcome back, Ada</h1>
                <p class="orders">3 orders</p>
                """, Map.of("Set-Cookie", "sid=s3cr3t; Path=/"));
        page("/widget", """
                <!doctype html><title>Widget</title>
                <script>
                  window.calls = { reset: 0, render: 0 };
                  // Like the vendors' loaders: the global first, its functions a little later.
                  window.grecaptcha = { ready: function (f) { f(); } };
                  setTimeout(function () {
                    grecaptcha.render = function (el, opts) { calls.render++; return 7; };
                    grecaptcha.reset = function (id) { calls.reset++; };
                    window.hcaptcha = { render: function () { return 'h1'; }, reset: function () { calls.reset++; } };
                    document.getElementById('ready').textContent = 'ready';
                  }, 30);
                  function refuse() { grecaptcha.reset(0); hcaptcha.reset(); }
                </script>
                <div id="ready"></div><div id="box"></div>
                <button id="render" onclick="window.rendered = grecaptcha.render('box', {sitekey: 'site-key', callback: function () {}})">render</button>
                <button id="refuse" onclick="refuse()">Submit</button>
                """, Map.of());
        page("/texts", """
                <!doctype html><title>Texts</title>
                <script>var template = 'Order confirmed';</script>
                <p class="msg">Invalid <b>captcha</b>,
                   <span style="text-transform: uppercase">try</span>   again</p>
                <p class="msg" hidden>Order confirmed</p>
                <ul><li>Code</li><li>42</li></ul>
                """, Map.of());
        page("/required", """
                <!doctype html><title>Sign up</title>
                <div role="alert">Turnstile token
                  required.</div>
                """, Map.of());
        page("/redefined", """
                <!doctype html><title>Redefined</title>
                <script>
                  // A loader that replaces the global's property instead of assigning it.
                  Object.defineProperty(window, 'turnstile', { configurable: true, writable: true,
                      value: { render: function () { return 't1'; }, reset: function () { window.turnstileResets = 1; } } });
                </script>
                <button id="refuse" onclick="turnstile.reset('t1')">Submit</button>
                """, Map.of());
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        driver = SeleniumChromium.start();
    }

    static void page(String path, String html, Map<String, String> headers) {
        server.createContext(path, exchange -> {
            byte[] body = html.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    @AfterEach
    void closeBiDi() {
        if (script != null) {
            preloads.forEach(script::removePreloadScript);
            script.close();
        }
        driver.manage().deleteAllCookies();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> probe(CompiledRuleSet compiled) {
        return (Map<String, Object>) ((JavascriptExecutor) driver).executeScript(compiled.probeStatement());
    }

    /** Probes until a rule decides or the wait is over, the way an integration does. */
    static Verdict detect(CompiledRuleSet compiled, Detection detection) {
        long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end) {
            detection.onProbe(probe(compiled));
            Optional<Verdict> verdict = detection.decide();
            if (verdict.isPresent()) {
                return verdict.get();
            }
            sleep(25);
        }
        return detection.timeout();
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aNavigationToTheAccountPageIsAcceptedWithTheObservedUrlAsEvidence() {
        Condition welcome = visible("#welcome");
        CompiledRuleSet compiled = CompiledRuleSet.of(RuleSet.builder("127.0.0.1")
                .rule("wrong-password", textContains("Wrong password", ".error"), Outcome.REJECTED_OTHER)
                .rule("logged-in", allOf(urlGlob("**/account*"), welcome, cookie("sid")), Outcome.ACCEPTED)
                .include("defaults")
                .build());
        driver.get(base + "/login");
        Detection detection = compiled.start(URI.create(driver.getCurrentUrl()));

        assertThat(detection.decide()).isEmpty();
        detection.onProbe(probe(compiled));
        assertThat(detection.decide()).as("still on the login page, error hidden").isEmpty();

        driver.findElement(By.id("submit")).click();
        Verdict verdict = detect(compiled, detection);

        assertThat(verdict.outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(verdict.evidence().rule()).isEqualTo("logged-in");
        assertThat(verdict.evidence().observations()).extracting(Evidence.Observation::source)
                .containsExactly("url", "element", "cookie");
        assertThat(verdict.evidence().observations().get(0).value()).isEqualTo(base + "/account?user=ada");
        assertThat(verdict.evidence().observations().get(1).value()).isEqualTo("h1#welcome \"Welcome back, Ada\"");
    }

    @Test
    void hiddenErrorTextDoesNotCountUntilItIsShown() {
        CompiledRuleSet compiled = CompiledRuleSet.of(RuleSet.builder("127.0.0.1").include("defaults").build());
        driver.get(base + "/login");
        Detection detection = compiled.start(URI.create(driver.getCurrentUrl()));

        detection.onProbe(probe(compiled));
        assertThat(detection.decide()).isEmpty();

        driver.findElement(By.id("show-error")).click();
        Verdict verdict = detect(compiled, detection);

        assertThat(verdict.outcome()).isEqualTo(Outcome.REJECTED_CAPTCHA);
        assertThat(verdict.evidence().rule()).isEqualTo("captcha-failure-text");
        assertThat(verdict.evidence().observations().get(0).value()).contains("Invalid captcha, please try again.");
        assertThat(verdict.feedbackCode()).isEqualTo("ERROR_CAPTCHA_UNSOLVABLE");
    }

    @Test
    void theDefaultTextRulesCompileAndMatchInTheBrowsersRegexEngine() {
        CompiledRuleSet compiled = CompiledRuleSet.of(RuleSet.builder("127.0.0.1").include("defaults").build());
        driver.get(base + "/required");
        Detection detection = compiled.start(URI.create(base + "/signup"));
        detection.onBaselineMissed(); // the page is the answer to the submit: its text is new

        detection.onProbe(probe(compiled));

        Verdict verdict = detection.decideNow().orElseThrow();
        assertThat(verdict.evidence().rule()).isEqualTo("captcha-token-required-text");
        assertThat(verdict.evidence().observations().get(0).value()).isEqualTo("Turnstile token required.");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSelectorTheBrowserRefusesOrAThrowingScriptIsReportedNotThrown() {
        Condition badSelector = present("p:no-such-pseudo-class");
        Condition throwing = script("document.querySelector('#none').textContent");
        Condition orders = textContains("3 ORDERS", ".orders");
        CompiledRuleSet compiled = CompiledRuleSet.of(RuleSet.builder("127.0.0.1").allowScripts(true)
                .rule("bad", badSelector, Outcome.ACCEPTED)
                .rule("throws", throwing, Outcome.ACCEPTED)
                .rule("orders", allOf(orders, not(present("#missing")), script("document.title === 'Account'")), Outcome.ACCEPTED)
                .build());
        driver.get(base + "/account");

        Map<String, Object> result = probe(compiled);

        List<Map<String, Object>> checks = (List<Map<String, Object>>) result.get("c");
        assertThat(checks).hasSize(compiled.probeChecks()).hasSize(5);
        assertThat(checks.get(0)).containsEntry("m", false);
        assertThat((String) checks.get(0).get("e")).contains("SyntaxError");
        assertThat(checks.get(1)).containsEntry("m", false);
        assertThat((String) checks.get(1).get("e")).contains("TypeError");
        assertThat(checks.get(2)).containsEntry("m", true).containsEntry("x", "3 orders");
        assertThat(((Number) result.get("t")).doubleValue()).isGreaterThanOrEqualTo(0.0);
        Detection detection = compiled.start(URI.create(base + "/account"));
        detection.onProbe(result);
        assertThat(detection.decide()).map(v -> v.evidence().rule()).contains("orders");
    }

    @Test
    void theWidgetHooksInstalledAsAPreloadScriptRecordResetsMadeByThePagesOwnScript() {
        List<String> pushed = new CopyOnWriteArrayList<>();
        script = new Script(driver);
        script.onMessage(message -> message.getData().getValue().ifPresent(v -> pushed.add(String.valueOf(v))));
        String preload = "(channel) => { window." + WidgetHooks.BINDING + " = function (json) { channel(json); };\n"
                + WidgetHooks.script() + "\n}";
        preloads.add(script.addPreloadScript(preload, List.of(new ChannelValue("captcha-feedback"))));
        preloads.add(script.addPreloadScript("() => {" + WidgetHooks.script() + "\n}")); // injected twice: harmless

        CompiledRuleSet compiled = CompiledRuleSet.of(RuleSet.builder("127.0.0.1").rule("widget-reset", widgetReset(), Outcome.REJECTED_CAPTCHA)
                .include("defaults").build()); // the defaults do not take a reset alone as a refusal
        driver.get(base + "/widget");
        new WebDriverWait(driver, WAIT).until(d -> "ready".equals(d.findElement(By.id("ready")).getText()));
        driver.findElement(By.id("render")).click();
        Detection detection = compiled.start(URI.create(driver.getCurrentUrl()));
        detection.onProbe(probe(compiled));
        assertThat(detection.decide()).as("nothing was reset yet").isEmpty();

        driver.findElement(By.id("refuse")).click();
        Verdict verdict = detect(compiled, detection);

        assertThat(verdict.outcome()).isEqualTo(Outcome.REJECTED_CAPTCHA);
        assertThat(verdict.evidence().rule()).isEqualTo("widget-reset");
        assertThat(verdict.evidence().observations().get(0).value()).isEqualTo("recaptcha.reset()");
        JavascriptExecutor js = driver;
        assertThat(js.executeScript("return [calls.reset, calls.render, window.rendered,"
                + " __captchaFeedback.resets.length, __captchaFeedback.renders.length,"
                + " __captchaFeedback.renders[0].sitekey, typeof __captchaFeedback.renders[0].callback]"))
                .as("the page's own functions ran once each; the hooks recorded each call once")
                .isEqualTo(List.of(2L, 1L, 7L, 2L, 1L, "site-key", "function"));

        new WebDriverWait(driver, WAIT).until(d -> pushed.size() >= 3);
        assertThat(pushed.stream().map(WidgetEvent::parse).flatMap(Optional::stream).map(e -> e.kind() + " " + e.widget()))
                .as("pushed over the BiDi channel; Selenium may hand messages over out of order")
                .containsExactlyInAnyOrder("RENDER RECAPTCHA", "RESET RECAPTCHA", "RESET HCAPTCHA");
    }

    @Test
    @SuppressWarnings("unchecked")
    void textChecksReadRenderedTextAcrossInlineElementsAndIgnoreHiddenText() {
        List<Condition> conditions = List.of(
                textContains("invalid captcha, TRY again"),
                textContains("Invalid captcha", ".msg"),
                Condition.textMatches("(?i)invalid\\s+captcha,\\s+try\\s+again"),
                Condition.textMatches("TRY again", "p"),
                Condition.textMatches("Code\\s+42"),
                textContains("Order confirmed"),
                Condition.textMatches("(?i)order\\s+confirmed", ".msg"),
                textContains("Code42"));
        RuleSet.Builder builder = RuleSet.builder("127.0.0.1");
        for (int i = 0; i < conditions.size(); i++) {
            builder.rule("r" + i, conditions.get(i), Outcome.REJECTED_OTHER);
        }
        CompiledRuleSet compiled = CompiledRuleSet.of(builder.build());
        driver.get(base + "/texts");

        List<Map<String, Object>> checks = (List<Map<String, Object>>) probe(compiled).get("c");

        assertThat(checks).extracting(c -> c.get("m"))
                .as("rendered text matches across inline elements, transformed case and line breaks; hidden and"
                        + " script text does not; block elements are separated")
                .containsExactly(true, true, true, true, true, false, false, false);
        assertThat(checks.get(1).get("x")).isEqualTo("Invalid captcha, TRY again");
    }

    @Test
    void theWidgetHooksRewrapAGlobalThatAScriptRedefined() {
        script = new Script(driver);
        preloads.add(script.addPreloadScript("() => {" + WidgetHooks.script() + "\n}"));
        CompiledRuleSet compiled = CompiledRuleSet.of(RuleSet.builder("127.0.0.1").rule(Rule.of("reset",
                Condition.widgetReset(Widget.TURNSTILE), Outcome.REJECTED_CAPTCHA)).build());
        driver.get(base + "/redefined");
        JavascriptExecutor js = driver;
        new WebDriverWait(driver, WAIT).until(d -> Boolean.TRUE.equals(js.executeScript(
                "return !!(window.turnstile && turnstile.reset.__captchaFeedbackWrapped)")));
        Detection detection = compiled.start(URI.create(driver.getCurrentUrl()));

        driver.findElement(By.id("refuse")).click();
        Verdict verdict = detect(compiled, detection);

        assertThat(verdict.evidence().rule()).isEqualTo("reset");
        assertThat(verdict.evidence().observations().get(0).value()).isEqualTo("turnstile.reset()");
        assertThat(js.executeScript("return window.turnstileResets")).isEqualTo(1L);
    }

    @Test
    void oneProbeEvaluatesAHundredRulesInOneRoundTrip() {
        RuleSet.Builder builder = RuleSet.builder("127.0.0.1");
        for (int i = 0; i < 100; i++) {
            Condition c = switch (i % 4) {
                case 0 -> present("#item-" + i);
                case 1 -> visible(".error-" + i + ", .alert-" + i);
                case 2 -> textContains("message number " + i);
                default -> Condition.textMatches("(?i)code\\s+" + i + "\\b", "body");
            };
            builder.rule("rule-" + i, c, i % 2 == 0 ? Outcome.REJECTED_CAPTCHA : Outcome.REJECTED_OTHER);
        }
        builder.rule("welcome", present("#welcome"), Outcome.ACCEPTED);
        CompiledRuleSet compiled = CompiledRuleSet.of(builder.build());
        driver.get(base + "/account");

        Map<String, Object> result = probe(compiled);
        Detection detection = compiled.start(URI.create(base + "/login"));
        detection.onProbe(result);

        assertThat((List<?>) result.get("c")).hasSize(101);
        assertThat(detection.decide()).map(v -> v.evidence().rule()).contains("welcome");
    }
}
