package io.captchafeedback.selenium;

import static org.assertj.core.api.Assertions.assertThat;

import io.captchafeedback.CaptchaFeedback;
import io.captchafeedback.task.CaptchaType;
import io.captchafeedback.task.Outcome;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.TaskVerdict;
import io.captchafeedback.CaptchaFeedbackConfig;
import io.captchafeedback.provider.ApiKey;
import io.captchafeedback.provider.ProviderSettings;
import io.captchafeedback.rule.Condition;
import io.captchafeedback.rule.RuleSet;
import io.captchafeedback.rule.Rules;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;

/** The decorator on a recording fake driver (no BiDi): what it adds to each call, and what it never does. */
class FeedbackDecoratorTest {

    static final String TOKEN = "P1_" + "x".repeat(40);
    RecordingDriver driver;
    CaptchaFeedback feedback;
    SeleniumCaptchaFeedback handle;
    final SolvedTask task = SolvedTask.builder("regotcha", "task_1", CaptchaType.RECAPTCHA_V2, TOKEN).build();

    @BeforeEach
    void wrapAFakeDriver() {
        driver = new RecordingDriver();
        CaptchaFeedbackConfig config = CaptchaFeedbackConfig.builder().environment(Map.of())
                .provider(new ProviderSettings("regotcha", "regotcha", ApiKey.of("k"), URI.create("http://127.0.0.1:9/regotcha"), null, Map.of()))
                .build();
        feedback = CaptchaFeedback.builder().config(config)
                .rules(Rules.of(RuleSet.builder("127.0.0.1").rule("ok", Condition.visible(".ok"), Outcome.ACCEPTED).build()))
                .outbox(Path.of("target", "outbox", UUID.randomUUID().toString())).build();
        handle = SeleniumCaptchaFeedback.attach(driver, feedback);
    }

    @AfterEach
    void close() {
        handle.close();
        feedback.close();
    }

    @Test
    void withNothingRegisteredEveryCallReachesTheDriverUnchangedAndNothingElseIsSent() {
        driver.scripts = s -> 1L;

        assertThat(handle.driver().getTitle()).isEqualTo("Login");
        assertThat(((JavascriptExecutor) handle.driver()).executeScript("return 1", "a")).isEqualTo(1L);

        assertThat(driver.calls).containsExactly("getTitle", "executeScript return 1");
        assertThat(handle.usesBiDi()).isFalse();
    }

    @Test
    void aRegisteredTokenInTheTestsOwnScriptIsTrackedBeforeTheScriptRuns() {
        feedback.register(task);
        String script = "document.querySelector('textarea').value = arguments[0]";

        ((JavascriptExecutor) handle.driver()).executeScript(script, TOKEN);

        assertThat(handle.pending()).singleElement().satisfies(p -> assertThat(p.task().taskId()).isEqualTo("task_1"));
        assertThat(driver.calls).as("the page URL, the widget hooks (no BiDi here), the test's script, one probe,"
                + " the look for child frames to probe (classic WebDriver)").hasSize(5);
        assertThat(driver.calls.get(0)).isEqualTo("getCurrentUrl");
        assertThat(driver.calls.get(1)).startsWith("executeScript // captcha-feedback widget hooks");
        assertThat(driver.calls.get(2)).isEqualTo("executeScript " + script);
        assertThat(driver.calls.get(3)).startsWith("executeScript return (function");
        assertThat(driver.calls.get(4)).isEqualTo("findElements By.cssSelector: iframe, frame");
    }

    @Test
    void aFailureInsideTheHooksNeverReachesTheTestsFlow() {
        feedback.register(task);
        driver.failCurrentUrl = true;
        driver.scripts = s -> "done";

        Object result = ((JavascriptExecutor) handle.driver()).executeScript("x = '" + TOKEN + "'");

        assertThat(result).isEqualTo("done");
        assertThat(handle.pending()).isEmpty();
    }

    @Test
    void aThrowingVerdictListenerIsLoggedAndTheOthersStillHearTheVerdict() {
        feedback.register(task);
        List<TaskVerdict> heard = new CopyOnWriteArrayList<>();
        handle.onVerdict(v -> {
            throw new IllegalStateException("listener bug");
        });
        handle.onVerdict(heard::add);
        ((JavascriptExecutor) handle.driver()).executeScript("return arguments[0]", TOKEN);

        handle.close();

        assertThat(heard).singleElement().satisfies(v -> assertThat(v.verdict().outcome()).isEqualTo(Outcome.UNKNOWN));
    }

    @Test
    void quitOnTheDecoratedDriverDecidesWhatIsPendingWithoutTouchingTheBrowserAgain() {
        feedback.register(task);
        ((JavascriptExecutor) handle.driver()).executeScript("return arguments[0]", TOKEN);
        int before = driver.calls.size();

        handle.driver().quit();

        assertThat(handle.pending()).isEmpty();
        assertThat(driver.calls.subList(before, driver.calls.size())).containsExactly("quit");
    }

    /** A driver that records every call and answers from fixed values. */
    static final class RecordingDriver implements WebDriver, JavascriptExecutor {
        final List<String> calls = new CopyOnWriteArrayList<>();
        Function<String, Object> scripts = s -> null;
        boolean failCurrentUrl;

        @Override
        public void get(String url) {
            calls.add("get " + url);
        }

        @Override
        public String getCurrentUrl() {
            calls.add("getCurrentUrl");
            if (failCurrentUrl) {
                throw new WebDriverException("session gone");
            }
            return "http://127.0.0.1/login";
        }

        @Override
        public String getTitle() {
            calls.add("getTitle");
            return "Login";
        }

        @Override
        public List<WebElement> findElements(By by) {
            calls.add("findElements " + by);
            return List.of();
        }

        @Override
        public WebElement findElement(By by) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String getPageSource() {
            return "";
        }

        @Override
        public void close() {
            calls.add("close");
        }

        @Override
        public void quit() {
            calls.add("quit");
        }

        @Override
        public Set<String> getWindowHandles() {
            return Set.of("w");
        }

        @Override
        public String getWindowHandle() {
            return "w";
        }

        @Override
        public TargetLocator switchTo() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Navigation navigate() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Options manage() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Object executeScript(String script, Object... args) {
            calls.add("executeScript " + script.lines().findFirst().orElse("").strip());
            return scripts.apply(script);
        }

        @Override
        public Object executeAsyncScript(String script, Object... args) {
            calls.add("executeAsyncScript " + script);
            return scripts.apply(script);
        }
    }
}
