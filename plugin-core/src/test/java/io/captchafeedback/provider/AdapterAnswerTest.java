package io.captchafeedback.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.captchafeedback.task.CaptchaType;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every documented answer, error code and failure mode, against every HTTP-speaking adapter, becomes
 * the right {@link FeedbackResult}, and the future always completes normally.
 */
class AdapterAnswerTest {

    @RegisterExtension
    static final WireMockExtension server = ProviderFixture.server();

    @RegisterExtension
    final ProviderFixture providers = new ProviderFixture(server);

    static Stream<Arguments> everyAnswerAtEveryProvider() {
        return ProviderFixture.HTTP_TYPES.stream()
                .flatMap(type -> AnswerCase.all().stream().map(answer -> Arguments.of(type, answer)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("everyAnswerAtEveryProvider")
    void mapsTheAnswerToTheDocumentedResult(String type, AnswerCase answer) {
        server.stubFor(any(anyUrl()).willReturn(answer.response()));
        ProviderAdapter adapter = providers.adapter(
                providers.settings(type, ProviderFixture.KEY, answer.timeout(), Map.of()));

        FeedbackResult result = ProviderFixture.send(adapter,
                ProviderFixture.feedback(type, "12345", CaptchaType.RECAPTCHA_V2, false, null));

        answer.expected().accept(result);
        assertThat(providers.requestCount()).isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("httpTypes")
    void aRefusedConnectionIsRetryableAndDidNotReachTheProvider(String type) throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort(); // nobody listens there once it is closed
        }
        ProviderAdapter adapter = providers.adapter(new ProviderSettings(type, type, ProviderFixture.KEY,
                java.net.URI.create("http://127.0.0.1:" + closedPort + "/"), ProviderFixture.TIMEOUT, Map.of()));

        FeedbackResult result = ProviderFixture.send(adapter,
                ProviderFixture.feedback(type, "12345", CaptchaType.RECAPTCHA_V2, false, null));

        assertThat(result).isInstanceOfSatisfying(FeedbackResult.Retryable.class, r -> {
            assertThat(r.reason()).startsWith("connection failed: ConnectException");
            assertThat(r.mayHaveReachedProvider()).isFalse();
        });
    }

    static Stream<String> httpTypes() {
        return ProviderFixture.HTTP_TYPES.stream();
    }
}
