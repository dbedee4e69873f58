package io.captchafeedback.selenium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.spi.Injection;
import io.captchafeedback.inject.InjectionException;
import io.captchafeedback.inject.InjectionResult;
import io.captchafeedback.spi.WidgetHooks;
import io.captchafeedback.testkit.site.DemoPage;
import io.captchafeedback.testkit.site.DemoReaction;
import io.captchafeedback.testkit.site.DemoWidget;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The engine-neutral injection script, run by plain Selenium against every demo widget. */
class InjectionScriptInChromiumTest extends DemoSiteFixture {

    static InjectionResult inject(SolvedTask task) {
        Object raw = ((JavascriptExecutor) chrome).executeScript(Injection.statement(), Injection.argument(task));
        return Injection.parse(task.type(), raw);
    }

    @ParameterizedTest
    @EnumSource(DemoWidget.class)
    void aGoodTokenInjectedIntoEveryWidgetSignsIn(DemoWidget widget) {
        DemoPage page = DemoPage.of(widget, DemoReaction.INLINE_ERROR);
        chrome.get(site.url(page));
        SolvedTask task = site.solve(widget);

        InjectionResult result = inject(task).orThrow();

        assertThat(result.pageUrl()).isEqualTo(site.url(page));
        assertThat(result.callbackError()).isNull();
        switch (widget) {
            case RECAPTCHA_V2 -> {
                assertThat(result.fieldsWritten()).containsExactly("textarea#g-recaptcha-response[name=g-recaptcha-response]");
                assertThat(result.callbackCalled()).isEqualTo("data-callback onCaptchaSolved");
            }
            case RECAPTCHA_V2_INVISIBLE -> {
                assertThat(result.fieldsWritten()).containsExactly("textarea#g-recaptcha-response[name=g-recaptcha-response]");
                assertThat(result.callbackCalled()).isEqualTo("data-callback onSubmit");
            }
            case RECAPTCHA_V3 -> assertThat(result.callbackCalled()).isEqualTo("grecaptcha.execute + grecaptcha.enterprise.execute override");
            case HCAPTCHA -> {
                assertThat(result.fieldsWritten()).hasSize(3)
                        .anyMatch(f -> f.startsWith("textarea#h-captcha-response-") && f.endsWith("[name=h-captcha-response]"))
                        .anyMatch(f -> f.startsWith("textarea#g-recaptcha-response-") && f.endsWith("[name=g-recaptcha-response]"))
                        .anyMatch(f -> f.startsWith("iframe[data-hcaptcha-widget-id=") && f.endsWith("@data-hcaptcha-response"));
                assertThat(result.callbackCalled()).startsWith("data-callback ");
            }
            case TURNSTILE -> {
                assertThat(result.fieldsWritten()).singleElement().asString()
                        .startsWith("input#").endsWith("[name=cf-turnstile-response]");
                assertThat(result.callbackCalled()).startsWith("data-callback ");
            }
            case FUNCAPTCHA -> {
                assertThat(result.fieldsWritten()).contains("input#FunCaptcha-Token[name=fc-token]", "input#verification-token[name=verification-token]");
                assertThat(result.callbackCalled()).startsWith("data-callback ");
            }
        }
        if (widget != DemoWidget.RECAPTCHA_V2_INVISIBLE) { // its callback submits
            chrome.findElement(By.id("sign-in")).click();
        }
        new WebDriverWait(chrome, WAIT).until(d -> !d.findElements(By.cssSelector(".success")).isEmpty());
        assertThat(chrome.findElement(By.cssSelector(".success")).getText()).isEqualTo("Welcome back, demo");
    }

    @Test
    void theCallbackCapturedFromRenderIsPreferredAndCalledOnce() {
        chrome.get(site.url(DemoPage.of(DemoWidget.RECAPTCHA_V2, DemoReaction.INLINE_ERROR)));
        JavascriptExecutor js = chrome;
        js.executeScript(WidgetHooks.script() + """
                var box = document.createElement('div'); document.body.appendChild(box);
                window.explicitCalls = [];
                grecaptcha.render(box, { sitekey: 'explicit-key', callback: function (t) { explicitCalls.push(t); } });""");
        SolvedTask task = SolvedTask.builder("ucaptcha", "t-1", io.captchafeedback.task.CaptchaType.RECAPTCHA_V2, "TOKEN-1")
                .siteKey("explicit-key").build();

        InjectionResult result = inject(task);

        assertThat(result.callbackCalled()).isEqualTo("captured recaptcha.render callback");
        assertThat(js.executeScript("return window.explicitCalls")).isEqualTo(List.of("TOKEN-1"));
        assertThat(result.fieldsWritten()).hasSize(1); // only the widget with the task's site key
    }

    @Test
    void aPageWithoutTheWidgetGivesAClearError() {
        chrome.get(site.url("/"));
        SolvedTask task = site.solve(DemoWidget.TURNSTILE);

        InjectionResult result = inject(task);

        assertThat(result.injected()).isFalse();
        assertThatThrownBy(result::orThrow).isInstanceOf(InjectionException.class)
                .hasMessageContaining("found no response field and no callback for TURNSTILE on " + site.url("/"));
    }
}
