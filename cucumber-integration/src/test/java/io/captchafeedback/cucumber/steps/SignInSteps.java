package io.captchafeedback.cucumber.steps;

import io.captchafeedback.SolvedTask;
import io.captchafeedback.cucumber.CaptchaScenario;
import io.captchafeedback.cucumber.selenium.SeleniumCaptchaScenario;
import io.captchafeedback.testkit.DemoWidget;
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
        DemoWidget demoWidget = DemoWidget.valueOf(widget);
        SolvedTask task = SuiteWorld.emulator.solve("regotcha", demoWidget.captchaType(), SuiteWorld.site.url(path), demoWidget.siteKey());
        if (token.equals("bad")) {
            SuiteWorld.emulator.markBad(task.taskId());
        }
        CaptchaScenario.current().remember(name, task);
        SuiteWorld.TASK_OF_SCENARIO.put(CaptchaScenario.current().scenario().getName(), task.taskId());
    }

    @When("I open the page {string}")
    public void open(String path) {
        driver.get(SuiteWorld.site.url(path));
    }

    @When("I press {string}")
    public void press(String id) {
        driver.findElement(By.id(id)).click();
    }
}
