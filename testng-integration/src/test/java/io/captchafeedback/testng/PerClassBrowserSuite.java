package io.captchafeedback.testng;

import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.testkit.site.DemoPage;
import io.captchafeedback.testkit.site.DemoReaction;
import io.captchafeedback.testkit.site.DemoWidget;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/**
 * The {@code parallel="classes"} way (run by {@link CaptchaFeedbackListenerTest}, not directly): one browser per
 * class, handed over in {@code @BeforeClass}, used by all the class's methods.
 */
public abstract class PerClassBrowserSuite {
    private WebDriver driver;

    @BeforeClass
    public void browser() {
        driver = CaptchaFeedbackTestNG.wrap(DemoBrowsers.current.borrow());
    }

    @AfterClass(alwaysRun = true)
    public void giveBack() {
        if (driver != null) {
            DemoBrowsers.current.giveBack(driver);
        }
    }

    @Test(priority = 1)
    public void goodToken() {
        signIn("goodToken", true);
    }

    @Test(priority = 2)
    public void refusedToken() {
        signIn("refusedToken", false);
    }

    private void signIn(String method, boolean good) {
        String name = getClass().getSimpleName() + "." + method;
        SignInSuite.threads.put(name, Thread.currentThread().getName());
        DemoPage page = DemoPage.of(DemoWidget.TURNSTILE, DemoReaction.INLINE_ERROR);
        driver.get(DemoBrowsers.current.site.url(page));
        SolvedTask task = DemoBrowsers.current.solve(page, good);
        SignInSuite.used.put(name, task);
        CaptchaFeedbackTestNG.captcha(driver).inject(task);
        driver.findElement(By.id("sign-in")).click();
    }

    /** The first class. */
    public static class First extends PerClassBrowserSuite {
    }

    /** The second class. */
    public static class Second extends PerClassBrowserSuite {
    }
}
