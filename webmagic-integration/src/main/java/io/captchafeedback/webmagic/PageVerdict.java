package io.captchafeedback.webmagic;

import io.captchafeedback.task.Outcome;
import java.io.Serializable;
import java.util.Optional;
import us.codecraft.webmagic.Request;
import us.codecraft.webmagic.ResultItems;

/**
 * What became of the captcha on a downloaded page, handed to the spider twice: as the page field
 * {@value #FIELD} (so a pipeline reads it from {@link ResultItems}) and as request extras (keys
 * {@value #OUTCOME}, {@value #TASK}, {@value #RULE}, {@value #ERROR}), so a pipeline or a scheduler can
 * put back a URL whose captcha was rejected.
 *
 * <!-- java: given Spider spider -->
 * <pre>{@code
 * import us.codecraft.webmagic.Request;
 * import us.codecraft.webmagic.Spider;
 *
 * spider.addPipeline((items, task) -> PageVerdict.of(items)
 *         .filter(PageVerdict::captchaRejected)
 *         .ifPresent(v -> spider.addRequest(new Request(v.url()))));
 * }</pre>
 *
 * @param url the URL the spider asked for
 * @param captcha whether a captcha was found on the page
 * @param outcome the site's verdict on the token; {@code null} when there was no captcha or no verdict
 * @param taskKey the task ({@code provider/id}) the feedback went to; {@code null} without a task
 * @param rule the outcome rule that decided; {@code null} without a verdict
 * @param error why the captcha could not be handled; {@code null} when nothing went wrong
 *
 * <p>Immutable and thread-safe.
 */
public record PageVerdict(String url, boolean captcha, Outcome outcome, String taskKey, String rule, String error)
        implements Serializable {
    /** The page field holding this record. */
    public static final String FIELD = "captchaFeedback";
    /** Request extra: the outcome's name, {@code NO_CAPTCHA}, or {@code ERROR}. */
    public static final String OUTCOME = "captchaFeedback.outcome";
    /** Request extra: the task key. */
    public static final String TASK = "captchaFeedback.task";
    /** Request extra: the deciding rule. */
    public static final String RULE = "captchaFeedback.rule";
    /** Request extra: the error. */
    public static final String ERROR = "captchaFeedback.error";

    static PageVerdict noCaptcha(String url) {
        return new PageVerdict(url, false, null, null, null, null);
    }

    static PageVerdict failed(String url, boolean captcha, String taskKey, String error) {
        return new PageVerdict(url, captcha, null, taskKey, null, error);
    }

    /** The verdict a downloader put on these result items, if any. */
    public static Optional<PageVerdict> of(ResultItems items) {
        return items.get(FIELD) instanceof PageVerdict verdict ? Optional.of(verdict) : Optional.empty();
    }

    /** True when the site rejected the captcha's token: the URL is worth another try with a new token. */
    public boolean captchaRejected() {
        return outcome == Outcome.REJECTED_CAPTCHA;
    }

    /** What the request extra {@value #OUTCOME} says. */
    public String outcomeName() {
        if (error != null) {
            return "ERROR";
        }
        return outcome != null ? outcome.name() : "NO_CAPTCHA";
    }

    void writeTo(Request request) {
        request.putExtra(OUTCOME, outcomeName());
        if (taskKey != null) {
            request.putExtra(TASK, taskKey);
        }
        if (rule != null) {
            request.putExtra(RULE, rule);
        }
        if (error != null) {
            request.putExtra(ERROR, error);
        }
    }
}
