package io.captchafeedback.samples.scraping;

import static org.assertj.core.api.Assertions.assertThat;

import io.captchafeedback.CaptchaFeedbackConfig;
import io.captchafeedback.provider.ProviderSettings;
import io.captchafeedback.testkit.site.DemoPage;
import io.captchafeedback.testkit.site.DemoSite;
import io.captchafeedback.testkit.emulator.ProviderEmulator;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The files the README's scraping command uses stay in step with the testkit: the configuration
 * reaches the emulator's uCaptcha with its key, every listed URL is a demo page, and the command passes
 * the rule file of every listed page's reaction.
 */
class ShippedScrapingFilesTest {
    static final Path DIR = Path.of("src/main/resources/scraping");

    @Test
    void theConfigurationPointsAtTheEmulatorsDefaultPortWithItsKey() {
        CaptchaFeedbackConfig config = CaptchaFeedbackConfig.builder()
                .file(DIR.resolve("captcha-feedback.yml")).environment(Map.of()).build();

        ProviderSettings ucaptcha = config.providers().get(0);
        assertThat(ucaptcha.id()).isEqualTo("ucaptcha");
        assertThat(ucaptcha.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:8089/ucaptcha"));
        try (ProviderEmulator emulator = ProviderEmulator.start()) {
            assertThat(ucaptcha.apiKey().reveal()).isEqualTo(emulator.apiKey("ucaptcha"));
        }
    }

    @Test
    void everyListedUrlIsADemoPageWhoseRuleFileTheReadmeCommandPasses() throws Exception {
        List<String> urls = Files.readAllLines(DIR.resolve("urls.txt")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        String readme = Files.readString(Path.of("README.md"));

        assertThat(urls).isNotEmpty();
        for (String url : urls) {
            assertThat(url).startsWith("http://127.0.0.1:8090/");
            DemoPage page = DemoSite.pages().stream().filter(p -> url.equals("http://127.0.0.1:8090" + p.path()))
                    .findFirst().orElseThrow(() -> new AssertionError(url + " is not a demo page"));
            assertThat(readme).contains("--rules samples/src/main/resources/rules/" + page.reaction().path() + ".yml");
        }
    }
}
