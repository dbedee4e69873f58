package io.captchafeedback.report;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.captchafeedback.report.ReporterFixture.accepted;
import static io.captchafeedback.report.ReporterFixture.assertAll;
import static io.captchafeedback.report.ReporterFixture.rejected;
import static io.captchafeedback.report.ReporterFixture.result;
import static io.captchafeedback.report.ReporterFixture.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.captchafeedback.task.Feedback;
import io.captchafeedback.provider.FeedbackResult;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Delivery through a misbehaving provider (WireMock): every due feedback arrives exactly once. */
class FaultInjectionTest {
    private static final String PATH = "/feedbackTask";
    private static final String RECORDED = "{\"errorId\":0,\"message\":\"Feedback recorded\"}";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @RegisterExtension
    final ReporterFixture fixture = new ReporterFixture();

    @TempDir
    Path outbox;

    private URI base() {
        return URI.create(server.baseUrl());
    }

    private void healthy() {
        server.stubFor(post(urlEqualTo(PATH)).willReturn(okJson(RECORDED)));
    }

    /** Successful answers served per task id. */
    private Map<String, Integer> deliveriesPerTask() {
        Map<String, Integer> out = new HashMap<>();
        for (ServeEvent e : server.getAllServeEvents()) {
            if (e.getResponse() != null && e.getResponse().getStatus() == 200
                    && e.getResponse().getBodyAsString().contains("Feedback recorded")) {
                out.merge(taskId(e), 1, Integer::sum);
            }
        }
        return out;
    }

    private static String taskId(ServeEvent e) {
        try {
            return JSON.readTree(e.getRequest().getBodyAsString()).path("taskId").asText();
        } catch (Exception ex) {
            throw new AssertionError(ex);
        }
    }

    private static List<ReportHandle> reportMany(FeedbackReporter reporter, String prefix, int n) {
        List<ReportHandle> handles = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            handles.add(reporter.report(task(prefix + i), i % 2 == 0 ? rejected() : accepted()));
        }
        return handles;
    }

    @Test
    void deliversEveryFeedbackExactlyOnceThroughBurstsOfFaults() {
        String[] states = {Scenario.STARTED, "500", "502", "429", "slow", "reset", "html", "empty", "503-again"};
        var answers = List.of(
                aResponse().withStatus(503).withBody("Service Unavailable"),
                aResponse().withStatus(500).withBody("Internal Server Error"),
                aResponse().withStatus(502).withBody("<html>Bad gateway</html>"),
                aResponse().withStatus(429).withHeader("Retry-After", "1").withBody("slow down"),
                aResponse().withStatus(500).withFixedDelay(2500), // past the 2 s request timeout
                aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                        .withBody("<html><body>Maintenance</body></html>"),
                aResponse().withFault(Fault.EMPTY_RESPONSE),
                aResponse().withStatus(503));
        for (int i = 0; i < states.length; i++) {
            String next = i + 1 < states.length ? states[i + 1] : "healthy";
            server.stubFor(post(urlEqualTo(PATH)).inScenario("faults").whenScenarioStateIs(states[i])
                    .willReturn(answers.get(i)).willSetStateTo(next));
        }
        server.stubFor(post(urlEqualTo(PATH)).inScenario("faults").whenScenarioStateIs("healthy")
                .willReturn(okJson(RECORDED)));
        AtomicInteger retries = new AtomicInteger();
        // one request at a time, so that each fault of the scenario meets exactly one request
        FeedbackReporter reporter = fixture.open(fixture.builder(outbox, base()).maxConcurrency(1)
                .listener(new ReportListener() {
                    @Override
                    public void onRetry(Feedback feedback, int attempt, Duration delay, String reason) {
                        retries.incrementAndGet();
                    }
                }));

        List<ReportHandle> handles = reportMany(reporter, "fault-", 20);

        assertAll(handles, DeliveryStatus.DELIVERED);
        // every fault was served once; OkHttp itself repeats a request that met an empty response on a
        // pooled connection, so that one fault may not reach the reporter as a retry
        assertThat(server.getAllServeEvents()).hasSize(20 + states.length);
        assertThat(retries.get()).isBetween(states.length - 1, states.length);
        Map<String, Integer> delivered = deliveriesPerTask();
        assertThat(delivered).hasSize(20);
        assertThat(delivered.values()).containsOnly(1);
        assertThat(reporter.statistics().total().delivered()).isEqualTo(20);
        assertThat(reporter.statistics().total().retried()).isEqualTo(retries.get());
    }

    @Test
    void waitsAsLongAsRetryAfterAsks() {
        server.stubFor(post(urlEqualTo(PATH)).inScenario("429").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("ok"));
        server.stubFor(post(urlEqualTo(PATH)).inScenario("429").whenScenarioStateIs("ok").willReturn(okJson(RECORDED)));
        FeedbackReporter reporter = fixture.open(fixture.builder(outbox, base()));

        assertThat(result(reporter.report(task("429-1"), rejected()))).isEqualTo(DeliveryStatus.DELIVERED);

        List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
        assertThat(events).hasSize(2);
        long first = events.stream().mapToLong(e -> e.getRequest().getLoggedDate().getTime()).min().orElseThrow();
        long second = events.stream().mapToLong(e -> e.getRequest().getLoggedDate().getTime()).max().orElseThrow();
        assertThat(second - first).isGreaterThanOrEqualTo(950);
    }

    @Test
    void keepsRetryingAProviderThatIsDownUntilItIsBack() {
        server.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(503)));
        FeedbackReporter reporter = fixture.open(fixture.builder(outbox, base()));

        List<ReportHandle> handles = reportMany(reporter, "down-", 10);
        await().atMost(Duration.ofSeconds(10)).until(() -> server.getAllServeEvents().size() >= 40);
        assertThat(handles).noneMatch(h -> h.result().isDone());

        server.resetAll();
        healthy();

        assertAll(handles, DeliveryStatus.DELIVERED);
        Map<String, Integer> delivered = deliveriesPerTask();
        assertThat(delivered).hasSize(10);
        assertThat(delivered.values()).containsOnly(1);
    }

    @Test
    void countsAnAlreadyRecordedAnswerAsDelivered() {
        server.stubFor(post(urlEqualTo(PATH)).willReturn(okJson(
                "{\"errorId\":1,\"errorCode\":\"ERROR_FEEDBACK_EXISTS\",\"errorDescription\":\"exists\"}")));
        FeedbackReporter reporter = fixture.open(fixture.builder(outbox, base()));

        assertThat(result(reporter.report(task("exists-1"), rejected()))).isEqualTo(DeliveryStatus.ALREADY_RECORDED);
        assertThat(server.getAllServeEvents()).hasSize(1);
        assertThat(reporter.statistics().total().delivered()).isEqualTo(1);
    }

    @Test
    void takesARefusalAsFinalWithoutRetrying() {
        server.stubFor(post(urlEqualTo(PATH)).willReturn(okJson(
                "{\"errorId\":1,\"errorCode\":\"ERROR_NO_SUCH_CAPCHA_ID\",\"errorDescription\":\"unknown task\"}")));
        List<FeedbackResult> failures = new ArrayList<>();
        FeedbackReporter reporter = fixture.open(fixture.builder(outbox, base()).listener(new ReportListener() {
            @Override
            public void onFailed(Feedback feedback, FeedbackResult result) {
                failures.add(result);
            }
        }));

        assertThat(result(reporter.report(task("unknown-1"), rejected()))).isEqualTo(DeliveryStatus.REFUSED);
        assertThat(server.getAllServeEvents()).hasSize(1);
        assertThat(failures).singleElement().isInstanceOf(FeedbackResult.Refused.class);
        assertThat(reporter.statistics().byProvider().get(ReporterFixture.PROVIDER).failed()).isEqualTo(1);
    }

    @Test
    void disablesAProviderWhoseKeyIsRefusedAndKeepsItsFeedbackForTheNextStart() {
        server.stubFor(post(urlEqualTo(PATH)).willReturn(okJson(
                "{\"errorId\":1,\"errorCode\":\"ERROR_KEY_DOES_NOT_EXIST\",\"errorDescription\":\"bad key\"}")));
        List<String> disabled = new ArrayList<>();
        FeedbackReporter reporter = fixture.open(fixture.builder(outbox, base()).listener(new ReportListener() {
            @Override
            public void onProviderDisabled(String providerId, String code, String description) {
                disabled.add(providerId + " " + code);
            }
        }));

        assertThat(result(reporter.report(task("key-1"), rejected()))).isEqualTo(DeliveryStatus.KEPT);
        ReportHandle second = reporter.report(task("key-2"), accepted());
        assertThat(result(second)).isEqualTo(DeliveryStatus.KEPT);
        ReporterFixture.await(second.durable());
        assertThat(server.getAllServeEvents()).hasSize(1);
        assertThat(disabled).containsExactly("stub ERROR_KEY_DOES_NOT_EXIST");
        reporter.close();

        server.resetAll();
        healthy();
        fixture.open(fixture.builder(outbox, base()));
        await().atMost(ReporterFixture.WAIT).until(() -> deliveriesPerTask().size() == 2);
        assertThat(deliveriesPerTask()).containsOnlyKeys("key-1", "key-2");
    }

    @Test
    void closeKeepsWhatIsNotDeliveredInTheOutboxForTheNextStart() {
        // nothing can reach a provider: no request is in flight when close() gives up
        FeedbackReporter reporter = fixture.open(fixture.builder(outbox, ReporterFixture.UNREACHABLE)
                .closeTimeout(Duration.ofMillis(200)));
        List<ReportHandle> handles = reportMany(reporter, "close-", 5);
        handles.forEach(h -> ReporterFixture.await(h.durable()));

        reporter.close();

        assertAll(handles, DeliveryStatus.KEPT);
        healthy();
        fixture.open(fixture.builder(outbox, base()));
        await().atMost(ReporterFixture.WAIT).until(() -> deliveriesPerTask().size() == 5);
        assertThat(deliveriesPerTask().values()).containsOnly(1);
    }

    @Test
    void completesVerdictsThatSendNothingAtOnceAsSkipped() {
        healthy();
        FeedbackReporter reporter = fixture.open(fixture.builder(outbox, base()));

        ReportHandle other = reporter.report(task("other-1"), ReporterFixture.verdict(io.captchafeedback.task.Outcome.REJECTED_OTHER));
        ReportHandle unknown = reporter.report(task("unknown-1"), ReporterFixture.verdict(io.captchafeedback.task.Outcome.UNKNOWN));
        ReportHandle noProvider = reporter.report(io.captchafeedback.task.SolvedTask.of("nobody", "1",
                io.captchafeedback.task.CaptchaType.HCAPTCHA, "tok"), rejected());

        assertThat(other.result()).isCompletedWithValue(DeliveryStatus.SKIPPED);
        assertThat(unknown.result()).isCompletedWithValue(DeliveryStatus.SKIPPED);
        assertThat(noProvider.result()).isCompletedWithValue(DeliveryStatus.SKIPPED);
        assertThat(other.durable()).isCompleted();
        assertThat(reporter.statistics().total().skipped()).isEqualTo(3);
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    @Test
    void skipsAReportTheProviderDoesNotTake() {
        healthy();
        try (var registry = io.captchafeedback.provider.ProviderRegistry.create(List.of(
                new io.captchafeedback.provider.ProviderSettings("capmonster", "capmonster", ReporterFixture.KEY, base(),
                        null, Map.of())))) {
            FeedbackReporter reporter = fixture.open(FeedbackReporter.builder().registry(registry).outbox(outbox));
            var task = io.captchafeedback.task.SolvedTask.of("capmonster", "123456", io.captchafeedback.task.CaptchaType.HCAPTCHA,
                    "token");

            ReportHandle positive = reporter.report(task, accepted()); // CapMonster takes negative reports only

            assertThat(positive.result()).isCompletedWithValue(DeliveryStatus.SKIPPED);
            assertThat(reporter.statistics().byProvider().get("capmonster").skipped()).isEqualTo(1);
            reporter.close();
        }
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    @Test
    void dryRunLogsWhatWouldBeSentAndSendsNothing() {
        healthy();
        List<Feedback> wouldSend = new ArrayList<>();
        FeedbackReporter reporter = fixture.open(fixture.builder(outbox.resolve("unused"), base()).dryRun(true)
                .listener(new ReportListener() {
                    @Override
                    public void onDryRun(Feedback feedback) {
                        wouldSend.add(feedback);
                    }
                }));

        assertThat(result(reporter.report(task("dry-1"), rejected()))).isEqualTo(DeliveryStatus.DRY_RUN);
        assertThat(result(reporter.report(task("dry-1"), rejected()))).isEqualTo(DeliveryStatus.DUPLICATE);

        assertThat(wouldSend).singleElement().satisfies(f -> assertThat(f.accepted()).isFalse());
        assertThat(server.getAllServeEvents()).isEmpty();
        assertThat(outbox.resolve("unused")).doesNotExist();
    }

    @Test
    void swallowsWhatAListenerThrows() {
        healthy();
        FeedbackReporter reporter = fixture.open(fixture.builder(outbox, base()).listener(new ReportListener() {
            @Override
            public void onDelivered(Feedback feedback, boolean alreadyRecorded, int attempts, Duration latency) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void onSkipped(io.captchafeedback.task.SolvedTask task, io.captchafeedback.task.Verdict verdict,
                    DeliveryStatus status, String reason) {
                throw new IllegalStateException("listener bug");
            }
        }));

        assertThat(result(reporter.report(task("listener-1"), rejected()))).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(result(reporter.report(task("listener-1"), rejected()))).isEqualTo(DeliveryStatus.DUPLICATE);
    }

    @Test
    void countsPerProviderAndPerSite() {
        healthy();
        FeedbackReporter reporter = fixture.open(fixture.builder(outbox, base()));

        result(reporter.report(task("s-1", "a.example"), rejected()));
        result(reporter.report(task("s-2", "a.example"), accepted()));
        result(reporter.report(task("s-3", "b.example"), rejected()));

        ReporterStatistics stats = reporter.statistics();
        assertThat(stats.bySite().get("a.example").rejected()).isEqualTo(1);
        assertThat(stats.bySite().get("a.example").accepted()).isEqualTo(1);
        assertThat(stats.bySite().get("a.example").delivered()).isEqualTo(2);
        assertThat(stats.bySite().get("b.example").delivered()).isEqualTo(1);
        assertThat(stats.byProvider().get(ReporterFixture.PROVIDER).delivered()).isEqualTo(3);
        assertThat(stats.total().latencyP50()).isPositive();
        assertThat(stats.total().latencyMax()).isGreaterThanOrEqualTo(stats.total().latencyP99());
    }
}
