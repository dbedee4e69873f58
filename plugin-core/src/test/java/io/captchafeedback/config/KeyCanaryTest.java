package io.captchafeedback.config;


import io.captchafeedback.CaptchaFeedbackConfig;
import io.captchafeedback.ConfigKey;
import static io.captchafeedback.config.ConfigFixtures.CAPSOLVER_KEY;
import static io.captchafeedback.config.ConfigFixtures.ROUTER_KEY;
import static io.captchafeedback.config.ConfigFixtures.UCAPTCHA_KEY;
import static io.captchafeedback.config.ConfigFixtures.bad;
import static io.captchafeedback.config.ConfigFixtures.environmentWith;
import static io.captchafeedback.config.ConfigFixtures.good;
import static io.captchafeedback.config.ConfigFixtures.isolated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.captchafeedback.provider.ApiKey;
import io.captchafeedback.provider.ProviderSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/** A fake key never shows in {@code toString()} or in any error, not even when the key itself is the bad value. */
class KeyCanaryTest {

    private static final String CANARY = "canary-7d1f0c2e";
    private static final String NUMERIC_CANARY = "40417733912";
    private static final List<String> ALL_KEYS = List.of(CANARY, NUMERIC_CANARY, UCAPTCHA_KEY, CAPSOLVER_KEY, ROUTER_KEY);

    @TempDir
    Path dir;

    @Test
    void noKeyShowsInTheConfigurationOrItsProviders() {
        CaptchaFeedbackConfig config = isolated().file(good("full.yml"))
                .provider("extra", "2captcha", ApiKey.of(CANARY)).build();

        assertNoKey(config.toString());
        config.providers().forEach(p -> assertNoKey(p.toString()));
        assertNoKey(ConfigKey.providerKey("extra").toString());
    }

    @Test
    void theDebugLogSaysWhereSettingsCameFromButShowsNoKey() {
        Logger logger = (Logger) LoggerFactory.getLogger(CaptchaFeedbackConfig.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        Level level = logger.getLevel();
        logger.addAppender(appender);
        logger.setLevel(Level.DEBUG);
        try {
            isolated(Map.of("captchafeedback.providers.ucaptcha.key", CANARY), ConfigFixtures.ENVIRONMENT)
                    .file(good("full.yml")).build();
        } finally {
            logger.detachAppender(appender);
            logger.setLevel(level);
        }

        assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage)
                .contains("provider ucaptcha: type ucaptcha, settings from {key=system property"
                        + " captchafeedback.providers.ucaptcha.key, baseUrl=" + good("full.yml") + ":6, timeout="
                        + good("full.yml") + ":5}")
                .allSatisfy(KeyCanaryTest::assertNoKey);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.captchafeedback.config.BadConfigurationFileTest#badFiles")
    void noBadFileErrorShowsAKey(String name, String expected) {
        assertNoKeyIn(catchThrowable(() -> isolated().file(bad(name)).build()));
    }

    static Stream<Arguments> filesWhereTheKeyIsTheBadValue() {
        return Stream.of(
                Arguments.of("key-as-number.yml", "providers:\n  ucaptcha:\n    key: " + NUMERIC_CANARY + "\n"),
                Arguments.of("key-as-list.yml", "providers:\n  ucaptcha:\n    key: [" + CANARY + "]\n"),
                Arguments.of("key-as-mapping.yml", "providers:\n  ucaptcha:\n    key: { value: " + CANARY + " }\n"),
                Arguments.of("key-unclosed-quote.yml", "providers:\n  ucaptcha:\n    key: \"" + CANARY + "\n"),
                Arguments.of("key-with-colon.yml", "providers:\n  ucaptcha:\n    key: " + CANARY + ": x\n"),
                Arguments.of("key-bad-indent.yml", "providers:\n  ucaptcha:\n    key: " + CANARY + "\n   timeout: [\n"),
                Arguments.of("key-unquoted.json", "{\"providers\": {\"ucaptcha\": {\"key\": " + CANARY + "}}}"),
                Arguments.of("key-as-number.json", "{\"providers\": {\"ucaptcha\": {\"key\": " + NUMERIC_CANARY + "}}}"),
                Arguments.of("key-unclosed.json", "{\"providers\": {\"ucaptcha\": {\"key\": \"" + CANARY + "}}}"),
                Arguments.of("key-as-provider.yml", "providers:\n  ucaptcha: " + CANARY + "\n"),
                Arguments.of("key-as-document.yml", CANARY + "\n"),
                Arguments.of("key-as-providers.yml", "providers: " + CANARY + "\n"),
                Arguments.of("key-as-provider.json", "{\"providers\": {\"ucaptcha\": \"" + CANARY + "\"}}"),
                Arguments.of("key-under-typo.yml", "providers:\n  ucaptcha:\n    kee: " + CANARY + "\n"),
                Arguments.of("key-with-unknown-type.yml", "providers:\n  ucaptcha:\n    key: " + CANARY + "\n    type: nope\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filesWhereTheKeyIsTheBadValue")
    void noErrorShowsTheKeyEvenWhenTheKeyIsWhatIsWrong(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);

        Throwable error = catchThrowable(() -> isolated().file(file).build());

        assertThat(error).isInstanceOf(ConfigException.class);
        assertNoKeyIn(error);
    }

    @Test
    void noErrorAboutAPropertyOrVariableShowsTheKeyItCarries() {
        assertNoKeyIn(catchThrowable(() -> isolated(Map.of("captchafeedback.providers.ucaptcha.kee", CANARY), Map.of()).build()));
        assertNoKeyIn(catchThrowable(() -> isolated(Map.of("captchafeedback.providers.bad.id.key", CANARY), Map.of()).build()));
        assertNoKeyIn(catchThrowable(() -> isolated(Map.of(),
                environmentWith(Map.of("CAPTCHAFEEDBACK_PROVIDERS_UCAPTCHA_KEYS", CANARY))).build()));
        assertNoKeyIn(catchThrowable(() -> isolated(Map.of(),
                environmentWith(Map.of("CAPTCHAFEEDBACK_PROVIDERS_MAIN_KEY", CANARY))).build()));
        assertNoKeyIn(catchThrowable(() -> ConfigKey.providerKey("ucaptcha").parse("test", "  ")));
    }

    @Test
    void noBuilderErrorShowsTheKey() {
        assertNoKeyIn(catchThrowable(() -> isolated()
                .provider(new ProviderSettings("ucaptcha", "ucaptcha", ApiKey.of(CANARY), URI.create("ftp://x"), null, Map.of()))
                .build()));
        assertNoKeyIn(catchThrowable(() -> isolated().provider("ucaptcha", "unknown", ApiKey.of(CANARY)).build()));
        assertNoKeyIn(catchThrowable(() -> isolated().set(ConfigKey.providerKey("custom"), ApiKey.of(CANARY)).build()));
    }

    /** A key-bearing {@code ${ENV}} value in the wrong field: the error names the reference, never the key. */
    static Stream<Arguments> keyInTheWrongField() {
        String key = "providers:\n  ucaptcha:\n    key: abc\n";
        return Stream.of(
                Arguments.of("timeout.yml", key + "    timeout: ${UCAPTCHA_KEY}\n", "4:14", "'${UCAPTCHA_KEY}'"),
                Arguments.of("timeout-within.yml", key + "    timeout: \"10s ${UCAPTCHA_KEY}\"\n", "4:14",
                        "'10s ${UCAPTCHA_KEY}'"),
                Arguments.of("base-url.yml", key + "    baseUrl: ${UCAPTCHA_KEY}\n", "4:14", "'${UCAPTCHA_KEY}'"),
                Arguments.of("base-url-with-scheme.yml", key + "    baseUrl: \"http://x y/${UCAPTCHA_KEY}\"\n", "4:14",
                        "'http://x y/${UCAPTCHA_KEY}'"),
                Arguments.of("type.yml", key + "    type: ${UCAPTCHA_KEY}\n", "4:11", "'${UCAPTCHA_KEY}'"),
                Arguments.of("provider-id-key.yml", "providers:\n  main:\n    type: ${ROUTER_KEY}\n    key: abc\n", "3:11",
                        "'${ROUTER_KEY}'"),
                Arguments.of("group-commit.yml", key + "reporter:\n  groupCommit: ${UCAPTCHA_KEY}\n", "5:16", "'${UCAPTCHA_KEY}'"),
                Arguments.of("commit-mode.yml", key + "reporter:\n  commitMode: ${UCAPTCHA_KEY}\n", "5:15", "'${UCAPTCHA_KEY}'"),
                Arguments.of("dry-run.yml", key + "reporter:\n  dryRun: ${CAPSOLVER_KEY}\n", "5:11", "'${CAPSOLVER_KEY}'"),
                Arguments.of("max-concurrency.yml", key + "reporter:\n  maxConcurrency: ${UCAPTCHA_KEY}\n", "5:19",
                        "'${UCAPTCHA_KEY}'"),
                Arguments.of("breaker-pause.yml", key + "reporter:\n  breaker: { pause: \"${UCAPTCHA_KEY}\" }\n", "5:21",
                        "'${UCAPTCHA_KEY}'"),
                Arguments.of("rule-regex.yml", key + "rules:\n  - site: \"shop.example\"\n"
                        + "    rules: [ { name: r, when: { response: { urlRegex: \"(${UCAPTCHA_KEY}\" } }, verdict: ACCEPTED } ]\n",
                        "6:", "${UCAPTCHA_KEY}"),
                Arguments.of("rule-site.yml", key + "rules:\n  - site: \"x ${UCAPTCHA_KEY}\"\n"
                        + "    rules: [ { name: r, when: { widgetReset: {} }, verdict: ACCEPTED } ]\n", "5:11", "'x ${UCAPTCHA_KEY}'"),
                Arguments.of("rule-timeout.yml", key + "rules:\n  - site: \"shop.example\"\n    timeout: ${UCAPTCHA_KEY}\n"
                        + "    rules: [ { name: r, when: { widgetReset: {} }, verdict: ACCEPTED } ]\n", "6:14", "'${UCAPTCHA_KEY}'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keyInTheWrongField")
    void aKeyFromTheEnvironmentInTheWrongFieldIsShownByItsReference(String name, String content, String at, String shown)
            throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);

        Throwable error = catchThrowable(() -> {
            CaptchaFeedbackConfig config = isolated().file(file).build();
            io.captchafeedback.CaptchaFeedback.builder().config(config).outbox(dir.resolve("outbox-" + name)).build().close();
        });

        assertThat(error).isInstanceOf(ConfigException.class);
        assertThat(error.getMessage()).startsWith(file + ":" + at).contains(shown);
        assertNoKeyIn(error);
    }

    /** A key in a system property or environment variable that is not the key setting: its value is never quoted. */
    static Stream<Arguments> keyInAPropertyOrVariable() {
        return Stream.of(
                Arguments.of(Map.of("captchafeedback.providers.ucaptcha.timeout", CANARY), Map.of()),
                Arguments.of(Map.of("captchafeedback.providers.ucaptcha.baseUrl", CANARY), Map.of()),
                Arguments.of(Map.of("captchafeedback.providers.ucaptcha.baseUrl", "http://x y/" + CANARY), Map.of()),
                Arguments.of(Map.of("captchafeedback.providers.ucaptcha.type", CANARY,
                        "captchafeedback.providers.ucaptcha.key", "abc"), Map.of()),
                Arguments.of(Map.of(), Map.of("CAPTCHAFEEDBACK_PROVIDERS_UCAPTCHA_TIMEOUT", CANARY)),
                Arguments.of(Map.of(), Map.of("CAPTCHAFEEDBACK_PROVIDERS_UCAPTCHA_BASEURL", CANARY)),
                Arguments.of(Map.of(), Map.of("CAPTCHAFEEDBACK_PROVIDERS_UCAPTCHA_TYPE", CANARY,
                        "CAPTCHAFEEDBACK_PROVIDERS_UCAPTCHA_KEY", "abc")),
                Arguments.of(Map.of(), Map.of("CAPTCHAFEEDBACK_PROVIDERS_UCAPTCHA_TIMEOUT", "9" + NUMERIC_CANARY + "99999999d")));
    }

    @ParameterizedTest
    @MethodSource("keyInAPropertyOrVariable")
    void aKeyInAPropertyOrVariableIsNeverQuoted(Map<String, String> properties, Map<String, String> environment) {
        Throwable error = catchThrowable(() -> isolated(properties, environment).build());

        assertThat(error).isInstanceOf(ConfigException.class);
        assertThat(error.getMessage()).containsAnyOf("system property captchafeedback.providers.ucaptcha.",
                "environment variable CAPTCHAFEEDBACK_PROVIDERS_UCAPTCHA_");
        assertNoKeyIn(error);
    }

    private static void assertNoKeyIn(Throwable error) {
        assertThat(error).as("an error was expected").isNotNull();
        for (Throwable t = error; t != null; t = t.getCause()) {
            assertNoKey(t.toString());
        }
    }

    private static void assertNoKey(String text) {
        for (String key : ALL_KEYS) {
            assertThat(text).doesNotContain(key);
        }
    }
}
