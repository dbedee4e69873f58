package io.captchafeedback.config;


import io.captchafeedback.CaptchaFeedbackConfig;
import io.captchafeedback.ConfigKey;
import static io.captchafeedback.config.ConfigFixtures.ENVIRONMENT;
import static io.captchafeedback.config.ConfigFixtures.environmentWith;
import static io.captchafeedback.config.ConfigFixtures.good;
import static io.captchafeedback.config.ConfigFixtures.isolated;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.captchafeedback.provider.ApiKey;
import io.captchafeedback.provider.ProviderSettings;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad values outside files: system properties, environment variables and the builder, each named in the message. */
class BadSettingTest {

    private static final String DURATION = "expected a positive duration such as 10s, 500ms, 2m or PT10S";
    private static final String URL = "expected an absolute http or https URL such as https://api.example.com";

    static Stream<Arguments> badSettings() {
        return Stream.of(
                row("a property with a bad duration",
                        () -> props("captchafeedback.providers.ucaptcha.timeout", "soon", "captchafeedback.providers.ucaptcha.key", "k"),
                        "system property captchafeedback.providers.ucaptcha.timeout: " + DURATION + ", got its value (not shown)"),
                row("a property with an unknown setting",
                        () -> props("captchafeedback.providers.ucaptcha.timout", "5s"),
                        "system property captchafeedback.providers.ucaptcha.timout: unknown setting 'timout' (did you mean"
                                + " 'timeout'?); expected one of: baseUrl, key, timeout, type"),
                row("a property without a setting",
                        () -> props("captchafeedback.providers.ucaptcha", "on"),
                        "system property captchafeedback.providers.ucaptcha: expected captchafeedback.providers.<id>.<setting>"
                                + " with setting one of key, type, baseUrl, timeout"),
                row("a property with an id that cannot be one",
                        () -> props("captchafeedback.providers.my.router.key", "k"),
                        "system property captchafeedback.providers.my.router.key: expected a provider id of letters, digits,"
                                + " '-' and '_', got 'my.router'"),
                row("a property with an unknown type",
                        () -> props("captchafeedback.providers.main.type", "deathbycaptcha", "captchafeedback.providers.main.key", "k"),
                        "system property captchafeedback.providers.main.type: unknown provider type its value (not shown); expected one of:"
                                + " 2captcha, anticaptcha, capmonster, capsolver, generic, nextcaptcha, regotcha, ucaptcha"
                                + " (or a type taken by io.captchafeedback.provider.ThirdPartyAdapterFactory)"),
                row("a property with a blank key",
                        () -> props("captchafeedback.providers.ucaptcha.key", " "),
                        "system property captchafeedback.providers.ucaptcha.key: expected a non-blank API key, got a blank value"),
                row("a property naming a missing file",
                        () -> props("captchafeedback.config", "no/such/file.yml"),
                        "system property captchafeedback.config: file not found: no/such/file.yml"),
                row("a property naming the file with a blank value",
                        () -> props("captchafeedback.config", ""),
                        "system property captchafeedback.config: expected a file name, got a blank value"),
                row("an environment variable with a bad URL",
                        () -> env("CAPTCHAFEEDBACK_PROVIDERS_UCAPTCHA_BASEURL", "127.0.0.1:8089", "CAPTCHAFEEDBACK_PROVIDERS_UCAPTCHA_KEY", "k"),
                        "environment variable CAPTCHAFEEDBACK_PROVIDERS_UCAPTCHA_BASEURL: " + URL + ", got its value (not shown)"),
                row("an environment variable with an unknown setting",
                        () -> env("CAPTCHAFEEDBACK_PROVIDERS_UCAPTCHA_BASE_URL", "http://127.0.0.1"),
                        "environment variable CAPTCHAFEEDBACK_PROVIDERS_UCAPTCHA_BASE_URL: unknown setting 'URL'; expected one of:"
                                + " BASEURL, KEY, TIMEOUT, TYPE"),
                row("an environment variable without an id",
                        () -> env("CAPTCHAFEEDBACK_PROVIDERS_KEY", "k"),
                        "environment variable CAPTCHAFEEDBACK_PROVIDERS_KEY: expected CAPTCHAFEEDBACK_PROVIDERS_<ID>_<SETTING>"
                                + " with SETTING one of KEY, TYPE, BASEURL, TIMEOUT"),
                row("an environment variable with a zero timeout",
                        () -> env("CAPTCHAFEEDBACK_PROVIDERS_UCAPTCHA_TIMEOUT", "0ms", "CAPTCHAFEEDBACK_PROVIDERS_UCAPTCHA_KEY", "k"),
                        "environment variable CAPTCHAFEEDBACK_PROVIDERS_UCAPTCHA_TIMEOUT: " + DURATION + ", got its value (not shown)"),
                row("an environment variable naming a missing file",
                        () -> env("CAPTCHAFEEDBACK_CONFIG", "absent.json"),
                        "environment variable CAPTCHAFEEDBACK_CONFIG: file not found: absent.json"),
                row("a provider the environment names without a key",
                        () -> env("CAPTCHAFEEDBACK_PROVIDERS_UCAPTCHA_TIMEOUT", "5s"),
                        "environment variable CAPTCHAFEEDBACK_PROVIDERS_UCAPTCHA_TIMEOUT: missing required key 'key'; it may"
                                + " also come from system property captchafeedback.providers.ucaptcha.key or environment variable"
                                + " CAPTCHAFEEDBACK_PROVIDERS_UCAPTCHA_KEY"),
                row("a provider the environment names without a type",
                        () -> env("CAPTCHAFEEDBACK_PROVIDERS_MAIN_KEY", "k"),
                        "environment variable CAPTCHAFEEDBACK_PROVIDERS_MAIN_KEY: missing required key 'type' ('main' is not a"
                                + " built-in type, so the id cannot stand for it; built-in types: 2captcha, anticaptcha, capmonster,"
                                + " capsolver, generic, nextcaptcha, regotcha, ucaptcha)"),
                row("a bad value overridden by a higher level",
                        () -> isolated(Map.of("captchafeedback.providers.ucaptcha.timeout", "5s"),
                                environmentWith(Map.of("CAPTCHAFEEDBACK_PROVIDERS_UCAPTCHA_TIMEOUT", "later")))
                                .file(good("one-provider.yml")).build(),
                        "environment variable CAPTCHAFEEDBACK_PROVIDERS_UCAPTCHA_TIMEOUT: " + DURATION + ", got its value (not shown)"),
                row("a builder base URL that is not http",
                        () -> isolated().set(ConfigKey.providerKey("ucaptcha"), ApiKey.of("k"))
                                .set(ConfigKey.providerBaseUrl("ucaptcha"), URI.create("file:///tmp/ucaptcha")).build(),
                        "builder: providers.ucaptcha.baseUrl: " + URL + ", got 'file:///tmp/ucaptcha'"),
                row("a builder provider with a relative base URL",
                        () -> isolated().provider(new ProviderSettings("ucaptcha", "ucaptcha", ApiKey.of("k"),
                                URI.create("ucaptcha/api"), null, Map.of())).build(),
                        "builder: providers.ucaptcha.baseUrl: " + URL + ", got 'ucaptcha/api'"),
                row("a builder timeout that is negative",
                        () -> isolated().file(good("one-provider.yml"))
                                .set(ConfigKey.providerTimeout("ucaptcha"), Duration.ofSeconds(-1)).build(),
                        "builder: providers.ucaptcha.timeout: " + DURATION + ", got 'PT-1S'"),
                row("a builder provider with an unknown type",
                        () -> isolated().provider("ucaptcha", "u-captcha", ApiKey.of("k")).build(),
                        "builder: providers.ucaptcha.type: unknown provider type 'u-captcha' (did you mean 'ucaptcha'?); expected"
                                + " one of: 2captcha, anticaptcha, capmonster, capsolver, generic, nextcaptcha, regotcha, ucaptcha"
                                + " (or a type taken by io.captchafeedback.provider.ThirdPartyAdapterFactory)"),
                row("a builder setting for a provider without a key",
                        () -> isolated().set(ConfigKey.providerTimeout("capsolver"), Duration.ofSeconds(2)).build(),
                        "builder: providers.capsolver.timeout: missing required key 'key'; it may also come from system"
                                + " property captchafeedback.providers.capsolver.key or environment variable"
                                + " CAPTCHAFEEDBACK_PROVIDERS_CAPSOLVER_KEY"));
    }

    private static Arguments row(String name, Supplier<CaptchaFeedbackConfig> build, String expected) {
        return Arguments.of(name, build, expected);
    }

    private static CaptchaFeedbackConfig props(String... nameValues) {
        Map<String, String> properties = new HashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            properties.put(nameValues[i], nameValues[i + 1]);
        }
        return isolated(properties, ENVIRONMENT).build();
    }

    private static CaptchaFeedbackConfig env(String... nameValues) {
        Map<String, String> variables = new HashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            variables.put(nameValues[i], nameValues[i + 1]);
        }
        return isolated(Map.of(), environmentWith(variables)).build();
    }

    @Test
    void aBadSettingAtEachLevelIsReportedWithTheOthers() {
        Map<String, String> properties = Map.of("captchafeedback.providers.ucaptcha.timeout", "soon");
        assertThatThrownBy(() -> isolated(properties, environmentWith(Map.of("CAPTCHAFEEDBACK_PROVIDERS_UCAPTCHA_BASEURL", "x")))
                .set(ConfigKey.providerTimeout("ucaptcha"), Duration.ofSeconds(-1)).build())
                .isInstanceOf(ConfigException.class)
                .hasMessage("4 problems:"
                        + "\n  system property captchafeedback.providers.ucaptcha.timeout: " + DURATION + ", got its value (not shown)"
                        + "\n  environment variable CAPTCHAFEEDBACK_PROVIDERS_UCAPTCHA_BASEURL: " + URL + ", got its value (not shown)"
                        + "\n  builder: providers.ucaptcha.timeout: " + DURATION + ", got 'PT-1S'"
                        + "\n  system property captchafeedback.providers.ucaptcha.timeout: missing required key 'key'; it may also"
                        + " come from system property captchafeedback.providers.ucaptcha.key or environment variable"
                        + " CAPTCHAFEEDBACK_PROVIDERS_UCAPTCHA_KEY");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSettings")
    void aBadSettingFailsNamingWhereItCameFrom(String name, Supplier<CaptchaFeedbackConfig> build, String expected) {
        assertThatThrownBy(build::get).isInstanceOf(ConfigException.class).hasMessage(expected);
    }
}
