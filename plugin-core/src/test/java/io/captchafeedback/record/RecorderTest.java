package io.captchafeedback.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.captchafeedback.spi.ObservedResponse;
import io.captchafeedback.rule.Widget;
import io.captchafeedback.spi.WidgetEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecorderTest {

    private static final String TOKEN = "03AFcWeA6-secret-token-value-xyz";

    @TempDir
    Path dir;

    @Test
    void theFileHoldsNoTokenKeyOrCookieValue() throws Exception {
        Recorder rec = Recorder.start("login", "http://site/login?token=" + TOKEN, Set.of(TOKEN, "APIKEY123456"), Clock.systemUTC());
        rec.onTexts(Map.of(".msg", "old"));
        rec.onResponse(ObservedResponse.of("http://site/verify?g=" + TOKEN, "POST", 200, "application/json",
                "{\"ok\":true,\"echo\":\"" + TOKEN + "\",\"apiKey\":\"x\",\"session\":\"s\",\"nested\":{\"code\":\"E1\"}}"));
        rec.onCookies(List.of("sid"));
        rec.onTexts(Map.of(".msg", "token " + TOKEN + " was refused"));
        rec.onNavigation("http://site/done#" + TOKEN);
        Path file = dir.resolve("login.json");

        RecordingFiles.write(file, rec.finish().withLabel(Label.ACCEPTED));

        String text = Files.readString(file);
        assertThat(text).doesNotContain(TOKEN).doesNotContain("APIKEY").doesNotContain("apiKey").doesNotContain("\"s\"")
                .contains("\"/ok\" : \"true\"").contains("\"/nested/code\" : \"\\\"E1\\\"\"").contains("\"name\" : \"sid\"")
                .contains("<redacted> was refused").contains("\"url\" : \"http://site/done\"").contains("login?token=<redacted>");
    }

    @Test
    void aRecordingSurvivesTheRoundTripThroughItsFile() {
        Recorder rec = Recorder.start("f", "http://site/a", Set.of(), Clock.systemUTC());
        rec.onTexts(Map.of("h1", "A"));
        rec.onResponse(ObservedResponse.of("http://site/api", "GET", 404, "application/json", "{\"error\":\"nope\"}"));
        rec.onWidgetEvent(WidgetEvent.reset(Widget.values()[0]));
        rec.onTexts(Map.of("h2", "B"));
        Recording r = rec.finish().withLabel(Label.REJECTED_OTHER);

        Recording back = RecordingFiles.fromJson(RecordingFiles.toJson(r));

        assertThat(back).isEqualTo(r);
        assertThat(back.events()).hasSize(4);
        assertThat(back.summary()).contains("1 responses (GET /api 404)").contains("url unchanged").contains("h2 \"B\"");
    }

    @Test
    void aBrokenFileIsReportedWithItsNameAndPlace() throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"flow\":\"x\",\"startUrl\":\"http://a/\",\"events\":[{\"type\":\"dance\"}]}");

        assertThatThrownBy(() -> RecordingFiles.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad.json: events[0].type: unknown event type 'dance'");
    }

    @Test
    void aRecorderIsQuietOnlyAfterNothingHappenedForTheQuietTime() {
        Recorder rec = Recorder.start("f", "http://site/a", Set.of(), Clock.systemUTC());
        rec.onNavigation("http://site/b");

        assertThat(rec.isQuiet(java.time.Duration.ofMinutes(1))).isFalse();
        assertThat(rec.isQuiet(java.time.Duration.ZERO)).isTrue();
    }

    @Test
    void setCookieHeadersKeepNameAndAttributesDialogsTheirTextAndAResponseSeenTwiceIsKeptOnceWithItsFields() throws Exception {
        Recorder rec = Recorder.start("login", "http://site/login", Set.of(TOKEN), Clock.systemUTC());
        rec.onCookies(List.of("theme"));
        rec.onSetCookie("sid=cookie-value-123; Path=/; HttpOnly\ntheme=dark; SameSite=Lax");
        rec.onDialog("alert", "  Token " + TOKEN + "   refused ");
        rec.onResponse(ObservedResponse.of("http://site/api", "POST", 200, "application/json", null));
        rec.onResponse(ObservedResponse.of("http://site/api", "POST", 200, "application/json", "{\"ok\":false}"));
        Path file = dir.resolve("events.json");

        RecordingFiles.write(file, rec.finish());

        assertThat(Files.readString(file)).doesNotContain("cookie-value-123").doesNotContain(TOKEN);
        List<String> described = RecordingFiles.read(file).events().stream().map(RecordedEvent::describe).toList();
        assertThat(described).containsExactlyInAnyOrder("cookie sid (Path=/; HttpOnly)", "cookie theme (SameSite=Lax)",
                "dialog alert \"Token <redacted> refused\"", "response POST http://site/api 200 /ok=false");
    }
}
