package io.captchafeedback.config;

import static io.captchafeedback.config.ConfigFixtures.isolated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.captchafeedback.provider.ApiKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ${VAR}}, {@code ${VAR:-default}} and the {@code $${} escape, read from an injected environment. */
class InterpolationTest {

    private static final Map<String, String> ENV = Map.of("HOST", "127.0.0.1", "PORT", "8089", "NESTED", "${HOST}");

    private static String value(String yamlValue) {
        return ConfigNode.parse("inline", "v: " + yamlValue + "\n", false, ENV::get).required("v").asString();
    }

    @Test
    void aSetVariableIsReplaced() {
        assertThat(value("${HOST}")).isEqualTo("127.0.0.1");
    }

    @Test
    void severalVariablesMayShareOneValue() {
        assertThat(value("http://${HOST}:${PORT}/ucaptcha")).isEqualTo("http://127.0.0.1:8089/ucaptcha");
    }

    @Test
    void theDefaultIsUsedOnlyWhenTheVariableIsUnset() {
        assertThat(value("${UNSET:-fallback}")).isEqualTo("fallback");
        assertThat(value("${HOST:-fallback}")).isEqualTo("127.0.0.1");
        assertThat(value("\"${UNSET:-}\"")).isEmpty();
    }

    @Test
    void anUnsetVariableWithoutDefaultIsAnErrorAtTheValue() {
        assertThatThrownBy(() -> ConfigNode.parse("inline.yml", """
                providers:
                  ucaptcha:
                    baseUrl: http://${HOST}:${MISSING_PORT}/ucaptcha
                """, false, ENV::get))
                .isInstanceOf(ConfigException.class)
                .hasMessage("inline.yml:3:14: providers.ucaptcha.baseUrl: environment variable MISSING_PORT is not set"
                        + " (use ${MISSING_PORT:-default} for a default)");
    }

    @Test
    void aDoubledDollarEscapesTheReference() {
        assertThat(value("\"cost: $${HOST} stays\"")).isEqualTo("cost: ${HOST} stays");
        assertThat(value("\"$${UNSET}\"")).as("an escaped unset variable is no error").isEqualTo("${UNSET}");
    }

    @Test
    void replacedTextIsNotInterpolatedAgain() {
        assertThat(value("${NESTED}")).isEqualTo("${HOST}");
    }

    @Test
    void aLoneDollarIsKeptAsWritten() {
        assertThat(value("\"5$ and $HOST\"")).isEqualTo("5$ and $HOST");
    }

    @Test
    void jsonStringsAreInterpolatedLikeYaml() {
        ConfigNode root = ConfigNode.parse("inline.json", "{\"v\": \"${PORT:-1}/${UNSET:-2}\"}", true, ENV::get);

        assertThat(root.required("v").asString()).isEqualTo("8089/2");
    }

    @Test
    void theConfigurationReadsVariablesFromTheInjectedEnvironment(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("captcha-feedback.yml");
        Files.writeString(file, """
                providers:
                  ucaptcha:
                    key: ${MY_KEY}
                    baseUrl: http://${HOST:-localhost}:${PORT}/ucaptcha
                    timeout: ${TIMEOUT:-3s}
                """);

        var ucaptcha = isolated(Map.of(), Map.of("MY_KEY", "key-from-variable", "PORT", "9000"))
                .file(file).build().provider("ucaptcha").orElseThrow();

        assertThat(ucaptcha.apiKey()).isEqualTo(ApiKey.of("key-from-variable"));
        assertThat(ucaptcha.baseUrl()).hasToString("http://localhost:9000/ucaptcha");
        assertThat(ucaptcha.timeout()).hasSeconds(3);
    }
}
