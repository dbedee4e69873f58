package io.captchafeedback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.captchafeedback.task.CaptchaType;
import io.captchafeedback.task.Evidence;
import io.captchafeedback.task.Outcome;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.task.Verdict;
import io.captchafeedback.CaptchaFeedbackConfig;
import io.captchafeedback.provider.ProviderRegistry;
import io.captchafeedback.report.BreakerPolicy;
import io.captchafeedback.report.DeliveryStatus;
import io.captchafeedback.report.FeedbackReporter;
import io.captchafeedback.report.ReportHandle;
import io.captchafeedback.testkit.emulator.ProviderEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code outbox list} shows the entries left in an outbox (held and not yet delivered ones) without sending
 * anything and never a key; {@code release} / {@code discard} by task or by provider and site; bad input exits 2 with a plain message.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OutboxCommandTest {

    @TempDir
    Path dir;

    ProviderEmulator emulator;
    Path config;
    Path outbox;

    private static CliRun run(String... args) {
        return CliRun.run(args);
    }

    @BeforeEach
    void start() throws Exception {
        emulator = ProviderEmulator.start();
        config = Files.writeString(dir.resolve("captcha-feedback.yml"), """
                providers:
                  ucaptcha:
                    key: %s
                    baseUrl: %s
                """.formatted(emulator.apiKey("ucaptcha"), emulator.baseUri("ucaptcha")));
        outbox = dir.resolve("outbox");
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private SolvedTask task() {
        return emulator.solve("ucaptcha", CaptchaType.RECAPTCHA_V2, "https://shop.test/login", "site-key");
    }

    private static Verdict rejected() {
        return Verdict.of(Outcome.REJECTED_CAPTCHA, Evidence.of("refused"));
    }

    /** A rejection held by the open breaker and an acceptance the provider asked to retry later stay in the outbox. */
    private String[] fillOutbox() throws Exception {
        CaptchaFeedbackConfig cfg = CaptchaFeedbackConfig.load(config);
        try (FeedbackReporter reporter = FeedbackReporter.builder().registry(ProviderRegistry.create(cfg.providers()))
                .outbox(outbox).closeTimeout(Duration.ofMillis(300))
                .breaker(BreakerPolicy.builder().withMinimumReports(2).withRejectionThreshold(0.5).withPause(Duration.ofHours(1)).build())
                .build()) {
            // rejections are delivered until the breaker opens (threshold 0.5, at least 2 verdicts): the next is held
            SolvedTask held = null;
            for (int i = 0; i < 4 && held == null; i++) {
                SolvedTask t = task();
                ReportHandle h = reporter.report(t, rejected());
                h.durable().get(10, TimeUnit.SECONDS);
                if (h.held()) {
                    held = t;
                } else {
                    assertThat(h.result().get(10, TimeUnit.SECONDS)).isEqualTo(DeliveryStatus.DELIVERED);
                }
            }
            assertThat(held).as("a report held by the open breaker").isNotNull();
            emulator.faults().failNext(10, 503, Duration.ofMinutes(10)); // retry later: it stays in the outbox
            SolvedTask unsent = task();
            reporter.report(unsent, Verdict.of(Outcome.ACCEPTED, Evidence.of("welcome"))).durable().get(10, TimeUnit.SECONDS);
            return new String[] {held.taskId(), unsent.taskId()};
        } finally {
            emulator.faults().clear();
        }
    }

    @Test
    void listShowsEachEntryLeftWithItsStateWithoutSendingAndReleaseSendsTheHeldOnes() throws Exception {
        String[] ids = fillOutbox();
        int received = emulator.feedback().size();

        CliRun list = run("outbox", "list", "-d", outbox.toString());

        assertThat(list.code()).as(list.err()).isZero();
        assertThat(list.out()).as(list.out())
                .containsPattern("ucaptcha +" + ids[0] + " +shop.test +HELD +rejected ")
                .containsPattern("ucaptcha +" + ids[1] + " +shop.test +(PENDING|UNCERTAIN) +accepted ")
                .contains("2 entries")
                .doesNotContain(emulator.apiKey("ucaptcha"));
        CliRun json = run("outbox", "list", "-d", outbox.toString(), "--json");
        assertThat(json.code()).isZero();
        JsonNode entries = new ObjectMapper().readTree(json.out());
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).path("taskId").asText()).isEqualTo(ids[0]);
        assertThat(entries.get(0).path("state").asText()).isEqualTo("held");
        assertThat(entries.get(1).path("attempts").asInt()).isGreaterThanOrEqualTo(0);
        assertThat(emulator.feedback()).as("listing sends nothing").hasSize(received);

        CliRun release = run("outbox", "release", "-c", config.toString(), "-d", outbox.toString(), "--task", "ucaptcha/" + ids[0]);
        assertThat(release.code()).as(release.err()).isZero();
        assertThat(release.out()).contains("released ucaptcha/" + ids[0]);
        assertThat(emulator.feedbackFor("ucaptcha", ids[0])).as("the released report was sent").singleElement()
                .satisfies(f -> assertThat(f.positive()).isFalse());
        CliRun again = run("outbox", "discard", "-c", config.toString(), "-d", outbox.toString(), "--task", "ucaptcha/" + ids[0]);
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.out()).contains("not held: ucaptcha/" + ids[0]);
        CliRun bySite = run("outbox", "release", "-c", config.toString(), "-d", outbox.toString(), "--provider", "ucaptcha",
                "--site", "shop.test");
        assertThat(bySite.code()).isZero();
        assertThat(bySite.out()).contains("released 0 held reports");
        assertThat(run("outbox", "list", "-d", outbox.toString()).out()).doesNotContain("HELD");
    }

    @Test
    void badInputExitsTwoWithAPlainMessage() throws Exception {
        fillOutbox();
        assertThat(run("outbox", "list", "-d", dir.resolve("none").toString()).code()).isEqualTo(2);
        CliRun noSite = run("outbox", "release", "-c", config.toString(), "-d", outbox.toString(), "--provider", "ucaptcha");
        assertThat(noSite.code()).isEqualTo(2);
        assertThat(noSite.err()).contains("needs --config, and --provider with --site, or --task");
        assertThat(run("outbox", "frobnicate", "-d", outbox.toString()).code()).isEqualTo(2);
        CaptchaFeedbackConfig cfg = CaptchaFeedbackConfig.load(config);
        try (FeedbackReporter running = FeedbackReporter.builder().registry(ProviderRegistry.create(cfg.providers()))
                .outbox(outbox).build()) {
            CliRun locked = run("outbox", "list", "-d", outbox.toString());
            assertThat(locked.code()).isEqualTo(2);
            assertThat(locked.err()).contains("a running reporter holds this outbox");
        }
    }
}
