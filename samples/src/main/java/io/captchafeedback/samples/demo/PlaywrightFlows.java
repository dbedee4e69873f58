package io.captchafeedback.samples.demo;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.WaitForSelectorState;
import io.captchafeedback.CaptchaFeedback;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.TaskVerdict;
import io.captchafeedback.playwright.Attachment;
import io.captchafeedback.playwright.PlaywrightCaptchaFeedback;
import io.captchafeedback.solve.SolveInProgress;
import io.captchafeedback.solve.SolvePolicy;
import io.captchafeedback.solve.Solver;
import io.captchafeedback.testkit.site.DemoWidget;
import io.captchafeedback.testkit.browser.PlaywrightChromium;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The demo's flows on Playwright: a browser context with captcha-feedback attached and one tab that
 * goes from page to page. Playwright objects belong to the thread that created them, so each instance
 * has its own Playwright.
 */
final class PlaywrightFlows implements BrowserFlows {

    private final Playwright playwright;
    private final Browser browser;
    private final BrowserContext context;
    private final Attachment captcha;
    private final Page page;

    PlaywrightFlows(CaptchaFeedback feedback) {
        playwright = Playwright.create(PlaywrightChromium.createOptions());  // never downloads a browser
        browser = PlaywrightChromium.launch(playwright);                     // headless system Chromium
        context = browser.newContext();
        captcha = PlaywrightCaptchaFeedback.attach(context, feedback);       // every page of the context
        page = context.newPage();
    }

    @Override
    public Optional<TaskVerdict> signIn(String pageUrl, DemoWidget widget, SolvedTask task) {
        page.navigate(pageUrl);
        page.waitForSelector(widget.renderedSelector(),
                new Page.WaitForSelectorOptions().setState(WaitForSelectorState.ATTACHED).setTimeout(10_000));

        captcha.inject(page, task);                                 // fields written, widget callback called
        if (BrowserFlows.clicksSignIn(widget)) {
            page.click("#sign-in");
        }
        return captcha.awaitVerdict(VERDICT_WAIT);                  // delivers Playwright's events while it waits
    }

    @Override
    public Optional<TaskVerdict> solveAndSignIn(String pageUrl, DemoWidget widget, Solver solver, SolvePolicy policy,
            Consumer<SolvedTask> solved) {
        page.navigate(pageUrl);
        page.waitForSelector(widget.renderedSelector(),
                new Page.WaitForSelectorOptions().setState(WaitForSelectorState.ATTACHED).setTimeout(10_000));

        SolveInProgress solving = captcha.solveAndInjectAsync(page, solver, policy); // found now, solved meanwhile
        solved.accept(solving.solution().join().task());
        solving.inject();                                           // on this thread: Playwright objects are not thread-safe
        if (BrowserFlows.clicksSignIn(widget)) {
            page.click("#sign-in");
        }
        return captcha.awaitVerdict(VERDICT_WAIT);
    }

    @Override
    public void close() {
        captcha.close();
        context.close();
        browser.close();
        playwright.close();
    }
}
