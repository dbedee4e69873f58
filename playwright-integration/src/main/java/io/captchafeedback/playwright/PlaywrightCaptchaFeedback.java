package io.captchafeedback.playwright;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.captchafeedback.CaptchaFeedback;
import io.captchafeedback.playwright.internal.PlaywrightAttachment;

/**
 * Entry point of the Playwright integration: attaches a {@link CaptchaFeedback} to a browser context
 * (every page, popups included) or to a single page.
 *
 * <pre>{@code
 * CaptchaFeedback feedback = CaptchaFeedback.create(CaptchaFeedbackConfig.load(Path.of("captcha-feedback.yml")));
 * try (Attachment attachment = PlaywrightCaptchaFeedback.attach(context, feedback)) {
 *     feedback.register(task);            // so a token the test writes itself is recognised
 *     page.fill("textarea[name=g-recaptcha-response]", task.token());
 *     page.click("#sign-in");
 *     attachment.awaitVerdict(Duration.ofSeconds(10));
 * }
 * }</pre>
 *
 * <p>Attaching installs, once per context or page, an init script (the widget hooks and a small agent
 * that reports DOM changes, widget resets and tokens written into captcha fields, in every frame, by
 * fire-and-forget {@code console.debug} messages) and adds a console listener that the attachment
 * removes when closed; the init script stays but sends nothing Java listens to, and a later attachment
 * reuses it. One attachment at a time per context or page. Playwright never downloads a browser for
 * this library; launch the system Chromium.
 *
 * <p>Thread-safety: stateless; each attachment belongs to the thread that created it (see {@link Attachment}).
 */
public final class PlaywrightCaptchaFeedback {

    private PlaywrightCaptchaFeedback() {
    }

    /**
     * Attaches to every page of the context, present and future (popups included).
     *
     * @throws IllegalStateException when another attachment to this context is still open
     */
    public static Attachment attach(BrowserContext context, CaptchaFeedback feedback) {
        return PlaywrightAttachment.attach(context, feedback);
    }

    /**
     * Attaches to one page; pages it opens are not followed (attach to the context for popups).
     *
     * @throws IllegalStateException when another attachment to this page is still open
     */
    public static Attachment attach(Page page, CaptchaFeedback feedback) {
        return PlaywrightAttachment.attach(page, feedback);
    }
}
