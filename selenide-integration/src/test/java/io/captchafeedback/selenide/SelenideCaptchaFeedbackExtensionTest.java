package io.captchafeedback.selenide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.codeborne.selenide.Selenide;
import io.captchafeedback.CaptchaFeedback;
import io.captchafeedback.junit.CaptchaFeedbackConfiguration;
import io.captchafeedback.testkit.site.DemoReaction;
import io.captchafeedback.testkit.emulator.ReceivedFeedback;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs a Selenide suite under JUnit 5 through the JUnit Launcher; Selenide opens the headless Chromium itself,
 * with the library's listener added before: the emulator gets exactly the due feedback and the refused token
 * fails its test.
 */
@Timeout(value = 100, unit = TimeUnit.SECONDS)
class SelenideCaptchaFeedbackExtensionTest extends DemoWorld {

    @AfterAll
    static void closeBrowser() {
        Selenide.closeWebDriver();
    }

    @Test
    void aSelenideSuiteReportsEachTokenOnceAndFailsTheTestWhoseTokenWasRefused() {
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(SelenideSuite.class)).build(), listener);
        TestExecutionSummary summary = listener.getSummary();

        assertThat(summary.getTestsStartedCount()).isEqualTo(4);
        assertThat(summary.getFailures()).singleElement().satisfies(f -> {
            assertThat(f.getTestIdentifier().getDisplayName()).startsWith("refusedToken");
            assertThat(f.getException()).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("the site refused the captcha token: task " + SignInSteps.used.get("refusedToken").key());
        });
        assertThat(feedbackFor("goodToken")).singleElement().satisfies(f -> assertThat(f.positive()).isTrue());
        assertThat(feedbackFor("refusedToken")).singleElement().satisfies(f -> assertThat(f.positive()).isFalse());
        assertThat(feedbackFor("wrongPassword")).as("not the captcha's fault: nothing reported").isEmpty();
        assertThat(feedbackFor("ownScript")).as("a token put in by the test's own script").singleElement()
                .satisfies(f -> assertThat(f.positive()).isTrue());
        assertThat(DemoWorld.emulator.feedback()).hasSize(3);
    }

    static List<ReceivedFeedback> feedbackFor(String test) {
        return DemoWorld.emulator.feedbackFor("regotcha", SignInSteps.used.get(test).taskId());
    }

    /** The suite as a user writes it (run by the test above, not directly). */
    @ExtendWith(SelenideCaptchaFeedbackExtension.class)
    @CaptchaFeedbackConfiguration(factory = DemoWorld.Factory.class, failOnRejectedCaptcha = true, verdictTimeoutMillis = 8000)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class SelenideSuite {
        @Test
        @Order(1)
        void goodToken() {
            SignInSteps.signIn("goodToken", DemoReaction.INLINE_ERROR, true);
        }

        @Test
        @Order(2)
        void refusedToken() {
            SignInSteps.signIn("refusedToken", DemoReaction.INLINE_ERROR, false);
        }

        @Test
        @Order(3)
        void wrongPassword() {
            SignInSteps.signIn("wrongPassword", DemoReaction.WRONG_PASSWORD, true);
        }

        @Test
        @Order(4)
        void ownScript(CaptchaFeedback feedback) {
            assertThat(feedback).isNotNull();
            SignInSteps.ownScript("ownScript");
        }
    }
}
