package io.captchafeedback.selenium;

import io.captchafeedback.record.PageRecorder;
import io.captchafeedback.record.Recording;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * The recording mode for Selenium: records what the page does after the action that submits a token
 * (responses, URL changes, texts that appear or disappear, cookie names, widget resets), for
 * {@code captcha-feedback suggest}. The token passed in {@code secrets} is never written.
 *
 * <pre>{@code
 * Recording r = SeleniumRecording.record(driver, "login", List.of(task.token()), Duration.ofSeconds(1),
 *         Duration.ofSeconds(10), () -> driver.findElement(By.id("sign-in")).click());
 * RecordingFiles.write(Path.of("recordings/login-good.json"), r.withLabel(Label.ACCEPTED));
 * }</pre>
 *
 * <p>Runs on the caller's thread (the driver is not thread-safe), at most for the timeout.
 */
public final class SeleniumRecording {

    private SeleniumRecording() {
    }

    /**
     * Records the page of {@code driver} around {@code action}, until nothing changed for {@code quiet} or
     * {@code timeout} passed.
     */
    public static Recording record(WebDriver driver, String flow, Collection<String> secrets, Duration quiet,
            Duration timeout, Runnable action) {
        Objects.requireNonNull(driver, "driver == null");
        JavascriptExecutor js = (JavascriptExecutor) driver;
        return PageRecorder.record(expr -> (String) js.executeScript("return " + expr + ";"), flow, secrets, quiet,
                timeout, action);
    }
}
