package io.captchafeedback.cucumber.steps;

import io.captchafeedback.cucumber.CaptchaScenario;
import io.captchafeedback.cucumber.selenium.SeleniumCaptchaScenario;
import io.cucumber.java.After;
import io.cucumber.java.Before;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.When;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/** The suite's own steps: what a user writes next to the captcha glue. */
public class SignInSteps {
    private WebDriver browser;
    private WebDriver driver;

    @Before
    public void openBrowser() {
        browser = SuiteWorld.borrow();
        driver = SeleniumCaptchaScenario.attach(browser);
    }

    @After
    public void releaseBrowser() {
        if (browser != null) {
            SuiteWorld.giveBack(browser);
        }
    }

    @Given("a solved {word} task {string} for the page {string} whose token is {word}")
    public void aSolvedTask(String widget, String name, String path, String token) {
        CaptchaScenario.current().remember(name, SuiteWorld.solve(widget, path, token));
    }

    @When("I open the page {string}")
    public void open(String path) {
        driver.get(SuiteWorld.site().url(path));
    }

    @When("I press {string}")
    public void press(String id) {
        driver.findElement(By.id(id)).click();
    }
}
