package io.captchafeedback.spi;



import io.captchafeedback.rule.Widget;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class WidgetEventTest {

    @Test
    void theJsonPushedByTheHooksIsReadBack() {
        assertThat(WidgetEvent.parse("{\"kind\":\"reset\",\"widget\":\"recaptcha-enterprise\",\"at\":1763805600000}"))
                .contains(new WidgetEvent(Widget.RECAPTCHA, WidgetEvent.Kind.RESET, Instant.ofEpochMilli(1763805600000L)));
        assertThat(WidgetEvent.parse("{\"kind\":\"render\",\"widget\":\"turnstile\",\"at\":5}"))
                .contains(new WidgetEvent(Widget.TURNSTILE, WidgetEvent.Kind.RENDER, Instant.ofEpochMilli(5)));
        assertThat(WidgetEvent.parse("{\"kind\":\"reset\",\"widget\":\"funcaptcha\",\"at\":1}"))
                .contains(new WidgetEvent(Widget.ARKOSE, WidgetEvent.Kind.RESET, Instant.ofEpochMilli(1)));
        assertThat(WidgetEvent.parse("{\"kind\":\"reset\",\"widget\":\"arkose\",\"at\":1}"))
                .contains(new WidgetEvent(Widget.ARKOSE, WidgetEvent.Kind.RESET, Instant.ofEpochMilli(1)));
    }

    @Test
    void anythingElseIsNotAnEvent() {
        assertThat(WidgetEvent.parse("not json")).isEmpty();
        assertThat(WidgetEvent.parse("[1]")).isEmpty();
        assertThat(WidgetEvent.parse("{\"kind\":\"execute\",\"widget\":\"recaptcha\",\"at\":1}")).isEmpty();
        assertThat(WidgetEvent.parse("{\"kind\":\"reset\",\"widget\":\"geetest\",\"at\":1}")).isEmpty();
        assertThat(WidgetEvent.parse("{\"kind\":\"reset\",\"widget\":\"hcaptcha\"}")).isEmpty();
        assertThat(WidgetEvent.parse(null)).isEmpty();
    }

    @Test
    void theHooksScriptShipsWithTheCoreAndNamesItsGlobalAndBinding() {
        assertThat(WidgetHooks.script())
                .contains("'" + WidgetHooks.GLOBAL + "'", "window." + WidgetHooks.BINDING)
                .contains("grecaptcha", "hcaptcha", "turnstile", "enterprise", "ArkoseEnforcement", "setConfig");
    }
}
