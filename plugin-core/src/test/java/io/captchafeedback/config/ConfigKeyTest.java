package io.captchafeedback.config;


import io.captchafeedback.CaptchaFeedbackConfig;
import io.captchafeedback.ConfigKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.captchafeedback.provider.ApiKey;
import io.captchafeedback.provider.ProviderSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConfigKeyTest {

    @Test
    void aProviderKeyHasAPropertyNameAndItsEnvironmentSpelling() {
        ConfigKey<URI> key = ConfigKey.providerBaseUrl("my-router");

        assertThat(key.name()).isEqualTo("captchafeedback.providers.my-router.baseUrl");
        assertThat(key.environmentName()).isEqualTo("CAPTCHAFEEDBACK_PROVIDERS_MY_ROUTER_BASEURL");
        assertThat(key.type()).isEqualTo(URI.class);
        assertThat(key.defaultValue()).isEmpty();
        assertThat(key.description()).contains("http");
    }

    @Test
    void theTimeoutDefaultsToTenSeconds() {
        assertThat(ConfigKey.providerTimeout("ucaptcha").defaultValue()).contains(ProviderSettings.DEFAULT_TIMEOUT);
    }

    @Test
    void theConfigFileKeyIsGlobal() {
        assertThat(ConfigKey.CONFIG_FILE.name()).isEqualTo("captchafeedback.config");
        assertThat(ConfigKey.CONFIG_FILE.environmentName()).isEqualTo("CAPTCHAFEEDBACK_CONFIG");
        assertThat(ConfigKey.CONFIG_FILE.parse("test", "conf/cf.yml")).isEqualTo(Path.of("conf/cf.yml"));
    }

    @Test
    void valuesWrittenAsTextAreParsedToTheirType() {
        assertThat(ConfigKey.providerTimeout("u").parse("test", "1500ms")).isEqualTo(Duration.ofMillis(1500));
        assertThat(ConfigKey.providerKey("u").parse("test", "abc")).isEqualTo(ApiKey.of("abc"));
        assertThat(ConfigKey.providerType("u").parse("test", "ReGotcha")).isEqualTo("regotcha");
        assertThat(ConfigKey.providerBaseUrl("u").parse("test", "https://x.example/api"))
                .isEqualTo(URI.create("https://x.example/api"));
    }

    @Test
    void aBadValueNamesTheSourceGiven() {
        assertThatThrownBy(() -> ConfigKey.providerTimeout("u").parse("system property x", "-5s"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("system property x: expected a positive duration such as 10s, 500ms, 2m or PT10S, got '-5s'");
    }

    @Test
    void keysAreEqualByName() {
        assertThat(ConfigKey.providerKey("u")).isEqualTo(ConfigKey.providerKey("u"))
                .hasSameHashCodeAs(ConfigKey.providerKey("u"))
                .isNotEqualTo(ConfigKey.providerKey("v"))
                .hasToString("ConfigKey[captchafeedback.providers.u.key]");
    }

    @Test
    void anIdThatCannotBeAPropertySegmentIsRefused() {
        assertThatThrownBy(() -> ConfigKey.providerKey("a.b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected a provider id of letters, digits, '-' and '_', got 'a.b'");
    }

    @Test
    void theBuilderRefusesAValueOfTheWrongType() {
        @SuppressWarnings({"unchecked", "rawtypes"})
        ConfigKey<Object> raw = (ConfigKey) ConfigKey.providerTimeout("u");

        assertThatThrownBy(() -> CaptchaFeedbackConfig.builder().set(raw, "10s"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("captchafeedback.providers.u.timeout takes a Duration");
    }
}
