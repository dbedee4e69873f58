package io.captchafeedback.spi;



import io.captchafeedback.inject.InjectionException;
import io.captchafeedback.inject.InjectionResult;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.captchafeedback.task.CaptchaType;
import io.captchafeedback.task.SolvedTask;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InjectionTest {

    final SolvedTask task = SolvedTask.builder("ucaptcha", "t-1", CaptchaType.TURNSTILE, "0.TOKEN").siteKey("0x4AAA").build();

    @Test
    void theArgumentCarriesTypeTokenSiteKeyAndWhetherToCallTheCallback() {
        assertThat(Injection.argument(task)).containsExactly(Map.entry("type", "TURNSTILE"), Map.entry("token", "0.TOKEN"),
                Map.entry("siteKey", "0x4AAA"), Map.entry("callback", true));
        assertThat(Injection.argument(task, false)).containsEntry("callback", false);
    }

    @Test
    void anImageAnswerIsNotInjected() {
        SolvedTask image = SolvedTask.of("ucaptcha", "t-2", CaptchaType.IMAGE, "x7k2");
        assertThatThrownBy(() -> Injection.argument(image)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("IMAGE answer is typed, not injected");
    }

    @Test
    void theScriptIsAFunctionExpressionAndTheStatementCallsItWithTheFirstArgument() {
        assertThat(Injection.script()).startsWith("(function (arg) {").endsWith("})");
        assertThat(Injection.statement()).startsWith("return ((function (arg) {").endsWith("}))(arguments[0]);");
    }

    @Test
    void whatTheScriptReturnsIsParsed() {
        InjectionResult result = Injection.parse(CaptchaType.TURNSTILE, Map.of(
                "fields", List.of("input[name=cf-turnstile-response]"), "callback", "data-callback onOk",
                "url", "http://127.0.0.1/login", "notes", List.of()));

        assertThat(result.injected()).isTrue();
        assertThat(result.fieldsWritten()).containsExactly("input[name=cf-turnstile-response]");
        assertThat(result.callback()).contains("data-callback onOk");
        assertThat(result.callbackError()).isNull();
        assertThat(result.orThrow()).isSameAs(result);
    }

    @Test
    void nothingFoundIsAClearError() {
        InjectionResult result = Injection.parse(CaptchaType.HCAPTCHA, Map.of("fields", List.of(), "url", "http://127.0.0.1/x",
                "notes", List.of("found no response field and no callback for HCAPTCHA on http://127.0.0.1/x")));

        assertThat(result.injected()).isFalse();
        assertThatThrownBy(result::orThrow).isInstanceOf(InjectionException.class)
                .hasMessageStartingWith("found no response field and no callback for HCAPTCHA on http://127.0.0.1/x")
                .satisfies(e -> assertThat(((InjectionException) e).result()).contains(result));
    }

    @Test
    void aValueThatIsNotTheScriptsResultIsRefused() {
        assertThatThrownBy(() -> Injection.parse(CaptchaType.HCAPTCHA, "oops")).isInstanceOf(InjectionException.class)
                .hasMessageContaining("returned String instead of its result object");
        assertThatThrownBy(() -> Injection.parse(CaptchaType.HCAPTCHA, null)).isInstanceOf(InjectionException.class)
                .hasMessageContaining("returned nothing");
    }
}
