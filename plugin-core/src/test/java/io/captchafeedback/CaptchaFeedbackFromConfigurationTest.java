package io.captchafeedback;


import io.captchafeedback.task.CaptchaType;
import io.captchafeedback.task.Evidence;
import io.captchafeedback.task.Feedback;
import io.captchafeedback.task.Outcome;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.task.Verdict;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.captchafeedback.config.ConfigException;
import io.captchafeedback.report.FeedbackReporter;
import io.captchafeedback.report.ReportListener;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code CaptchaFeedback.create(config)} and its builder form: what the file says, plus a report listener. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CaptchaFeedbackFromConfigurationTest {

    @TempDir
    Path dir;

    private CaptchaFeedbackConfig load(String yaml) throws IOException {
        Path file = Files.writeString(dir.resolve("captcha-feedback.yml"), yaml);
        return CaptchaFeedbackConfig.builder().systemProperties(new Properties()).environment(Map.of()).file(file).build();
    }

    @Test
    void aReportListenerIsAddedWhileTheFilesReporterSectionIsKept() throws IOException {
        // dryRun from the file: the listener hears the dry run, and nothing is sent (the port is closed anyway)
        CaptchaFeedbackConfig config = load("""
                providers:
                  router:
                    type: generic
                    key: router-key-0001
                    baseUrl: http://127.0.0.1:9
                reporter:
                  outbox: %s
                  dryRun: true
                rules:
                  - site: shop.example
                    rules:
                      - name: welcome
                        when: { url: "**/welcome" }
                        verdict: ACCEPTED
                """.formatted(dir.resolve("outbox")));
        List<String> heard = new CopyOnWriteArrayList<>();
        ReportListener listener = new ReportListener() {
            @Override
            public void onDryRun(Feedback feedback) {
                heard.add("dry run " + feedback.task().taskId());
            }
        };

        try (CaptchaFeedback feedback = CaptchaFeedback.builder().config(config).reportListener(listener).build()) {
            assertThat(feedback.rulesFor(URI.create("https://shop.example/login"))).as("the file's rules").isPresent();
            PendingVerdict pending = feedback.track(SolvedTask.of("router", "t-1", CaptchaType.RECAPTCHA_V2,
                    "token-t-1-0123456789abcdef"), URI.create("https://shop.example/login"));
            pending.complete(Verdict.of(Outcome.ACCEPTED, Evidence.of("test")));

            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !heard.isEmpty());
        }
        assertThat(heard).containsExactly("dry run t-1");
    }

    @Test
    void aReportListenerCannotBeAddedToTheCallersOwnReporter() throws IOException {
        CaptchaFeedbackConfig config = load("""
                providers:
                  router: { type: generic, key: router-key-0001, baseUrl: "http://127.0.0.1:9" }
                """);
        try (FeedbackReporter reporter = config.reporterBuilder().outbox(dir.resolve("own"))
                .registry(config.providerRegistry()).build()) {
            assertThatThrownBy(() -> CaptchaFeedback.builder().config(config).reporter(reporter)
                    .reportListener(new ReportListener() { }).build())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("reporter(...)");
        }
    }

    @Test
    void theReporterBuilderOfAConfigurationCarriesTheFilesSection() throws IOException {
        CaptchaFeedbackConfig config = load("""
                providers:
                  router: { type: generic, key: router-key-0001, baseUrl: "http://127.0.0.1:9" }
                reporter:
                  outbox: %s
                  verdictReport: %s
                """.formatted(dir.resolve("outbox"), dir.resolve("report")));

        try (CaptchaFeedback feedback = CaptchaFeedback.create(config)) {
            assertThat(feedback.providers()).isPresent();
        }
        assertThat(dir.resolve("report")).as("verdictReport from the file, written on close").isDirectory();
        assertThat(dir.resolve("outbox")).as("outbox from the file").isDirectory();
    }

    @Test
    void aConfigurationWithAMistakeInAnySectionFailsBeforeAnythingIsBuilt() {
        assertThatThrownBy(() -> load("""
                providers:
                  router: { type: generic, key: router-key-0001, baseUrl: "http://127.0.0.1:9", options: { stlye: valid } }
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("captcha-feedback.yml:2:")
                .hasMessageContaining("providers.router.options.stlye: unknown option 'stlye' (did you mean 'style'?)");
    }
}
