package io.captchafeedback.playwright;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import io.captchafeedback.testkit.site.DemoPage;
import io.captchafeedback.testkit.browser.Chromium;
import io.captchafeedback.testkit.browser.InProcessGrid;
import io.captchafeedback.testkit.browser.PlaywrightChromium;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Playwright's own route to a Selenium Grid: {@code SELENIUM_REMOTE_URL} (and {@code SELENIUM_REMOTE_CAPABILITIES}
 * for the node's Chromium binary) in the environment of Playwright's driver process, set through
 * {@code Playwright.CreateOptions.setEnv}; {@code chromium().launch()} then asks the Grid for a session and
 * connects to its {@code se:cdp} endpoint. The demo flows give the verdicts and feedback they give locally.
 */
@Timeout(60)
class PlaywrightOnGridRemoteUrlTest {
    static DemoFixture fixture;
    static InProcessGrid grid;
    static Playwright playwright;
    static Browser browser;
    static BrowserContext context;

    @BeforeAll
    static void startGridAndBrowser() throws Exception {
        fixture = DemoFixture.startWithoutBrowser();
        grid = InProcessGrid.start(1);
        Map<String, String> env = new HashMap<>(PlaywrightChromium.createOptions().env);
        env.put("SELENIUM_REMOTE_URL", grid.url().toString());
        // replaces Playwright's own goog:chromeOptions (a shallow merge): the node's binary and headless arguments
        env.put("SELENIUM_REMOTE_CAPABILITIES", new ObjectMapper().writeValueAsString(Map.of(
                "goog:chromeOptions", Map.of("binary", Chromium.binary().toString(), "args", Chromium.headlessArguments()))));
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(env));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setHeadless(true));
        context = browser.newContext();
    }

    @AfterAll
    static void stopAll() {
        if (browser != null) {
            browser.close(); // ends the Grid session too
        }
        if (playwright != null) {
            playwright.close();
        }
        if (grid != null) {
            grid.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    @ParameterizedTest(name = "{0}, good token {1}")
    @MethodSource("io.captchafeedback.playwright.PlaywrightOnGridTest#aHandfulOfDemoFlows")
    void aFlowThroughSeleniumRemoteUrlGetsTheVerdictAndTheFeedbackItGetsLocally(DemoPage demo, boolean good) throws Exception {
        String status = HttpClient.newHttpClient().send(HttpRequest.newBuilder(grid.url().toURI().resolve("/status")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(status).as("the browser runs in a Grid session").contains("sessionId");
        PlaywrightOnGridTest.assertFlow(fixture, context, demo, good);
    }
}
