package io.captchafeedback.cucumber.steps;

import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.cucumber.CaptchaScenario;
import io.captchafeedback.testkit.site.DemoSite;
import io.captchafeedback.testkit.site.DemoWidget;
import io.captchafeedback.testkit.emulator.ProviderEmulator;
import io.captchafeedback.testkit.browser.SeleniumChromium;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.openqa.selenium.WebDriver;

/**
 * What the test hands the Cucumber suite it runs: the emulator, the demo site, a pool of headless
 * Chromiums shared by all runs (one per parallel scenario), and what each scenario solved.
 */
public final class SuiteWorld {
    private static volatile ProviderEmulator emulator;
    private static volatile DemoSite site;
    private static final Queue<WebDriver> IDLE = new ConcurrentLinkedQueue<>();
    private static final List<WebDriver> ALL = new CopyOnWriteArrayList<>();
    /** The task id each scenario (by name) solved. */
    public static final Map<String, String> TASK_OF_SCENARIO = new ConcurrentHashMap<>();

    private static final java.util.concurrent.atomic.AtomicInteger RUNNING = new java.util.concurrent.atomic.AtomicInteger();
    private static final java.util.concurrent.atomic.AtomicInteger MOST_AT_ONCE = new java.util.concurrent.atomic.AtomicInteger();

    private SuiteWorld() {
    }

    public static void use(ProviderEmulator providerEmulator, DemoSite demoSite) {
        emulator = providerEmulator;
        site = demoSite;
        TASK_OF_SCENARIO.clear();
        MOST_AT_ONCE.set(0);
    }

    /** The most scenarios that ran at the same time since {@link #use}. */
    public static int mostScenariosAtOnce() {
        return MOST_AT_ONCE.get();
    }

    public static ProviderEmulator emulator() {
        return emulator;
    }

    public static DemoSite site() {
        return site;
    }

    /** Solves a task on the emulator for the demo site's page, refused by the site when {@code token} is "bad". */
    public static SolvedTask solve(String widget, String path, String token) {
        DemoWidget demoWidget = DemoWidget.valueOf(widget);
        SolvedTask task = emulator.solve("regotcha", demoWidget.captchaType(), site.url(path), demoWidget.siteKey());
        if (token.equals("bad")) {
            emulator.markBad(task.taskId());
        }
        TASK_OF_SCENARIO.put(CaptchaScenario.current().scenario().getName(), task.taskId());
        return task;
    }

    static WebDriver borrow() {
        MOST_AT_ONCE.accumulateAndGet(RUNNING.incrementAndGet(), Math::max);
        WebDriver driver = IDLE.poll();
        if (driver == null) {
            driver = SeleniumChromium.start();
            ALL.add(driver);
        }
        return driver;
    }

    static void giveBack(WebDriver driver) {
        RUNNING.decrementAndGet();
        IDLE.add(driver);
    }

    /** How many browsers the runs have started so far. */
    public static int browsersStarted() {
        return ALL.size();
    }

    public static void quitBrowsers() {
        for (WebDriver driver : ALL) {
            driver.quit();
        }
        ALL.clear();
        IDLE.clear();
    }
}
