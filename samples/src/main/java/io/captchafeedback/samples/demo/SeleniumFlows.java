package io.captchafeedback.samples.demo;

import io.captchafeedback.CaptchaFeedback;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.TaskVerdict;
import io.captchafeedback.selenium.SeleniumCaptchaFeedback;
import io.captchafeedback.solve.SolveInProgress;
import io.captchafeedback.solve.SolvePolicy;
import io.captchafeedback.solve.Solver;
import io.captchafeedback.testkit.site.DemoWidget;
import io.captchafeedback.testkit.browser.SeleniumChromium;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The demo's flows on Selenium: a ChromeDriver session with BiDi, decorated by captcha-feedback. */
final class SeleniumFlows implements BrowserFlows {

    private final ChromeDriver chrome;
    private final SeleniumCaptchaFeedback captcha;

    SeleniumFlows(CaptchaFeedback feedback) {
        chrome = SeleniumChromium.start();                          // headless system Chromium, webSocketUrl=true
        captcha = SeleniumCaptchaFeedback.attach(chrome, feedback);
    }

    @Override
    public Optional<TaskVerdict> signIn(String pageUrl, DemoWidget widget, SolvedTask task) {
        WebDriver browser = captcha.driver();                       // use the decorated driver from here on
        browser.get(pageUrl);
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(widget.renderedSelector())));

        captcha.inject(task);                                       // fields written, widget callback called
        if (BrowserFlows.clicksSignIn(widget)) {
            browser.findElement(By.id("sign-in")).click();
        }
        return captcha.awaitVerdict(VERDICT_WAIT);                  // the verdict and its report handle
    }

    @Override
    public Optional<TaskVerdict> solveAndSignIn(String pageUrl, DemoWidget widget, Solver solver, SolvePolicy policy,
            Consumer<SolvedTask> solved) {
        WebDriver browser = captcha.driver();
        browser.get(pageUrl);
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(widget.renderedSelector())));

        SolveInProgress solving = captcha.solveAndInjectAsync(solver, policy); // found now, solved meanwhile
        solved.accept(solving.solution().join().task());
        solving.inject();                                           // on this thread: drivers are not thread-safe
        if (BrowserFlows.clicksSignIn(widget)) {
            browser.findElement(By.id("sign-in")).click();
        }
        return captcha.awaitVerdict(VERDICT_WAIT);
    }

    @Override
    public void close() {
        captcha.close();
        chrome.quit();
    }
}
