package io.captchafeedback.selenium;

import static org.assertj.core.api.Assertions.assertThat;

import io.captchafeedback.CaptchaFeedback;
import io.captchafeedback.task.Outcome;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.TaskVerdict;
import io.captchafeedback.testkit.site.DemoPage;
import io.captchafeedback.testkit.site.DemoReaction;
import io.captchafeedback.testkit.site.DemoWidget;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/** Tokens the test injects with its own commands on the wrapped driver are recognised and judged. */
class UserInjectionTest extends DemoSiteFixture {

    CaptchaFeedback feedback;
    SeleniumCaptchaFeedback handle;
    final CompletableFuture<TaskVerdict> verdict = new CompletableFuture<>();

    @BeforeEach
    void wrap() {
        feedback = newCaptchaFeedback();
        feedback.onVerdict(verdict::complete);
        handle = SeleniumCaptchaFeedback.attach(chrome, feedback);
    }

    @AfterEach
    void unwrap() {
        handle.close();
        feedback.close();
    }

    @Test
    void aTokenTheTestWritesWithItsOwnExecuteScriptIsRecognisedAndReported() throws Exception {
        DemoPage page = DemoPage.of(DemoWidget.RECAPTCHA_V2, DemoReaction.INLINE_ERROR);
        SolvedTask task = emulator.solve("regotcha", page.widget().captchaType(), site.url(page), page.widget().siteKey());
        emulator.markBad(task.taskId());
        feedback.register(task);
        WebDriver driver = handle.driver();
        driver.get(site.url(page));

        ((JavascriptExecutor) driver).executeScript("""
                document.querySelector('textarea[name=g-recaptcha-response]').value = arguments[0];
                window[document.querySelector('.g-recaptcha').dataset.callback](arguments[0]);""", task.token());
        assertThat(handle.pending()).as("tracked from the script's argument").hasSize(1);
        driver.findElement(By.id("sign-in")).click();

        TaskVerdict decided = verdict.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(decided.task().taskId()).isEqualTo(task.taskId());
        assertThat(decided.verdict().outcome()).isEqualTo(Outcome.REJECTED_CAPTCHA);
        decided.report().result().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(emulator.feedbackFor("regotcha", task.taskId())).singleElement()
                .satisfies(f -> assertThat(f.positive()).isFalse());
    }

    @Test
    void aTokenInsideTheScriptTextIsRecognisedToo() throws Exception {
        DemoPage page = DemoPage.of(DemoWidget.TURNSTILE, DemoReaction.REDIRECT);
        SolvedTask task = emulator.solve("regotcha", page.widget().captchaType(), site.url(page), page.widget().siteKey());
        feedback.register(task);
        WebDriver driver = handle.driver();
        driver.get(site.url(page));

        ((JavascriptExecutor) driver).executeScript("document.querySelector('input[name=cf-turnstile-response]').value = '"
                + task.token() + "'; document.getElementById('sign-in').click();");

        TaskVerdict decided = verdict.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(decided.verdict().outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(decided.verdict().evidence().rule()).isEqualTo("welcome-page");
        decided.report().result().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(emulator.feedbackFor("regotcha", task.taskId())).singleElement()
                .satisfies(f -> assertThat(f.positive()).isTrue());
    }

    @Test
    void aTokenTheTestTypesWithSendKeysIsRecognised() throws Exception {
        DemoPage page = DemoPage.of(DemoWidget.TURNSTILE, DemoReaction.INLINE_ERROR);
        SolvedTask task = emulator.solve("regotcha", page.widget().captchaType(), site.url(page), page.widget().siteKey());
        emulator.markBad(task.taskId());
        feedback.register(task);
        WebDriver driver = handle.driver();
        driver.get(site.url(page));
        ((JavascriptExecutor) driver).executeScript("document.querySelector('input[name=cf-turnstile-response]').type = 'text'");

        driver.findElement(By.cssSelector("input[name=cf-turnstile-response]")).sendKeys(task.token());
        assertThat(handle.pending()).as("tracked from the typed keys").hasSize(1);
        driver.findElement(By.id("sign-in")).click();

        TaskVerdict decided = verdict.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(decided.verdict().outcome()).isEqualTo(Outcome.REJECTED_CAPTCHA);
        decided.report().result().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(emulator.feedbackFor("regotcha", task.taskId())).singleElement()
                .satisfies(f -> assertThat(f.positive()).isFalse());
    }

    @Test
    void commandsWithoutARegisteredTokenAreNotTracked() {
        WebDriver driver = handle.driver();
        driver.get(site.url(DemoPage.of(DemoWidget.TURNSTILE, DemoReaction.REDIRECT)));
        ((JavascriptExecutor) driver).executeScript("return arguments[0]", "not-a-token");
        assertThat(handle.pending()).isEmpty();
        assertThat(driver.getTitle()).isEqualTo(chrome.getTitle());
    }
}
