package io.captchafeedback.config;


import io.captchafeedback.CaptchaFeedbackConfig;
import static io.captchafeedback.config.ConfigFixtures.good;
import static io.captchafeedback.config.ConfigFixtures.isolated;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example in docs/configuration.md is a valid file and means what the test files mean. */
class DocumentedExampleTest {

    private static final Path DOC = Path.of("..", "docs", "configuration.md");

    @Test
    void theDocumentedFileLoadsToTheSameProvidersAsTheFullTestFile(@TempDir Path dir) throws IOException {
        String doc = Files.readString(DOC);
        int start = doc.indexOf("```yaml\n");
        assertThat(start).as("a yaml block in %s", DOC).isNotNegative();
        String yaml = doc.substring(start + "```yaml\n".length(), doc.indexOf("```", start + 7));
        Path file = Files.writeString(dir.resolve("captcha-feedback.yml"), yaml);

        CaptchaFeedbackConfig documented = isolated().file(file).build();

        assertThat(documented.providers()).isEqualTo(isolated().file(good("full.yml")).build().providers());
        assertThat(documented.section("rules")).isPresent();
        assertThat(documented.section("reporter")).isPresent();
    }
}
