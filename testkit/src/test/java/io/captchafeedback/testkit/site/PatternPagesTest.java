package io.captchafeedback.testkit.site;


import io.captchafeedback.testkit.Http;
import io.captchafeedback.testkit.emulator.ProviderEmulator;
import io.captchafeedback.spi.CompiledRules;
import static org.assertj.core.api.Assertions.assertThat;

import io.captchafeedback.task.Outcome;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.spi.CompiledRuleSet;
import io.captchafeedback.rule.RuleSet;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The pattern pages over plain HTTP, and their rules. */
class PatternPagesTest {
    private static ProviderEmulator emulator;
    private static DemoSite site;

    @BeforeAll
    static void start() {
        emulator = ProviderEmulator.start();
        site = DemoSite.start(emulator);
    }

    @AfterAll
    static void stop() {
        site.close();
        emulator.close();
    }

    @ParameterizedTest
    @EnumSource(PatternPage.class)
    void everyPageIsListedServedAndHasItsOwnRulesEndingWithTheDefaults(PatternPage page) throws IOException {
        assertThat(Http.get(site.url("/patterns/")).body()).contains("<a href=\"" + page.path() + "\">");
        HttpResponse<String> html = Http.get(site.url(page.path()));
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.body()).contains(page.widget() == DemoWidget.FUNCAPTCHA ? "/patterns/arkose/" : page.widget().script());

        CompiledRuleSet compiled = CompiledRules.of(PatternRules.rules()).forUrl(URI.create(site.url(page.path()))).orElseThrow();
        assertThat(compiled.rules()).endsWith(RuleSet.defaults().rules().toArray(new io.captchafeedback.rule.Rule[0]));
        assertThat(page.defaultsOutcome(true)).as("the defaults never blame a good token").isNotEqualTo(Outcome.REJECTED_CAPTCHA);
    }

    @Test
    void bothArkoseScriptsAreServedWithTheSharedStandInCode() throws IOException {
        for (String path : new String[] {"/patterns/arkose/fc/api/", "/patterns/arkose/v2/" + DemoWidget.FUNCAPTCHA.siteKey() + "/api.js"}) {
            HttpResponse<String> js = Http.get(site.url(path));
            assertThat(js.statusCode()).isEqualTo(200);
            assertThat(js.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
            assertThat(js.body()).contains("function fetchToken(", "window.ArkoseEnforcement", "setConfig:");
        }
    }

    @Test
    void theSmsGatewayFailsAndTheWrongPasswordIsToldApartFromABadToken() throws IOException {
        HttpResponse<String> sms = Http.post(site.url("/api/phone/verify"), "application/json", "{\"phone\": \"+15550100\"}");
        assertThat(sms.statusCode()).isEqualTo(503);
        assertThat(sms.body()).contains("\"success\": false");

        String api = site.url(PatternPage.RESET_WRONG_PASSWORD.path() + "/api");
        SolvedTask good = site.solve(DemoWidget.RECAPTCHA_V2);
        SolvedTask bad = site.solve(DemoWidget.RECAPTCHA_V2);
        emulator.markBad(bad.taskId());
        HttpResponse<String> wrongPassword = Http.post(api, "application/x-www-form-urlencoded", form(good, "nope"));
        HttpResponse<String> refused = Http.post(api, "application/x-www-form-urlencoded", form(bad, "nope"));

        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(wrongPassword.body()).contains("wrong_password");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("\"error\":\"captcha\"");
    }

    @Test
    void theDefaultsOnlyRulesAreOneSetForTheLocalSite() {
        RuleSet set = PatternRules.defaultsOnly(Duration.ofSeconds(1)).sets().get(0);
        assertThat(set.rules()).isEmpty();
        assertThat(set.includes()).containsExactly(RuleSet.DEFAULTS);
        assertThat(set.timeout()).isEqualTo(Duration.ofSeconds(1));
    }

    private static String form(SolvedTask task, String password) {
        return "username=demo&password=" + password + "&g-recaptcha-response=" + URLEncoder.encode(task.token(), StandardCharsets.UTF_8);
    }
}
