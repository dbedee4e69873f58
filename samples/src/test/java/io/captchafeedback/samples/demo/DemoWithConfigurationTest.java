package io.captchafeedback.samples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.captchafeedback.task.Outcome;
import io.captchafeedback.testkit.emulator.ProviderEmulator;
import io.captchafeedback.testkit.emulator.ReceivedFeedback;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code --config}: the feedback goes to the providers, keys and endpoints of the user's file. A second
 * provider emulator started here plays the real providers, with keys of its own: the demo must call it
 * (not its own emulator) with those keys, and show its answers, which say it does not know the tasks.
 */
class DemoWithConfigurationTest {

    static final String ANTICAPTCHA_KEY = "real-anticaptcha-key-0001";
    static final String UCAPTCHA_KEY = "real-ucaptcha-key-0002";

    static ProviderEmulator real;

    @BeforeAll
    static void startTheRealProviders() {
        real = ProviderEmulator.builder().apiKey("anticaptcha", ANTICAPTCHA_KEY).apiKey("ucaptcha", UCAPTCHA_KEY).start();
    }

    @AfterAll
    static void stopTheRealProviders() {
        if (real != null) {
            real.close();
        }
    }

    static Path configFile(String anticaptchaKey) throws IOException {
        Path dir = Files.createDirectories(DemoRuns.reportDir());
        Path file = dir.resolve("captcha-feedback.yml");
        Files.writeString(file, """
                providers:
                  anticaptcha:
                    key: %s
                    baseUrl: %s
                  my-ucaptcha:
                    type: ucaptcha
                    key: %s
                    baseUrl: %s
                """.formatted(anticaptchaKey, real.baseUrl("anticaptcha"), UCAPTCHA_KEY, real.baseUrl("ucaptcha")));
        return file;
    }

    @Test
    void sendsTheDueFeedbackToTheConfiguredProvidersWithTheirKeysAndShowsTheirAnswers() throws IOException {
        real.reset();
        Path config = configFile(ANTICAPTCHA_KEY);
        DemoRuns.Captured run = DemoRuns.run("--non-interactive", "--engines", "playwright",
                "--pages", "*/redirect,*/wrong-password", "--config", config.toString(),
                "--report-dir", config.getParent().toString());

        assertThat(run.result().exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("do not know the tasks").contains("All 24 rows as expected");
        List<Row> rows = run.result().rows();
        assertThat(rows).hasSize(24);
        assertThat(rows.stream().map(r -> r.flow().provider()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("anticaptcha", "my-ucaptcha");

        // due: every verdict about the captcha at my-ucaptcha; at Anti-Captcha only complaints about reCAPTCHA and hCaptcha
        List<Row> due = rows.stream().filter(r -> r.verdict().sendsFeedback() && (r.flow().provider().equals("my-ucaptcha")
                || r.verdict() == Outcome.REJECTED_CAPTCHA && !Set.of("turnstile", "funcaptcha")
                        .contains(r.flow().page().widget().path()))).toList();
        assertThat(due).isNotEmpty();
        List<ReceivedFeedback> received = real.feedback();
        assertThat(received.stream().map(ReceivedFeedback::taskId))
                .containsExactlyInAnyOrderElementsOf(due.stream().map(r -> r.task().taskId()).toList());
        // the keys were accepted: the answer is about the task, not the key
        assertThat(received).allSatisfy(f -> {
            assertThat(f.recorded()).isFalse();
            assertThat(f.errorCode()).isEqualTo("ERROR_NO_SUCH_CAPCHA_ID");
        });
        for (Row row : due) {
            assertThat(row.answer()).as("%s", row).contains("ERROR_NO_SUCH_CAPCHA_ID");
        }
        assertThat(run.out()).contains("ERROR_NO_SUCH_CAPCHA_ID");
        assertThat(run.result().emulatorFeedback()).as("the demo's own emulator got nothing").isEmpty();
    }

    @Test
    void aKeyTheProviderRefusesShowsInTheTableAndFailsTheSelfCheck() throws IOException {
        real.reset();
        Path config = configFile("a-key-the-provider-does-not-know");
        DemoRuns.Captured run = DemoRuns.run("--non-interactive", "--engines", "selenium", "--parallel", "1",
                "--pages", "recaptcha-v2/redirect,recaptcha-v2/inline-error,hcaptcha/redirect", "--config", config.toString(),
                "--report-dir", config.getParent().toString());

        assertThat(run.result().exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).contains("ERROR_KEY_DOES_NOT_EXIST").contains("NOT as expected").contains("WRONG");
        assertThat(run.out() + run.err()).doesNotContain("a-key-the-provider-does-not-know");
        // one call with the refused key, then the provider is disabled and the rest stays in the outbox
        assertThat(real.feedback().stream().filter(f -> f.provider().equals("anticaptcha")))
                .singleElement().satisfies(f -> assertThat(f.errorCode()).isEqualTo("ERROR_KEY_DOES_NOT_EXIST"));
        assertThat(run.result().rows().stream().filter(r -> !r.ok()))
                .singleElement().satisfies(r -> assertThat(r.problem()).contains("no answer from the provider (KEPT)"));
    }
}
