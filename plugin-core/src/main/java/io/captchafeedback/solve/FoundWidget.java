package io.captchafeedback.solve;

import io.captchafeedback.task.CaptchaType;
import java.util.List;
import java.util.Objects;

/**
 * A captcha widget found in a page, with what a provider needs to solve it: nothing is solved yet.
 * The engines return these from the page (the in-page part is {@code io/captchafeedback/js/find.js});
 * {@link Solver} turns one into a provider task.
 *
 * <pre>{@code
 * FoundWidget widget = FoundWidget.builder(CaptchaType.RECAPTCHA_V3, "6Lc...", "https://shop.example/login")
 *         .action("login")
 *         .build();
 * Solution solution = solver.solve("capsolver", widget);
 * }</pre>
 *
 * <p>Which fields a type uses: reCAPTCHA {@code action} (v3, Enterprise), {@code enterprise},
 * {@code sData} (the {@code data-s} value), {@code invisible}; hCaptcha {@code invisible}, {@code rqdata},
 * {@code enterprise}; Turnstile {@code action}, {@code cData}, {@code chlPageData}; FunCaptcha
 * {@code siteKey} (the public key) and {@code serviceUrl} (the {@code surl}, e.g.
 * {@code https://client-api.arkoselabs.com}). Unused fields are {@code null} or {@code false}.
 * Immutable and thread-safe.
 *
 * @param type the widget's type as the page shows it; an Enterprise reCAPTCHA is {@link CaptchaType#RECAPTCHA_V2},
 *     {@link CaptchaType#RECAPTCHA_V2_INVISIBLE} or {@link CaptchaType#RECAPTCHA_V3} with {@code enterprise}
 *     set ({@link CaptchaType#RECAPTCHA_ENTERPRISE} is taken as a v2 Enterprise)
 * @param siteKey the site key ({@code data-sitekey}, {@code render=} key, FunCaptcha public key)
 * @param pageUrl the URL of the page (the top page's when found in a frame: that is what providers need)
 * @param action reCAPTCHA v3 / Enterprise action or Turnstile {@code data-action}, or {@code null}
 * @param enterprise whether the widget is reCAPTCHA Enterprise ({@code grecaptcha.enterprise}) or hCaptcha Enterprise
 * @param sData reCAPTCHA {@code data-s}, or {@code null}
 * @param invisible whether the widget is invisible ({@code data-size="invisible"})
 * @param rqdata hCaptcha {@code rqdata}, or {@code null}
 * @param cData Turnstile {@code data-cdata}, or {@code null}
 * @param chlPageData Turnstile {@code chlPageData}, or {@code null}
 * @param serviceUrl FunCaptcha service URL ({@code surl} / API JS subdomain), or {@code null}
 * @param framePath where it was found: the frame names or URLs from the top page down, empty for the top page
 */
public record FoundWidget(
        CaptchaType type,
        String siteKey,
        String pageUrl,
        String action,
        boolean enterprise,
        String sData,
        boolean invisible,
        String rqdata,
        String cData,
        String chlPageData,
        String serviceUrl,
        List<String> framePath) {

    public FoundWidget {
        Objects.requireNonNull(type, "type == null");
        if (!type.isInjectable()) {
            throw new IllegalArgumentException("type " + type + ": only widget types the library injects can be found and"
                    + " solved (reCAPTCHA, hCaptcha, Turnstile, FunCaptcha)");
        }
        requireText(siteKey, "siteKey");
        requireText(pageUrl, "pageUrl");
        action = blankToNull(action);
        sData = blankToNull(sData);
        rqdata = blankToNull(rqdata);
        cData = blankToNull(cData);
        chlPageData = blankToNull(chlPageData);
        serviceUrl = blankToNull(serviceUrl);
        framePath = List.copyOf(framePath == null ? List.of() : framePath);
        if (type == CaptchaType.RECAPTCHA_ENTERPRISE) {
            enterprise = true;
        }
        if (type == CaptchaType.RECAPTCHA_V2_INVISIBLE) {
            invisible = true;
        }
    }

    /** Starts a builder with the three fields every widget has. */
    public static Builder builder(CaptchaType type, String siteKey, String pageUrl) {
        return new Builder(type, siteKey, pageUrl);
    }

    /** Whether this is a reCAPTCHA v3 (plain or Enterprise): score based, run with an action. */
    public boolean isRecaptchaV3() {
        return type == CaptchaType.RECAPTCHA_V3;
    }

    /**
     * The type the solved task is recorded with (what injection and reports go by): an Enterprise
     * reCAPTCHA is {@link CaptchaType#RECAPTCHA_ENTERPRISE}, an invisible v2 {@link CaptchaType#RECAPTCHA_V2_INVISIBLE}.
     */
    public CaptchaType taskType() {
        if (type.isRecaptcha() && enterprise) {
            return CaptchaType.RECAPTCHA_ENTERPRISE;
        }
        if (type == CaptchaType.RECAPTCHA_V2 && invisible) {
            return CaptchaType.RECAPTCHA_V2_INVISIBLE;
        }
        return type;
    }

    /** A builder initialised from this widget. */
    public Builder toBuilder() {
        return new Builder(type, siteKey, pageUrl).action(action).enterprise(enterprise).sData(sData)
                .invisible(invisible).rqdata(rqdata).cData(cData).chlPageData(chlPageData).serviceUrl(serviceUrl)
                .framePath(framePath);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name + " == null");
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " is blank");
        }
    }

    /** Builds a {@link FoundWidget}; not thread-safe. */
    public static final class Builder {
        private final CaptchaType type;
        private final String siteKey;
        private final String pageUrl;
        private String action;
        private boolean enterprise;
        private String sData;
        private boolean invisible;
        private String rqdata;
        private String cData;
        private String chlPageData;
        private String serviceUrl;
        private List<String> framePath = List.of();

        private Builder(CaptchaType type, String siteKey, String pageUrl) {
            this.type = type;
            this.siteKey = siteKey;
            this.pageUrl = pageUrl;
        }

        /** reCAPTCHA v3 / Enterprise action, or Turnstile {@code data-action}. */
        public Builder action(String action) {
            this.action = action;
            return this;
        }

        /** reCAPTCHA Enterprise or hCaptcha Enterprise. */
        public Builder enterprise(boolean enterprise) {
            this.enterprise = enterprise;
            return this;
        }

        /** reCAPTCHA {@code data-s}. */
        public Builder sData(String sData) {
            this.sData = sData;
            return this;
        }

        /** Invisible widget. */
        public Builder invisible(boolean invisible) {
            this.invisible = invisible;
            return this;
        }

        /** hCaptcha {@code rqdata}. */
        public Builder rqdata(String rqdata) {
            this.rqdata = rqdata;
            return this;
        }

        /** Turnstile {@code data-cdata}. */
        public Builder cData(String cData) {
            this.cData = cData;
            return this;
        }

        /** Turnstile {@code chlPageData}. */
        public Builder chlPageData(String chlPageData) {
            this.chlPageData = chlPageData;
            return this;
        }

        /** FunCaptcha service URL ({@code surl}). */
        public Builder serviceUrl(String serviceUrl) {
            this.serviceUrl = serviceUrl;
            return this;
        }

        /** The frames it was found in, from the top page down. */
        public Builder framePath(List<String> framePath) {
            this.framePath = Objects.requireNonNull(framePath, "framePath == null");
            return this;
        }

        /** The widget. */
        public FoundWidget build() {
            return new FoundWidget(type, siteKey, pageUrl, action, enterprise, sData, invisible, rqdata, cData,
                    chlPageData, serviceUrl, framePath);
        }
    }
}
