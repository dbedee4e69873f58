package io.captchafeedback.config;


import io.captchafeedback.CaptchaFeedbackConfig;
import io.captchafeedback.ConfigKey;
import static io.captchafeedback.config.ConfigFixtures.CAPSOLVER_KEY;
import static io.captchafeedback.config.ConfigFixtures.ROUTER_KEY;
import static io.captchafeedback.config.ConfigFixtures.UCAPTCHA_KEY;
import static io.captchafeedback.config.ConfigFixtures.good;
import static io.captchafeedback.config.ConfigFixtures.isolated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.captchafeedback.provider.ApiKey;
import io.captchafeedback.provider.ProviderSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoodConfigurationFileTest {

    @Test
    void aFullYamlFileResolvesEveryProviderSetting() {
        CaptchaFeedbackConfig config = isolated().file(good("full.yml")).build();

        assertThat(config.providers()).containsExactly(
                new ProviderSettings("ucaptcha", "ucaptcha", ApiKey.of(UCAPTCHA_KEY),
                        URI.create("http://127.0.0.1:8089/ucaptcha"), Duration.ofSeconds(10), Map.of()),
                new ProviderSettings("capsolver", "capsolver", ApiKey.of(CAPSOLVER_KEY), null,
                        Duration.ofMillis(2500), Map.of("appId", "none")),
                new ProviderSettings("my-router", "generic", ApiKey.of(ROUTER_KEY),
                        URI.create("https://router.example"), ProviderSettings.DEFAULT_TIMEOUT, Map.of("style", "valid")));
        assertThat(config.provider("my-router")).map(ProviderSettings::type).contains("generic");
        assertThat(config.provider("nobody")).isEmpty();
        assertThat(config.file()).contains(good("full.yml"));
    }

    @Test
    void yamlAndJsonEquivalentsGiveEqualConfigurations() {
        CaptchaFeedbackConfig yaml = isolated().file(good("full.yml")).build();
        CaptchaFeedbackConfig json = isolated().file(good("full.json")).build();

        assertThat(json).isEqualTo(yaml).hasSameHashCodeAs(yaml);
        assertThat(json.file()).contains(good("full.json"));
    }

    @Test
    void configurationsWithDifferentSectionsAreNotEqual() {
        CaptchaFeedbackConfig full = isolated().file(good("full.yml")).build();
        CaptchaFeedbackConfig providersOnly = isolated()
                .provider(full.provider("ucaptcha").orElseThrow())
                .provider(full.provider("capsolver").orElseThrow())
                .provider(full.provider("my-router").orElseThrow())
                .build();

        assertThat(providersOnly.providers()).isEqualTo(full.providers());
        assertThat(providersOnly).isNotEqualTo(full);
    }

    @Test
    void sectionsOtherPartsParseAreKeptAsLocatedNodes() {
        CaptchaFeedbackConfig config = isolated().file(good("full.yml")).build();

        ConfigNode rules = config.section("rules").orElseThrow();
        assertThat(rules.items()).hasSize(1);
        ConfigNode verdict = rules.items().get(0).required("rules").items().get(0).required("verdict");
        assertThat(verdict.asString()).isEqualTo("REJECTED_CAPTCHA");
        assertThat(verdict.error("expected accepted").getMessage())
                .isEqualTo(good("full.yml") + ":26:18: rules[0].rules[0].verdict: expected accepted");
        assertThat(config.section("reporter").orElseThrow().required("commitMode").asString()).isEqualTo("group");
        assertThat(config.rules().sets()).extracting(r -> r.site()).containsExactly("*.shop.example");
    }

    @Test
    void aSectionNameThatIsNotOneOfTheThreeIsRefused() {
        CaptchaFeedbackConfig config = isolated().file(good("full.yml")).build();

        assertThatThrownBy(() -> config.section("rule"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown section 'rule' (did you mean 'rules'?); expected one of: reporter, rules");
    }

    @Test
    void anEmptyFileIsAConfigurationWithoutProvidersOrSections() {
        CaptchaFeedbackConfig config = isolated().file(good("empty.yml")).build();

        assertThat(config.providers()).isEmpty();
        assertThat(config.section("rules")).isEmpty();
        assertThat(config.file()).contains(good("empty.yml"));
    }

    @Test
    void withoutAnyFileOrSettingTheConfigurationIsEmpty() {
        CaptchaFeedbackConfig config = isolated().build();

        assertThat(config.providers()).isEmpty();
        assertThat(config.file()).isEmpty();
    }

    @Test
    void loadReadsTheFileWithTheRealEnvironment() {
        // The file's only variable has a default, so the real environment cannot make this fail.
        CaptchaFeedbackConfig config = CaptchaFeedbackConfig.load(good("defaults-only.yml"));

        assertThat(config.provider("2captcha")).map(ProviderSettings::apiKey)
                .contains(ApiKey.of("key-from-default"));
    }

    @Test
    void aMissingFileIsNamed() {
        assertThatThrownBy(() -> isolated().file(good("absent.yml")).build())
                .isInstanceOf(ConfigException.class)
                .hasMessage(good("absent.yml") + ": file not found");
    }

    @Test
    void aBuiltConfigurationIsUnmodifiableAndIndependentOfItsBuilder() {
        CaptchaFeedbackConfig.Builder builder = isolated().provider("ucaptcha", "ucaptcha", ApiKey.of(UCAPTCHA_KEY));
        CaptchaFeedbackConfig first = builder.build();
        builder.provider("capsolver", "capsolver", ApiKey.of(CAPSOLVER_KEY));

        assertThat(first.providers()).extracting(ProviderSettings::id).containsExactly("ucaptcha");
        assertThat(builder.build().providers()).extracting(ProviderSettings::id).containsExactly("ucaptcha", "capsolver");
        assertThatThrownBy(() -> first.providers().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void builderArgumentsAreCheckedAtOnce() {
        CaptchaFeedbackConfig.Builder builder = CaptchaFeedbackConfig.builder();

        assertThatThrownBy(() -> builder.file(null)).isInstanceOf(NullPointerException.class).hasMessage("file == null");
        assertThatThrownBy(() -> builder.provider(null)).isInstanceOf(NullPointerException.class).hasMessage("settings == null");
        assertThatThrownBy(() -> builder.provider("bad id", "ucaptcha", ApiKey.of("k")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected a provider id of letters, digits, '-' and '_', got 'bad id'");
        assertThatThrownBy(() -> builder.set(ConfigKey.providerKey("u"), null))
                .isInstanceOf(NullPointerException.class).hasMessage("value == null");
    }

    @Test
    void builtInTypesAreMatchedWithoutRegardToCase() {
        CaptchaFeedbackConfig config = isolated()
                .set(ConfigKey.providerType("main"), "CapSolver")
                .set(ConfigKey.providerKey("main"), ApiKey.of(CAPSOLVER_KEY))
                .build();

        assertThat(config.provider("main")).map(ProviderSettings::type).contains("capsolver");
    }
}
