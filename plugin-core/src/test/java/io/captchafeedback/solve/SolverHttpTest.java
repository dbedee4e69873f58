package io.captchafeedback.solve;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.captchafeedback.task.CaptchaType;
import io.captchafeedback.provider.ApiKey;
import io.captchafeedback.provider.ProviderRegistry;
import io.captchafeedback.provider.ProviderSettings;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The solver against the answer bodies the providers publish (quoted from their pages, cited per test),
 * served by WireMock; the requests it sends are checked field by field.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SolverHttpTest {

    @RegisterExtension
    static final WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    static final String KEY = "solver-test-key-91b2";
    static final FoundWidget WIDGET = FoundWidget.builder(CaptchaType.RECAPTCHA_V2,
            "6Le-wvkSAAAAAPBMRTvw0Q4Muexq9bi0DJwx_mJ-", "https://www.google.com/recaptcha/api2/demo").build();

    ProviderRegistry registry;
    Solver solver;

    Solver solver(String type, Map<String, String> options) {
        registry = ProviderRegistry.create(java.util.List.of(new ProviderSettings(type, type, ApiKey.of(KEY),
                URI.create(server.baseUrl()), Duration.ofSeconds(5), options)));
        solver = Solver.builder(registry).polling(PollingPlan.every(Duration.ofMillis(20)))
                .deadline(Duration.ofSeconds(10)).build();
        return solver;
    }

    @AfterEach
    void close() {
        if (solver != null) {
            solver.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    void processingThenReady(String readyBody) {
        server.stubFor(post("/getTaskResult").inScenario("poll").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"errorId\":0,\"status\":\"processing\"}")).willSetStateTo("ready"));
        server.stubFor(post("/getTaskResult").inScenario("poll").whenScenarioStateIs("ready")
                .willReturn(okJson(readyBody)));
    }

    @Test
    void antiCaptchaTaskIdsAreIntegersAndTheSolveTimeIsTheProvidersOwn() {
        // anti-captcha.com/apidoc/methods/createTask and .../getTaskResult
        server.stubFor(post("/createTask").willReturn(okJson("{\"errorId\":0,\"taskId\":7654321}")));
        processingThenReady("{\"errorId\":0,\"status\":\"ready\",\"solution\":{\"gRecaptchaResponse\":"
                + "\"3AHJ_VuvYIBNBW5yyv0zRYJ75VkOKvhKj9_xGBJKnQimF72rfoq3Iy-DyGHMwLAo6a3\"},\"cost\":\"0.001500\","
                + "\"ip\":\"46.98.54.221\",\"createTime\":1472205564,\"endTime\":1472205570,\"solveCount\":\"0\"}");

        Solution solution = solver("anticaptcha", Map.of()).solve("anticaptcha", WIDGET);

        assertThat(solution.task().taskId()).isEqualTo("7654321");
        assertThat(solution.task().token()).startsWith("3AHJ_Vuv");
        assertThat(solution.task().solvedAt()).isEqualTo(Instant.ofEpochSecond(1472205570));
        assertThat(solution.solveTime()).isEqualTo(Duration.ofSeconds(6));
        assertThat(solution.polls()).isEqualTo(2);
        server.verify(postRequestedFor(urlEqualTo("/createTask")).withRequestBody(equalToJson("{\"clientKey\":\"" + KEY
                + "\",\"task\":{\"type\":\"RecaptchaV2TaskProxyless\",\"websiteURL\":"
                + "\"https://www.google.com/recaptcha/api2/demo\",\"websiteKey\":"
                + "\"6Le-wvkSAAAAAPBMRTvw0Q4Muexq9bi0DJwx_mJ-\"}}")));
        server.verify(2, postRequestedFor(urlEqualTo("/getTaskResult"))
                .withRequestBody(equalToJson("{\"clientKey\":\"" + KEY + "\",\"taskId\":7654321}")));
    }

    @Test
    void capSolverTaskIdsStayStringsAndItsAppIdIsSent() {
        // docs.capsolver.com/guide/getting-started and .../api-gettaskresult
        server.stubFor(post("/createTask").willReturn(okJson("{\"errorId\":0,\"errorCode\":\"\",\"errorDescription\":\"\","
                + "\"taskId\":\"61138bb6-19fb-11ec-a9c8-0242ac110006\"}")));
        processingThenReady("{\"errorId\":0,\"taskId\":\"61138bb6-19fb-11ec-a9c8-0242ac110006\",\"solution\":"
                + "{\"userAgent\":\"xxx\",\"gRecaptchaResponse\":\"03AGdBq25SxXT-pmSeBXjzScW-EiocHwwpwqtk1QXlJnGnUJCZrgjwLLdt7cb0\"},"
                + "\"status\":\"ready\"}");

        Solution solution = solver("capsolver", Map.of("appId", "APP-1")).solve("capsolver", WIDGET);

        assertThat(solution.task().taskId()).isEqualTo("61138bb6-19fb-11ec-a9c8-0242ac110006");
        assertThat(solution.task().providerTaskType()).isEqualTo("ReCaptchaV2TaskProxyLess");
        server.verify(postRequestedFor(urlEqualTo("/createTask"))
                .withRequestBody(matchingJsonPath("$.appId", equalTo("APP-1")))
                .withRequestBody(matchingJsonPath("$.task.type", equalTo("ReCaptchaV2TaskProxyLess"))));
        server.verify(postRequestedFor(urlEqualTo("/getTaskResult")).withRequestBody(equalToJson(
                "{\"clientKey\":\"" + KEY + "\",\"taskId\":\"61138bb6-19fb-11ec-a9c8-0242ac110006\"}")));
    }

    @Test
    void aCreateTaskAnswerThatCarriesTheSolutionNeedsNoPoll() {
        // CapSolver answers some tasks synchronously: createTask already says ready with a solution
        server.stubFor(post("/createTask").willReturn(okJson("{\"errorId\":0,\"taskId\":\"sync-1\","
                + "\"status\":\"ready\",\"solution\":{\"gRecaptchaResponse\":\"03AGdBq-sync\"}}")));

        Solution solution = solver("capsolver", Map.of()).solve("capsolver", WIDGET);

        assertThat(solution.polls()).isZero();
        assertThat(solution.task().token()).isEqualTo("03AGdBq-sync");
        server.verify(0, postRequestedFor(urlEqualTo("/getTaskResult")));
    }

    @Test
    void closingTheSolverEndsSolvesInFlightAtOnce() {
        server.stubFor(post("/createTask").willReturn(okJson("{\"errorId\":0,\"taskId\":\"t-9\"}")));
        server.stubFor(post("/getTaskResult").willReturn(okJson("{\"errorId\":0,\"status\":\"processing\"}")));
        java.util.concurrent.CompletableFuture<Solution> pending = solver("capsolver", Map.of())
                .solveAsync("capsolver", WIDGET);
        await(() -> !server.findAll(postRequestedFor(urlEqualTo("/getTaskResult"))).isEmpty());

        solver.close();

        assertThatThrownBy(() -> pending.get(2, TimeUnit.SECONDS)).cause()
                .isInstanceOfSatisfying(SolveException.ProviderError.class, e -> assertThat(e.code()).isEqualTo("CLOSED"))
                .hasMessageContaining("t-9");
        assertThatThrownBy(() -> solver.solve("capsolver", WIDGET)).hasMessageContaining("closed");
    }

    @Test
    void cancellingASolveStopsItsPolling() throws InterruptedException {
        server.stubFor(post("/createTask").willReturn(okJson("{\"errorId\":0,\"taskId\":\"t-5\"}")));
        server.stubFor(post("/getTaskResult").willReturn(okJson("{\"errorId\":0,\"status\":\"processing\"}")));
        java.util.concurrent.CompletableFuture<Solution> pending = solver("capsolver", Map.of())
                .solveAsync(WIDGET, SolvePolicy.of("capsolver"));
        await(() -> server.findAll(postRequestedFor(urlEqualTo("/getTaskResult"))).size() >= 2);

        pending.cancel(false);
        Thread.sleep(100);
        int polls = server.findAll(postRequestedFor(urlEqualTo("/getTaskResult"))).size();
        Thread.sleep(200);   // ten intervals of 20 ms

        assertThat(server.findAll(postRequestedFor(urlEqualTo("/getTaskResult")))).hasSize(polls);
    }

    static void await(java.util.function.BooleanSupplier condition) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within 5 s");
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void capSolverErrorsComeAsHttp400AndAWrongKeyAs401() {
        // docs.capsolver.com/guide/api-error.html: errors are HTTP 400 with errorId 1; 401 is a wrong key
        server.stubFor(post("/createTask").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"errorId\":1,\"errorCode\":\"ERROR_ZERO_BALANCE\",\"errorDescription\":\"Insufficient balance\"}")));
        assertThatThrownBy(() -> solver("capsolver", Map.of()).solve("capsolver", WIDGET))
                .isInstanceOf(SolveException.ZeroBalance.class)
                .hasMessageContaining("ERROR_ZERO_BALANCE").hasMessageNotContaining(KEY);

        server.stubFor(post("/createTask").willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"errorId\":1,\"errorCode\":\"ERROR_KEY_DENIED_ACCESS\",\"errorDescription\":\"Unauthorized\"}")));
        assertThatThrownBy(() -> solver.solve("capsolver", WIDGET)).isInstanceOf(SolveException.BadKey.class);
    }

    @Test
    void twoCaptchaUnsolvableIsTypedWithItsTaskId() {
        // 2captcha.com/api-docs/get-task-result: "Task could not be completed"
        server.stubFor(post("/createTask").willReturn(okJson("{\"errorId\":0,\"taskId\":74372499131}")));
        server.stubFor(post("/getTaskResult").willReturn(okJson("{\"errorId\":12,\"errorCode\":"
                + "\"ERROR_CAPTCHA_UNSOLVABLE\",\"errorDescription\":\"Workers could not solve the Captcha\"}")));

        assertThatThrownBy(() -> solver("2captcha", Map.of()).solve("2captcha", WIDGET))
                .isInstanceOfSatisfying(SolveException.Unsolvable.class, e -> {
                    assertThat(e.taskId()).contains("74372499131");
                    assertThat(e).hasMessageContaining("Workers could not solve the Captcha");
                });
    }

    @Test
    void aProxyPageWhilePollingIsAskedAgainButAConnectionFailureOnCreateTaskIsNotRetried() {
        server.stubFor(post("/createTask").willReturn(okJson("{\"errorId\":0,\"taskId\":42}")));
        server.stubFor(post("/getTaskResult").inScenario("poll").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(502).withHeader("Content-Type", "text/html")
                        .withBody("<html><body>Bad gateway</body></html>")).willSetStateTo("ready"));
        server.stubFor(post("/getTaskResult").inScenario("poll").whenScenarioStateIs("ready")
                .willReturn(okJson("{\"errorId\":0,\"status\":\"ready\",\"solution\":{\"token\":\"0.turnstile-token\"}}")));
        FoundWidget turnstile = FoundWidget.builder(CaptchaType.TURNSTILE, "0x4AAAAAAADnPIDROrmt1Wwj",
                "https://shop.example/login").action("login").cData("c-data").chlPageData("page-data").build();

        Solution solution = solver("capmonster", Map.of()).solve("capmonster", turnstile);

        assertThat(solution.task().token()).isEqualTo("0.turnstile-token");
        assertThat(solution.task().type()).isEqualTo(CaptchaType.TURNSTILE);
        server.verify(postRequestedFor(urlEqualTo("/createTask")).withRequestBody(equalToJson("{\"clientKey\":\"" + KEY
                + "\",\"task\":{\"type\":\"TurnstileTask\",\"websiteURL\":\"https://shop.example/login\",\"websiteKey\":"
                + "\"0x4AAAAAAADnPIDROrmt1Wwj\",\"cloudflareTaskType\":\"token\",\"pageAction\":\"login\","
                + "\"data\":\"c-data\",\"pageData\":\"page-data\"}}")));

        server.resetAll();
        server.stubFor(post("/createTask").willReturn(aResponse().withFault(
                com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));
        assertThatThrownBy(() -> solver.solve("capmonster", turnstile))
                .isInstanceOfSatisfying(SolveException.ProviderError.class, e -> assertThat(e.code()).isEqualTo("CONNECTION"));
        server.verify(1, postRequestedFor(urlEqualTo("/createTask")));
    }

    @Test
    void aProviderTypeWithoutSolvingIsUnsupportedAndAnUnknownIdIsAnArgumentError() {
        registry = ProviderRegistry.create(java.util.List.of(ProviderSettings.of("next", "nextcaptcha", ApiKey.of(KEY))));
        solver = Solver.builder(registry).build();

        assertThatThrownBy(() -> solver.solve("next", WIDGET)).isInstanceOf(SolveException.Unsupported.class)
                .hasMessageContaining("nextcaptcha");
        assertThatThrownBy(() -> solver.solve("nope", WIDGET)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[next]");
    }

    @Test
    void theRegistryGivesTheSolverEachProvidersSettingsBaseUrlAndSharedClient() {
        registry = ProviderRegistry.create(java.util.List.of(
                ProviderSettings.of("ac", "anticaptcha", ApiKey.of(KEY)),
                new ProviderSettings("cs", "capsolver", ApiKey.of(KEY), URI.create(server.baseUrl() + "/cs/"), null,
                        Map.of())));

        assertThat(registry.baseUrl("ac")).hasValueSatisfying(u -> assertThat(u.toString())
                .isEqualTo("https://api.anti-captcha.com/"));
        assertThat(registry.baseUrl("cs")).hasValueSatisfying(u -> assertThat(u.toString())
                .isEqualTo(server.baseUrl() + "/cs/"));
        assertThat(registry.settings("cs")).hasValueSatisfying(s -> assertThat(s.type()).isEqualTo("capsolver"));
        assertThat(registry.settings("none")).isEmpty();
        assertThat(registry.httpClient()).isNotNull();
    }

    @Test
    void neitherTheKeyNorTheTokenAppearsInAnyLogLineOrError() {
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.captchafeedback");
        ch.qos.logback.classic.Level before = logger.getLevel();
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> events =
                new ch.qos.logback.core.read.ListAppender<>();
        events.start();
        logger.addAppender(events);
        logger.setLevel(ch.qos.logback.classic.Level.DEBUG);
        String token = "03AGdBq25-canary-token-7e1d";
        java.util.List<String> seen = new java.util.ArrayList<>();
        try {
            server.stubFor(post("/createTask").willReturn(okJson("{\"errorId\":0,\"taskId\":\"t-1\"}")));
            processingThenReady("{\"errorId\":0,\"status\":\"ready\",\"solution\":{\"gRecaptchaResponse\":\"" + token
                    + "\"}}");
            solver("capsolver", Map.of()).solve("capsolver", WIDGET);
            for (String body : java.util.List.of(
                    "{\"errorId\":1,\"errorCode\":\"ERROR_KEY_DENIED_ACCESS\",\"errorDescription\":\"bad\"}",
                    "{\"errorId\":1,\"errorCode\":\"ERROR_ZERO_BALANCE\",\"errorDescription\":\"empty\"}",
                    "{\"errorId\":1,\"errorCode\":\"ERROR_KEY_DOES_NOT_EXIST\",\"errorDescription\":\"key " + KEY
                            + " unknown\"}",
                    "<html>" + KEY + "</html>")) {
                server.stubFor(post("/createTask").willReturn(aResponse().withStatus(400).withBody(body)));
                try {
                    solver.solve("capsolver", WIDGET);
                } catch (SolveException e) {
                    seen.add(e.toString());
                }
            }
        } finally {
            logger.detachAppender(events);
            logger.setLevel(before);
        }
        events.list.forEach(e -> seen.add(e.getFormattedMessage()));
        assertThat(seen).hasSizeGreaterThan(3).allSatisfy(line -> assertThat(line).doesNotContain(KEY, token));
    }
}
