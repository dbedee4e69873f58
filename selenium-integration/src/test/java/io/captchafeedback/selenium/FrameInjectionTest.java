package io.captchafeedback.selenium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.captchafeedback.CaptchaFeedback;
import io.captchafeedback.task.Outcome;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.TaskVerdict;
import io.captchafeedback.inject.InjectionException;
import io.captchafeedback.testkit.site.DemoSite;
import io.captchafeedback.testkit.site.EngineFlows;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Injecting into a given frame element, the driver's frame afterwards, and what happens when nothing takes the token. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FrameInjectionTest extends DemoSiteFixture {
    static DemoSite otherOrigin;
    static CaptchaFeedback feedback;
    static SeleniumCaptchaFeedback cf;

    @BeforeAll
    static void attach() {
        otherOrigin = DemoSite.start(emulator);
        feedback = CaptchaFeedback.builder().config(config()).rules(EngineFlows.rules())
                .outbox(Path.of("target", "outbox", UUID.randomUUID().toString())).build();
        cf = SeleniumCaptchaFeedback.attach(chrome, feedback);
    }

    @AfterAll
    static void detach() {
        cf.close();
        feedback.close();
        otherOrigin.close();
    }

    private static EngineFlows.Flow crossOrigin(boolean good) {
        return EngineFlows.table().stream()
                .filter(f -> f.frame() == EngineFlows.Frame.CROSS_ORIGIN && f.good() == good).findFirst().orElseThrow();
    }

    private WebElement openFramed(WebDriver driver, EngineFlows.Flow flow) {
        driver.get(flow.url(site, otherOrigin));
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(10));
        wait.until(ExpectedConditions.frameToBeAvailableAndSwitchToIt(By.id("login-frame")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(EngineFlows.WIDGET.renderedSelector())));
        driver.switchTo().defaultContent();
        return driver.findElement(By.id("login-frame"));
    }

    @Test
    void aFrameElementTakesTheTokenAndTheDriverStaysInItsFrame() {
        WebDriver driver = cf.driver();
        EngineFlows.Flow flow = crossOrigin(true);
        WebElement frame = openFramed(driver, flow);

        assertThat(cf.inject(frame, flow.solve(emulator, site)).injected()).isTrue();
        assertThat(driver.findElement(By.id("login-frame")).isDisplayed()).as("still in the top document").isTrue();

        TaskVerdict verdict = cf.awaitVerdict(WAIT).orElseThrow();
        assertThat(verdict.verdict().outcome()).isEqualTo(Outcome.ACCEPTED);
    }

    @Test
    void aRejectionInsideACrossOriginFrameIsSeenFromTheTopDocument() {
        WebDriver driver = cf.driver();
        EngineFlows.Flow flow = crossOrigin(false);
        openFramed(driver, flow);

        cf.inject(flow.solve(emulator, site));

        TaskVerdict verdict = cf.awaitVerdict(WAIT).orElseThrow();
        assertThat(verdict.verdict().outcome()).isEqualTo(Outcome.REJECTED_CAPTCHA);
    }

    @Test
    void injectingWhereNoFrameHasAWidgetThrowsAndTheTaskIsUnknownAtOnce() {
        WebDriver driver = cf.driver();
        driver.get(site.url("/engines/welcome"));
        SolvedTask task = crossOrigin(true).solve(emulator, site);

        assertThatThrownBy(() -> cf.inject(task)).isInstanceOf(InjectionException.class).hasMessageContaining("/engines/welcome");

        assertThat(cf.awaitVerdict(Duration.ZERO).orElseThrow().verdict().outcome()).isEqualTo(Outcome.UNKNOWN);
    }
}
