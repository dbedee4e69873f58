package io.captchafeedback.verdictreport;

import static io.captchafeedback.report.ReporterFixture.KEY;
import static io.captchafeedback.report.ReporterFixture.accepted;
import static io.captchafeedback.report.ReporterFixture.await;
import static io.captchafeedback.report.ReporterFixture.rejected;
import static io.captchafeedback.report.ReporterFixture.task;
import static io.captchafeedback.report.ReporterFixture.verdict;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.captchafeedback.CaptchaFeedback;
import io.captchafeedback.report.Delivery;
import io.captchafeedback.report.DeliveryStatus;
import io.captchafeedback.report.FeedbackReporter;
import io.captchafeedback.report.RecordingProvider;
import io.captchafeedback.report.ReportHandle;
import io.captchafeedback.report.ReporterFixture;
import io.captchafeedback.task.Evidence;
import io.captchafeedback.task.Outcome;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.task.Verdict;
import io.captchafeedback.CaptchaFeedbackConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The verdict report: what a reporter records, the JSON and HTML it writes, and its bounds. */
class VerdictReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final ReporterFixture fixture = new ReporterFixture();

    @TempDir
    Path dir;

    RecordingProvider provider;

    @BeforeEach
    void start() throws Exception {
        provider = RecordingProvider.start();
    }

    @AfterEach
    void stop() {
        provider.close();
    }

    @Test
    void aReporterWritesJsonThatMatchesEveryVerdictAndItsDeliveryWhenItCloses() throws Exception {
        Path reportDir = dir.resolve("report");
        FeedbackReporter reporter = fixture.builder(dir.resolve("outbox"), provider.baseUrl()).verdictReport(reportDir).build();
        Map<String, ReportHandle> handles = new HashMap<>();
        handles.put("a1", reporter.report(task("a1", "shop.example"), accepted()));
        handles.put("a2", reporter.report(task("a2", "shop.example"), accepted()));
        handles.put("r1", reporter.report(task("r1", "shop.example"), rejected()));
        handles.put("o1", reporter.report(task("o1", "news.example"), verdict(Outcome.REJECTED_OTHER)));
        handles.put("u1", reporter.report(task("u1", "news.example"), verdict(Outcome.UNKNOWN)));
        Map<String, Delivery> deliveries = new HashMap<>();
        handles.forEach((id, h) -> deliveries.put(id, await(h.delivery())));
        assertThat(Files.exists(reportDir)).as("nothing is written before close").isFalse();

        reporter.close();

        JsonNode json = JSON.readTree(reportDir.resolve(VerdictReport.JSON_FILE).toFile());
        assertThat(json.path("format").asText()).isEqualTo(VerdictReportJson.FORMAT);
        assertThat(json.path("verdicts")).hasSize(5);
        for (JsonNode v : json.path("verdicts")) {
            String id = v.path("taskId").asText();
            Delivery d = deliveries.get(id);
            assertThat(v.path("provider").asText()).isEqualTo(ReporterFixture.PROVIDER);
            assertThat(v.path("delivery").path("status").asText()).as(id).isEqualTo(d.status().name());
            assertThat(v.path("delivery").path("answer").asText()).as(id).isEqualTo(d.answer());
            assertThat(v.path("rule").asText()).isEqualTo("test-rule");
            assertThat(v.path("evidence").get(0).path("value").asText()).isEqualTo("POST /login");
        }
        assertThat(deliveries.get("a1").status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(deliveries.get("a1").answer()).isEqualTo("Feedback recorded");
        assertThat(deliveries.get("a1").attempts()).isEqualTo(1);
        assertThat(deliveries.get("o1")).satisfies(d -> {
            assertThat(d.status()).isEqualTo(DeliveryStatus.SKIPPED);
            assertThat(d.attempts()).isZero();
            assertThat(d.answer()).startsWith("not sent: ").contains("REJECTED_OTHER");
        });

        JsonNode totals = json.path("totals");
        assertThat(totals.path("verdicts").asLong()).isEqualTo(5);
        assertThat(totals.path("deliveries").path("delivered").asLong()).isEqualTo(3);
        assertThat(totals.path("deliveries").path("skipped").asLong()).isEqualTo(2);
        assertThat(totals.path("deliveries").path("pending").asLong()).isZero();
        JsonNode shop = find(json.path("sites"), "site", "shop.example");
        assertThat(shop.path("acceptanceRate").asDouble()).isEqualTo(2.0 / 3.0);
        JsonNode news = find(json.path("sites"), "site", "news.example");
        assertThat(news.path("acceptanceRate").isNull()).as("no verdict about the captcha on news.example").isTrue();
        assertThat(news.path("rejectedOther").asLong()).isEqualTo(1);
        assertThat(find(json.path("providers"), "provider", ReporterFixture.PROVIDER).path("accepted").asLong()).isEqualTo(2);

        String html = Files.readString(reportDir.resolve(VerdictReport.HTML_FILE));
        assertThat(html).contains("id=\"acceptance-by-provider\"", "id=\"acceptance-by-site\"", "shop.example", "66.7% (2/3)");
        assertThat(html).as("self-contained: nothing fetched, no script").doesNotContain("<script", " src=", "<link", "@import", "url(");
    }

    @Test
    void theApiKeyAndTheTokensAppearInNoFileOfTheReport() throws Exception {
        Path reportDir = dir.resolve("report");
        FeedbackReporter reporter = fixture.builder(dir.resolve("outbox"), provider.baseUrl()).verdictReport(reportDir).build();
        SolvedTask task = task("k1");
        await(reporter.report(task, accepted()).result());
        reporter.close();

        for (String file : List.of(VerdictReport.JSON_FILE, VerdictReport.HTML_FILE)) {
            String content = Files.readString(reportDir.resolve(file), StandardCharsets.UTF_8);
            assertThat(content).as(file).contains("k1").doesNotContain(KEY.reveal(), task.token());
        }
    }

    @Test
    void aTaskReportedTwiceShowsOneDeliveryAndOneDuplicate() {
        FeedbackReporter reporter = fixture.open(fixture.builder(dir.resolve("outbox"), provider.baseUrl())
                .verdictReport(dir.resolve("report")));
        assertThat(await(reporter.report(task("d1"), accepted()).delivery()).status()).isEqualTo(DeliveryStatus.DELIVERED);
        Delivery second = await(reporter.report(task("d1"), accepted()).delivery());
        assertThat(second.status()).isEqualTo(DeliveryStatus.DUPLICATE);
        assertThat(second.answer()).contains("already reported");
        assertThat(provider.requests().get("d1").get()).isEqualTo(1);
    }

    @Test
    void whatIsNotDeliveredWhenTheReporterClosesIsShownAsKeptInTheOutbox() {
        provider.down(true);
        Path reportDir = dir.resolve("report");
        FeedbackReporter reporter = fixture.builder(dir.resolve("outbox"), provider.baseUrl())
                .closeTimeout(Duration.ofMillis(200)).verdictReport(reportDir).build();
        ReportHandle handle = reporter.report(task("down1"), rejected());
        reporter.close();

        Delivery d = await(handle.delivery());
        assertThat(d.status()).isEqualTo(DeliveryStatus.KEPT);
        assertThat(d.answer()).startsWith("kept in the outbox");
        assertThat(d.attempts()).isPositive();
        VerdictReport.Counts total = read(reportDir).total();
        assertThat(total.count(DeliveryStatus.KEPT)).isEqualTo(1);
    }

    @Test
    void everyValueFromAPageIsEscapedInTheHtml() {
        VerdictReport report = VerdictReport.create();
        Verdict hostile = Verdict.of(Outcome.REJECTED_CAPTCHA, Evidence.of("<b>rule</b>",
                Evidence.Observation.of("text", "<script>alert('x')</script> & \"quotes\"")));
        report.record(task("x1", "evil.example"), hostile, ReporterFixture.decided("stub/x1", DeliveryStatus.SKIPPED, "why <i>"));

        String html = report.toHtml();
        assertThat(html).doesNotContain("<script>", "<b>rule</b>", "why <i>");
        assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;", "&lt;b&gt;rule&lt;/b&gt;");
    }

    @Test
    void countsCoverEveryVerdictWhileOnlyTheMostRecentAreKeptInDetail() {
        VerdictReport report = VerdictReport.create(3);
        for (int i = 0; i < 5; i++) {
            report.record(task("t" + i), i % 2 == 0 ? accepted() : rejected(),
                    ReporterFixture.decided("stub/t" + i, DeliveryStatus.DRY_RUN, "dry run"));
        }
        VerdictReport.Snapshot s = report.snapshot();
        assertThat(s.verdicts()).extracting(VerdictReport.Entry::taskId).containsExactly("t2", "t3", "t4");
        assertThat(s.omitted()).isEqualTo(2);
        assertThat(s.total().verdicts()).isEqualTo(5);
        assertThat(s.total().accepted()).isEqualTo(3);
        assertThat(s.total().acceptanceRate()).hasValue(0.6);
        assertThat(report.toHtml()).contains("details of the oldest 2 omitted");
        assertThatThrownBy(() -> VerdictReport.create(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aVerdictWhoseReportIsStillUnderWayIsCountedAsPending() {
        VerdictReport report = VerdictReport.create();
        java.util.concurrent.CompletableFuture<Delivery> later = new java.util.concurrent.CompletableFuture<>();
        report.record(task("p1"), accepted(), ReporterFixture.handle("stub/p1", later));
        assertThat(report.snapshot().total().pending()).isEqualTo(1);
        assertThat(report.snapshot().verdicts().get(0).delivery()).isNull();
        assertThat(report.toJson()).contains("\"delivery\" : null");

        later.complete(new Delivery(DeliveryStatus.DELIVERED, "recorded", 1, Duration.ofMillis(3)));
        assertThat(report.snapshot().total().pending()).isZero();
        assertThat(report.snapshot().total().latencyP50()).isGreaterThan(Duration.ofMillis(2));
    }

    @Test
    void theReporterSectionOfAConfigurationFileTurnsTheReportOn() throws Exception {
        Path reportDir = dir.resolve("from-config");
        Path file = dir.resolve("captcha-feedback.yml");
        Files.writeString(file, """
                providers:
                  stub:
                    type: generic
                    key: %s
                    baseUrl: %s
                reporter:
                  outbox: %s
                  verdictReport: %s
                """.formatted(KEY.reveal(), provider.baseUrl(), dir.resolve("outbox"), reportDir));
        try (CaptchaFeedback feedback = CaptchaFeedback.create(CaptchaFeedbackConfig.load(file))) {
            await(feedback.reporter().report(task("c1"), accepted()).result());
        }
        assertThat(read(reportDir).verdicts()).extracting(VerdictReport.Entry::taskId).containsExactly("c1");
    }

    @Test
    void aReportDirectoryThatCannotBeCreatedIsNamedInTheError() throws Exception {
        Path blocker = Files.writeString(dir.resolve("a-file"), "not a directory");
        VerdictReport report = VerdictReport.create();
        assertThatThrownBy(() -> report.write(blocker.resolve("sub")))
                .isInstanceOf(java.io.UncheckedIOException.class)
                .hasMessageContaining(blocker.resolve("sub").toAbsolutePath().toString());
    }

    /** The report as written, read back through its JSON. */
    private static VerdictReport.Snapshot read(Path reportDir) {
        try {
            JsonNode json = JSON.readTree(reportDir.resolve(VerdictReport.JSON_FILE).toFile());
            VerdictReport copy = VerdictReport.create();
            for (JsonNode v : json.path("verdicts")) {
                Outcome outcome = Outcome.valueOf(v.path("outcome").asText());
                DeliveryStatus status = DeliveryStatus.valueOf(v.path("delivery").path("status").asText());
                copy.record(task(v.path("taskId").asText()), verdict(outcome), ReporterFixture.decided("stub/x", status,
                        v.path("delivery").path("answer").asText()));
            }
            return copy.snapshot();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode n : array) {
            if (n.path(field).asText().equals(value)) {
                return n;
            }
        }
        throw new AssertionError("no " + field + " " + value + " in " + array);
    }
}
