package io.captchafeedback.playwright;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.captchafeedback.record.RecordedEvent;
import io.captchafeedback.record.Recording;
import io.captchafeedback.record.RecordingFiles;
import io.captchafeedback.testkit.RecordingSite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Playwright recording is fed by the page's events: redirect hops, HttpOnly cookies (name and
 * attributes only) and dialogs are recorded, and the written file holds no token, cookie value or key.
 */
class PlaywrightRecordingEventsTest {

    static final String TOKEN = "token-0123456789abcdef-recording";
    static DemoFixture fixture;
    static RecordingSite site;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        fixture = DemoFixture.start();
        site = RecordingSite.start();
    }

    @AfterAll
    static void stop() {
        if (site != null) {
            site.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void redirectHopsHttpOnlyCookiesAndDialogsAreRecordedWithoutTokenCookieValueOrKey() throws Exception {
        Recording r;
        try (BrowserContext context = fixture.newContext()) {
            Page page = context.newPage();
            page.navigate(site.url("/form"));
            page.waitForFunction("document.getElementById('state').textContent === 'ready'");
            r = PlaywrightRecording.record(page, "sign-in", List.of(TOKEN), Duration.ofMillis(700), Duration.ofSeconds(8), () -> {
                page.evaluate("t => { document.getElementById('token').value = t; }", TOKEN);
                page.click("#sign-in");
            });
            // the alert was answered as Playwright does without a handler: the page goes on
            assertThat(page.evaluate("1 + 1")).isEqualTo(2);
        }
        List<String> described = r.events().stream().map(RecordedEvent::describe).toList();
        assertThat(r.events()).as("%s", described)
                .anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(RecordedEvent.Response.class,
                        x -> assertThat(x.url()).endsWith("/submit").isNotNull().satisfies(u -> assertThat(x.status()).isEqualTo(302))))
                .anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(RecordedEvent.Response.class,
                        x -> assertThat(x.url() + " " + x.status()).endsWith("/hop 303")))
                .anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(RecordedEvent.Response.class,
                        x -> assertThat(x.url() + " " + x.status() + " " + x.method()).endsWith("/done 200 GET")))
                .anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(RecordedEvent.CookieSet.class,
                        c -> assertThat(c.name() + " " + c.attributes()).isEqualTo("sid Path=/; HttpOnly; SameSite=Lax")))
                .anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(RecordedEvent.Dialog.class,
                        d -> assertThat(d.type() + " " + d.message()).isEqualTo("alert " + RecordingSite.ALERT_TEXT)));
        Path file = dir.resolve("sign-in.json");
        RecordingFiles.write(file, r);
        String written = Files.readString(file);
        assertThat(written).doesNotContain(TOKEN).doesNotContain(RecordingSite.COOKIE_VALUE).doesNotContain(RecordingSite.KEY_VALUE);
        assertThat(RecordingFiles.read(file).events()).isEqualTo(r.events());
    }
}
