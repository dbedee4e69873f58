package io.captchafeedback.config;

import static io.captchafeedback.config.ConfigFixtures.bad;
import static io.captchafeedback.config.ConfigFixtures.isolated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of bad configuration file, each with the exact message a user reads:
 * {@code file:line:column: key path: problem}.
 */
class BadConfigurationFileTest {

    private static final String TYPES = "2captcha, anticaptcha, capmonster, capsolver, generic, nextcaptcha, regotcha, ucaptcha";
    private static final String PROVIDER_KEYS = "baseUrl, key, options, timeout, type";

    static Stream<Arguments> badFiles() {
        return Stream.of(
                row("unknown-top-level-key.yml",
                        "1:1: provider: unknown key 'provider' (did you mean 'providers'?); expected one of: providers, reporter, rules"),
                row("unknown-provider-key.yml",
                        "4:5: providers.ucaptcha.timout: unknown key 'timout' (did you mean 'timeout'?); expected one of: " + PROVIDER_KEYS),
                row("missing-key.yml",
                        "2:3: providers.ucaptcha: missing required key 'key'; it may also come from system property"
                                + " captchafeedback.providers.ucaptcha.key or environment variable CAPTCHAFEEDBACK_PROVIDERS_UCAPTCHA_KEY"),
                row("provider-without-settings.yml",
                        "2:3: providers.ucaptcha: missing required key 'key'; it may also come from system property"
                                + " captchafeedback.providers.ucaptcha.key or environment variable CAPTCHAFEEDBACK_PROVIDERS_UCAPTCHA_KEY"),
                row("missing-type.yml",
                        "2:3: providers.my-router: missing required key 'type' ('my-router' is not a built-in type, so the id"
                                + " cannot stand for it; built-in types: " + TYPES + ")"),
                row("timeout-is-a-number.yml",
                        "4:14: providers.ucaptcha.timeout: expected a positive duration such as 10s, 500ms, 2m or PT10S, got the number 10"),
                row("timeout-is-a-number.json",
                        "3:56: providers.ucaptcha.timeout: expected a positive duration such as 10s, 500ms, 2m or PT10S, got the number 10"),
                row("key-is-a-list.yml",
                        "3:10: providers.ucaptcha.key: expected the API key as text (best as ${ENV_VAR}), got a list (quote it if the key looks like one)"),
                row("providers-is-a-list.yml",
                        "2:3: providers: expected a mapping of provider ids to their settings, got a list"),
                row("provider-is-text.yml",
                        "2:13: providers.ucaptcha: expected a mapping of provider settings (type, key, baseUrl, timeout, options), got text"),
                row("unknown-provider-type.yml",
                        "3:11: providers.main.type: unknown provider type 'ucaptch' (did you mean 'ucaptcha'?); expected one of: "
                                + TYPES + " (or a type taken by io.captchafeedback.provider.ThirdPartyAdapterFactory)"),
                row("unknown-type-did-you-mean.yml",
                        "3:11: providers.main.type: unknown provider type '2capcha' (did you mean '2captcha'?); expected one of: "
                                + TYPES + " (or a type taken by io.captchafeedback.provider.ThirdPartyAdapterFactory)"),
                row("type-is-a-number.yml",
                        "3:11: providers.main.type: expected a provider type such as ucaptcha, got the number 2"),
                row("missing-environment-variable.yml",
                        "3:10: providers.ucaptcha.key: environment variable NOT_SET_ANYWHERE is not set (use ${NOT_SET_ANYWHERE:-default} for a default)"),
                row("malformed-unclosed-quote.yml",
                        "4:1: malformed YAML: found unexpected end of stream (while scanning a quoted scalar at line 3, column 10)"),
                row("malformed-tab-indent.yml",
                        "2:1: malformed YAML: found character '\\t(TAB)' that cannot start any token. (Do not use \\t(TAB) for indentation)"
                                + " (while scanning for the next token)"),
                row("malformed.json",
                        "5:5: malformed JSON: Unexpected character ('}' (code 125)): was expecting double-quote to start field name"),
                row("duplicate-key.yml",
                        "5:5: providers.ucaptcha.timeout: duplicate key 'timeout'"),
                row("duplicate-provider.json",
                        "4:5: providers.ucaptcha: duplicate key 'ucaptcha'"),
                row("bad-duration.yml",
                        "4:14: providers.ucaptcha.timeout: expected a positive duration such as 10s, 500ms, 2m or PT10S, got 'soon'"),
                row("zero-duration.yml",
                        "4:14: providers.ucaptcha.timeout: expected a positive duration such as 10s, 500ms, 2m or PT10S, got '0s'"),
                row("url-not-http.yml",
                        "4:14: providers.ucaptcha.baseUrl: expected an absolute http or https URL such as https://api.example.com,"
                                + " got 'ftp://files.example/ucaptcha'"),
                row("url-relative.yml",
                        "4:14: providers.ucaptcha.baseUrl: expected an absolute http or https URL such as https://api.example.com, got '/ucaptcha'"),
                row("url-malformed.yml",
                        "4:14: providers.ucaptcha.baseUrl: expected an absolute http or https URL such as https://api.example.com,"
                                + " got 'http://127.0.0.1:8089/u captcha' (Illegal character in path)"),
                row("blank-key.yml",
                        "3:10: providers.ucaptcha.key: expected a non-blank API key, got a blank value"),
                row("option-is-a-list.yml",
                        "7:14: providers.my-router.options.style: expected a text value, got a list"),
                row("generic-without-base-url.yml",
                        "2:3: providers.my-router: missing required key 'baseUrl' (type generic has no default base URL); it may also"
                                + " come from system property captchafeedback.providers.my-router.baseUrl or environment variable"
                                + " CAPTCHAFEEDBACK_PROVIDERS_MY_ROUTER_BASEURL"),
                row("bad-provider-id.yml",
                        "2:3: providers.my.router: expected a provider id of letters, digits, '-' and '_', got 'my.router'"),
                row("document-is-a-list.yml",
                        "1:1: expected a mapping with the keys providers, reporter, rules, got a list"));
    }

    private static Arguments row(String file, String expected) {
        return Arguments.of(file, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void aBadFileFailsWithItsLocationAndWhatWasExpected(String name, String expected) {
        Path file = bad(name);

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> isolated().file(file).build());

        assertThat(e).as("no exception for %s", name).isNotNull();
        assertThat(e).hasMessage(file + ":" + expected);
        assertThat(e.source()).isEqualTo(file.toString());
        assertThat(e.line()).isPositive();
        assertThat(e.column()).isPositive();
    }

    @Test
    void everyFileInTheBadDirectoryHasARowInTheTable() throws IOException {
        Set<String> inTable = badFiles().map(a -> (String) a.get()[0]).collect(Collectors.toSet());
        try (Stream<Path> files = Files.list(bad("."))) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrderElementsOf(inTable);
        }
    }
}
