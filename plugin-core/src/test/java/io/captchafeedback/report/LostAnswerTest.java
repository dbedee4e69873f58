package io.captchafeedback.report;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.captchafeedback.report.ReporterFixture.accepted;
import static io.captchafeedback.report.ReporterFixture.rejected;
import static io.captchafeedback.report.ReporterFixture.result;
import static io.captchafeedback.report.ReporterFixture.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.captchafeedback.task.Feedback;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provider records a request and the connection then breaks before its answer (WireMock logs every
 * request it received, answered or not). A provider without an answer to a repeat gets each report once,
 * which completes as UNCERTAIN; one that answers repeats gets it again.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LostAnswerTest {
    private static final String PATH = "/feedbackTask";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @RegisterExtension
    final ReporterFixture fixture = new ReporterFixture();

    @TempDir
    Path outbox;

    @BeforeEach
    void provider() {
        server.resetAll();
        server.stubFor(post(urlEqualTo(PATH)).willReturn(okJson("{\"errorId\":0,\"message\":\"Feedback recorded\"}")));
        server.stubFor(post(urlEqualTo(PATH)).withRequestBody(containing("\"lost-"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        server.stubFor(post(urlEqualTo(PATH)).withRequestBody(containing("\"hang-"))
                .willReturn(okJson("{\"errorId\":0,\"message\":\"Feedback recorded\"}").withFixedDelay(30_000)));
    }

    private static URI base() {
        return URI.create(server.baseUrl());
    }

    private static Map<String, Integer> requestsPerTask() {
        Map<String, Integer> out = new HashMap<>();
        for (ServeEvent e : server.getAllServeEvents()) {
            try {
                out.merge(JSON.readTree(e.getRequest().getBodyAsString()).path("taskId").asText(), 1, Integer::sum);
            } catch (Exception ex) {
                throw new AssertionError(ex);
            }
        }
        return out;
    }

    /** A listener that adds the task id of each report decided UNCERTAIN to {@code uncertain}. */
    private static ReportListener collectingUncertain(List<String> uncertain) {
        return new ReportListener() {
            @Override
            public void onUncertain(Feedback feedback, int attempts, String reason) {
                uncertain.add(feedback.task().taskId());
            }
        };
    }

    @Test
    void aProviderWithoutADuplicateAnswerGetsEachLostReportOnceAndItCompletesAsUncertain() {
        List<String> uncertain = new CopyOnWriteArrayList<>();
        FeedbackReporter reporter = fixture.open(fixture.builder(outbox, base(), null, false)
                .listener(collectingUncertain(uncertain)));
        List<ReportHandle> lost = new ArrayList<>();
        List<ReportHandle> fine = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            lost.add(reporter.report(task("lost-" + i), i % 2 == 0 ? rejected() : accepted()));
            fine.add(reporter.report(task("fine-" + i), i % 2 == 0 ? rejected() : accepted()));
        }

        ReporterFixture.assertAll(lost, DeliveryStatus.UNCERTAIN);
        ReporterFixture.assertAll(fine, DeliveryStatus.DELIVERED);
        Map<String, Integer> requests = requestsPerTask();
        for (int i = 0; i < 20; i++) {
            assertThat(requests.get("lost-" + i)).as("requests for lost-" + i).isEqualTo(1);
            assertThat(requests.get("fine-" + i)).as("requests for fine-" + i).isEqualTo(1);
        }
        assertThat(reporter.statistics().total().uncertain()).isEqualTo(20);
        assertThat(reporter.statistics().total().delivered()).isEqualTo(20);
        assertThat(uncertain).hasSize(20);
        Delivery d = ReporterFixture.await(lost.get(0).delivery());
        assertThat(d.attempts()).isEqualTo(1);
        assertThat(d.answer()).startsWith("uncertain");
    }

    /**
     * Why the kill test counts the child's own UNCERTAIN decisions: the reporter started after a stop finds
     * such a report done in the outbox, so it neither sends it again nor tells its listener about it.
     */
    @Test
    void aReportDecidedUncertainBeforeARestartIsNeitherSentNorDecidedAgainAfterIt() throws InterruptedException {
        FeedbackReporter first = fixture.open(fixture.builder(outbox, base(), null, false));
        assertThat(result(first.report(task("lost-before-restart"), rejected()))).isEqualTo(DeliveryStatus.UNCERTAIN);
        first.close();

        List<String> uncertain = new CopyOnWriteArrayList<>();
        FeedbackReporter after = fixture.open(fixture.builder(outbox, base(), null, false)
                .listener(collectingUncertain(uncertain)));
        Thread.sleep(300);

        assertThat(uncertain).isEmpty();
        assertThat(after.statistics().total().uncertain()).isZero();
        assertThat(requestsPerTask().get("lost-before-restart")).isEqualTo(1);
        assertThat(result(after.report(task("lost-before-restart"), rejected()))).isEqualTo(DeliveryStatus.DUPLICATE);
    }

    @Test
    void aProviderThatAnswersRepeatsGetsALostReportAgainUntilItsWindowCloses() {
        FeedbackReporter reporter = fixture.open(fixture.builder(outbox, base(), Duration.ofSeconds(2), true));

        ReportHandle handle = reporter.report(task("lost-again"), rejected());

        assertThat(result(handle)).isEqualTo(DeliveryStatus.EXPIRED);
        assertThat(requestsPerTask().get("lost-again")).isGreaterThan(1);
        assertThat(reporter.statistics().total().uncertain()).isZero();
    }

    @Test
    void aRefusedConnectionOrAnHttpErrorIsRetriedEvenForAProviderWithoutADuplicateAnswer() {
        server.stubFor(post(urlEqualTo(PATH)).withRequestBody(containing("\"busy-")).inScenario("busy")
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withBody("Service Unavailable")).willSetStateTo("up"));
        server.stubFor(post(urlEqualTo(PATH)).withRequestBody(containing("\"busy-")).inScenario("busy")
                .whenScenarioStateIs("up").willReturn(okJson("{\"errorId\":0,\"message\":\"Feedback recorded\"}")));
        FeedbackReporter reporter = fixture.open(fixture.builder(outbox, base(), null, false));
        FeedbackReporter unreachable = fixture.open(fixture.builder(outbox.resolve("unreachable"),
                ReporterFixture.UNREACHABLE, Duration.ofSeconds(1), false));

        // the request never reached anyone: tried again until the window closes, never UNCERTAIN
        assertThat(result(unreachable.report(task("refused-1"), rejected()))).isEqualTo(DeliveryStatus.EXPIRED);
        assertThat(unreachable.statistics().total().retried()).isPositive();
        // HTTP 503: the provider answered that it did not take it
        Delivery busy = ReporterFixture.await(reporter.report(task("busy-1"), rejected()).delivery());
        assertThat(busy.status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(busy.attempts()).isEqualTo(2);
        assertThat(reporter.statistics().total().uncertain() + unreachable.statistics().total().uncertain()).isZero();
    }

    @Test
    void aRequestInFlightWhenTheReporterStoppedIsUncertainAtTheNextStartInsteadOfSentAgain() {
        FeedbackReporter first = fixture.builder(outbox, base(), null, false).closeTimeout(Duration.ofMillis(200)).build();
        ReportHandle handle = first.report(task("hang-1"), rejected());
        await().atMost(Duration.ofSeconds(10)).until(() -> requestsPerTask().containsKey("hang-1"));
        first.close();
        assertThat(result(handle)).isEqualTo(DeliveryStatus.KEPT);

        FeedbackReporter second = fixture.open(fixture.builder(outbox, base(), null, false));

        await().atMost(Duration.ofSeconds(10)).until(() -> second.statistics().total().uncertain() == 1);
        assertThat(requestsPerTask().get("hang-1")).isEqualTo(1);
        assertThat(result(second.report(task("hang-1"), rejected()))).isEqualTo(DeliveryStatus.DUPLICATE);
    }

    @Test
    void aRequestInFlightWhenTheReporterStoppedIsSentAgainToAProviderThatAnswersRepeats() {
        FeedbackReporter first = fixture.builder(outbox, base(), null, true).closeTimeout(Duration.ofMillis(200)).build();
        first.report(task("hang-2"), rejected());
        await().atMost(Duration.ofSeconds(10)).until(() -> requestsPerTask().containsKey("hang-2"));
        first.close();
        server.stubFor(post(urlEqualTo(PATH)).withRequestBody(containing("\"hang-2"))
                .willReturn(okJson("{\"errorId\":1,\"errorCode\":\"ERROR_FEEDBACK_EXISTS\"}")));

        fixture.open(fixture.builder(outbox, base(), null, true));

        await().atMost(Duration.ofSeconds(10)).until(() -> requestsPerTask().get("hang-2") == 2);
    }
}
