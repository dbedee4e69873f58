package io.captchafeedback.solve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.captchafeedback.task.CaptchaType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TaskTypesTest {

    static final String PAGE = "https://shop.example/login";
    static final ObjectMapper JSON = new ObjectMapper();

    static FoundWidget widget(String kind) {
        return switch (kind) {
            case "v2" -> FoundWidget.builder(CaptchaType.RECAPTCHA_V2, "k", PAGE).build();
            case "v2-invisible" -> FoundWidget.builder(CaptchaType.RECAPTCHA_V2, "k", PAGE).invisible(true).build();
            case "v2-enterprise" -> FoundWidget.builder(CaptchaType.RECAPTCHA_V2, "k", PAGE).enterprise(true).build();
            case "v3" -> FoundWidget.builder(CaptchaType.RECAPTCHA_V3, "k", PAGE).action("login").build();
            case "v3-enterprise" -> FoundWidget.builder(CaptchaType.RECAPTCHA_V3, "k", PAGE).action("pay").enterprise(true).build();
            case "hcaptcha" -> FoundWidget.builder(CaptchaType.HCAPTCHA, "k", PAGE).build();
            case "turnstile" -> FoundWidget.builder(CaptchaType.TURNSTILE, "k", PAGE).build();
            case "funcaptcha" -> FoundWidget.builder(CaptchaType.FUNCAPTCHA, "k", PAGE).build();
            default -> throw new IllegalArgumentException(kind);
        };
    }

    @ParameterizedTest(name = "{0} solves a {1} widget as {2}")
    @CsvSource({
            "anticaptcha, v2, RecaptchaV2TaskProxyless",
            "anticaptcha, v2-enterprise, RecaptchaV2EnterpriseTaskProxyless",
            "anticaptcha, v3, RecaptchaV3TaskProxyless",
            "anticaptcha, v3-enterprise, RecaptchaV3TaskProxyless",
            "anticaptcha, hcaptcha, HCaptchaTaskProxyless",
            "anticaptcha, turnstile, TurnstileTaskProxyless",
            "anticaptcha, funcaptcha, FunCaptchaTaskProxyless",
            "2captcha, v2-invisible, RecaptchaV2TaskProxyless",
            "2captcha, turnstile, TurnstileTaskProxyless",
            "ucaptcha, v3, RecaptchaV3TaskProxyless",
            "regotcha, v2, RecaptchaV2TaskProxyless",
            "capsolver, v2, ReCaptchaV2TaskProxyLess",
            "capsolver, v2-enterprise, ReCaptchaV2EnterpriseTaskProxyLess",
            "capsolver, v3, ReCaptchaV3TaskProxyLess",
            "capsolver, v3-enterprise, ReCaptchaV3EnterpriseTaskProxyLess",
            "capsolver, hcaptcha, HCaptchaTaskProxyLess",
            "capsolver, turnstile, AntiTurnstileTaskProxyLess",
            "capsolver, funcaptcha, FunCaptchaTaskProxyLess",
            "capmonster, v2, RecaptchaV2Task",
            "capmonster, v2-enterprise, RecaptchaV2EnterpriseTask",
            "capmonster, v3, RecaptchaV3TaskProxyless",
            "capmonster, turnstile, TurnstileTask",
    })
    void eachProviderGetsItsOwnTaskTypeName(String provider, String kind, String name) {
        assertThat(TaskTypes.task(provider, widget(kind)).orElseThrow().get("type").asText()).isEqualTo(name);
    }

    @Test
    void capMonsterTakesNoHCaptchaOrFunCaptchaAndNextCaptchaIsNotSolvedHere() {
        assertThat(TaskTypes.task("capmonster", widget("hcaptcha"))).isEmpty();
        assertThat(TaskTypes.task("capmonster", widget("funcaptcha"))).isEmpty();
        assertThat(TaskTypes.solves("nextcaptcha")).isFalse();
        assertThat(TaskTypes.task("generic", widget("v2"))).isEmpty();
    }

    @Test
    void theWidgetsParametersGoWhereEachProviderDocumentsThem() throws Exception {
        FoundWidget turnstile = FoundWidget.builder(CaptchaType.TURNSTILE, "0xKEY", PAGE).action("login").cData("cd")
                .chlPageData("pd").build();
        assertThat(TaskTypes.task("anticaptcha", turnstile).orElseThrow()).isEqualTo(JSON.readTree("{\"type\":"
                + "\"TurnstileTaskProxyless\",\"websiteURL\":\"" + PAGE + "\",\"websiteKey\":\"0xKEY\",\"action\":\"login\","
                + "\"cData\":\"cd\",\"chlPageData\":\"pd\"}"));
        assertThat(TaskTypes.task("2captcha", turnstile).orElseThrow().toString())
                .contains("\"data\":\"cd\"", "\"pagedata\":\"pd\"");
        assertThat(TaskTypes.task("capsolver", turnstile).orElseThrow().get("metadata"))
                .isEqualTo(JSON.readTree("{\"action\":\"login\",\"cdata\":\"cd\"}"));

        FoundWidget v2s = FoundWidget.builder(CaptchaType.RECAPTCHA_V2, "k", PAGE).sData("S").invisible(true).build();
        assertThat(TaskTypes.task("anticaptcha", v2s).orElseThrow().toString())
                .contains("\"isInvisible\":true", "\"recaptchaDataSValue\":\"S\"");
        assertThat(TaskTypes.task("capsolver", v2s).orElseThrow().get("enterprisePayload").get("s").asText()).isEqualTo("S");

        FoundWidget v3 = widget("v3-enterprise");
        assertThat(TaskTypes.task("anticaptcha", v3).orElseThrow().toString())
                .contains("\"pageAction\":\"pay\"", "\"minScore\":0.3", "\"isEnterprise\":true");
        assertThat(TaskTypes.task("capsolver", v3).orElseThrow().has("minScore")).isFalse();

        FoundWidget h = FoundWidget.builder(CaptchaType.HCAPTCHA, "k", PAGE).rqdata("RQ").invisible(true).build();
        assertThat(TaskTypes.task("2captcha", h).orElseThrow().get("enterprisePayload").get("rqdata").asText()).isEqualTo("RQ");

        FoundWidget fun = FoundWidget.builder(CaptchaType.FUNCAPTCHA, "PK", PAGE).serviceUrl("https://client-api.arkoselabs.com")
                .build();
        assertThat(TaskTypes.task("anticaptcha", fun).orElseThrow()).isEqualTo(JSON.readTree("{\"type\":"
                + "\"FunCaptchaTaskProxyless\",\"websiteURL\":\"" + PAGE + "\",\"websitePublicKey\":\"PK\","
                + "\"funcaptchaApiJSSubdomain\":\"https://client-api.arkoselabs.com\"}"));
    }

    @Test
    void aFoundWidgetNeedsAKeyAndAPageAndKnowsTheTypeItIsRecordedAs() {
        assertThat(widget("v2-invisible").taskType()).isEqualTo(CaptchaType.RECAPTCHA_V2_INVISIBLE);
        assertThat(widget("v3-enterprise").taskType()).isEqualTo(CaptchaType.RECAPTCHA_ENTERPRISE);
        assertThat(FoundWidget.builder(CaptchaType.RECAPTCHA_ENTERPRISE, "k", PAGE).build().enterprise()).isTrue();
        assertThat(FoundWidget.builder(CaptchaType.TURNSTILE, "k", PAGE).framePath(List.of("iframe#login")).action(" ")
                .build()).satisfies(w -> {
                    assertThat(w.action()).isNull();
                    assertThat(w.framePath()).containsExactly("iframe#login");
                });
        assertThatThrownBy(() -> FoundWidget.builder(CaptchaType.TURNSTILE, " ", PAGE).build())
                .hasMessage("siteKey is blank");
        assertThatThrownBy(() -> FoundWidget.builder(CaptchaType.GEETEST_V4, "k", PAGE).build())
                .hasMessageContaining("GEETEST_V4");
    }
}
