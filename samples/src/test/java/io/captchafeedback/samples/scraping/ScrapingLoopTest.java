package io.captchafeedback.samples.scraping;

import static org.assertj.core.api.Assertions.assertThat;

import io.captchafeedback.task.Outcome;
import io.captchafeedback.testkit.site.DemoPage;
import io.captchafeedback.testkit.site.DemoReaction;
import io.captchafeedback.testkit.site.DemoSite;
import io.captchafeedback.testkit.site.DemoWidget;
import io.captchafeedback.testkit.emulator.ProviderEmulator;
import io.captchafeedback.testkit.emulator.ReceivedFeedback;
import io.captchafeedback.testkit.TestkitExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the scraping loop's command line (a one-thread WebMagic spider) against demo-site pages, with the per-reaction rule files, and
 * checks each printed line against the site's documented verdict and against what the provider received.
 */
@ExtendWith(TestkitExtension.class)
@Timeout(60)   // a browser that stops answering fails the test instead of stalling the build
class ScrapingLoopTest {
    static final Path RULES = Path.of("src/main/resources/rules");

    /** Every reaction with a verdict, a different widget where it fits, and good and bad tokens mixed. */
    static final List<DemoPage> PAGES = List.of(
            DemoPage.of(DemoWidget.RECAPTCHA_V2, DemoReaction.REDIRECT),
            DemoPage.of(DemoWidget.HCAPTCHA, DemoReaction.INLINE_ERROR),
            DemoPage.of(DemoWidget.TURNSTILE, DemoReaction.HTTP_403),
            DemoPage.of(DemoWidget.RECAPTCHA_V3, DemoReaction.XHR_JSON),
            DemoPage.of(DemoWidget.RECAPTCHA_V2_INVISIBLE, DemoReaction.WIDGET_RESET),
            DemoPage.of(DemoWidget.FUNCAPTCHA, DemoReaction.WRONG_PASSWORD),
            DemoPage.of(DemoWidget.TURNSTILE, DemoReaction.SILENT));
    static final boolean[] GOOD = {true, false, false, true, false, true, false};

    @TempDir
    Path dir;

    @Test
    void everyUrlGetsTheDocumentedVerdictAndTheProviderExactlyTheFeedbackItCallsFor(ProviderEmulator emulator,
            DemoSite site) throws IOException {
        emulator.scriptNextTokens(GOOD);   // the loop solves the pages in order: their tokens are good or bad in that order
        Path urls = Files.write(dir.resolve("urls.txt"),
                ("# demo pages, one per line\n\n" + String.join("\n", PAGES.stream().map(site::url).toList()) + "\n")
                        .getBytes(StandardCharsets.UTF_8));
        List<String> args = new ArrayList<>(List.of("--config", config(emulator).toString(), "--urls", urls.toString()));
        for (DemoPage page : PAGES) {
            args.add("--rules");
            args.add(RULES.resolve(page.reaction().path() + ".yml").toString());
        }

        Run run = run(args.toArray(String[]::new));

        assertThat(run.code).as("exit code; stderr: %s", run.err).isZero();
        assertThat(run.lines).hasSize(PAGES.size() + 1);
        int accepted = 0;
        int rejected = 0;
        int other = 0;
        int unknown = 0;
        for (int i = 0; i < PAGES.size(); i++) {
            DemoPage page = PAGES.get(i);
            Outcome expected = page.reaction().expectedOutcome(GOOD[i]);
            String[] fields = run.lines.get(i).split("\\s+");
            assertThat(fields[0]).as("line %d: %s", i, run.lines.get(i)).isEqualTo(expected.name());
            assertThat(fields[1]).isEqualTo(site.url(page));
            assertThat(fields[2]).startsWith("task=ucaptcha/");
            String taskId = fields[2].substring("task=ucaptcha/".length());
            List<ReceivedFeedback> received = emulator.feedbackFor("ucaptcha", taskId);
            switch (expected) {
                case ACCEPTED, REJECTED_CAPTCHA -> {
                    // Read after the run: the spider's stop closed the downloader, which drained the reporter.
                    assertThat(received).as("feedback for %s", page).singleElement()
                            .satisfies(f -> assertThat(f.positive()).isEqualTo(expected == Outcome.ACCEPTED));
                }
                default -> assertThat(received).as("feedback for %s", page).isEmpty();
            }
            switch (expected) {
                case ACCEPTED -> accepted++;
                case REJECTED_CAPTCHA -> rejected++;
                case REJECTED_OTHER -> other++;
                case UNKNOWN -> unknown++;
            }
        }
        assertThat(run.lines.get(PAGES.size())).isEqualTo(PAGES.size() + " URLs: ACCEPTED=" + accepted
                + " REJECTED_CAPTCHA=" + rejected + " REJECTED_OTHER=" + other + " UNKNOWN=" + unknown + " ERROR=0");
    }

    @Test
    void aUrlThatCannotBeProcessedIsAnErrorLineAndTheExitCodeSaysSo(ProviderEmulator emulator, DemoSite site)
            throws IOException {
        String noCaptcha = site.url("/");   // the demo site's index: no widget
        String good = site.url(DemoPage.of(DemoWidget.HCAPTCHA, DemoReaction.INLINE_ERROR));

        Run run = run("--config", config(emulator).toString(), "--rules", RULES.resolve("inline-error.yml").toString(),
                "--widget-wait", "1s", noCaptcha, good);

        assertThat(run.code).isEqualTo(1);
        assertThat(run.lines.get(0)).startsWith("ERROR").contains(noCaptcha, "no captcha widget found within 1000 ms");
        assertThat(run.lines.get(1)).startsWith("ACCEPTED");
        assertThat(run.lines.get(2)).isEqualTo("2 URLs: ACCEPTED=1 REJECTED_CAPTCHA=0 REJECTED_OTHER=0 UNKNOWN=0 ERROR=1");
    }

    @Test
    void aMistakeInARuleFileIsReportedWithItsLocationBeforeAnyBrowserStarts(ProviderEmulator emulator) throws IOException {
        Path rules = Files.writeString(dir.resolve("typo.yml"), """
                rules:
                  - site: "127.0.0.1"
                    rules:
                      - name: welcome
                        when: { url: "**/welcome" }
                        verdit: ACCEPTED
                """);

        Run run = run("--config", config(emulator).toString(), "--rules", rules.toString(), "http://127.0.0.1/");

        assertThat(run.code).isEqualTo(2);
        assertThat(run.lines).isEmpty();
        assertThat(run.err).contains("typo.yml:6:", "unknown key 'verdit'", "usage: ScrapingLoop");
    }

    @Test
    void missingArgumentsAreAUsageError() {
        Run run = run("--urls", "urls.txt");

        assertThat(run.code).isEqualTo(2);
        assertThat(run.err).contains("--config is required", "usage: ScrapingLoop");
    }

    /** A configuration file with the emulator's uCaptcha and an outbox in the test's directory. */
    private Path config(ProviderEmulator emulator) throws IOException {
        return Files.writeString(dir.resolve("captcha-feedback.yml"), """
                providers:
                  ucaptcha:
                    key: %s
                    baseUrl: %s
                reporter:
                  outbox: %s
                """.formatted(emulator.apiKey("ucaptcha"), emulator.baseUrl("ucaptcha"), dir.resolve("outbox")));
    }

    record Run(int code, List<String> lines, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ScrapingLoop.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        return new Run(code, text.isEmpty() ? List.of() : text.lines().toList(), err.toString(StandardCharsets.UTF_8));
    }
}
