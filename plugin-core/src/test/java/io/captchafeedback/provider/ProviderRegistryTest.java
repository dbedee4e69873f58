package io.captchafeedback.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.captchafeedback.task.CaptchaType;
import io.captchafeedback.task.Feedback;
import io.captchafeedback.config.ConfigException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Creating, finding and closing adapters; configuration errors; third-party factories. */
class ProviderRegistryTest {

    @RegisterExtension
    static final WireMockExtension server = ProviderFixture.server();

    @RegisterExtension
    final ProviderFixture providers = new ProviderFixture(server);

    private static final String KNOWN_TYPES =
            "expected one of: 2captcha, anticaptcha, capmonster, capsolver, generic, nextcaptcha, regotcha, ucaptcha";

    @BeforeEach
    void answerSuccess() {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
                .withBody("{\"errorId\":0,\"message\":\"Feedback recorded\"}")));
    }

    @Test
    void createsOneAdapterPerProviderInConfigurationOrder() {
        ProviderRegistry registry = providers.registry(List.of(
                providers.settings("regotcha", Map.of()),
                providers.settings("anticaptcha", Map.of()),
                new ProviderSettings("my-router", "generic", ProviderFixture.KEY, providers.baseUrl(), null, Map.of())));

        assertThat(registry.ids()).containsExactly("regotcha", "anticaptcha", "my-router");
        assertThat(registry.adapter("anticaptcha")).hasValueSatisfying(a -> {
            assertThat(a.id()).isEqualTo("anticaptcha");
            assertThat(a.capabilities().taskIdKind()).isEqualTo(TaskIdKind.INTEGER);
        });
        assertThat(registry.adapter("my-router")).hasValueSatisfying(a -> assertThat(a.id()).isEqualTo("my-router"));
        assertThat(registry.adapter("ucaptcha")).isEmpty();
    }

    @Test
    void matchesBuiltInTypesWhateverTheirCase() {
        ProviderAdapter adapter = providers.adapter(new ProviderSettings("u", "uCaptcha", ProviderFixture.KEY,
                providers.baseUrl(), null, Map.of()));

        assertThat(ProviderFixture.send(adapter, ProviderFixture.feedback("u", "t-1", CaptchaType.IMAGE, false, null)))
                .isEqualTo(new FeedbackResult.Delivered("Feedback recorded"));
    }

    @Test
    void rejectsAnUnknownTypeNamingTheProviderAndTheKnownTypes() {
        assertThatThrownBy(() -> ProviderRegistry.create(List.of(
                ProviderSettings.of("shop", "ucapcha", ProviderFixture.KEY))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("configuration: providers.shop.type: unknown provider type 'ucapcha' (did you mean"
                        + " 'ucaptcha'?); " + KNOWN_TYPES);
    }

    @Test
    void rejectsAProviderIdConfiguredTwice() {
        assertThatThrownBy(() -> ProviderRegistry.create(List.of(
                ProviderSettings.of("main", "ucaptcha", ProviderFixture.KEY),
                ProviderSettings.of("main", "2captcha", ProviderFixture.KEY))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("configuration: providers.main: configured twice; provider ids must be unique");
    }

    @Test
    void requiresABaseUrlForTheGenericAdapter() {
        assertThatThrownBy(() -> ProviderRegistry.create(List.of(
                ProviderSettings.of("router", "generic", ProviderFixture.KEY))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("configuration: providers.router.baseUrl: type 'generic' needs a base URL (baseUrl)");
    }

    static Stream<Arguments> badGenericOptions() {
        return Stream.of(
                Arguments.of("style", "bogus", "unknown value 'bogus'; expected one of: invalid, valid"),
                Arguments.of("taskIdKind", "uuid",
                        "unknown value 'uuid'; expected one of: integer, string"),
                Arguments.of("window", "soon", "expected a positive duration"),
                Arguments.of("window", "0s", "expected a positive duration"),
                Arguments.of("path", "feedbackTask", "expected a path such as /feedbackTask"),
                Arguments.of("path", "/feedback?x=1", "expected a path such as /feedbackTask"),
                Arguments.of("stlye", "valid", "unknown option 'stlye' (did you mean 'style'?);"
                        + " expected one of: answersRepeats, path, style, taskIdKind, window"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("badGenericOptions")
    void rejectsABadGenericOptionNamingTheProviderAndTheOption(String option, String value, String problem) {
        ProviderSettings settings = new ProviderSettings("router", "generic", ProviderFixture.KEY, providers.baseUrl(),
                null, Map.of(option, value));

        assertThatThrownBy(() -> ProviderRegistry.create(List.of(settings)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("configuration: providers.router.options." + option + ": " + problem);
    }

    @Test
    void aShortKeyPastedIntoAnOptionIsRedactedWithoutManglingTheMessage() {
        ProviderSettings settings = new ProviderSettings("router", "generic", ApiKey.of("val"), providers.baseUrl(),
                null, Map.of("style", "val"));

        assertThatThrownBy(() -> ProviderRegistry.create(List.of(settings)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("configuration: providers.router.options.style: unknown value '[redacted]' (did you mean"
                        + " 'valid'?); expected one of: invalid, valid");
    }

    @Test
    void rejectsAnOptionABuiltInTypeDoesNotTake() {
        ProviderSettings settings = new ProviderSettings("u", "ucaptcha", ProviderFixture.KEY, null, null,
                Map.of("appId", "A-1"));

        assertThatThrownBy(() -> ProviderRegistry.create(List.of(settings)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("configuration: providers.u.options.appId: type 'ucaptcha' takes no options, got 'appId'");
    }

    @Test
    void rejectsABaseUrlThatIsNotHttp() {
        ProviderSettings settings = new ProviderSettings("u", "ucaptcha", ProviderFixture.KEY,
                URI.create("ftp://files.example"), null, Map.of());

        assertThatThrownBy(() -> ProviderRegistry.create(List.of(settings)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("configuration: providers.u.baseUrl: expected an http or https URL")
                .hasMessageContaining("ftp://files.example");
    }

    @Test
    void sharesOneConnectionPoolAndDispatcherBetweenProvidersWithTheirOwnTimeouts() {
        ProviderRegistry registry = providers.registry(List.of(
                providers.settings("ucaptcha", ProviderFixture.KEY, Duration.ofSeconds(3), Map.of()),
                providers.settings("2captcha", ProviderFixture.KEY, Duration.ofMillis(1500), Map.of())));
        OkHttpClient first = ((HttpFeedbackAdapter) registry.adapter("ucaptcha").orElseThrow()).client();
        OkHttpClient second = ((HttpFeedbackAdapter) registry.adapter("2captcha").orElseThrow()).client();

        assertThat(first.connectionPool()).isSameAs(second.connectionPool()).isSameAs(registry.client().connectionPool());
        assertThat(first.dispatcher()).isSameAs(second.dispatcher()).isSameAs(registry.client().dispatcher());
        assertThat(first.callTimeoutMillis()).isEqualTo(3000);
        assertThat(second.callTimeoutMillis()).isEqualTo(1500);
        assertThat(second.readTimeoutMillis()).isEqualTo(1500);
        assertThat(second.connectTimeoutMillis()).isEqualTo(1500);
        assertThat(registry.client().dispatcher().getMaxRequestsPerHost()).isEqualTo(64);
    }

    @Test
    void closeReleasesTheClientItCreatedAndLaterSendsCompleteAsRetryable() {
        ProviderRegistry registry = ProviderRegistry.create(List.of(providers.settings("ucaptcha", Map.of())));
        ProviderAdapter adapter = registry.adapter("ucaptcha").orElseThrow();
        ProviderFixture.send(adapter, ProviderFixture.feedback("ucaptcha", "t-1", CaptchaType.HCAPTCHA, true, null));
        assertThat(Thread.getAllStackTraces().keySet())
                .filteredOn(thread -> thread.getName().startsWith("captcha-feedback-http-"))
                .isNotEmpty()
                .allMatch(Thread::isDaemon);

        registry.close();
        registry.close();

        assertThat(registry.client().dispatcher().executorService().isShutdown()).isTrue();
        assertThat(registry.client().connectionPool().connectionCount()).isZero();
        assertThat(ProviderFixture.send(adapter,
                ProviderFixture.feedback("ucaptcha", "t-2", CaptchaType.HCAPTCHA, true, null)))
                .isInstanceOf(FeedbackResult.Retryable.class);
    }

    @Test
    void closeLeavesACallersClientOpen() {
        OkHttpClient mine = new OkHttpClient();
        try {
            List<ProviderSettings> settings = List.of(providers.settings("regotcha", Map.of()));
            Feedback feedback = ProviderFixture.feedback("regotcha", "t-1", CaptchaType.TURNSTILE, true, null);
            try (ProviderRegistry registry = ProviderRegistry.create(settings, mine)) {
                assertThat(((HttpFeedbackAdapter) registry.adapter("regotcha").orElseThrow()).client().connectionPool())
                        .isSameAs(mine.connectionPool());
                ProviderFixture.send(registry.adapter("regotcha").orElseThrow(), feedback);
            }

            assertThat(mine.dispatcher().executorService().isShutdown()).isFalse();
            try (ProviderRegistry again = ProviderRegistry.create(settings, mine)) {
                assertThat(ProviderFixture.send(again.adapter("regotcha").orElseThrow(), feedback))
                        .isEqualTo(new FeedbackResult.Delivered("Feedback recorded"));
            }
        } finally {
            mine.dispatcher().executorService().shutdown();
            mine.connectionPool().evictAll();
        }
    }

    @Test
    void discoversAThirdPartyFactoryWithServiceLoader() {
        ProviderRegistry registry = providers.registry(List.of(
                ProviderSettings.of("custom", ThirdPartyAdapterFactory.ECHO, ProviderFixture.KEY)));

        ProviderAdapter adapter = registry.adapter("custom").orElseThrow();

        assertThat(adapter).isInstanceOf(ThirdPartyAdapterFactory.EchoAdapter.class);
        assertThat(ProviderFixture.send(adapter, ProviderFixture.feedback("custom", "t", CaptchaType.IMAGE, true, null)))
                .isEqualTo(new FeedbackResult.Delivered("echo"));
    }

    @Test
    void triesTheBuiltInFactoryBeforeDiscoveredOnes() {
        ProviderAdapter adapter = providers.adapter("ucaptcha");

        assertThat(adapter).isInstanceOf(HttpFeedbackAdapter.class);
    }

    @Test
    void namesDiscoveredFactoriesWhenATypeIsUnknown() {
        assertThatThrownBy(() -> ProviderRegistry.create(List.of(
                ProviderSettings.of("x", "nosuch", ProviderFixture.KEY))))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith(KNOWN_TYPES + " (or a type taken by " + ThirdPartyAdapterFactory.class.getName() + ")");
    }

    @Test
    void reportsAFailingThirdPartyFactoryAsAConfigurationErrorWithoutTheKey() {
        ApiKey key = ApiKey.of("secret-key-in-factory-message");

        assertThatThrownBy(() -> ProviderRegistry.create(List.of(ProviderSettings.of("p", "exploding", key))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("configuration: providers.p: adapter factory " + ThirdPartyAdapterFactory.class.getName()
                        + " failed: IllegalStateException: cannot use key [redacted]")
                .hasNoCause();
    }

    @Test
    void rejectsAnAdapterCreatedUnderAnotherId() {
        assertThatThrownBy(() -> ProviderRegistry.create(List.of(
                ProviderSettings.of("p", "misnamed", ProviderFixture.KEY))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("configuration: providers.p: adapter factory for type 'misnamed' created an adapter"
                        + " with id 'p-other'");
    }

    @Test
    void showsIdsAndTypesInToString() {
        ProviderRegistry registry = providers.registry(List.of(
                providers.settings("ucaptcha", Map.of()), providers.settings("2captcha", Map.of())));

        assertThat(registry).hasToString("ProviderRegistry[ucaptcha (ucaptcha), 2captcha (2captcha)]");
        assertThat(registry.adapter("2captcha").orElseThrow()).hasToString("ProviderAdapter[id=2captcha, type=2captcha]");
    }

    @Test
    void rejectsNullArguments() {
        assertThatThrownBy(() -> ProviderRegistry.create(null)).hasMessage("settings == null");
        assertThatThrownBy(() -> ProviderRegistry.create(List.of(), null)).hasMessage("client == null");
        try (ProviderRegistry registry = ProviderRegistry.create(List.of())) {
            assertThat(registry.ids()).isEmpty();
            assertThatThrownBy(() -> registry.adapter(null)).hasMessage("id == null");
        }
    }
}
