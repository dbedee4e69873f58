package io.captchafeedback.selenide;

import static com.codeborne.selenide.Selenide.$;
import static com.codeborne.selenide.Selenide.executeJavaScript;
import static com.codeborne.selenide.Selenide.open;

import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.testkit.site.DemoPage;
import io.captchafeedback.testkit.site.DemoReaction;
import io.captchafeedback.testkit.site.DemoWidget;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** What the Selenide suites under test do, written in Selenide's style; records the task each test used. */
final class SignInSteps {
    static final Map<String, SolvedTask> used = new ConcurrentHashMap<>();

    private SignInSteps() {
    }

    /** Opens the page, injects a good or refused token through the entry point, clicks "Sign in". */
    static void signIn(String test, DemoReaction reaction, boolean good) {
        DemoPage page = DemoPage.of(DemoWidget.HCAPTCHA, reaction);
        open(DemoWorld.site.url(page));
        SolvedTask task = DemoWorld.solve(page, good);
        used.put(test, task);
        CaptchaFeedbackSelenide.inject(task);
        $("#sign-in").click();
    }

    /**
     * The test's own script puts the token in, after handing the task over with {@code track} (Selenide runs
     * {@code executeJavaScript} on the undecorated driver, so no listener sees the script).
     */
    static void ownScript(String test) {
        DemoPage page = DemoPage.of(DemoWidget.RECAPTCHA_V2_INVISIBLE, DemoReaction.REDIRECT);
        SolvedTask task = DemoWorld.solve(page, true);
        used.put(test, task);
        open(DemoWorld.site.url(page));
        CaptchaFeedbackSelenide.track(task);
        executeJavaScript("""
                document.querySelector('textarea[name=g-recaptcha-response]').value = arguments[0];
                onSubmit(arguments[0]);""", task.token());
    }
}
