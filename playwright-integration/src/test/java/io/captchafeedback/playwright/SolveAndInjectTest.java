package io.captchafeedback.playwright;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.captchafeedback.task.Outcome;
import io.captchafeedback.TaskVerdict;
import io.captchafeedback.provider.ApiKey;
import io.captchafeedback.provider.ProviderRegistry;
import io.captchafeedback.provider.ProviderSettings;
import io.captchafeedback.solve.FoundWidget;
import io.captchafeedback.solve.PollingPlan;
import io.captchafeedback.solve.SolveException;
import io.captchafeedback.solve.SolveInProgress;
import io.captchafeedback.solve.SolvePolicy;
import io.captchafeedback.solve.SolvedInjection;
import io.captchafeedback.solve.Solver;
import io.captchafeedback.solve.WidgetNotFoundException;
import io.captchafeedback.testkit.site.DemoPage;
import io.captchafeedback.testkit.site.DemoReaction;
import io.captchafeedback.testkit.site.DemoSite;
import io.captchafeedback.testkit.site.DemoWidget;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * find → solve → inject → judge → report in one call on Playwright (headless Chromium), the demo site and
 * the emulator's createTask/getTaskResult: no token is made by the test.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SolveAndInjectTest {

    static DemoFixture fixture;
    static DemoSite otherOrigin;
    static Solver solver;
    BrowserContext context;
    Attachment attachment;

    @BeforeAll
    static void start() {
        fixture = DemoFixture.start();
        otherOrigin = DemoSite.start(fixture.emulator);
        solver = Solver.builder(fixture.registry)
                .polling(PollingPlan.every(Duration.ofMillis(50))).deadline(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        if (solver != null) {
            solver.close();
        }
        if (otherOrigin != null) {
            otherOrigin.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    @BeforeEach
    void attach() {
        fixture.emulator.reset();
        context = fixture.newContext();
        attachment = PlaywrightCaptchaFeedback.attach(context, fixture.feedback);
    }

    @AfterEach
    void detach() {
        attachment.close();
        context.close();
    }

    /** Providers rotate across widget types. */
    static String providerFor(DemoWidget widget) {
        return DemoFixture.PROVIDERS.get(widget.ordinal() % DemoFixture.PROVIDERS.size());
    }

    @ParameterizedTest(name = "{0}: found, solved, injected, accepted and reported with no user token")
    @EnumSource(DemoWidget.class)
    void everyDemoWidgetIsSolvedInjectedJudgedAndReportedInOneCall(DemoWidget widget) throws Exception {
        DemoPage demo = DemoPage.of(widget, DemoReaction.INLINE_ERROR);
        Page page = context.newPage();
        fixture.open(page, demo);

        assertThat(attachment.find(page)).as("found on %s", demo).anySatisfy(w -> {
            assertThat(w.type()).isEqualTo(widget.captchaType());
            assertThat(w.siteKey()).isEqualTo(widget.siteKey());
            assertThat(w.pageUrl()).isEqualTo(fixture.site.url(demo));
        });

        String provider = providerFor(widget);
        SolvedInjection done = attachment.solveAndInject(page, solver, SolvePolicy.of(provider));
        assertThat(done.solution().task().providerId()).isEqualTo(provider);
        assertThat(done.injection().injected()).isTrue();
        DemoFixture.submit(page, widget);

        TaskVerdict verdict = attachment.awaitVerdict(DemoFixture.VERDICT_WAIT).orElseThrow();
        assertThat(verdict.task().taskId()).isEqualTo(done.solution().task().taskId());
        fixture.assertVerdictAndFeedback(verdict, Outcome.ACCEPTED);
    }

    @Test
    void theAsyncVariantSolvesWhileTheFormIsFilledAndInjectsOnTheAttachmentsThread() throws Exception {
        fixture.emulator.processingPolls(3);
        Page page = context.newPage();
        fixture.open(page, DemoPage.of(DemoWidget.RECAPTCHA_V2, DemoReaction.REDIRECT));

        SolveInProgress solving = attachment.solveAndInjectAsync(page, solver, SolvePolicy.of("anticaptcha"));
        assertThat(solving.solution().isDone()).as("solving in the background").isFalse();
        SolvedInjection done = solving.inject();
        DemoFixture.submit(page, DemoWidget.RECAPTCHA_V2);

        TaskVerdict verdict = attachment.awaitVerdict(DemoFixture.VERDICT_WAIT).orElseThrow();
        assertThat(verdict.task().taskId()).isEqualTo(done.solution().task().taskId());
        fixture.assertVerdictAndFeedback(verdict, Outcome.ACCEPTED);
    }

    @Test
    void anUnsolvableCaptchaFallsBackToTheNextProvider() {
        Page page = context.newPage();
        fixture.open(page, DemoPage.of(DemoWidget.TURNSTILE, DemoReaction.REDIRECT));
        fixture.emulator.unsolvableNext(1);

        SolvedInjection done = attachment.solveAndInject(page, solver, SolvePolicy.of("regotcha", "ucaptcha"));
        assertThat(done.solution().task().providerId()).isEqualTo("ucaptcha");
        assertThat(done.solution().failedBefore()).singleElement().isInstanceOf(SolveException.Unsolvable.class);
    }

    @Test
    void aZeroBalanceWithoutFallbackReachesTheCallerTypedAndNothingIsTracked() {
        Page page = context.newPage();
        fixture.open(page, DemoPage.of(DemoWidget.HCAPTCHA, DemoReaction.REDIRECT));
        fixture.emulator.zeroBalance("ucaptcha", true);

        assertThatThrownBy(() -> attachment.solveAndInject(page, solver, SolvePolicy.of("ucaptcha")))
                .isInstanceOf(SolveException.ZeroBalance.class);
        assertThat(attachment.pending()).isEmpty();
    }

    @Test
    void aBadKeyReachesTheCallerTypedAndIsNotFallenBackFrom() {
        Page page = context.newPage();
        fixture.open(page, DemoPage.of(DemoWidget.RECAPTCHA_V3, DemoReaction.REDIRECT));
        try (ProviderRegistry wrongKey = ProviderRegistry.create(List.of(new ProviderSettings("anticaptcha", "anticaptcha",
                ApiKey.of("not-the-key-0000000000000000000000"), fixture.emulator.baseUri("anticaptcha"), null, Map.of()),
                new ProviderSettings("ucaptcha", "ucaptcha", ApiKey.of(fixture.emulator.apiKey("ucaptcha")),
                        fixture.emulator.baseUri("ucaptcha"), null, Map.of())));
                Solver withWrongKey = Solver.builder(wrongKey).polling(PollingPlan.every(Duration.ofMillis(50))).build()) {
            assertThatThrownBy(() -> attachment.solveAndInject(page, withWrongKey, SolvePolicy.of("anticaptcha", "ucaptcha")))
                    .isInstanceOf(SolveException.BadKey.class)
                    .hasMessageNotContaining("not-the-key");
        }
        assertThat(attachment.pending()).isEmpty();
    }

    @Test
    void aSolveThatOutlastsTheDeadlineReachesTheCallerAsTimeoutFromTheAsyncVariant() {
        Page page = context.newPage();
        fixture.open(page, DemoPage.of(DemoWidget.HCAPTCHA, DemoReaction.REDIRECT));
        fixture.emulator.processingPolls(1_000);
        try (Solver impatient = Solver.builder(fixture.registry)
                .polling(PollingPlan.every(Duration.ofMillis(50))).deadline(Duration.ofMillis(400)).build()) {
            SolveInProgress solving = attachment.solveAndInjectAsync(page, impatient, SolvePolicy.of("regotcha"));
            assertThatThrownBy(solving::inject).isInstanceOf(SolveException.Timeout.class);
        }
        assertThat(attachment.pending()).isEmpty();
    }

    @Test
    void aPageWithoutAWidgetGivesWidgetNotFound() {
        Page page = context.newPage();
        page.navigate(fixture.site.url("/engines/welcome"));
        assertThatThrownBy(() -> attachment.solveAndInject(page, solver, SolvePolicy.of("ucaptcha")))
                .isInstanceOf(WidgetNotFoundException.class).hasMessageContaining("/engines/welcome");
    }

    @ParameterizedTest(name = "a widget in a {0}-origin iframe is found with the top page's URL and injected there")
    @ValueSource(strings = {"same", "cross"})
    void aWidgetInAnIframeIsFoundWithTheTopPagesUrlAndInjectedIntoThatFrame(String origin) {
        DemoSite inner = "same".equals(origin) ? fixture.site : otherOrigin;
        DemoWidget widget = DemoWidget.FUNCAPTCHA;
        String top = fixture.site.url("/engines/frame?src="
                + URLEncoder.encode(inner.url(DemoPage.of(widget, DemoReaction.REDIRECT)), StandardCharsets.UTF_8));
        Page page = context.newPage();
        page.navigate(top);
        page.frameLocator("#login-frame").locator("#FunCaptcha").waitFor();

        FoundWidget found = attachment.find(page).stream().filter(w -> w.type() == widget.captchaType())
                .findFirst().orElseThrow();
        assertThat(found.pageUrl()).isEqualTo(top);
        assertThat(found.framePath()).hasSize(1);

        SolvedInjection done = attachment.solveAndInject(page, solver, SolvePolicy.of("ucaptcha"));
        assertThat(done.solution().task().pageUrl()).isEqualTo(top);
        assertThat(page.frameLocator("#login-frame").locator("#FunCaptcha-Token").inputValue())
                .isEqualTo(done.solution().task().token());
    }
}
