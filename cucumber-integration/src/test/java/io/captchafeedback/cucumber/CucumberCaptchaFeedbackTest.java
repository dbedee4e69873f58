package io.captchafeedback.cucumber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.captchafeedback.CaptchaFeedback;
import io.captchafeedback.testkit.emulator.ProviderEmulator;
import io.captchafeedback.testkit.TestkitExtension;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.engine.TestExecutionResult;

@ExtendWith(TestkitExtension.class)
@Timeout(60)
class CucumberCaptchaFeedbackTest {

    @AfterEach
    void forget() {
        CucumberCaptchaFeedback.reset();
        CucumberCaptchaFeedback.close();
        System.clearProperty(CucumberCaptchaFeedback.CONFIG_PROPERTY);
        System.clearProperty(CucumberCaptchaFeedback.FACTORY_PROPERTY);
    }

    @Test
    void withoutAnyConfigurationTheErrorSaysHowToGiveOne() {
        assertThatThrownBy(CucumberCaptchaFeedback::instance)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CucumberCaptchaFeedback.configure")
                .hasMessageContaining(CucumberCaptchaFeedback.CONFIG_PROPERTY)
                .hasMessageContaining(CucumberCaptchaFeedback.FACTORY_PROPERTY);
    }

    @Test
    void aMissingConfigurationFileIsNamed() {
        System.setProperty(CucumberCaptchaFeedback.CONFIG_PROPERTY, "no/such/captcha-feedback.yml");
        assertThatThrownBy(CucumberCaptchaFeedback::instance)
                .hasMessageContaining("no/such/captcha-feedback.yml").hasMessageContaining("does not exist");
    }

    @Test
    void aFactoryPropertyNamingTheWrongClassIsNamed() {
        System.setProperty(CucumberCaptchaFeedback.FACTORY_PROPERTY, "java.lang.String");
        assertThatThrownBy(CucumberCaptchaFeedback::instance)
                .hasMessageContaining("java.lang.String").hasMessageContaining("is not a io.captchafeedback.junit.CaptchaFeedbackFactory");
        System.setProperty(CucumberCaptchaFeedback.FACTORY_PROPERTY, "com.example.Missing");
        assertThatThrownBy(CucumberCaptchaFeedback::instance).hasMessageContaining("com.example.Missing, which is not on the class path");
    }

    @Test
    void aFailingFactoryIsNamedWithItsReason() {
        CucumberCaptchaFeedback.configure(() -> {
            throw new IllegalArgumentException("no key in the vault");
        });
        assertThatThrownBy(CucumberCaptchaFeedback::instance).hasMessageContaining("failed: no key in the vault");
    }

    @Test
    void theRunSharesOneInstanceUntilItIsClosed(ProviderEmulator emulator) {
        CucumberCaptchaFeedback.configure(() -> CucumberRun.emulatorFeedback(emulator));
        CaptchaFeedback first = CucumberCaptchaFeedback.instance();
        assertThat(CucumberCaptchaFeedback.instance()).isSameAs(first);
        CucumberCaptchaFeedback.close();
        assertThat(CucumberCaptchaFeedback.instance()).isNotSameAs(first);
    }

    @Test
    void aNegativeVerdictTimeoutIsRefusedAndTheDefaultsAreOffAndFifteenSeconds() {
        assertThatThrownBy(() -> CucumberCaptchaFeedback.verdictTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(CucumberCaptchaFeedback.failsOnRejectedCaptcha()).isFalse();
        assertThat(CucumberCaptchaFeedback.verdictTimeoutValue()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void mistakesInASuiteFailTheirScenarioWithAClearMessage(ProviderEmulator emulator) {
        CucumberCaptchaFeedback.configure(() -> CucumberRun.emulatorFeedback(emulator));
        CucumberCaptchaFeedback.verdictTimeout(Duration.ofSeconds(1));

        CucumberRun run = CucumberRun.run(CucumberRun.GLUE_ONLY, false, "mistakes.feature");

        assertThat(run.results).hasSize(3);
        assertThat(run.results.values()).allSatisfy(r -> assertThat(r.getStatus()).isEqualTo(TestExecutionResult.Status.FAILED));
        assertThat(run.results.get("a verdict asked for before any injection").getThrowable()).get().asString()
                .contains("no captcha token was injected in scenario 'a verdict asked for before any injection' yet");
        assertThat(run.results.get("a verdict that does not exist").getThrowable()).get().asString()
                .contains("'GREAT' is not a captcha verdict; one of [ACCEPTED");
        assertThat(run.results.get("a task nobody remembered").getThrowable()).get().asString()
                .contains("no captcha task named 'login'", "remember(\"login\", task)");
    }
}
