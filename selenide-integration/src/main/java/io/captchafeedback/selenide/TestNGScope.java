package io.captchafeedback.selenide;

import io.captchafeedback.selenium.SeleniumCaptchaFeedback;
import io.captchafeedback.testng.CaptchaFeedbackTestNG;
import java.util.Optional;
import org.openqa.selenium.WebDriver;

/**
 * The TestNG side, through testng-integration: drivers are handed to the suite's listener and bound to the
 * calling thread, so it waits for their verdicts after each test method. Only loaded when that module and
 * TestNG are on the class path.
 */
final class TestNGScope implements Scope {
    static final TestNGScope INSTANCE = new TestNGScope();

    /** Whether a TestNG suite with the captcha-feedback listener is running. */
    static boolean available() {
        return CaptchaFeedbackTestNG.active();
    }

    @Override
    public io.captchafeedback.CaptchaFeedback feedback() {
        return CaptchaFeedbackTestNG.feedback();
    }

    @Override
    public SeleniumCaptchaFeedback handle(WebDriver driver) {
        return CaptchaFeedbackTestNG.attach(driver);
    }

    @Override
    public Optional<SeleniumCaptchaFeedback> existing(WebDriver driver) {
        try {
            return Optional.of(CaptchaFeedbackTestNG.captcha(driver));
        } catch (IllegalStateException e) {
            return Optional.empty();
        }
    }

    @Override
    public void forget(WebDriver driver) {
        // the suite's listener keeps its (closed) handle until the suite ends
    }
}
