package io.captchafeedback.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.captchafeedback.task.Outcome;
import io.captchafeedback.spi.ObservedResponse;
import io.captchafeedback.rule.RuleFiles;
import io.captchafeedback.rule.Rules;
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

class SuggesterTest {

    @TempDir
    Path dir;

    /** A run of a page whose XHR answers {"success": ok, "n": run} with status 200 either way. */
    private static Recording jsonRun(int port, boolean ok, int run, Label label) {
        Recorder rec = Recorder.start("json-" + run, "http://127.0.0.1:" + port + "/xhr-json", Set.of("TOKEN-" + run), Clock.systemUTC());
        rec.onTexts(Map.of());
        rec.onResponse(ObservedResponse.of("http://127.0.0.1:" + port + "/api/verify?t=TOKEN-" + run, "POST", 200,
                "application/json", "{\"success\":" + ok + ",\"requestId\":" + run + ",\"token\":\"TOKEN-" + run + "\"}"));
        return rec.finish().withLabel(label);
    }

    /** A run of a page that differs only by the text shown in .msg. */
    private static Recording textRun(int port, boolean ok, int run, Label label) {
        Recorder rec = Recorder.start("text-" + run, "http://127.0.0.1:" + port + "/text", Set.of("TOKEN-" + run), Clock.systemUTC());
        rec.onTexts(Map.of("h1", "Sign in"));
        rec.onResponse(ObservedResponse.of("http://127.0.0.1:" + port + "/submit", "POST", 200, "text/html", "<p>done</p>"));
        rec.onTexts(Map.of("h1", "Sign in", ".msg", ok ? "  Welcome   back " : "Captcha check failed, try again"));
        return rec.finish().withLabel(label);
    }

    private Rules writeAndLoad(Suggester.Suggestion s) throws Exception {
        Path file = dir.resolve("suggested.yml");
        Files.writeString(file, s.yaml());
        return RuleFiles.load(file);
    }

    @Test
    void aSiteDifferingOnlyByAJsonFieldGetsAJsonRuleThatDecidesNewRuns() throws Exception {
        Suggester.Suggestion s = Suggester.suggest(List.of(jsonRun(4001, true, 1, Label.ACCEPTED),
                jsonRun(4001, false, 2, Label.REJECTED_CAPTCHA)));

        assertThat(s.problems()).isEmpty();
        assertThat(s.yaml()).contains("pointer: \"/success\", equals: true").contains("pointer: \"/success\", equals: false")
                .contains("# evidence: json-1 (accepted)").doesNotContain("pointer: \"/requestId\"").doesNotContain("TOKEN");
        Rules rules = writeAndLoad(s);
        List<Recording> fresh = List.of(jsonRun(5002, true, 7, Label.ACCEPTED), jsonRun(5003, false, 8, Label.REJECTED_CAPTCHA));
        assertThat(Replay.run(rules, fresh)).extracting(Replay.Row::verdict)
                .containsExactly(Outcome.ACCEPTED, Outcome.REJECTED_CAPTCHA);
    }

    @Test
    void aSiteDifferingOnlyByATextGetsTextRulesThatDecideNewRuns() throws Exception {
        Suggester.Suggestion s = Suggester.suggest(List.of(textRun(4001, true, 1, Label.ACCEPTED),
                textRun(4001, false, 2, Label.REJECTED_CAPTCHA)));

        assertThat(s.yaml()).contains("contains: \"Welcome back\", in: \".msg\", appeared: true");
        Rules rules = writeAndLoad(s);
        List<Replay.Row> rows = Replay.run(rules, List.of(textRun(6000, true, 3, Label.ACCEPTED),
                textRun(6001, false, 4, Label.REJECTED_CAPTCHA)));
        assertThat(rows).allMatch(Replay.Row::ok);
    }

    @Test
    void noSuggestedConditionHoldsInARunOfAnotherLabel() {
        List<Recording> runs = List.of(jsonRun(1, true, 1, Label.ACCEPTED), jsonRun(1, true, 2, Label.ACCEPTED),
                jsonRun(1, false, 3, Label.REJECTED_CAPTCHA), textRun(1, false, 4, Label.REJECTED_OTHER));
        Suggester.Suggestion s = Suggester.suggest(runs);

        for (Suggester.SuggestedRule rule : s.rules()) {
            for (Recording r : runs) {
                assertThat(Replay.holds(rule.condition(), r)).as(rule.yaml() + " on " + r.flow()).isEqualTo(r.label() == rule.label());
            }
        }
    }

    @Test
    void aStatusIsPreferredToATextAndAWidgetResetIsFound() {
        Recorder good = Recorder.start("good", "http://h/login", Set.of(), Clock.systemUTC());
        good.onTexts(Map.of());
        good.onResponse(ObservedResponse.of("http://h/login", "POST", 302));
        good.onNavigation("http://h/account/42?x=1");
        good.onTexts(Map.of("h1", "Hello 42"));
        Recorder bad = Recorder.start("bad", "http://h/login", Set.of(), Clock.systemUTC());
        bad.onTexts(Map.of());
        bad.onResponse(ObservedResponse.of("http://h/login", "POST", 403));
        bad.onWidgetEvent(WidgetEvent.reset(Widget.values()[0]));

        Suggester.Suggestion s = Suggester.suggest(List.of(good.finish().withLabel(Label.ACCEPTED),
                bad.finish().withLabel(Label.REJECTED_CAPTCHA)));

        assertThat(s.rules()).extracting(Suggester.SuggestedRule::yaml).containsExactly(
                "response: { url: \"**/login\", method: POST, status: [302] }",
                "response: { url: \"**/login\", method: POST, status: [403] }");
    }

    /**
     * A form POST answered with a new document (the demo site's wrong-password page): the old document's
     * status line, set by the widget's callback, is caught by the recorder's poll in one run and not in the
     * other. Both texts cost the same by length; only the brief one's being gone must decide.
     */
    private static Recording formRun(boolean sawStatus, String error, Label label) {
        Recorder rec = Recorder.start("form-" + error, "http://h/login", Set.of(), Clock.systemUTC());
        rec.onTexts(Map.of("#captcha-status", "Solve the captcha first."));
        if (sawStatus) {
            rec.onTexts(Map.of("#captcha-status", "Captcha solved, you can sign in."));
        }
        rec.onNewDocument();
        rec.onTexts(Map.of("#captcha-status", "Solve the captcha first.", ".error", error));
        return rec.finish().withLabel(label);
    }

    @Test
    void aTextOnlyShownBrieflyInOneRunIsNotChosenOverATextThatStayed() {
        Suggester.Suggestion s = Suggester.suggest(List.of(formRun(false, "Wrong password", Label.REJECTED_OTHER),
                formRun(true, "Invalid captcha, please try again", Label.REJECTED_CAPTCHA)));

        assertThat(s.problems()).isEmpty();
        assertThat(s.rules()).extracting(Suggester.SuggestedRule::yaml).containsExactly(
                "text: { contains: \"Wrong password\", in: \".error\", appeared: true }",
                "text: { contains: \"Invalid captcha, please try again\", in: \".error\", appeared: true }");
        // the same runs, the status seen the other way round: the same rules
        Suggester.Suggestion swapped = Suggester.suggest(List.of(formRun(true, "Wrong password", Label.REJECTED_OTHER),
                formRun(false, "Invalid captcha, please try again", Label.REJECTED_CAPTCHA)));
        assertThat(swapped.rules()).extracting(Suggester.SuggestedRule::yaml)
                .isEqualTo(s.rules().stream().map(Suggester.SuggestedRule::yaml).toList());
    }

    @Test
    void aTextShownOnlyBrieflyIsStillSuggestedWhenNothingElseSeparatesTheRuns() {
        Recorder toast = Recorder.start("toast", "http://h/login", Set.of(), Clock.systemUTC());
        toast.onTexts(Map.of());
        toast.onTexts(Map.of(".toast", "Captcha expired"));
        toast.onTexts(Map.of());
        Recorder plain = Recorder.start("plain", "http://h/login", Set.of(), Clock.systemUTC());
        plain.onTexts(Map.of());
        plain.onNavigation("http://h/home");

        Suggester.Suggestion s = Suggester.suggest(List.of(plain.finish().withLabel(Label.ACCEPTED),
                toast.finish().withLabel(Label.REJECTED_CAPTCHA)));

        assertThat(s.rules()).extracting(Suggester.SuggestedRule::yaml)
                .contains("text: { contains: \"Captcha expired\", in: \".toast\", appeared: true }");
        assertThat(s.yaml()).contains("(shown briefly, gone before the run ended)");
    }

    @Test
    void runsThatCannotBeSeparatedAreNamedAsProblems() {
        Recording a = jsonRun(1, true, 1, Label.ACCEPTED);
        Recording b = jsonRun(1, true, 2, Label.REJECTED_CAPTCHA);

        Suggester.Suggestion s = Suggester.suggest(List.of(a, b));

        assertThat(s.problems()).hasSize(2).anyMatch(p -> p.startsWith("json-1 (ACCEPTED)"));
        assertThat(s.yaml()).contains("# NOT COVERED: json-2");
    }

    @Test
    void oneLabelAloneIsRefusedWithAPlainMessage() {
        assertThatThrownBy(() -> Suggester.suggest(List.of(jsonRun(1, true, 1, Label.ACCEPTED))))
                .hasMessageContaining("at least two labels");
    }
}
