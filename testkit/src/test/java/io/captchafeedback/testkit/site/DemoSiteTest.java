package io.captchafeedback.testkit.site;


import io.captchafeedback.testkit.Http;
import io.captchafeedback.testkit.emulator.ProviderEmulator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.captchafeedback.task.SolvedTask;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo site over plain HTTP: routes, scripts, the token endpoint and the server-side verification. */
class DemoSiteTest {
    private static ProviderEmulator emulator;
    private static DemoSite site;

    @BeforeAll
    static void start() {
        emulator = ProviderEmulator.start();
        site = DemoSite.builder(emulator).slowDelay(Duration.ofMillis(200)).start();
    }

    @AfterAll
    static void stop() {
        site.close();
        emulator.close();
    }

    @Test
    void theIndexLinksEveryPage() throws IOException {
        String index = Http.get(site.url("/")).body();
        assertThat(DemoSite.pages()).hasSize(DemoWidget.values().length * DemoReaction.values().length);
        for (DemoPage page : DemoSite.pages()) {
            assertThat(index).contains("<a href=\"" + page.path() + "\">");
        }
    }

    @Test
    void everyPageLoadsItsWidgetScriptAndEveryScriptIsServed() throws IOException {
        for (DemoPage page : DemoSite.pages()) {
            HttpResponse<String> html = Http.get(site.url(page));
            assertThat(html.statusCode()).as(page.path()).isEqualTo(200);
            assertThat(html.body()).contains("<script src=\"" + page.widget().script());
            assertThat(html.body().replaceAll("(?s)<script>.*?</script>", ""))
                    .as("no reaction text shown before the site reacted").doesNotContain("captcha verification failed",
                            "Invalid captcha", "Wrong password", "Welcome", "Order confirmed", "Signed in");
        }
        for (DemoWidget widget : DemoWidget.values()) {
            HttpResponse<String> js = Http.get(site.url(widget.script()));
            assertThat(js.statusCode()).isEqualTo(200);
            assertThat(js.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
            assertThat(js.body()).contains("fetchToken(").doesNotContain("https://");
        }
    }

    @Test
    void theTokenEndpointHandsOutEmulatorTokensGoodOrBadOnRequest() throws IOException {
        HttpResponse<String> good = Http.post(site.url("/api/token?widget=turnstile&sitekey=0x4AAA"), "text/plain", "");
        HttpResponse<String> bad = Http.post(site.url("/api/token?widget=turnstile&quality=bad"), "text/plain", "");
        String goodTask = Http.JSON.readTree(good.body()).get("taskId").asText();
        String badTask = Http.JSON.readTree(bad.body()).get("taskId").asText();
        assertThat(emulator.isGood(goodTask)).isTrue();
        assertThat(emulator.isGood(badTask)).isFalse();
        assertThat(Http.post(site.url("/api/token?widget=nope"), "text/plain", "").statusCode()).isEqualTo(400);
    }

    @Test
    void theWrongPasswordPageLetsAGoodTokenInWithTheRightPassword() throws IOException {
        DemoPage page = DemoPage.of(DemoWidget.HCAPTCHA, DemoReaction.WRONG_PASSWORD);
        SolvedTask task = site.solve(DemoWidget.HCAPTCHA);
        HttpResponse<String> answer = post(page.path(), "h-captcha-response", task.token(), "&password=" + DemoSite.PASSWORD);
        assertThat(answer.statusCode()).isEqualTo(303);
        assertThat(answer.headers().firstValue("Location")).hasValue(page.welcomePath());
    }

    @Test
    void aFormPostWithoutTokenIsACaptchaRefusal() throws IOException {
        HttpResponse<String> answer = post("/turnstile/http-403", "username", "demo", "");
        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(emulator.verifications()).last()
                .satisfies(v -> assertThat(v.errorCodes()).containsExactly("missing-input-response"));
    }

    @Test
    void theXhrPagesRelayTheVerificationErrorCodes() throws IOException {
        SolvedTask task = site.solve(DemoWidget.FUNCAPTCHA);
        String path = DemoPage.of(DemoWidget.FUNCAPTCHA, DemoReaction.XHR_JSON).verifyPath();
        assertThat(post(path, "fc-token", task.token(), "").body()).isEqualTo("{\"success\":true}");
        assertThat(post(path, "fc-token", task.token(), "").body())
                .isEqualTo("{\"success\":false,\"error-codes\":[\"timeout-or-duplicate\"]}");
    }

    @Test
    void whenTheEmulatorIsDownTheSiteAnswersBadGatewayInsteadOfACaptchaRefusal() throws IOException {
        SolvedTask task = site.solve(DemoWidget.TURNSTILE);
        emulator.faults().down();
        try {
            HttpResponse<String> answer = post("/turnstile/inline-error", "cf-turnstile-response", task.token(), "");
            assertThat(answer.statusCode()).isEqualTo(502);
            assertThat(answer.body()).doesNotContain("Invalid captcha");
        } finally {
            emulator.faults().up();
        }
    }

    @Test
    void unknownPathsAreNotFoundAndTheBuilderRefusesAnUnknownProvider() throws IOException {
        assertThat(Http.get(site.url("/recaptcha-v2/nope")).statusCode()).isEqualTo(404);
        assertThat(Http.get(site.url("/static/evil.js")).statusCode()).isEqualTo(404);
        assertThatThrownBy(() -> DemoSite.builder(emulator).provider("nope"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown provider 'nope'");
    }

    private static HttpResponse<String> post(String path, String field, String value, String more) throws IOException {
        return Http.post(site.url(path), "application/x-www-form-urlencoded",
                "username=demo&" + field + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8) + more);
    }
}
