package io.captchafeedback.spi;



import io.captchafeedback.solve.FoundWidget;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.captchafeedback.task.CaptchaType;
import java.util.List;
import org.junit.jupiter.api.Test;

class FoundWidgetsTest {

    @Test
    void theFinderIsAFunctionExpressionWithoutItsHeaderComment() {
        assertThat(FoundWidgets.script()).startsWith("(function (arg) {").endsWith("})");
    }

    @Test
    void theFindersAnswerBecomesWidgetsWithTheGivenPageAndFramePath() {
        String answer = "{\"url\":\"https://frame.example/captcha\",\"widgets\":["
                + "{\"type\":\"TURNSTILE\",\"siteKey\":\"0x4BBBB\",\"action\":\"signup\",\"enterprise\":false,"
                + "\"sData\":null,\"invisible\":false,\"rqdata\":null,\"cData\":\"CD\",\"chlPageData\":\"PD\","
                + "\"serviceUrl\":null,\"source\":\"render\"},"
                + "{\"type\":\"RECAPTCHA_V3\",\"siteKey\":\"6LcV3\",\"enterprise\":true,\"source\":\"script\"},"
                + "{\"type\":\"FUNCAPTCHA\",\"siteKey\":\"69A21A01\",\"serviceUrl\":\"https://client-api.arkoselabs.com\","
                + "\"source\":\"script,token-field\"},"
                + "{\"type\":\"HCAPTCHA\",\"siteKey\":null,\"source\":\"frame\"},"
                + "{\"type\":\"SOMETHING_NEW\",\"siteKey\":\"k\",\"source\":\"markup\"}]}";

        List<FoundWidget> widgets = FoundWidgets.parse(answer, "https://shop.example/login", List.of("iframe#checkout"));

        assertThat(widgets).extracting(FoundWidget::type)
                .containsExactly(CaptchaType.TURNSTILE, CaptchaType.RECAPTCHA_V3, CaptchaType.FUNCAPTCHA);
        assertThat(widgets.get(0)).satisfies(w -> {
            assertThat(w.pageUrl()).isEqualTo("https://shop.example/login");
            assertThat(w.action()).isEqualTo("signup");
            assertThat(w.cData()).isEqualTo("CD");
            assertThat(w.chlPageData()).isEqualTo("PD");
            assertThat(w.framePath()).containsExactly("iframe#checkout");
        });
        assertThat(widgets.get(1).taskType()).isEqualTo(CaptchaType.RECAPTCHA_ENTERPRISE);
        assertThat(widgets.get(2).serviceUrl()).isEqualTo("https://client-api.arkoselabs.com");
        assertThat(FoundWidgets.parse(answer, null, List.of()).get(0).pageUrl()).isEqualTo("https://frame.example/captcha");
    }

    @Test
    void anAnswerThatIsNotTheFindersIsAClearError() {
        assertThatThrownBy(() -> FoundWidgets.parse("<html>", null, List.of())).hasMessage("widget finder answer: not JSON");
        assertThatThrownBy(() -> FoundWidgets.parse("[]", null, List.of()))
                .hasMessage("widget finder answer: expected {url, widgets: [...]}");
    }
}
