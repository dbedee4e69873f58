package io.captchafeedback.task;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.captchafeedback.spi.Injection;
import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The open type model: provider task type names map to types; the new types are reported, not injected. */
class CaptchaTypeTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "RecaptchaV2TaskProxyless, RECAPTCHA_V2",
        "NoCaptchaTaskProxyless, RECAPTCHA_V2",
        "ReCaptchaV2TaskProxyLess, RECAPTCHA_V2",
        "RecaptchaV3TaskProxyless, RECAPTCHA_V3",
        "RecaptchaV2EnterpriseTask, RECAPTCHA_ENTERPRISE",
        "ReCaptchaV3EnterpriseTask, RECAPTCHA_ENTERPRISE",
        "HCaptchaTaskProxyless, HCAPTCHA",
        "AntiTurnstileTaskProxyLess, TURNSTILE",
        "TurnstileTaskProxyless, TURNSTILE",
        "FunCaptchaTaskProxyless, FUNCAPTCHA",
        "ImageToTextTask, IMAGE",
        "GeeTestTaskProxyless, GEETEST_V3",
        "GeeTestV4TaskProxyless, GEETEST_V4",
        "AntiAwsWafTaskProxyLess, AWS_WAF",
        "AmazonTaskProxyless, AWS_WAF",
        "FriendlyCaptchaTaskProxyless, FRIENDLY_CAPTCHA",
        "YandexSmartCaptchaTaskProxyless, YANDEX_SMARTCAPTCHA",
        "MtCaptchaTaskProxyless, MTCAPTCHA"
    })
    void mapsAProvidersTaskTypeName(String taskType, CaptchaType expected) {
        assertThat(CaptchaType.fromTaskType(taskType)).contains(expected);
    }

    @Test
    void anUnknownTaskTypeNameMapsToNothingSoTheCallerKeepsItWithOther() {
        assertThat(CaptchaType.fromTaskType("DataDomeSliderTask")).isEqualTo(Optional.empty());
        assertThat(CaptchaType.fromTaskType(" ")).isEmpty();
        SolvedTask task = SolvedTask.builder("capsolver", "t-1", CaptchaType.OTHER, "datadome=abc")
                .providerTaskType("DataDomeSliderTask").build();
        assertThat(task.providerTaskType()).isEqualTo("DataDomeSliderTask");
        assertThat(task.toBuilder().build()).isEqualTo(task);
    }

    @Test
    void theEightFirstTypesAreInjectedOrTypedAndTheOthersOnlyReported() {
        assertThat(EnumSet.allOf(CaptchaType.class).stream().filter(CaptchaType::isInjectable))
                .containsExactly(CaptchaType.RECAPTCHA_V2, CaptchaType.RECAPTCHA_V2_INVISIBLE, CaptchaType.RECAPTCHA_V3,
                        CaptchaType.RECAPTCHA_ENTERPRISE, CaptchaType.HCAPTCHA, CaptchaType.TURNSTILE,
                        CaptchaType.FUNCAPTCHA);
    }

    @ParameterizedTest
    @EnumSource(names = {"GEETEST_V3", "GEETEST_V4", "AWS_WAF", "FRIENDLY_CAPTCHA", "YANDEX_SMARTCAPTCHA", "MTCAPTCHA",
            "OTHER"})
    void injectingANewTypeFailsAtOnceWithAMessageSayingItIsNotSupportedYet(CaptchaType type) {
        SolvedTask task = SolvedTask.of("capsolver", "t-9", type, "token-9");

        assertThatThrownBy(() -> Injection.argument(task))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("injecting a " + type + " token is not supported yet")
                .hasMessageContaining("capsolver/t-9");
    }
}
