package io.captchafeedback.samples.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.captchafeedback.CaptchaFeedback;
import io.captchafeedback.task.Outcome;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.TaskVerdict;
import io.captchafeedback.playwright.Attachment;
import io.captchafeedback.playwright.PlaywrightCaptchaFeedback;
import io.captchafeedback.report.DeliveryStatus;
import io.captchafeedback.rule.RuleFiles;
import io.captchafeedback.rule.RuleSet;
import io.captchafeedback.rule.Rules;
import io.captchafeedback.samples.SampleSupport;
import io.captchafeedback.testkit.site.DemoPage;
import io.captchafeedback.testkit.site.DemoReaction;
import io.captchafeedback.testkit.site.DemoSite;
import io.captchafeedback.testkit.site.DemoWidget;
import io.captchafeedback.testkit.emulator.ProviderEmulator;
import io.captchafeedback.testkit.browser.PlaywrightChromium;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The per-reaction rule files in {@code src/main/resources/rules}: each loads, and in headless Chromium
 * each one gives the demo site's documented verdict for a good and a bad token on its reaction's pages,
 * with exactly the feedback that verdict calls for reaching the provider. One or two widgets per reaction,
 * every widget at least once across the files.
 */
@Timeout(60)   // a browser that stops answering fails the test instead of stalling the build
class PerReactionRuleFilesTest {
    static final Path RULES = Path.of("src/main/resources/rules");
    static final String PROVIDER = "ucaptcha";   // takes positive and negative reports for every captcha type

    /** The widgets each reaction's file is tried with in the browser. */
    static final Map<DemoReaction, List<DemoWidget>> WIDGETS = Map.of(
            DemoReaction.REDIRECT, List.of(DemoWidget.RECAPTCHA_V2, DemoWidget.FUNCAPTCHA),
            DemoReaction.INLINE_ERROR, List.of(DemoWidget.HCAPTCHA),
            DemoReaction.HTTP_403, List.of(DemoWidget.TURNSTILE),
            DemoReaction.XHR_JSON, List.of(DemoWidget.RECAPTCHA_V3),
            DemoReaction.WIDGET_RESET, List.of(DemoWidget.TURNSTILE, DemoWidget.RECAPTCHA_V2_INVISIBLE),
            DemoReaction.WRONG_PASSWORD, List.of(DemoWidget.FUNCAPTCHA),
            DemoReaction.SLOW, List.of(DemoWidget.RECAPTCHA_V2),
            DemoReaction.SILENT, List.of(DemoWidget.HCAPTCHA));

    static ProviderEmulator emulator;
    static DemoSite site;
    static Playwright playwright;
    static Browser browser;
    static CaptchaFeedback feedback;

    /**
     * One CaptchaFeedback holding all eight files: each file's rule set applies only to its own
     * reaction's pages ({@link #eachFileLoadsAndAppliesToItsReactionsPagesOnly}), so every page is judged
     * by its own file alone.
     */
    @BeforeAll
    static void start() {
        emulator = ProviderEmulator.start();
        site = DemoSite.builder(emulator).slowDelay(Duration.ofMillis(600)).start();
        List<RuleSet> sets = Arrays.stream(DemoReaction.values())
                .flatMap(reaction -> RuleFiles.load(file(reaction)).sets().stream()).toList();
        feedback = CaptchaFeedback.builder()
                .config(SampleSupport.emulatorConfig(emulator, PROVIDER))
                .rules(Rules.of(sets))
                .outbox(SampleSupport.freshOutbox())
                .build();
        playwright = Playwright.create(PlaywrightChromium.createOptions());
        browser = PlaywrightChromium.launch(playwright);
    }

    @AfterAll
    static void stop() {
        if (feedback != null) {
            feedback.close();
        }
        if (playwright != null) {
            playwright.close();   // closes the browser too
        }
        if (site != null) {
            site.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @BeforeEach
    void forgetEarlierTasks() {
        emulator.reset();
    }

    static Path file(DemoReaction reaction) {
        return RULES.resolve(reaction.path() + ".yml");
    }

    @Test
    void thereIsOneFilePerReactionAndNothingElse() throws Exception {
        try (Stream<Path> files = Files.list(RULES)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(Arrays.stream(DemoReaction.values()).map(r -> r.path() + ".yml").toList());
        }
    }

    @Test
    void theBrowserCasesCoverEveryReactionAndEveryWidget() {
        assertThat(WIDGETS).containsOnlyKeys(DemoReaction.values());
        Set<DemoWidget> covered = WIDGETS.values().stream().flatMap(List::stream)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(DemoWidget.class)));
        assertThat(covered).containsExactlyInAnyOrder(DemoWidget.values());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DemoReaction.class)
    void eachFileLoadsAndAppliesToItsReactionsPagesOnly(DemoReaction reaction) {
        Rules rules = RuleFiles.load(file(reaction));

        assertThat(rules.sets()).hasSize(1);
        for (DemoPage page : DemoSite.pages()) {
            boolean applies = rules.forUrl(URI.create(site.url(page))).isPresent();
            assertThat(applies).as("%s applies to %s", file(reaction), page).isEqualTo(page.reaction() == reaction);
        }
        RuleSet set = rules.sets().get(0);
        assertThat(set.rules()).as("rules of %s", file(reaction)).isNotEmpty();
    }

    static Stream<Arguments> browserCases() {
        return Arrays.stream(DemoReaction.values()).flatMap(reaction -> WIDGETS.get(reaction).stream()
                .flatMap(widget -> Stream.of(Arguments.of(reaction, widget, true), Arguments.of(reaction, widget, false))));
    }

    @ParameterizedTest(name = "{0} on {1}, good token: {2}")
    @MethodSource("browserCases")
    void theFileGivesTheDocumentedVerdictAndOnlyTheFeedbackItCallsFor(DemoReaction reaction, DemoWidget widget,
            boolean good) throws Exception {
        DemoPage demo = DemoPage.of(widget, reaction);
        String url = site.url(demo);
        SolvedTask task = emulator.solve(PROVIDER, widget.captchaType(), url, widget.siteKey());
        if (!good) {
            emulator.markBad(task.taskId());
        }
        Outcome expected = reaction.expectedOutcome(good);

        // A fresh context per flow; the attachment is closed (detached) before its context.
        BrowserContext context = browser.newContext();
        try (Attachment attachment = PlaywrightCaptchaFeedback.attach(context, feedback)) {
            Page page = context.newPage();
            page.navigate(url);
            page.waitForFunction("() => " + widget.readyExpression(), null, new Page.WaitForFunctionOptions().setTimeout(10_000));
            attachment.inject(page, task).orThrow();
            if (widget != DemoWidget.RECAPTCHA_V2_INVISIBLE) {
                page.click("#sign-in");   // the invisible widget's callback submits by itself
            }

            TaskVerdict verdict = attachment.awaitVerdict(Duration.ofSeconds(12)).orElseThrow();
            assertThat(verdict.verdict().outcome()).as("verdict on %s, evidence %s", url, verdict.verdict().evidence())
                    .isEqualTo(expected);
            DeliveryStatus report = verdict.report().result().get(10, TimeUnit.SECONDS);
            if (expected == Outcome.ACCEPTED || expected == Outcome.REJECTED_CAPTCHA) {
                assertThat(report).isEqualTo(DeliveryStatus.DELIVERED);
                assertThat(emulator.feedbackFor(PROVIDER, task.taskId())).singleElement().satisfies(f -> {
                    assertThat(f.positive()).isEqualTo(expected == Outcome.ACCEPTED);
                    assertThat(f.recorded()).isTrue();
                });
            } else {
                assertThat(report.isDelivered()).isFalse();
                assertThat(emulator.requestCount(PROVIDER)).as("requests to the provider for a %s verdict", expected).isZero();
            }
        } finally {
            context.close();
        }
    }
}
