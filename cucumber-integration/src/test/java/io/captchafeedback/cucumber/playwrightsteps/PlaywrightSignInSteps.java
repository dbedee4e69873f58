package io.captchafeedback.cucumber.playwrightsteps;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.captchafeedback.cucumber.CaptchaScenario;
import io.captchafeedback.cucumber.playwright.PlaywrightCaptchaScenario;
import io.captchafeedback.cucumber.steps.SuiteWorld;
import io.captchafeedback.testkit.browser.PlaywrightChromium;
import io.cucumber.java.After;
import io.cucumber.java.Before;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.When;

/** The same suite's steps on Playwright: one browser for the run (scenarios run one after another). */
public class PlaywrightSignInSteps {
    private static Playwright playwright;
    private static Browser browser;
    private Page page;

    @Before
    public void openPage() {
        if (browser == null) {
            playwright = Playwright.create(PlaywrightChromium.createOptions());
            browser = PlaywrightChromium.launch(playwright);
        }
        page = browser.newPage();
        PlaywrightCaptchaScenario.attach(page);
    }

    @After
    public void closePage() {
        if (page != null) {
            page.close();
        }
    }

    /** Closes the browser the Playwright runs shared. */
    public static void closeBrowser() {
        if (playwright != null) {
            playwright.close();
        }
        playwright = null;
        browser = null;
    }

    @Given("a solved {word} task {string} for the page {string} whose token is {word}")
    public void aSolvedTask(String widget, String name, String path, String token) {
        CaptchaScenario.current().remember(name, SuiteWorld.solve(widget, path, token));
    }

    @When("I open the page {string}")
    public void open(String path) {
        page.navigate(SuiteWorld.site().url(path));
    }

    @When("I press {string}")
    public void press(String id) {
        page.click("#" + id);
    }
}
