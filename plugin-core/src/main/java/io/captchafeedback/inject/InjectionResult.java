package io.captchafeedback.inject;

import io.captchafeedback.task.CaptchaType;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an injection did in the page: the response fields it wrote and the widget callback it called.
 *
 * <!-- java: given SeleniumCaptchaFeedback handle -->
 * <pre>{@code
 * InjectionResult result = handle.inject(task);
 * log.info("wrote {} and called {}", result.fieldsWritten(), result.callback().orElse("no callback"));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param type          the captcha type injected
 * @param fieldsWritten the fields written, described like CSS ({@code textarea#g-recaptcha-response[name=g-recaptcha-response]})
 * @param callbackCalled which callback was called ({@code data-callback onSubmit},
 *                      {@code captured recaptcha.render callback}, {@code ___grecaptcha_cfg.clients[0].L.M.callback onSubmit},
 *                      {@code grecaptcha.execute override}), or {@code null}
 * @param callbackError what the page's callback threw, or {@code null}
 * @param pageUrl       the page's URL at the time of the injection
 * @param notes         further remarks of the script (why nothing was found, overrides made)
 * @param ambiguous     whether nothing was injected because the widget to use was not clear: several
 *                      widgets of the type and no site key in the task, or none with the task's site key
 */
public record InjectionResult(CaptchaType type, List<String> fieldsWritten, String callbackCalled, String callbackError,
        String pageUrl, List<String> notes, boolean ambiguous) {

    /** A result whose widget was not in doubt. */
    public InjectionResult(CaptchaType type, List<String> fieldsWritten, String callbackCalled, String callbackError,
            String pageUrl, List<String> notes) {
        this(type, fieldsWritten, callbackCalled, callbackError, pageUrl, notes, false);
    }

    public InjectionResult {
        Objects.requireNonNull(type, "type == null");
        fieldsWritten = List.copyOf(fieldsWritten);
        notes = List.copyOf(notes);
    }

    /** Whether the token reached the page: a field was written or a callback was called. */
    public boolean injected() {
        return !fieldsWritten.isEmpty() || callbackCalled != null;
    }

    /** The callback that was called, if any. */
    public Optional<String> callback() {
        return Optional.ofNullable(callbackCalled);
    }

    /**
     * This result, or an {@link InjectionException} saying what was looked for when nothing was injected,
     * or which widgets were found when the choice was {@linkplain #ambiguous ambiguous}.
     */
    public InjectionResult orThrow() {
        if (ambiguous) {
            throw new InjectionException("did not inject the " + type + " token: " + String.join("; ", notes), this);
        }
        if (!injected()) {
            throw new InjectionException("found no response field and no callback for " + type + " on " + pageUrl
                    + (notes.isEmpty() ? "" : ": " + String.join("; ", notes))
                    + ". Is the widget on this page (or in a frame), and loaded yet?", this);
        }
        return this;
    }

    @Override
    public String toString() {
        return "InjectionResult[" + type + ", fields=" + fieldsWritten + ", callback=" + callbackCalled
                + (callbackError == null ? "" : ", callbackError=" + callbackError) + "]";
    }
}
