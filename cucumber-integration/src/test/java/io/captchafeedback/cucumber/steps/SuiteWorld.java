package io.captchafeedback.cucumber.steps;

import io.captchafeedback.testkit.DemoSite;
import io.captchafeedback.testkit.ProviderEmulator;
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
    static volatile ProviderEmulator emulator;
    static volatile DemoSite site;
    private static final Queue<WebDriver> IDLE = new ConcurrentLinkedQueue<>();
    private static final List<WebDriver> ALL = new CopyOnWriteArrayList<>();
    /** The task id each scenario (by name) solved. */
    public static final Map<String, String> TASK_OF_SCENARIO = new ConcurrentHashMap<>();

    private SuiteWorld() {
    }

    public static void use(ProviderEmulator providerEmulator, DemoSite demoSite) {
        emulator = providerEmulator;
        site = demoSite;
        TASK_OF_SCENARIO.clear();
    }

    static WebDriver borrow() {
        WebDriver driver = IDLE.poll();
        if (driver == null) {
            driver = SeleniumChromium.start();
            ALL.add(driver);
        }
        return driver;
    }

    static void giveBack(WebDriver driver) {
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
