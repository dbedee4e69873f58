package io.captchafeedback.selenium;

import static org.assertj.core.api.Assertions.assertThat;

import io.captchafeedback.CaptchaFeedback;
import io.captchafeedback.testkit.site.DemoPage;
import io.captchafeedback.testkit.site.DemoSite;
import io.captchafeedback.testkit.browser.SeleniumChromium;
import java.io.IOException;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.grid.server.Server;
import org.openqa.selenium.remote.RemoteWebDriver;

/**
 * The demo-site flows through an in-process Selenium Grid standalone and a {@link RemoteWebDriver}
 * (augmented for BiDi by {@link SeleniumCaptchaFeedback#attach}). Every page runs once; the token is good
 * or bad alternately, so each widget and each reaction is seen with both.
 */
class SeleniumGridFlowTest extends DemoSiteFixture {

    /** The Grid logs each session step through java.util.logging at INFO; kept referenced so the level sticks. */
    static final java.util.logging.Logger GRID_LOG = java.util.logging.Logger.getLogger("org.openqa.selenium");

    static Server<?> grid;
    static RemoteWebDriver remote;
    static CaptchaFeedback feedback;
    static SeleniumCaptchaFeedback cf;

    @BeforeAll
    static void startGrid() throws IOException {
        GRID_LOG.setLevel(java.util.logging.Level.WARNING);
        grid = startInProcessGrid();
        remote = new RemoteWebDriver(grid.getUrl(), SeleniumChromium.options());
        feedback = newCaptchaFeedback();
        feedback.onVerdict(v -> SeleniumDemoSiteFlowTest.verdicts.put(v.task().key(), v));
        cf = SeleniumCaptchaFeedback.attach(remote, feedback);
        assertThat(cf.usesBiDi()).as("BiDi through the Grid").isTrue();
    }

    @AfterAll
    static void stopGrid() {
        if (cf != null) {
            cf.driver().quit();
        }
        if (feedback != null) {
            feedback.close();
        }
        if (grid != null) {
            grid.stop();
        }
    }

    static Stream<Arguments> everyPageOnce() {
        List<DemoPage> pages = DemoSite.pages();
        return IntStream.range(0, pages.size()).mapToObj(i -> Arguments.of(pages.get(i),
                (pages.get(i).widget().ordinal() + pages.get(i).reaction().ordinal()) % 2 == 0));
    }

    @ParameterizedTest(name = "{0} with a good token: {1}")
    @MethodSource("everyPageOnce")
    void theVerdictAndTheFeedbackAreRightThroughTheGrid(DemoPage page, boolean good) throws Exception {
        SeleniumDemoSiteFlowTest.runFlow(cf, feedback, page, good);
    }
}
