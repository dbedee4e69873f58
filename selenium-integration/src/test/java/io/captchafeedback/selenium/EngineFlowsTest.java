package io.captchafeedback.selenium;

import static org.assertj.core.api.Assertions.assertThat;

import io.captchafeedback.CaptchaFeedback;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.TaskVerdict;
import io.captchafeedback.testkit.site.DemoSite;
import io.captchafeedback.testkit.site.EngineFlows;
import io.captchafeedback.testkit.browser.SeleniumChromium;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.grid.server.Server;
import org.openqa.selenium.remote.RemoteWebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The testkit's engine-neutral table of flows ({@link EngineFlows}: widgets in same- and cross-origin
 * iframes, an XHR abandoned before its body, a reset and a JSON answer in either order, a result in the
 * widget frame's parent and in a popup) with its one rule file, on a local ChromeDriver and through an
 * in-process Selenium Grid: {@code inject} finds the widget's frame itself, and the verdict is the
 * table's one. The Playwright module runs the same table.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EngineFlowsTest extends DemoSiteFixture {

    enum Where { LOCAL, GRID }

    static DemoSite otherOrigin;
    static CaptchaFeedback feedback;
    static SeleniumCaptchaFeedback local;
    static Server<?> grid;
    static SeleniumCaptchaFeedback remote;

    @BeforeAll
    static void startSecondOriginGridAndRules() throws Exception {
        otherOrigin = DemoSite.start(emulator);
        feedback = CaptchaFeedback.builder().config(config()).rules(EngineFlows.rules())
                .outbox(Path.of("target", "outbox", UUID.randomUUID().toString())).build();
        local = SeleniumCaptchaFeedback.attach(chrome, feedback);
        SeleniumGridFlowTest.GRID_LOG.setLevel(java.util.logging.Level.WARNING);
        grid = startInProcessGrid();
        remote = SeleniumCaptchaFeedback.attach(new RemoteWebDriver(grid.getUrl(), SeleniumChromium.options()), feedback);
        assertThat(local.usesBiDi()).isTrue();
        assertThat(remote.usesBiDi()).as("BiDi through the Grid").isTrue();
    }

    @AfterAll
    static void stopSecondOriginAndGrid() {
        if (local != null) {
            local.close();
        }
        if (remote != null) {
            remote.driver().quit();
        }
        if (grid != null) {
            grid.stop();
        }
        if (feedback != null) {
            feedback.close();
        }
        if (otherOrigin != null) {
            otherOrigin.close();
        }
    }

    static Stream<Arguments> everyFlowLocallyAndThroughTheGrid() {
        List<Arguments> cases = new ArrayList<>();
        for (Where where : Where.values()) {
            for (EngineFlows.Flow flow : EngineFlows.table()) {
                cases.add(Arguments.of(flow, where));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("everyFlowLocallyAndThroughTheGrid")
    void theVerdictIsTheTablesOne(EngineFlows.Flow flow, Where where) {
        SeleniumCaptchaFeedback cf = where == Where.LOCAL ? local : remote;
        WebDriver driver = cf.driver();
        String main = driver.getWindowHandle();
        SolvedTask task = flow.solve(emulator, site);
        try {
            driver.get(flow.url(site, otherOrigin));
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(10));
            if (flow.framed()) {
                wait.until(ExpectedConditions.frameToBeAvailableAndSwitchToIt(By.id("login-frame")));
            }
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(EngineFlows.WIDGET.renderedSelector())));
            driver.switchTo().defaultContent();

            cf.inject(task);

            TaskVerdict verdict = cf.awaitVerdict(WAIT).orElseThrow(() -> new AssertionError("no verdict within " + WAIT));
            assertThat(verdict.verdict().outcome()).as("verdict, evidence %s", verdict.verdict().evidence())
                    .isEqualTo(flow.expected());
            flow.expectedNote().ifPresent(note -> assertThat(verdict.verdict().evidence().observations())
                    .as("evidence %s", verdict.verdict().evidence()).anySatisfy(o -> assertThat(o.value()).contains(note)));
        } finally {
            for (String handle : driver.getWindowHandles()) {
                if (!handle.equals(main)) {
                    driver.switchTo().window(handle).close();
                }
            }
            driver.switchTo().window(main);
        }
    }
}
