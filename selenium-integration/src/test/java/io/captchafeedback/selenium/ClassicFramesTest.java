package io.captchafeedback.selenium;

import static org.assertj.core.api.Assertions.assertThat;

import io.captchafeedback.CaptchaFeedback;
import io.captchafeedback.TaskVerdict;
import io.captchafeedback.testkit.site.DemoSite;
import io.captchafeedback.testkit.site.EngineFlows;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A session without WebDriver BiDi (classic WebDriver only): the probes visit the child frames of the
 * driver's current frame (two levels deep), so a result shown inside a same- or cross-origin iframe decides
 * the verdict, and the driver is back in the user's frame after every probe.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClassicFramesTest extends DemoSiteFixture {
    static DemoSite otherOrigin;
    static ChromeDriver classic;
    static CaptchaFeedback feedback;
    static SeleniumCaptchaFeedback cf;

    @BeforeAll
    static void startWithoutBiDi() {
        otherOrigin = DemoSite.start(emulator);
        classic = chromeWithoutBiDi();
        feedback = CaptchaFeedback.builder().config(config()).rules(EngineFlows.rules())
                .outbox(Path.of("target", "outbox", UUID.randomUUID().toString())).build();
        cf = SeleniumCaptchaFeedback.attach(classic, feedback);
        assertThat(cf.usesBiDi()).isFalse();
    }

    @AfterAll
    static void stop() {
        if (cf != null) {
            cf.driver().quit();
        }
        if (feedback != null) {
            feedback.close();
        }
        if (otherOrigin != null) {
            otherOrigin.close();
        }
    }

    /** The flows whose result is text inside the widget's iframe, same- and cross-origin. */
    static Stream<EngineFlows.Flow> framedTextFlows() {
        return EngineFlows.table().stream().filter(f -> f.frame() != EngineFlows.Frame.TOP)
                .filter(f -> f.name().startsWith("a widget in a")).limit(4);
    }

    private static void openFramed(WebDriver driver, EngineFlows.Flow flow) {
        driver.get(flow.url(site, otherOrigin));
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(10));
        wait.until(ExpectedConditions.frameToBeAvailableAndSwitchToIt(By.id("login-frame")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(EngineFlows.WIDGET.renderedSelector())));
        driver.switchTo().defaultContent();
    }

    private static boolean inTopDocument(WebDriver driver) {
        return Boolean.TRUE.equals(((JavascriptExecutor) driver).executeScript("return window === window.top"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("framedTextFlows")
    void aResultShownInsideTheWidgetsIframeDecidesWithoutBiDi(EngineFlows.Flow flow) {
        WebDriver driver = cf.driver();
        openFramed(driver, flow);

        assertThat(cf.inject(flow.solve(emulator, site)).injected()).isTrue();
        TaskVerdict verdict = cf.awaitVerdict(WAIT).orElseThrow(() -> new AssertionError("no verdict within " + WAIT));

        assertThat(verdict.verdict().outcome()).as("evidence %s", verdict.verdict().evidence()).isEqualTo(flow.expected());
        assertThat(inTopDocument(driver)).as("the driver is back in the top document").isTrue();
    }

    @Test
    void aProbeFromInsideAFrameLeavesTheDriverInThatFrame() {
        WebDriver driver = cf.driver();
        EngineFlows.Flow flow = framedTextFlows().filter(f -> !f.good()).findFirst().orElseThrow();
        openFramed(driver, flow);
        driver.switchTo().frame(driver.findElement(By.id("login-frame")));

        assertThat(cf.inject(flow.solve(emulator, site)).injected()).isTrue();
        TaskVerdict verdict = cf.awaitVerdict(WAIT).orElseThrow(() -> new AssertionError("no verdict within " + WAIT));

        assertThat(verdict.verdict().outcome()).isEqualTo(flow.expected());
        assertThat(inTopDocument(driver)).as("still in the user's frame").isFalse();
        assertThat(driver.findElements(By.cssSelector(EngineFlows.WIDGET.renderedSelector()))).isNotEmpty();
        driver.switchTo().defaultContent();
    }
}
