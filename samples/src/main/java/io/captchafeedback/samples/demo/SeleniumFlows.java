package io.captchafeedback.samples.demo;

import io.captchafeedback.CaptchaFeedback;
import io.captchafeedback.SolvedTask;
import io.captchafeedback.TaskVerdict;
import io.captchafeedback.selenium.SeleniumCaptchaFeedback;
import io.captchafeedback.testkit.DemoWidget;
import io.captchafeedback.testkit.browser.SeleniumChromium;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The demo's flows on Selenium: a ChromeDriver session with BiDi, decorated by captcha-feedback. */
final class SeleniumFlows implements BrowserFlows {

    private final ChromeDriver chrome;
    private final SeleniumCaptchaFeedback captcha;
    private final BlockingQueue<TaskVerdict> verdicts = new LinkedBlockingQueue<>();

    SeleniumFlows(CaptchaFeedback feedback) {
        chrome = SeleniumChromium.start();                          // headless system Chromium, webSocketUrl=true
        captcha = SeleniumCaptchaFeedback.attach(chrome, feedback);
        captcha.onVerdict(verdicts::add);                           // the verdicts of this session's tokens
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
        if (captcha.awaitVerdict(VERDICT_WAIT).isEmpty()) {
            return Optional.empty();
        }
        return verdictFor(task);
    }

    /** The decided verdict of {@code task}, with its report handle, as the session's listener got it. */
    private Optional<TaskVerdict> verdictFor(SolvedTask task) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        try {
            for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
                TaskVerdict v = verdicts.poll(left, TimeUnit.NANOSECONDS);
                if (v != null && v.task().key().equals(task.key())) {
                    return Optional.of(v);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        captcha.close();
        chrome.quit();
    }
}
