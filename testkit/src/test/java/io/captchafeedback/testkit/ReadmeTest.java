package io.captchafeedback.testkit;


import io.captchafeedback.testkit.emulator.ProviderEmulator;
import io.captchafeedback.testkit.site.DemoReaction;
import io.captchafeedback.testkit.site.DemoWidget;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README documents every page, reaction, widget and provider the code has. */
class ReadmeTest {
    private static String readme() throws IOException {
        return Files.readString(Path.of("README.md"));
    }

    @Test
    void everyReactionHasARowWithItsPathAndVerdicts() throws IOException {
        String readme = readme();
        for (DemoReaction r : DemoReaction.values()) {
            assertThat(readme).contains("| `" + r.path() + "` |");
            assertThat(readme).contains(r.expectedOutcome(true) + " / " + r.expectedOutcome(false));
        }
    }

    @Test
    void everyWidgetHasARowWithItsScriptAndField() throws IOException {
        String readme = readme();
        for (DemoWidget w : DemoWidget.values()) {
            assertThat(readme).contains("| `" + w.path() + "` |", "`" + w.script(), "`" + w.responseField() + "`");
        }
    }

    @Test
    void everyEmulatedProviderIsDocumented() throws IOException {
        String readme = readme();
        for (String provider : ProviderEmulator.providers()) {
            assertThat(readme).contains("| `" + provider + "` |");
        }
    }
}
