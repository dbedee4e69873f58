package io.captchafeedback.solve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.captchafeedback.task.CaptchaType;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.provider.ApiKey;
import io.captchafeedback.provider.ProviderRegistry;
import io.captchafeedback.provider.ProviderSettings;
import io.captchafeedback.provider.ProviderTypes;
import io.captchafeedback.testkit.emulator.ProviderEmulator;
import io.captchafeedback.testkit.TestkitExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The solver against the in-process emulator of every provider: real HTTP, the providers' answer shapes. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(TestkitExtension.class)
class SolverEmulatorTest {

    static final String PAGE = "http://127.0.0.1/login";
    static final String SITE_KEY = "6Le-wvkSAAAAAPBMRTvw0Q4Muexq9bi0DJwx_mJ-";
    static final PollingPlan FAST = PollingPlan.every(Duration.ofMillis(20));

    static ProviderEmulator emulator;
    final List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeAll
    static void start(ProviderEmulator started) {
        emulator = started;   // reset before each test by the extension
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }

    ProviderRegistry registry(String... types) {
        List<ProviderSettings> settings = new ArrayList<>();
        for (String type : types) {
            settings.add(settings(type, emulator.apiKey(type)));
        }
        ProviderRegistry registry = ProviderRegistry.create(settings);
        closeables.add(registry);
        return registry;
    }

    static ProviderSettings settings(String type, String key) {
        return new ProviderSettings(type, type, ApiKey.of(key), emulator.baseUri(type), Duration.ofSeconds(5), Map.of());
    }

    Solver solver(ProviderRegistry registry, Duration deadline) {
        Solver solver = Solver.builder(registry).polling(FAST).deadline(deadline).build();
        closeables.add(solver);
        return solver;
    }

    static FoundWidget v2() {
        return FoundWidget.builder(CaptchaType.RECAPTCHA_V2, SITE_KEY, PAGE).build();
    }

    @ParameterizedTest(name = "{0}: createTask, processing twice, then ready gives a task with its solve time")
    @ValueSource(strings = {"ucaptcha", "regotcha", "capsolver", "anticaptcha", "capmonster", "2captcha"})
    void everyProviderSolvesThroughCreateTaskAndPolling(String type) {
        emulator.processingPolls(2);
        Solver solver = solver(registry(type), Duration.ofSeconds(10));

        Solution solution = solver.solve(type, v2());

        SolvedTask task = solution.task();
        assertThat(task.providerId()).isEqualTo(type);
        assertThat(task.type()).isEqualTo(CaptchaType.RECAPTCHA_V2);
        assertThat(task.pageUrl()).isEqualTo(PAGE);
        assertThat(task.siteKey()).isEqualTo(SITE_KEY);
        assertThat(task.providerTaskType()).isEqualTo(TaskTypes.task(type, v2()).orElseThrow().get("type").asText());
        assertThat(task.token()).startsWith("03AFcWeA");
        assertThat(emulator.isGood(task.taskId())).isTrue();
        assertThat(solution.polls()).isEqualTo(3);
        assertThat(emulator.pollCount(task.taskId())).isEqualTo(3);
        assertThat(solution.solveTime()).isGreaterThanOrEqualTo(Duration.ZERO).isLessThan(Duration.ofSeconds(10));
        SolveStatistics.Figures figures = solver.statistics().snapshot().get(type);
        assertThat(figures.attempts()).isEqualTo(1);
        assertThat(figures.solved()).isEqualTo(1);
        assertThat(figures.averageSolveTime()).isEqualTo(solution.solveTime());
        assertThat(solver.statistics().solveTimeOf(task)).contains(solution.solveTime());
    }

    @ParameterizedTest(name = "{0}: an unsolvable task is a typed Unsolvable naming the task")
    @ValueSource(strings = {"ucaptcha", "regotcha", "capsolver", "anticaptcha", "capmonster", "2captcha"})
    void unsolvableTasksAreTyped(String type) {
        emulator.unsolvableNext(1).processingPolls(1);
        Solver solver = solver(registry(type), Duration.ofSeconds(10));

        assertThatThrownBy(() -> solver.solve(type, v2()))
                .isInstanceOfSatisfying(SolveException.Unsolvable.class, e -> {
                    assertThat(e.code()).isEqualTo("ERROR_CAPTCHA_UNSOLVABLE");
                    assertThat(e.providerId()).isEqualTo(type);
                    assertThat(e.taskId()).isPresent();
                });
        assertThat(solver.statistics().snapshot().get(type).failures()).containsEntry("Unsolvable", 1L);
    }

    @ParameterizedTest(name = "{0}: an empty account is a typed ZeroBalance")
    @ValueSource(strings = {"ucaptcha", "regotcha", "capsolver", "anticaptcha", "capmonster", "2captcha"})
    void zeroBalanceIsTyped(String type) {
        emulator.zeroBalance(type, true);
        Solver solver = solver(registry(type), Duration.ofSeconds(10));

        assertThatThrownBy(() -> solver.solve(type, v2()))
                .isInstanceOfSatisfying(SolveException.ZeroBalance.class, e -> {
                    assertThat(e.code()).isEqualTo("ERROR_ZERO_BALANCE");
                    assertThat(e.taskId()).isEmpty();
                });
    }

    @ParameterizedTest(name = "{0}: a wrong key is a typed BadKey that never shows the key")
    @ValueSource(strings = {"ucaptcha", "regotcha", "capsolver", "anticaptcha", "capmonster", "2captcha"})
    void badKeyIsTypedAndNeverShowsTheKey(String type) {
        String wrong = "wrong-key-7f3a9c";
        ProviderRegistry registry = ProviderRegistry.create(List.of(settings(type, wrong)));
        closeables.add(registry);
        Solver solver = solver(registry, Duration.ofSeconds(10));

        assertThatThrownBy(() -> solver.solve(type, v2()))
                .isInstanceOf(SolveException.BadKey.class)
                .satisfies(e -> assertThat(e.toString()).doesNotContain(wrong));
    }

    @ParameterizedTest(name = "{0}: a task still processing at the deadline is a typed Timeout with its task id")
    @ValueSource(strings = {"ucaptcha", "regotcha", "capsolver", "anticaptcha", "capmonster", "2captcha"})
    void aTaskNotReadyByTheDeadlineTimesOut(String type) {
        emulator.processingPolls(10_000);
        Solver solver = solver(registry(type), Duration.ofMillis(400));
        long start = System.nanoTime();

        assertThatThrownBy(() -> solver.solve(type, v2()))
                .isInstanceOfSatisfying(SolveException.Timeout.class, e -> assertThat(e.taskId()).isPresent());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void pollingWaitsTheFirstDelayThenTheIntervalBetweenPolls() {
        emulator.processingPolls(2);
        ProviderRegistry registry = registry(ProviderTypes.ANTICAPTCHA);
        Solver solver = Solver.builder(registry).deadline(Duration.ofSeconds(10))
                .polling("anticaptcha", new PollingPlan(Duration.ofMillis(300), Duration.ofMillis(150))).build();
        closeables.add(solver);
        long start = System.nanoTime();

        Solution solution = solver.solve("anticaptcha", v2());

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(solution.polls()).isEqualTo(3);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(300 + 2 * 150));
        assertThat(took).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void pollingStopsBeforeAPollThatWouldComeAfterTheDeadline() {
        emulator.processingPolls(10_000);
        ProviderRegistry registry = registry(ProviderTypes.CAPSOLVER);
        Solver solver = Solver.builder(registry).deadline(Duration.ofMillis(500))
                .polling(new PollingPlan(Duration.ofMillis(100), Duration.ofMillis(200))).build();
        closeables.add(solver);

        assertThatThrownBy(() -> solver.solve("capsolver", v2())).isInstanceOfSatisfying(SolveException.Timeout.class,
                e -> assertThat(emulator.pollCount(e.taskId().orElseThrow())).isBetween(1, 3));
    }

    @Test
    void aBusyProviderIsAskedAgainOnTheIntervalAndThenDelivers() {
        emulator.faults().busyNext(2);
        Solver solver = solver(registry(ProviderTypes.CAPSOLVER), Duration.ofSeconds(10));

        Solution solution = solver.solve("capsolver", v2());

        assertThat(solution.task().token()).isNotBlank();
        assertThat(emulator.faults().served()).isEqualTo(2);
    }

    @Test
    void anUnsolvableTaskFallsBackToTheNextProvider() {
        emulator.unsolvableNext(1);
        Solver solver = solver(registry(ProviderTypes.CAPSOLVER, ProviderTypes.ANTICAPTCHA), Duration.ofSeconds(10));

        Solution solution = solver.solve(v2(), SolvePolicy.of("capsolver", "anticaptcha"));

        assertThat(solution.task().providerId()).isEqualTo("anticaptcha");
        assertThat(solution.failedBefore()).singleElement().isInstanceOf(SolveException.Unsolvable.class)
                .extracting(SolveException::providerId).isEqualTo("capsolver");
        assertThat(solver.statistics().snapshot()).containsKeys("capsolver", "anticaptcha");
    }

    @Test
    void zeroBalanceFallsBackAndABadKeyDoesNotByDefault() {
        emulator.zeroBalance("2captcha", true);
        Solver solver = solver(registry(ProviderTypes.TWOCAPTCHA, ProviderTypes.CAPMONSTER), Duration.ofSeconds(10));
        assertThat(solver.solve(v2(), SolvePolicy.of("2captcha", "capmonster")).task().providerId())
                .isEqualTo("capmonster");

        ProviderRegistry mixed = ProviderRegistry.create(List.of(settings("anticaptcha", "wrong-key-1"),
                settings("regotcha", emulator.apiKey("regotcha"))));
        closeables.add(mixed);
        Solver strict = solver(mixed, Duration.ofSeconds(10));
        assertThatThrownBy(() -> strict.solve(v2(), SolvePolicy.of("anticaptcha", "regotcha")))
                .isInstanceOf(SolveException.BadKey.class);
        assertThat(strict.solve(v2(), SolvePolicy.builder().order("anticaptcha", "regotcha")
                .fallbackOn(SolveException.BadKey.class).build()).task().providerId()).isEqualTo("regotcha");
    }

    @Test
    void whenEveryProviderFailsTheLastErrorCarriesTheEarlierOnes() {
        emulator.unsolvableNext(2);
        Solver solver = solver(registry(ProviderTypes.UCAPTCHA, ProviderTypes.REGOTCHA), Duration.ofSeconds(10));

        assertThatThrownBy(() -> solver.solve(v2(), SolvePolicy.of("ucaptcha", "regotcha")))
                .isInstanceOfSatisfying(SolveException.Unsolvable.class, e -> {
                    assertThat(e.providerId()).isEqualTo("regotcha");
                    assertThat(e.getSuppressed()).singleElement().isInstanceOf(SolveException.Unsolvable.class);
                });
    }

    @Test
    void solveAsyncReturnsAtOnceAndCompletesWhenTheProviderIsReady() {
        emulator.processingPolls(5);
        Solver solver = Solver.builder(registry(ProviderTypes.ANTICAPTCHA)).deadline(Duration.ofSeconds(10))
                .polling(PollingPlan.every(Duration.ofMillis(100))).build();
        closeables.add(solver);

        CompletableFuture<Solution> future = solver.solveAsync("anticaptcha", v2());

        assertThat(future).isNotDone();
        assertThat(future.join().polls()).isEqualTo(6);
    }

    @ParameterizedTest(name = "{0}: every widget type the library injects is solved with its own task type")
    @ValueSource(strings = {"ucaptcha", "regotcha", "capsolver", "anticaptcha", "capmonster", "2captcha"})
    void everyWidgetTypeIsSolvedOrRefusedAsUnsupported(String type) {
        Solver solver = solver(registry(type), Duration.ofSeconds(10));
        List<FoundWidget> widgets = List.of(
                v2(),
                FoundWidget.builder(CaptchaType.RECAPTCHA_V2, SITE_KEY, PAGE).invisible(true).sData("s-data").build(),
                FoundWidget.builder(CaptchaType.RECAPTCHA_V3, SITE_KEY, PAGE).action("login").build(),
                FoundWidget.builder(CaptchaType.RECAPTCHA_V2, SITE_KEY, PAGE).enterprise(true).build(),
                FoundWidget.builder(CaptchaType.RECAPTCHA_V3, SITE_KEY, PAGE).enterprise(true).action("pay").build(),
                FoundWidget.builder(CaptchaType.HCAPTCHA, "10000000-ffff-ffff-ffff-000000000001", PAGE).rqdata("rq").build(),
                FoundWidget.builder(CaptchaType.TURNSTILE, "0x4AAAAAAADnPIDROrmt1Wwj", PAGE).action("login").cData("c")
                        .chlPageData("p").build(),
                FoundWidget.builder(CaptchaType.FUNCAPTCHA, "69A21A01-CC7B-B9C6-0F9A-E7FA06677FFC", PAGE)
                        .serviceUrl("https://client-api.arkoselabs.com").build());
        for (FoundWidget widget : widgets) {
            boolean taken = TaskTypes.task(type, widget).isPresent();
            if (taken) {
                Solution s = solver.solve(type, widget);
                assertThat(s.task().type()).as(widget.toString()).isEqualTo(widget.taskType());
                assertThat(s.task().siteKey()).isEqualTo(widget.siteKey());
            } else {
                assertThat(type).isEqualTo("capmonster");
                assertThatThrownBy(() -> solver.solve(type, widget)).isInstanceOf(SolveException.Unsupported.class);
            }
        }
    }
}
