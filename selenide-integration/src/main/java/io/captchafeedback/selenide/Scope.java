package io.captchafeedback.selenide;

import io.captchafeedback.selenium.SeleniumCaptchaFeedback;
import java.util.Optional;
import org.openqa.selenium.WebDriver;

/** Who owns the handles of the drivers a thread uses: the JUnit 5 extension, the TestNG listener, or the default. */
interface Scope {

    /** The instance the handles report through. */
    io.captchafeedback.CaptchaFeedback feedback();

    /** The handle of {@code driver} (the undecorated one), attached on first use. */
    SeleniumCaptchaFeedback handle(WebDriver driver);

    /** The handle of {@code driver} if one was attached. */
    Optional<SeleniumCaptchaFeedback> existing(WebDriver driver);

    /** Forgets {@code driver} (it is being quit; its handle was closed). */
    void forget(WebDriver driver);
}
