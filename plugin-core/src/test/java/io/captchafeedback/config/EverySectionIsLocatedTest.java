package io.captchafeedback.config;


import io.captchafeedback.CaptchaFeedbackConfig;
import static io.captchafeedback.config.ConfigFixtures.isolated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.captchafeedback.provider.ApiKey;
import io.captchafeedback.provider.ProviderSettings;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mistake in any section of the file fails loading with the file, line, column and key path of the
 * mistake: provider settings, each adapter's {@code options} (built-in and third-party adapters), the
 * {@code reporter} section at every depth, the {@code rules} section, and unknown top-level keys.
 */
class EverySectionIsLocatedTest {

    @TempDir
    Path dir;

    /** A provider, so that the other sections are what a test is about. */
    private static final String UCAPTCHA = """
            providers:
              ucaptcha:
                key: ucaptcha-key-0001
            """;

    private Path file(String yaml) throws IOException {
        return Files.writeString(dir.resolve("captcha-feedback.yml"), yaml);
    }

    private static ConfigException failure(CaptchaFeedbackConfig.Builder builder) {
        ConfigException e = catchThrowableOfType(builder::build, ConfigException.class);
        assertThat(e).as("loading must fail").isNotNull();
        return e;
    }

    private static void assertLocated(ConfigException e, Path file, int line, int column, String path, String problem) {
        assertThat(e.source()).isEqualTo(file.toString());
        assertThat(e.line()).as("line").isEqualTo(line);
        assertThat(e.column()).as("column").isEqualTo(column);
        assertThat(e.path()).isEqualTo(path);
        assertThat(e.getMessage()).isEqualTo(file + ":" + line + ":" + column + ": " + path + ": " + problem);
    }

    @Test
    void aBadValueOfABuiltInAdaptersOptionIsLocatedAtTheValue() throws IOException {
        Path file = file("""
                providers:
                  router:
                    type: generic
                    key: router-key-0001
                    baseUrl: https://router.example
                    options: { style: valid, window: soon }
                """);

        assertLocated(failure(isolated().file(file)), file, 6, 38, "providers.router.options.window",
                "expected a positive duration such as 60s, 15m, 24h or PT24H, got 'soon'");
    }

    @Test
    void anOptionABuiltInAdapterDoesNotTakeIsLocatedAtItsName() throws IOException {
        Path file = file("""
                providers:
                  capsolver:
                    key: capsolver-key-0001
                    options:
                      appid: 1234-abcd
                """);

        assertLocated(failure(isolated().file(file)), file, 5, 7, "providers.capsolver.options.appid",
                "unknown option 'appid' (did you mean 'appId'?); expected one of: appId");
    }

    @Test
    void aBadOptionOfAThirdPartyAdapterIsLocatedToo() throws IOException {
        Path file = file("""
                providers:
                  acme:
                    type: acme-captcha
                    key: acme-key-0001
                    options:
                      region: mars
                """);
        URL thirdParty = getClass().getResource("/config/third-party/");
        ClassLoader loader = new URLClassLoader(new URL[] {thirdParty}, getClass().getClassLoader());

        assertLocated(failure(isolated().classLoader(loader).file(file)), file, 6, 15, "providers.acme.options.region",
                "expected eu or us, got 'mars'");
    }

    @Test
    void anOptionSetInTheBuilderIsNamedAsTheBuildersEvenWhenTheFileHasTheProvider() throws IOException {
        Path file = file("""
                providers:
                  router:
                    type: generic
                    key: router-key-0001
                    baseUrl: https://router.example
                """);

        ConfigException e = failure(isolated().file(file).provider(new ProviderSettings("router", "generic",
                ApiKey.of("router-key-0001"), URI.create("https://router.example"), null, Map.of("style", "bogus"))));

        assertThat(e.getMessage()).isEqualTo("builder: providers.router.options.style: unknown value 'bogus';"
                + " expected one of: invalid, valid");
    }

    @Test
    void aBadProviderSettingIsLocated() throws IOException {
        Path file = file(UCAPTCHA + """
                    timout: 10s
                """);

        assertLocated(failure(isolated().file(file)), file, 4, 5, "providers.ucaptcha.timout",
                "unknown key 'timout' (did you mean 'timeout'?); expected one of: baseUrl, key, options, timeout, type");
    }

    @Test
    void anUnknownReporterKeyIsLocatedWithASuggestion() throws IOException {
        Path file = file(UCAPTCHA + """
                reporter:
                  closeTimeout: 5s
                  groupComit: 5ms
                """);

        ConfigException e = failure(isolated().file(file));

        assertThat(e.line()).isEqualTo(6);
        assertThat(e.column()).isEqualTo(3);
        assertThat(e.path()).isEqualTo("reporter.groupComit");
        assertThat(e.problem()).startsWith("unknown key 'groupComit' (did you mean 'groupCommit'?); expected one of:");
    }

    @Test
    void aBadNestedReporterValueIsLocated() throws IOException {
        Path file = file(UCAPTCHA + """
                reporter:
                  retry:
                    jitter: 2
                """);

        assertLocated(failure(isolated().file(file)), file, 6, 13, "reporter.retry.jitter",
                "expected a number from 0.0 to 1.0, got 2");
    }

    @Test
    void aRuleSetWithoutASiteIsLocatedWhenTheConfigurationIsLoaded() throws IOException {
        Path file = file(UCAPTCHA + """
                rules:
                  - include: [defaults]
                    rules:
                      - name: thanks
                        when: { url: "**/thanks" }
                        verdict: ACCEPTED
                """);

        assertLocated(failure(isolated().file(file)), file, 5, 5, "rules[0]", "missing required key 'site'");
    }

    @Test
    void aBadRuleDeepInTheRulesSectionIsLocated() throws IOException {
        Path file = file("""
                rules:
                  - site: shop.example
                    rules:
                      - name: thanks
                        when: { url: "**/thanks" }
                        verdict: ACCEPT
                """);

        assertLocated(failure(isolated().file(file)), file, 6, 18, "rules[0].rules[0].verdict",
                "unknown value 'ACCEPT' (did you mean 'ACCEPTED'?); expected one of: ACCEPTED, REJECTED_CAPTCHA, REJECTED_OTHER");
    }

    @Test
    void anUnknownSectionIsRefusedAtItsKeyWithASuggestion() throws IOException {
        Path file = file(UCAPTCHA + """
                reporters:
                  dryRun: true
                """);

        assertLocated(failure(isolated().file(file)), file, 4, 1, "reporters",
                "unknown key 'reporters' (did you mean 'reporter'?); expected one of: providers, reporter, rules");
    }

    @Test
    void theDetectionSectionIsRefusedSayingWhereItsSettingsLive() throws IOException {
        Path file = file(UCAPTCHA + """
                detection:
                  enabled: true
                """);

        ConfigException e = failure(isolated().file(file));

        assertThat(e.getMessage()).startsWith(file + ":4:1: detection: unknown key 'detection'");
        assertThat(e.problem()).contains("timeout:", "settle:", "docs/rules.md");
    }
}
