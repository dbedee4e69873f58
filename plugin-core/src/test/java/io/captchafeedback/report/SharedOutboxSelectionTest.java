package io.captchafeedback.report;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.captchafeedback.CaptchaFeedback;
import io.captchafeedback.CaptchaFeedbackConfig;
import io.captchafeedback.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@code reporter.outbox} chooses a shared outbox by URL, without the database module on the class path. */
class SharedOutboxSelectionTest {

    @TempDir
    Path dir;

    @Test
    void aJdbcOutboxWithoutItsModuleOnTheClassPathIsAClearErrorNamingTheModule() throws Exception {
        Path file = config("""
                reporter:
                  outbox: jdbc:postgresql://db.internal:5432/app?password=s3cret-pw
                """);
        assertThatThrownBy(() -> CaptchaFeedback.create(CaptchaFeedbackConfig.builder().environment(Map.of()).file(file).build()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("io.captchafeedback:postgres-outbox")
                .hasMessageNotContaining("s3cret-pw");
    }

    @Test
    void outboxUserWithADirectoryOutboxIsALocatedConfigurationError() throws Exception {
        Path file = config("""
                reporter:
                  outbox: build/outbox
                  outboxUser: app
                """);
        assertThatThrownBy(() -> CaptchaFeedbackConfig.builder().environment(Map.of()).file(file).build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("reporter.outboxUser")
                .hasMessageContaining("only for a shared outbox");
    }

    private Path config(String reporter) throws Exception {
        Path file = dir.resolve("captcha-feedback.yml");
        Files.writeString(file, """
                providers:
                  ucaptcha:
                    key: k
                """ + reporter);
        return file;
    }
}
