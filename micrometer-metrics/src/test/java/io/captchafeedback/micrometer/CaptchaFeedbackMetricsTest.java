package io.captchafeedback.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.captchafeedback.task.CaptchaType;
import io.captchafeedback.task.Evidence;
import io.captchafeedback.task.Outcome;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.task.Verdict;
import io.captchafeedback.provider.ApiKey;
import io.captchafeedback.provider.ProviderRegistry;
import io.captchafeedback.provider.ProviderSettings;
import io.captchafeedback.report.BreakerPolicy;
import io.captchafeedback.report.DeliveryStatus;
import io.captchafeedback.report.FeedbackReporter;
import io.captchafeedback.report.ReportHandle;
import io.captchafeedback.testkit.emulator.ProviderEmulator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class CaptchaFeedbackMetricsTest {
    private static final String PROVIDER = "ucaptcha";

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aSimpleMeterRegistryShowsTheVerdictsResultsLatencyAndDepthOfADemoLikeRunWithSitesBeyondTheLimitGrouped()
            throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        CaptchaFeedbackMetrics metrics = new CaptchaFeedbackMetrics(meters, 2);
        try (ProviderEmulator emulator = ProviderEmulator.start();
                ProviderRegistry registry = ProviderRegistry.create(List.of(new ProviderSettings(PROVIDER, PROVIDER,
                        ApiKey.of(emulator.apiKey(PROVIDER)), emulator.baseUri(PROVIDER), Duration.ofSeconds(5), Map.of())))) {
            FeedbackReporter reporter = FeedbackReporter.builder().registry(registry).outbox(dir.resolve("outbox"))
                    .breaker(BreakerPolicy.disabled()).listener(metrics).build();
            metrics.watch(reporter);
            List<ReportHandle> handles = new ArrayList<>();
            List<SolvedTask> tasks = new ArrayList<>();
            String[] sites = {"shop.example", "login.example", "third.example", "fourth.example"};
            for (int i = 0; i < 12; i++) {
                SolvedTask task = emulator.solve(PROVIDER, CaptchaType.RECAPTCHA_V2, "https://" + sites[i % 4] + "/p",
                        "site-key");
                tasks.add(task);
                Outcome outcome = i % 3 == 0 ? Outcome.REJECTED_CAPTCHA : i % 3 == 1 ? Outcome.ACCEPTED : Outcome.REJECTED_OTHER;
                handles.add(reporter.report(task, verdict(outcome)));
            }
            ReportHandle repeat = reporter.report(tasks.get(1), verdict(Outcome.ACCEPTED)); // a duplicate
            for (ReportHandle h : handles) {
                h.delivery().get(20, TimeUnit.SECONDS);
            }
            assertThat(repeat.delivery().get(1, TimeUnit.SECONDS).status()).isEqualTo(DeliveryStatus.DUPLICATE);
            assertThat(meters.get(CaptchaFeedbackMetrics.DEPTH).gauge().value()).isZero();
            reporter.close();
        }
        assertThat(meters.get(CaptchaFeedbackMetrics.VERDICTS).counters().stream().mapToDouble(c -> c.count()).sum())
                .isEqualTo(13);
        assertThat(meters.get(CaptchaFeedbackMetrics.VERDICTS).tag("outcome", "accepted").counters().stream()
                .mapToDouble(c -> c.count()).sum()).isEqualTo(5);
        assertThat(meters.get(CaptchaFeedbackMetrics.VERDICTS).tag("outcome", "rejected_captcha").counters().stream()
                .mapToDouble(c -> c.count()).sum()).isEqualTo(4);
        // two site tags kept, the rest grouped
        assertThat(meters.get(CaptchaFeedbackMetrics.VERDICTS).counters()).allSatisfy(c ->
                assertThat(c.getId().getTag("site")).isIn("shop.example", "login.example", CaptchaFeedbackMetrics.OTHER));
        assertThat(meters.get(CaptchaFeedbackMetrics.VERDICTS).tag("site", CaptchaFeedbackMetrics.OTHER).counters()
                .stream().mapToDouble(c -> c.count()).sum()).isEqualTo(6);
        assertThat(meters.get(CaptchaFeedbackMetrics.FEEDBACK).tag("result", "delivered").counters().stream()
                .mapToDouble(c -> c.count()).sum()).isEqualTo(8);
        assertThat(meters.get(CaptchaFeedbackMetrics.FEEDBACK).tag("result", "duplicate").counter().count()).isEqualTo(1);
        assertThat(meters.get(CaptchaFeedbackMetrics.LATENCY).tag("provider", PROVIDER).timer().count()).isEqualTo(8);
        assertThat(meters.get(CaptchaFeedbackMetrics.FEEDBACK).tag("result", "skipped").counters().stream()
                .mapToDouble(c -> c.count()).sum()).isEqualTo(4);
    }

    private static Verdict verdict(Outcome outcome) {
        return Verdict.of(outcome, Evidence.of("metrics-rule", Evidence.Observation.of("response", "POST /login")));
    }
}
