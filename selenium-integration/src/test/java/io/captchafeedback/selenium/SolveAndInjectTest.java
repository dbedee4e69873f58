package io.captchafeedback.selenium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.captchafeedback.CaptchaFeedback;
import io.captchafeedback.task.Outcome;
import io.captchafeedback.TaskVerdict;
import io.captchafeedback.provider.ApiKey;
import io.captchafeedback.provider.ProviderRegistry;
import io.captchafeedback.provider.ProviderSettings;
import io.captchafeedback.verdictreport.VerdictReport;
import io.captchafeedback.testkit.site.DemoPage;
import io.captchafeedback.testkit.site.DemoReaction;
import io.captchafeedback.testkit.site.DemoSite;
import io.captchafeedback.testkit.site.DemoWidget;
import io.captchafeedback.testkit.emulator.ReceivedFeedback;
import io.captchafeedback.solve.FoundWidget;
import io.captchafeedback.solve.PollingPlan;
import io.captchafeedback.solve.SolveException;
import io.captchafeedback.solve.SolveInProgress;
import io.captchafeedback.solve.SolvePolicy;
import io.captchafeedback.solve.SolvedInjection;
import io.captchafeedback.solve.Solver;
import io.captchafeedback.solve.WidgetNotFoundException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * find → solve → inject → judge → report in one call, on a real headless Chromium, the demo site and the
 * emulator's createTask/getTaskResult: no token is made by the test.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SolveAndInjectTest extends DemoSiteFixture {

    static CaptchaFeedback feedback;
    static SeleniumCaptchaFeedback cf;
    static Solver solver;
    static DemoSite otherOrigin;
    static VerdictReport report;

    @BeforeAll
    static void attach() {
        feedback = newCaptchaFeedback();
        cf = SeleniumCaptchaFeedback.attach(chrome, feedback);
        solver = Solver.builder(feedback.providers().orElseThrow())
                .polling(PollingPlan.every(Duration.ofMillis(50))).deadline(Duration.ofSeconds(5)).build();
        otherOrigin = DemoSite.start(emulator);
        report = VerdictReport.create().solveStatistics(solver.statistics());
        feedback.onVerdict(v -> report.record(v.task(), v.verdict(), v.report()));
    }

    @AfterAll
    static void detach() {
        if (solver != null) {
            solver.close();
        }
        if (cf != null) {
            cf.close();
        }
        if (feedback != null) {
            feedback.close();
        }
        if (otherOrigin != null) {
            otherOrigin.close();
        }
    }

    @ParameterizedTest(name = "{0}: found, solved, injected, accepted and reported with no user token")
    @EnumSource(DemoWidget.class)
    void everyDemoWidgetIsSolvedInjectedJudgedAndReportedInOneCall(DemoWidget widget) throws Exception {
        DemoPage page = DemoPage.of(widget, DemoReaction.REDIRECT);
        String provider = providerFor(widget);
        WebDriver driver = cf.driver();
        driver.get(site.url(page));

        List<FoundWidget> found = cf.find();
        assertThat(found).as("found on %s", page).anySatisfy(w -> {
            assertThat(w.type()).isEqualTo(widget.captchaType());
            assertThat(w.siteKey()).isEqualTo(widget.siteKey());
            assertThat(w.pageUrl()).isEqualTo(site.url(page));
        });

        SolvedInjection done = cf.solveAndInject(solver, SolvePolicy.of(provider));
        assertThat(done.solution().task().providerId()).isEqualTo(provider);
        assertThat(done.solution().task().siteKey()).isEqualTo(widget.siteKey());
        assertThat(done.injection().injected()).isTrue();
        if (widget != DemoWidget.RECAPTCHA_V2_INVISIBLE) { // its callback submits
            driver.findElement(By.id("sign-in")).click();
        }
        TaskVerdict verdict = cf.awaitVerdict(WAIT).orElseThrow(() -> new AssertionError("no verdict within " + WAIT));
        assertThat(verdict.task().taskId()).isEqualTo(done.solution().task().taskId());
        assertThat(verdict.verdict().outcome()).as("verdict %s", verdict.verdict()).isEqualTo(Outcome.ACCEPTED);
        verdict.report().result().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        List<ReceivedFeedback> received = emulator.feedbackFor(provider, done.solution().task().taskId());
        if (takes(feedback, provider, widget.captchaType(), true)) {
            assertThat(received).singleElement().satisfies(f -> assertThat(f.positive()).isTrue());
        } else {
            assertThat(received).isEmpty();
        }
        assertThat(solver.statistics().solveTimeOf(done.solution().task())).isPresent();
        long end = System.nanoTime() + WAIT.toNanos();
        while ((report.solving().get(provider) == null || report.solving().get(provider).accepted() == 0)
                && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertThat(report.solving().get(provider)).as("solve figures of %s", provider).isNotNull();
        assertThat(report.solving().get(provider).accepted()).as("accepted tokens of %s in the verdict report", provider).isPositive();
    }

    @Test
    void theAsyncVariantSolvesWhileTheFormIsFilledAndInjectsOnTheCallersThread() throws Exception {
        DemoPage page = DemoPage.of(DemoWidget.TURNSTILE, DemoReaction.INLINE_ERROR);
        emulator.processingPolls(3);
        cf.driver().get(site.url(page));

        SolveInProgress solving = cf.solveAndInjectAsync(solver, SolvePolicy.of("regotcha"));
        assertThat(solving.widget().type()).isEqualTo(DemoWidget.TURNSTILE.captchaType());
        assertThat(solving.solution().isDone()).as("solving in the background").isFalse();
        SolvedInjection done = solving.inject();

        cf.driver().findElement(By.id("sign-in")).click();
        TaskVerdict verdict = cf.awaitVerdict(WAIT).orElseThrow();
        assertThat(verdict.task().taskId()).isEqualTo(done.solution().task().taskId());
        assertThat(verdict.verdict().outcome()).isEqualTo(Outcome.ACCEPTED);
        verdict.report().result().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(emulator.feedbackFor("regotcha", done.solution().task().taskId())).isNotEmpty();
        assertThatThrownBy(solving::inject).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anUnsolvableCaptchaFallsBackToTheNextProvider() {
        cf.driver().get(site.url(DemoPage.of(DemoWidget.HCAPTCHA, DemoReaction.REDIRECT)));
        emulator.unsolvableNext(1);

        SolvedInjection done = cf.solveAndInject(solver, SolvePolicy.of("ucaptcha", "regotcha"));
        assertThat(done.solution().task().providerId()).isEqualTo("regotcha");
        assertThat(done.solution().failedBefore()).singleElement().isInstanceOf(SolveException.Unsolvable.class);
    }

    @Test
    void aZeroBalanceWithoutFallbackReachesTheCallerTypedAndNothingIsInjected() {
        cf.driver().get(site.url(DemoPage.of(DemoWidget.RECAPTCHA_V2, DemoReaction.REDIRECT)));
        emulator.zeroBalance("anticaptcha", true);
        int pendingBefore = cf.pending().size();

        assertThatThrownBy(() -> cf.solveAndInject(solver, SolvePolicy.of("anticaptcha")))
                .isInstanceOf(SolveException.ZeroBalance.class);
        assertThat(cf.pending()).hasSize(pendingBefore);
        assertThat(field("g-recaptcha-response")).isEmpty();
    }

    @Test
    void aBadKeyReachesTheCallerTypedAndIsNotFallenBackFrom() {
        cf.driver().get(site.url(DemoPage.of(DemoWidget.TURNSTILE, DemoReaction.REDIRECT)));
        try (ProviderRegistry wrongKey = ProviderRegistry.create(List.of(new ProviderSettings("regotcha", "regotcha",
                ApiKey.of("not-the-key-0000000000000000000000"), emulator.baseUri("regotcha"), null, Map.of()),
                new ProviderSettings("ucaptcha", "ucaptcha", ApiKey.of(emulator.apiKey("ucaptcha")), emulator.baseUri("ucaptcha"),
                        null, Map.of())));
                Solver withWrongKey = Solver.builder(wrongKey).polling(PollingPlan.every(Duration.ofMillis(50))).build()) {
            assertThatThrownBy(() -> cf.solveAndInject(withWrongKey, SolvePolicy.of("regotcha", "ucaptcha")))
                    .isInstanceOf(SolveException.BadKey.class)
                    .hasMessageNotContaining("not-the-key");
        }
        assertThat(field("cf-turnstile-response")).isEmpty();
    }

    @Test
    void aSolveThatOutlastsTheDeadlineReachesTheCallerAsTimeout() {
        cf.driver().get(site.url(DemoPage.of(DemoWidget.RECAPTCHA_V2, DemoReaction.REDIRECT)));
        emulator.processingPolls(1_000);
        try (Solver impatient = Solver.builder(feedback.providers().orElseThrow())
                .polling(PollingPlan.every(Duration.ofMillis(50))).deadline(Duration.ofMillis(400)).build()) {
            assertThatThrownBy(() -> cf.solveAndInject(impatient, SolvePolicy.of("anticaptcha")))
                    .isInstanceOf(SolveException.Timeout.class);
        }
        assertThat(field("g-recaptcha-response")).isEmpty();
    }

    @Test
    void aPageWithoutAWidgetGivesWidgetNotFoundAndBuysNothing() {
        cf.driver().get(site.url("/engines/welcome"));
        assertThatThrownBy(() -> cf.solveAndInject(solver, SolvePolicy.of("anticaptcha")))
                .isInstanceOf(WidgetNotFoundException.class).hasMessageContaining("/engines/welcome");
    }

    @ParameterizedTest(name = "a widget in a {0}-origin iframe is found with the top page's URL and injected there")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"same", "cross"})
    void aWidgetInAnIframeIsFoundWithTheTopPagesUrlAndInjectedIntoThatFrame(String origin) {
        DemoSite inner = "same".equals(origin) ? site : otherOrigin;
        DemoWidget widget = DemoWidget.HCAPTCHA;
        String top = site.url("/engines/frame?src="
                + URLEncoder.encode(inner.url(DemoPage.of(widget, DemoReaction.REDIRECT)), StandardCharsets.UTF_8));
        WebDriver driver = cf.driver();
        driver.get(top);

        FoundWidget found = cf.find().stream().filter(w -> w.type() == widget.captchaType()).findFirst().orElseThrow();
        assertThat(found.pageUrl()).isEqualTo(top);
        assertThat(found.framePath()).containsExactly("login-frame");

        SolvedInjection done = cf.solveAndInject(solver, SolvePolicy.of("ucaptcha"));
        assertThat(done.solution().task().pageUrl()).isEqualTo(top);
        driver.switchTo().frame("login-frame");
        try {
            assertThat(field("h-captcha-response")).isEqualTo(done.solution().task().token());
        } finally {
            driver.switchTo().defaultContent();
        }
    }

    static String field(String name) {
        Object v = ((JavascriptExecutor) cf.driver()).executeScript(
                "var f = document.querySelector('[name=\"' + arguments[0] + '\"]'); return f ? f.value : null;", name);
        return v == null ? "" : v.toString();
    }
}
