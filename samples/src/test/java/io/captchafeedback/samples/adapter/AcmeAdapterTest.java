package io.captchafeedback.samples.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.captchafeedback.CaptchaFeedback;
import io.captchafeedback.task.CaptchaType;
import io.captchafeedback.task.Evidence;
import io.captchafeedback.task.Feedback;
import io.captchafeedback.task.Outcome;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.task.Verdict;
import io.captchafeedback.CaptchaFeedbackConfig;
import io.captchafeedback.config.ConfigException;
import io.captchafeedback.provider.FeedbackResult;
import io.captchafeedback.provider.FeedbackResult.RefusalReason;
import io.captchafeedback.provider.ProviderAdapter;
import io.captchafeedback.report.DeliveryStatus;
import io.captchafeedback.samples.SampleSupport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The sample adapter, found through {@code ServiceLoader} from the sample configuration file, against a
 * stub of Acme's report API on a JDK {@code HttpServer} (127.0.0.1, free port).
 */
class AcmeAdapterTest {
    static final String KEY = "acme-live-7f3a9c2e51d04b88";
    static final Path CONFIG = Path.of("src/main/resources/adapter/captcha-feedback.yml");
    static final ObjectMapper JSON = new ObjectMapper();

    /** What the stub received. */
    record Received(String method, String path, String authorization, String contentType, JsonNode body) {
    }

    /** What the stub answers next (the default: 200 recorded). */
    record Answer(int status, String contentType, String body, Map<String, String> headers) {
        static Answer json(int status, String body) {
            return new Answer(status, "application/json", body, Map.of());
        }
    }

    HttpServer acme;
    final List<Received> received = new CopyOnWriteArrayList<>();
    final BlockingQueue<Answer> answers = new LinkedBlockingQueue<>();
    final SolvedTask task = SolvedTask.of("acme", "acme-task-1024", CaptchaType.TURNSTILE, "0.turnstile-token-abcdef");

    @TempDir
    Path dir;

    @BeforeEach
    void startAcme() throws IOException {
        acme = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        acme.createContext("/", exchange -> {
            byte[] request = exchange.getRequestBody().readAllBytes();
            JsonNode body;
            try {
                body = JSON.readTree(request);
            } catch (IOException e) {
                body = null;
            }
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body));
            Answer answer = answers.poll();
            if (answer == null) {
                answer = Answer.json(200, "{\"status\":\"recorded\"}");
            }
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            answer.headers().forEach(exchange.getResponseHeaders()::set);
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        acme.start();
    }

    @AfterEach
    void stopAcme() {
        acme.stop(0);
    }

    CaptchaFeedbackConfig config(Path file) {
        return CaptchaFeedbackConfig.builder()
                .file(file)
                .environment(Map.of("ACME_KEY", KEY, "ACME_BASE_URL", "http://127.0.0.1:" + acme.getAddress().getPort()))
                .build();
    }

    @Test
    void theConfigurationFindsTheAdapterThroughServiceLoaderAndAReportReachesAcmeWithTheDocumentedBody()
            throws Exception {
        Verdict refused = Verdict.of(Outcome.REJECTED_CAPTCHA, Evidence.of("invalid-captcha-text"));
        try (CaptchaFeedback feedback = CaptchaFeedback.builder().config(config(CONFIG)).outbox(SampleSupport.freshOutbox()).build()) {
            ProviderAdapter adapter = feedback.providers().orElseThrow().adapter("acme").orElseThrow();
            assertThat(adapter).isInstanceOf(AcmeAdapter.class);
            assertThat(adapter.capabilities().supports(CaptchaType.TURNSTILE, true)).isTrue();
            assertThat(adapter.capabilities().window()).contains(Duration.ofHours(24));

            DeliveryStatus status = feedback.reporter().report(task, refused).result().get(10, TimeUnit.SECONDS);

            assertThat(status).isEqualTo(DeliveryStatus.DELIVERED);
        }
        assertThat(received).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.path()).isEqualTo("/v1/reports");
            assertThat(r.authorization()).isEqualTo("Bearer " + KEY);
            assertThat(r.contentType()).startsWith("application/json");
            assertThat(r.body()).isEqualTo(JSON.readTree("""
                    {"taskId": "acme-task-1024", "accepted": false, "captchaType": "turnstile",
                     "note": "%s", "project": "checkout"}""".formatted(refused.messageOrDefault())));
        });
    }

    @Test
    void refusedAndDuplicateAnswersAreFinalAndTyped() throws Exception {
        ProviderAdapter adapter = adapter();
        answers.add(Answer.json(422, "{\"status\":\"refused\",\"reason\":\"window_closed\",\"detail\":\"reports close after 24 h\"}"));
        answers.add(Answer.json(422, "{\"status\":\"refused\",\"reason\":\"unknown_task\",\"detail\":\"no such task\"}"));
        answers.add(Answer.json(409, "{\"status\":\"duplicate\"}"));

        FeedbackResult expired = adapter.send(Feedback.rejected(task)).get(10, TimeUnit.SECONDS);
        FeedbackResult unknown = adapter.send(Feedback.rejected(task)).get(10, TimeUnit.SECONDS);
        FeedbackResult duplicate = adapter.send(Feedback.accepted(task)).get(10, TimeUnit.SECONDS);

        assertThat(expired).isEqualTo(new FeedbackResult.Refused(RefusalReason.EXPIRED, "window_closed", "reports close after 24 h"));
        assertThat(unknown).isInstanceOf(FeedbackResult.Refused.class)
                .extracting(r -> ((FeedbackResult.Refused) r).reason()).isEqualTo(RefusalReason.UNKNOWN_TASK);
        assertThat(duplicate).isInstanceOf(FeedbackResult.AlreadyRecorded.class);
        assertThat(List.of(expired, unknown, duplicate)).allMatch(FeedbackResult::isFinal);
        assertThat(duplicate.isDelivered()).isTrue();
    }

    @Test
    void serverErrorsRateLimitsAndAnswersThatAreNotAcmesAreRetryable() throws Exception {
        ProviderAdapter adapter = adapter();
        answers.add(Answer.json(503, "{\"status\":\"maintenance\"}"));
        answers.add(new Answer(429, "text/plain", "slow down", Map.of("Retry-After", "7")));
        answers.add(new Answer(200, "text/html", "<html>proxy login</html>", Map.of()));

        FeedbackResult unavailable = adapter.send(Feedback.rejected(task)).get(10, TimeUnit.SECONDS);
        FeedbackResult limited = adapter.send(Feedback.rejected(task)).get(10, TimeUnit.SECONDS);
        FeedbackResult html = adapter.send(Feedback.rejected(task)).get(10, TimeUnit.SECONDS);

        assertThat(unavailable).isInstanceOf(FeedbackResult.Retryable.class);
        assertThat(((FeedbackResult.Retryable) unavailable).reason()).contains("503");
        assertThat(((FeedbackResult.Retryable) limited).requestedDelay()).contains(Duration.ofSeconds(7));
        assertThat(html).isInstanceOf(FeedbackResult.Retryable.class);
        assertThat(List.of(unavailable, limited, html)).noneMatch(FeedbackResult::isFinal);
    }

    @Test
    void anUnreachableAcmeIsRetryableAndTheFutureNeverFails() throws Exception {
        ProviderAdapter adapter = adapter();
        acme.stop(0);

        FeedbackResult result = adapter.send(Feedback.rejected(task)).get(10, TimeUnit.SECONDS);

        assertThat(result).isInstanceOf(FeedbackResult.Retryable.class);
    }

    @Test
    void theKeyNeverAppearsInResultsToStringsOrLogsEvenWhenAcmeEchoesIt() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger library = (Logger) LoggerFactory.getLogger("io.captchafeedback");
        Level before = library.getLevel();
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        library.setLevel(Level.DEBUG);
        try {
            CaptchaFeedbackConfig config = config(CONFIG);
            ProviderAdapter adapter;
            answers.add(Answer.json(422, "{\"status\":\"refused\",\"reason\":\"invalid\",\"detail\":\"key " + KEY + " may not report\"}"));
            answers.add(Answer.json(401, "{\"status\":\"denied\",\"detail\":\"unknown key " + KEY + "\"}"));
            try (CaptchaFeedback feedback = CaptchaFeedback.builder().config(config).outbox(SampleSupport.freshOutbox()).build()) {
                adapter = feedback.providers().orElseThrow().adapter("acme").orElseThrow();
                FeedbackResult refused = adapter.send(Feedback.rejected(task)).get(10, TimeUnit.SECONDS);
                FeedbackResult badKey = adapter.send(Feedback.rejected(task)).get(10, TimeUnit.SECONDS);

                assertThat(refused).isInstanceOf(FeedbackResult.Refused.class);
                assertThat(badKey).isInstanceOf(FeedbackResult.BadKey.class);
                assertThat(List.of(refused.toString(), badKey.toString(), adapter.toString(), config.toString(),
                        feedback.toString())).noneMatch(text -> text.contains(KEY));
            }
            assertThat(logs.list).as("log lines").isNotEmpty()
                    .noneMatch(e -> e.getFormattedMessage().contains(KEY)
                            || (e.getThrowableProxy() != null && e.getThrowableProxy().getMessage() != null
                                && e.getThrowableProxy().getMessage().contains(KEY)));
        } finally {
            root.detachAppender(logs);
            library.setLevel(before);
        }
    }

    @Test
    void anOptionAcmeDoesNotTakeIsAConfigurationErrorThatNamesItButNotTheKey() throws IOException {
        Path file = Files.writeString(dir.resolve("captcha-feedback.yml"), """
                providers:
                  acme:
                    type: acme
                    key: ${ACME_KEY}
                    options: { colour: blue }
                """);

        assertThatThrownBy(() -> CaptchaFeedback.builder().config(config(file)).outbox(SampleSupport.freshOutbox()).build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("colour")
                .hasMessageContaining("providers.acme")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY));
    }

    /** The adapter as the library builds it from the sample configuration. */
    private ProviderAdapter adapter() {
        CaptchaFeedback feedback = CaptchaFeedback.builder().config(config(CONFIG)).outbox(SampleSupport.freshOutbox()).build();
        closeAfter.add(feedback);
        return feedback.providers().orElseThrow().adapter("acme").orElseThrow();
    }

    final List<CaptchaFeedback> closeAfter = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeFeedback() {
        closeAfter.forEach(CaptchaFeedback::close);
    }
}
