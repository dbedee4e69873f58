package io.captchafeedback.testng;

import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.testkit.site.DemoPage;
import io.captchafeedback.testkit.site.DemoReaction;
import io.captchafeedback.testkit.site.DemoWidget;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

/**
 * A TestNG suite written the way a user would (run by {@link CaptchaFeedbackListenerTest}, not directly):
 * each test method gets a browser on its thread in {@code @BeforeMethod}, hands it over, and signs in with
 * a good token, a refused one, or a good token and a wrong password.
 */
public class SignInSuite {
    /** The task each test method used, by method name. */
    static final Map<String, SolvedTask> used = new ConcurrentHashMap<>();
    /** The thread each test method ran on, by method name. */
    static final Map<String, String> threads = new ConcurrentHashMap<>();

    private final ThreadLocal<WebDriver> driver = new ThreadLocal<>();

    @BeforeMethod
    public void browser() {
        driver.set(CaptchaFeedbackTestNG.wrap(DemoBrowsers.current.borrow()));
    }

    @AfterMethod(alwaysRun = true)
    public void giveBack() {
        if (driver.get() != null) {
            DemoBrowsers.current.giveBack(driver.get());
        }
        driver.remove();
    }

    @Test public void goodTokenOne() { signIn("goodTokenOne", DemoReaction.INLINE_ERROR, true); }
    @Test public void goodTokenTwo() { signIn("goodTokenTwo", DemoReaction.REDIRECT, true); }
    @Test public void refusedTokenOne() { signIn("refusedTokenOne", DemoReaction.INLINE_ERROR, false); }
    @Test public void refusedTokenTwo() { signIn("refusedTokenTwo", DemoReaction.REDIRECT, false); }
    @Test public void wrongPasswordOne() { signIn("wrongPasswordOne", DemoReaction.WRONG_PASSWORD, true); }
    @Test public void wrongPasswordTwo() { signIn("wrongPasswordTwo", DemoReaction.WRONG_PASSWORD, true); }

    private void signIn(String name, DemoReaction reaction, boolean good) {
        threads.put(name, Thread.currentThread().getName());
        DemoPage page = DemoPage.of(DemoWidget.HCAPTCHA, reaction);
        WebDriver browser = driver.get();
        browser.get(DemoBrowsers.current.site.url(page));
        SolvedTask task = DemoBrowsers.current.solve(page, good);
        used.put(name, task);
        CaptchaFeedbackTestNG.captcha().inject(task);
        browser.findElement(By.id("sign-in")).click();
    }
}
