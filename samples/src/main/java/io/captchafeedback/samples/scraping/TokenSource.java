package io.captchafeedback.samples.scraping;

import io.captchafeedback.CaptchaType;
import io.captchafeedback.SolvedTask;
import java.io.IOException;
import java.util.Objects;

/**
 * Where the scraping loop gets its tokens: plug your solving client in here. The sample's own
 * implementation, {@link CreateTaskTokenSource}, speaks the {@code createTask}/{@code getTaskResult}
 * protocol most providers share.
 *
 * <pre>{@code
 * TokenSource tokens = challenge -> myClient.solve(challenge.type(), challenge.pageUrl(), challenge.siteKey());
 * }</pre>
 *
 * <p>Implementations must return a {@link SolvedTask} that names the provider id and task id the
 * feedback goes to. The loop calls them from one thread.
 */
@FunctionalInterface
public interface TokenSource {

    /** Solves the captcha found on a page; blocks until the token is there. */
    SolvedTask solve(Challenge challenge) throws IOException, InterruptedException;

    /**
     * A captcha found on a page: what a solving provider needs to know to solve it.
     *
     * @param type the kind of widget
     * @param pageUrl the page's URL
     * @param siteKey the widget's site key (FunCaptcha: its public key)
     */
    record Challenge(CaptchaType type, String pageUrl, String siteKey) {
        public Challenge {
            Objects.requireNonNull(type, "type == null");
            Objects.requireNonNull(pageUrl, "pageUrl == null");
            Objects.requireNonNull(siteKey, "siteKey == null");
        }
    }
}
