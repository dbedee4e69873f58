package io.captchafeedback.config;


import io.captchafeedback.CaptchaFeedbackConfig;
import io.captchafeedback.ConfigKey;
import static io.captchafeedback.config.ConfigFixtures.CAPSOLVER_KEY;
import static io.captchafeedback.config.ConfigFixtures.ROUTER_KEY;
import static io.captchafeedback.config.ConfigFixtures.UCAPTCHA_KEY;
import static io.captchafeedback.config.ConfigFixtures.environmentWith;
import static io.captchafeedback.config.ConfigFixtures.good;
import static io.captchafeedback.config.ConfigFixtures.isolated;
import static org.assertj.core.api.Assertions.assertThat;

import io.captchafeedback.provider.ApiKey;
import io.captchafeedback.provider.ProviderSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** builder &gt; system property &gt; environment &gt; file &gt; default, level by level and setting by setting. */
class PrecedenceTest {

    private static final String TIMEOUT_PROPERTY = "captchafeedback.providers.capsolver.timeout";
    private static final String TIMEOUT_ENV = "CAPTCHAFEEDBACK_PROVIDERS_CAPSOLVER_TIMEOUT";

    @Test
    void theDefaultTimeoutAppliesWhenNoLevelSetsOne() {
        ProviderSettings ucaptcha = isolated().file(good("one-provider.yml")).build().provider("ucaptcha").orElseThrow();

        assertThat(ucaptcha.timeout()).isEqualTo(ProviderSettings.DEFAULT_TIMEOUT).isEqualTo(Duration.ofSeconds(10));
        assertThat(ucaptcha.type()).as("type defaults to a built-in id").isEqualTo("ucaptcha");
        assertThat(ucaptcha.baseUrl()).isNull();
    }

    @Test
    void theFileOverridesTheDefault() {
        assertThat(timeout(Map.of(), Map.of(), null)).isEqualTo(Duration.ofMillis(2500));
    }

    @Test
    void theEnvironmentOverridesTheFile() {
        assertThat(timeout(Map.of(), Map.of(TIMEOUT_ENV, "3s"), null)).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void aSystemPropertyOverridesTheEnvironment() {
        assertThat(timeout(Map.of(TIMEOUT_PROPERTY, "4s"), Map.of(TIMEOUT_ENV, "3s"), null))
                .isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void theBuilderOverridesASystemProperty() {
        assertThat(timeout(Map.of(TIMEOUT_PROPERTY, "4s"), Map.of(TIMEOUT_ENV, "3s"), Duration.ofSeconds(5)))
                .isEqualTo(Duration.ofSeconds(5));
    }

    private static Duration timeout(Map<String, String> properties, Map<String, String> environment, Duration builder) {
        CaptchaFeedbackConfig.Builder b = isolated(properties, environmentWith(environment)).file(good("full.yml"));
        if (builder != null) {
            b.set(ConfigKey.providerTimeout("capsolver"), builder);
        }
        return b.build().provider("capsolver").orElseThrow().timeout();
    }

    @Test
    void everySettingFollowsTheSameOrder() {
        Map<String, String> properties = Map.of(
                "captchafeedback.providers.my-router.key", "key-from-property",
                "captchafeedback.providers.my-router.baseUrl", "https://property.example");
        Map<String, String> environment = environmentWith(Map.of(
                "CAPTCHAFEEDBACK_PROVIDERS_MY_ROUTER_KEY", "key-from-environment",
                "CAPTCHAFEEDBACK_PROVIDERS_MY_ROUTER_BASEURL", "https://environment.example",
                "CAPTCHAFEEDBACK_PROVIDERS_MY_ROUTER_TYPE", "GENERIC"));

        ProviderSettings router = isolated(properties, environment).file(good("full.yml"))
                .set(ConfigKey.providerKey("my-router"), ApiKey.of("key-from-builder"))
                .build().provider("my-router").orElseThrow();

        assertThat(router.apiKey()).isEqualTo(ApiKey.of("key-from-builder"));
        assertThat(router.baseUrl()).isEqualTo(URI.create("https://property.example"));
        assertThat(router.type()).as("environment over file").isEqualTo("generic");
        assertThat(router.timeout()).as("default").isEqualTo(ProviderSettings.DEFAULT_TIMEOUT);
        assertThat(router.options()).as("file").containsEntry("style", "valid");
    }

    @Test
    void anEnvironmentVariableBelongsToTheIdThatSpellsTheSameInTheEnvironment() {
        Map<String, String> environment = environmentWith(Map.of("CAPTCHAFEEDBACK_PROVIDERS_MY_ROUTER_KEY", "key-from-environment"));

        CaptchaFeedbackConfig config = isolated(Map.of(), environment).file(good("full.yml")).build();

        assertThat(config.providers()).extracting(ProviderSettings::id).containsExactly("ucaptcha", "capsolver", "my-router");
        assertThat(config.provider("my-router").orElseThrow().apiKey()).isEqualTo(ApiKey.of("key-from-environment"));
    }

    @Test
    void aProviderMayBeDefinedByTheEnvironmentAlone() {
        CaptchaFeedbackConfig config = isolated(Map.of(), Map.of(
                "CAPTCHAFEEDBACK_PROVIDERS_UCAPTCHA_KEY", UCAPTCHA_KEY,
                "CAPTCHAFEEDBACK_PROVIDERS_UCAPTCHA_BASEURL", "http://127.0.0.1:8089/ucaptcha",
                "CAPTCHAFEEDBACK_PROVIDERS_MY_ROUTER_TYPE", "generic",
                "CAPTCHAFEEDBACK_PROVIDERS_MY_ROUTER_KEY", ROUTER_KEY,
                "CAPTCHAFEEDBACK_PROVIDERS_MY_ROUTER_BASEURL", "https://router.example")).build();

        assertThat(config.providers()).containsExactly(
                new ProviderSettings("my_router", "generic", ApiKey.of(ROUTER_KEY), URI.create("https://router.example"),
                        null, Map.of()),
                new ProviderSettings("ucaptcha", "ucaptcha", ApiKey.of(UCAPTCHA_KEY),
                        URI.create("http://127.0.0.1:8089/ucaptcha"), null, Map.of()));
        assertThat(config.file()).isEmpty();
    }

    @Test
    void aFileMayNameAProviderWhoseSettingsAllComeFromOtherLevels(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("names-only.yml"), "providers:\n  capmonster:\n");

        CaptchaFeedbackConfig config = isolated(Map.of(), Map.of("CAPTCHAFEEDBACK_PROVIDERS_CAPMONSTER_KEY", CAPSOLVER_KEY))
                .file(file).build();

        assertThat(config.providers()).containsExactly(ProviderSettings.of("capmonster", "capmonster", ApiKey.of(CAPSOLVER_KEY)));
    }

    @Test
    void aProviderMayBeDefinedBySystemPropertiesAlone() {
        CaptchaFeedbackConfig config = isolated(Map.of(
                "captchafeedback.providers.main.type", "capsolver",
                "captchafeedback.providers.main.key", CAPSOLVER_KEY,
                "captchafeedback.providers.main.timeout", "750ms"), Map.of()).build();

        assertThat(config.providers()).containsExactly(
                new ProviderSettings("main", "capsolver", ApiKey.of(CAPSOLVER_KEY), null, Duration.ofMillis(750), Map.of()));
    }

    @Test
    void builderSettingsWinOverABuilderProviderAndItsUnsetBaseUrlLeavesTheFileOne() {
        ProviderSettings ucaptcha = isolated().file(good("full.yml"))
                .set(ConfigKey.providerTimeout("ucaptcha"), Duration.ofSeconds(1))
                .provider(new ProviderSettings("ucaptcha", "ucaptcha", ApiKey.of("key-from-builder"), null,
                        Duration.ofSeconds(30), Map.of()))
                .build().provider("ucaptcha").orElseThrow();

        assertThat(ucaptcha.apiKey()).isEqualTo(ApiKey.of("key-from-builder"));
        assertThat(ucaptcha.timeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(ucaptcha.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:8089/ucaptcha"));
        assertThat(ucaptcha.options()).isEmpty();
    }

    @Test
    void builderOptionsAreLaidOverTheFileOptions() {
        ProviderSettings router = isolated().file(good("full.yml"))
                .provider(new ProviderSettings("my-router", "generic", ApiKey.of(ROUTER_KEY), null, null,
                        Map.of("style", "invalid", "window", "24h")))
                .build().provider("my-router").orElseThrow();

        assertThat(router.options()).isEqualTo(Map.of("style", "invalid", "window", "24h"));
        assertThat(router.baseUrl()).isEqualTo(URI.create("https://router.example"));
    }

    @Test
    void theFileIsNamedByTheBuilderThenASystemPropertyThenTheEnvironment() {
        Path full = good("full.yml");
        Path json = good("full.json");
        Path one = good("one-provider.yml");
        Map<String, String> property = Map.of("captchafeedback.config", json.toString());
        Map<String, String> environment = environmentWith(Map.of("CAPTCHAFEEDBACK_CONFIG", one.toString()));

        assertThat(isolated(property, environment).file(full).build().file()).contains(full);
        assertThat(isolated(property, environment).set(ConfigKey.CONFIG_FILE, full).build().file()).contains(full);
        assertThat(isolated(property, environment).build().file()).contains(json);
        assertThat(isolated(Map.of(), environment).build().file()).contains(one);
    }

    @Test
    void theRealSystemPropertiesAreReadWhenNoneAreInjected() {
        String name = "captchafeedback.providers.from-jvm.key";
        System.setProperty(name, "key-from-jvm");
        try {
            CaptchaFeedbackConfig config = CaptchaFeedbackConfig.builder()
                    .environment(Map.of())
                    .set(ConfigKey.providerType("from-jvm"), "nextcaptcha")
                    .build();
            assertThat(config.provider("from-jvm").orElseThrow().apiKey()).isEqualTo(ApiKey.of("key-from-jvm"));
        } finally {
            System.clearProperty(name);
        }
    }

    @Test
    void injectedPropertiesAreCopiedWhenGiven() {
        Properties properties = new Properties();
        properties.setProperty("captchafeedback.providers.ucaptcha.key", UCAPTCHA_KEY);
        CaptchaFeedbackConfig.Builder builder = CaptchaFeedbackConfig.builder().environment(new HashMap<>())
                .systemProperties(properties);
        properties.setProperty("captchafeedback.providers.ucaptcha.timeout", "not a duration");

        assertThat(builder.build().provider("ucaptcha").orElseThrow().timeout()).isEqualTo(ProviderSettings.DEFAULT_TIMEOUT);
    }
}
