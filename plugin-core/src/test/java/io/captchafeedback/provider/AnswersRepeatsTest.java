package io.captchafeedback.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which providers answer a repeated report "already recorded" (so that a report whose answer was lost may
 * be sent again), as their published documentation says; the others get UNCERTAIN instead of a repeat.
 */
class AnswersRepeatsTest {

    @RegisterExtension
    static final WireMockExtension server = ProviderFixture.server();

    @RegisterExtension
    final ProviderFixture providers = new ProviderFixture(server);

    static Stream<Arguments> documented() {
        return Stream.of(
                Arguments.of("regotcha", true),     // ERROR_FEEDBACK_EXISTS
                Arguments.of("anticaptcha", true),  // "Only one report can be sent per task" (errorId 16)
                Arguments.of("ucaptcha", false),    // the seed documents no answer to a repeat
                Arguments.of("capsolver", false),   // docs.capsolver.com/guide/api-feedback.html: none documented
                Arguments.of("2captcha", false),    // 2captcha.com/api-docs/report-incorrect: none documented
                Arguments.of("capmonster", false),  // docs.capmonster.cloud/docs/api/bad-tokens/: none documented
                Arguments.of("nextcaptcha", false), // no report endpoint
                Arguments.of("generic", false));    // unknown unless the option says so
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("documented")
    void saysWhetherTheProviderAnswersARepeatedReport(String type, boolean answersRepeats) {
        assertThat(providers.adapter(type).capabilities().answersRepeats()).isEqualTo(answersRepeats);
    }

    @Test
    void aGenericServiceAnswersRepeatsWhenItsOptionSaysSo() {
        assertThat(providers.adapter("generic", Map.of("answersRepeats", "true")).capabilities().answersRepeats()).isTrue();
        assertThat(providers.adapter("generic", Map.of("answersRepeats", "false")).capabilities().answersRepeats()).isFalse();
    }
}
