package io.captchafeedback.testkit.site;

import java.util.Objects;

/**
 * One page of the {@link DemoSite}: a widget and the way the site reacts, at
 * {@code /<widget>/<reaction>}, e.g. {@code /turnstile/http-403}.
 *
 * <pre>{@code
 * DemoPage page = DemoPage.of(DemoWidget.TURNSTILE, DemoReaction.HTTP_403);
 * driver.get(site.url(page));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param widget the captcha widget protecting the form
 * @param reaction how the site reacts to the submitted token
 */
public record DemoPage(DemoWidget widget, DemoReaction reaction) {

    public DemoPage {
        Objects.requireNonNull(widget, "widget == null");
        Objects.requireNonNull(reaction, "reaction == null");
    }

    /** The page of {@code widget} reacting the {@code reaction} way. */
    public static DemoPage of(DemoWidget widget, DemoReaction reaction) {
        return new DemoPage(widget, reaction);
    }

    /** Its path on the site, e.g. {@code /hcaptcha/inline-error}. */
    public String path() {
        return "/" + widget.path() + "/" + reaction.path();
    }

    /** The path its XHR posts to ({@code <path>/verify}), for the XHR reactions. */
    public String verifyPath() {
        return path() + "/verify";
    }

    /** The path a good token is redirected to on the redirect and wrong-password pages. */
    public String welcomePath() {
        return "/" + widget.path() + "/welcome";
    }

    @Override
    public String toString() {
        return path();
    }
}
