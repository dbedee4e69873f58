package io.captchafeedback.provider;

import static io.captchafeedback.task.CaptchaType.GEETEST_V3;
import static io.captchafeedback.task.CaptchaType.GEETEST_V4;
import static io.captchafeedback.task.CaptchaType.HCAPTCHA;
import static io.captchafeedback.task.CaptchaType.IMAGE;
import static io.captchafeedback.task.CaptchaType.RECAPTCHA_ENTERPRISE;
import static io.captchafeedback.task.CaptchaType.RECAPTCHA_V2;
import static io.captchafeedback.task.CaptchaType.RECAPTCHA_V2_INVISIBLE;
import static io.captchafeedback.task.CaptchaType.RECAPTCHA_V3;
import static io.captchafeedback.task.CaptchaType.TURNSTILE;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.captchafeedback.task.CaptchaType;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What each adapter says it takes (task id kind, window, positive and negative reports per captcha
 * type, default host), and that a report it cannot take completes as Unsupported without a request.
 */
class ProviderCapabilitiesTest {

    @RegisterExtension
    static final WireMockExtension server = ProviderFixture.server();

    @RegisterExtension
    final ProviderFixture providers = new ProviderFixture(server);

    private static final Set<CaptchaType> ALL = EnumSet.allOf(CaptchaType.class);
    private static final Set<CaptchaType> NONE = EnumSet.noneOf(CaptchaType.class);

    record Expected(String type, TaskIdKind taskIdKind, Duration window, Set<CaptchaType> positive,
            Set<CaptchaType> negative, String defaultBaseUrl) {
        @Override
        public String toString() {
            return type;
        }
    }

    static Stream<Expected> documented() {
        return Stream.of(
                new Expected("ucaptcha", TaskIdKind.STRING, null, ALL, ALL, "https://api.ucaptcha.net"),
                new Expected("regotcha", TaskIdKind.STRING, Duration.ofHours(24), ALL, ALL, "https://api.regotcha.com"),
                new Expected("capsolver", TaskIdKind.STRING, null, ALL, ALL, "https://api.capsolver.com"),
                new Expected("2captcha", TaskIdKind.INTEGER, Duration.ofMinutes(15), ALL, ALL,
                        "https://api.2captcha.com"),
                new Expected("anticaptcha", TaskIdKind.INTEGER, Duration.ofSeconds(60),
                        EnumSet.of(RECAPTCHA_V3, RECAPTCHA_ENTERPRISE),
                        EnumSet.of(RECAPTCHA_V2, RECAPTCHA_V2_INVISIBLE, RECAPTCHA_V3, RECAPTCHA_ENTERPRISE, HCAPTCHA,
                                IMAGE),
                        "https://api.anti-captcha.com"),
                new Expected("capmonster", TaskIdKind.INTEGER, null, NONE,
                        EnumSet.of(RECAPTCHA_V2, RECAPTCHA_V2_INVISIBLE, RECAPTCHA_V3, RECAPTCHA_ENTERPRISE, TURNSTILE,
                                GEETEST_V3, GEETEST_V4, IMAGE),
                        "https://api.capmonster.cloud"),
                new Expected("nextcaptcha", TaskIdKind.INTEGER, null, NONE, NONE, "https://api.nextcaptcha.com"),
                new Expected("generic", TaskIdKind.STRING, null, ALL, ALL, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documented")
    void describesWhatTheProviderTakes(Expected expected) {
        ProviderCapabilities caps = providers.adapter(expected.type()).capabilities();

        assertThat(caps.taskIdKind()).isEqualTo(expected.taskIdKind());
        assertThat(caps.reportWindow()).isEqualTo(expected.window());
        assertThat(caps.positiveEndpoints().keySet()).containsExactlyInAnyOrderElementsOf(expected.positive());
        assertThat(caps.negativeEndpoints().keySet()).containsExactlyInAnyOrderElementsOf(expected.negative());
        assertThat(caps.notes()).isNotBlank();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documented")
    void answersUnsupportedWithoutARequestForEveryReportItCannotTake(Expected expected) {
        ProviderAdapter adapter = providers.adapter(expected.type());
        int unsupported = 0;
        for (CaptchaType captcha : CaptchaType.values()) {
            for (boolean positive : new boolean[] {true, false}) {
                if ((positive ? expected.positive() : expected.negative()).contains(captcha)) {
                    continue;
                }
                FeedbackResult result = ProviderFixture.send(adapter,
                        ProviderFixture.feedback(expected.type(), "12345", captcha, positive, null));
                assertThat(result).as("%s %s", captcha, positive ? "positive" : "negative")
                        .isInstanceOfSatisfying(FeedbackResult.Unsupported.class,
                                u -> assertThat(u.reason()).contains(expected.type(), captcha.name()));
                unsupported++;
            }
        }
        assertThat(unsupported).isEqualTo(2 * CaptchaType.values().length
                - expected.positive().size() - expected.negative().size());
        assertThat(providers.requestCount()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documented")
    void callsTheDocumentedHostUnlessABaseUrlIsConfigured(Expected expected) {
        if (expected.defaultBaseUrl() == null) {
            return; // the generic adapter has no default host; see ProviderRegistryTest
        }
        ProviderAdapter byDefault = providers.registry(java.util.List.of(ProviderSettings.of(
                expected.type(), expected.type(), ProviderFixture.KEY))).adapter(expected.type()).orElseThrow();
        ProviderAdapter overridden = providers.adapter(expected.type());

        ProviderCapabilities caps = byDefault.capabilities();
        Stream.concat(caps.positiveEndpoints().values().stream(), caps.negativeEndpoints().values().stream())
                .forEach(path -> {
                    assertThat(((HttpFeedbackAdapter) byDefault).url(path))
                            .hasToString(expected.defaultBaseUrl() + path);
                    assertThat(((HttpFeedbackAdapter) overridden).url(path))
                            .hasToString(server.baseUrl() + path);
                });
    }

    @Test
    void sendsAntiCaptchaReportsToTheEndpointOfTheCaptchaType() {
        ProviderCapabilities caps = providers.adapter("anticaptcha").capabilities();

        assertThat(caps.endpoint(RECAPTCHA_V2_INVISIBLE, false)).contains("/reportIncorrectRecaptcha");
        assertThat(caps.endpoint(RECAPTCHA_ENTERPRISE, true)).contains("/reportCorrectRecaptcha");
        assertThat(caps.endpoint(RECAPTCHA_V2, true)).isEmpty();
        assertThat(caps.endpoint(HCAPTCHA, false)).contains("/reportIncorrectHcaptcha");
        assertThat(caps.endpoint(IMAGE, false)).contains("/reportIncorrectImageCaptcha");
        assertThat(caps.endpoint(CaptchaType.TURNSTILE, false)).isEmpty();
        assertThat(caps.endpoint(CaptchaType.FUNCAPTCHA, false)).isEmpty();
    }

    @Test
    void takesTheGenericWindowTaskIdKindAndPathFromItsOptions() {
        ProviderCapabilities caps = providers.adapter("generic",
                Map.of("window", "90s", "taskIdKind", "INTEGER", "path", "/v1/report")).capabilities();

        assertThat(caps.window()).contains(Duration.ofSeconds(90));
        assertThat(caps.taskIdKind()).isEqualTo(TaskIdKind.INTEGER);
        assertThat(caps.endpoint(CaptchaType.TURNSTILE, true)).contains("/v1/report");
        assertThat(caps.endpoint(IMAGE, false)).contains("/v1/report");
    }
}
