package io.captchafeedback.testkit.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;

class SystemChromiumTest {

    @Test
    void seleniumStartsTheSystemChromiumHeadlessAndRunsScript() {
        ChromeDriver driver = SeleniumChromium.start();
        try {
            driver.get("data:text/html,<title>hello</title><p id=x>ok</p>");
            assertThat(driver.getTitle()).isEqualTo("hello");
            assertThat(driver.executeScript("return navigator.webdriver")).isEqualTo(true);
        } finally {
            driver.quit();
        }
    }

    @Test
    void playwrightLaunchesTheSystemChromiumWithoutDownloadingABrowser() {
        try (Playwright playwright = Playwright.create(PlaywrightChromium.createOptions());
                Browser browser = PlaywrightChromium.launch(playwright)) {
            Page page = browser.newPage();
            page.setContent("<title>hello</title><p id=x>ok</p>");
            assertThat(page.title()).isEqualTo("hello");
            assertThat(page.textContent("#x")).isEqualTo("ok");
        }
    }
}
