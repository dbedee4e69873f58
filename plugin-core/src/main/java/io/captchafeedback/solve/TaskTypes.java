package io.captchafeedback.solve;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.captchafeedback.task.CaptchaType;
import io.captchafeedback.provider.ProviderTypes;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code createTask} task object for a {@link FoundWidget} at a provider type: the provider's task
 * type name (the proxyless variant: the provider's own workers solve from their addresses) and the
 * fields it documents for the widget's parameters. Names and fields per provider, with sources, are in
 * {@code docs/solving.md}:
 * <ul>
 *   <li>Anti-Captcha and 2Captcha (v2 API) share names: {@code RecaptchaV2TaskProxyless},
 *       {@code RecaptchaV2EnterpriseTaskProxyless}, {@code RecaptchaV3TaskProxyless},
 *       {@code HCaptchaTaskProxyless}, {@code TurnstileTaskProxyless}, {@code FunCaptchaTaskProxyless};
 *       uCaptcha and reGOTCHA, whose documents do not list task types, are sent the same names;
 *   <li>CapSolver: {@code ReCaptchaV2TaskProxyLess}, {@code ReCaptchaV2EnterpriseTaskProxyLess},
 *       {@code ReCaptchaV3TaskProxyLess}, {@code ReCaptchaV3EnterpriseTaskProxyLess},
 *       {@code HCaptchaTaskProxyLess}, {@code AntiTurnstileTaskProxyLess}, {@code FunCaptchaTaskProxyLess};
 *   <li>CapMonster Cloud: {@code RecaptchaV2Task}, {@code RecaptchaV2EnterpriseTask},
 *       {@code RecaptchaV3TaskProxyless}, {@code RecaptchaV3EnterpriseTask}, {@code TurnstileTask};
 *       no hCaptcha or FunCaptcha task (not in its current docs).
 * </ul>
 *
 * <pre>{@code
 * import com.fasterxml.jackson.databind.node.ObjectNode;
 *
 * ObjectNode task = TaskTypes.task("capsolver", widget).orElseThrow();
 * String name = task.get("type").asText();   // "ReCaptchaV3TaskProxyLess"
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class TaskTypes {

    /** The {@code minScore} sent for reCAPTCHA v3 where a provider asks for one (0.3 is the lowest offered). */
    static final double MIN_SCORE = 0.3;

    private enum Dialect { ANTICAPTCHA, TWOCAPTCHA, CAPSOLVER, CAPMONSTER }

    private TaskTypes() {
    }

    /** Whether the solver speaks {@code createTask}/{@code getTaskResult} with this provider type. */
    public static boolean solves(String providerType) {
        return dialect(providerType) != null;
    }

    /**
     * The task object ({@code type}, {@code websiteURL}, the key and the widget's parameters), or empty when
     * the provider type takes no task for this widget.
     */
    public static Optional<ObjectNode> task(String providerType, FoundWidget widget) {
        Objects.requireNonNull(widget, "widget == null");
        Dialect dialect = dialect(providerType);
        if (dialect == null) {
            return Optional.empty();
        }
        ObjectNode task = JsonNodeFactory.instance.objectNode();
        String name = name(dialect, widget);
        if (name == null) {
            return Optional.empty();
        }
        task.put("type", name);
        task.put("websiteURL", widget.pageUrl());
        if (widget.type() == CaptchaType.FUNCAPTCHA) {
            task.put("websitePublicKey", widget.siteKey());
            putIf(task, "funcaptchaApiJSSubdomain", widget.serviceUrl());
            return Optional.of(task);
        }
        task.put("websiteKey", widget.siteKey());
        switch (widget.type()) {
            case RECAPTCHA_V2, RECAPTCHA_V2_INVISIBLE, RECAPTCHA_ENTERPRISE, RECAPTCHA_V3 -> recaptcha(dialect, widget, task);
            case HCAPTCHA -> {
                if (widget.invisible()) {
                    task.put("isInvisible", true);
                }
                if (widget.rqdata() != null) {
                    task.putObject("enterprisePayload").put("rqdata", widget.rqdata());
                }
            }
            case TURNSTILE -> turnstile(dialect, widget, task);
            default -> {
                return Optional.empty();
            }
        }
        return Optional.of(task);
    }

    private static void recaptcha(Dialect dialect, FoundWidget w, ObjectNode task) {
        if (w.isRecaptchaV3()) {
            putIf(task, "pageAction", w.action());
            if (dialect != Dialect.CAPSOLVER) {
                task.put("minScore", MIN_SCORE);
            }
            if (w.enterprise() && (dialect == Dialect.ANTICAPTCHA || dialect == Dialect.TWOCAPTCHA)) {
                task.put("isEnterprise", true);
            }
            return;
        }
        if (w.invisible() && dialect != Dialect.CAPMONSTER) {
            task.put("isInvisible", true);
        }
        if (w.enterprise()) {
            putIf(task, "pageAction", dialect == Dialect.CAPSOLVER ? w.action() : null);
            if (w.sData() != null) {
                task.putObject("enterprisePayload").put("s", w.sData());
            }
        } else if (w.sData() != null) {
            if (dialect == Dialect.CAPSOLVER) {
                task.putObject("enterprisePayload").put("s", w.sData());
            } else {
                task.put("recaptchaDataSValue", w.sData());
            }
        }
    }

    private static void turnstile(Dialect dialect, FoundWidget w, ObjectNode task) {
        switch (dialect) {
            case ANTICAPTCHA -> {
                putIf(task, "action", w.action());
                putIf(task, "cData", w.cData());
                putIf(task, "chlPageData", w.chlPageData());
            }
            case TWOCAPTCHA -> {
                putIf(task, "action", w.action());
                putIf(task, "data", w.cData());
                putIf(task, "pagedata", w.chlPageData());
            }
            case CAPSOLVER -> {
                if (w.action() != null || w.cData() != null) {
                    ObjectNode metadata = task.putObject("metadata");
                    putIf(metadata, "action", w.action());
                    putIf(metadata, "cdata", w.cData());
                }
            }
            case CAPMONSTER -> {
                if (w.cData() != null || w.chlPageData() != null) {
                    task.put("cloudflareTaskType", "token");
                    putIf(task, "pageAction", w.action());
                    putIf(task, "data", w.cData());
                    putIf(task, "pageData", w.chlPageData());
                }
            }
        }
    }

    private static String name(Dialect dialect, FoundWidget w) {
        boolean enterprise = w.enterprise() && w.type().isRecaptcha();
        return switch (dialect) {
            case ANTICAPTCHA, TWOCAPTCHA -> switch (w.type()) {
                case RECAPTCHA_V3 -> "RecaptchaV3TaskProxyless";
                case RECAPTCHA_V2, RECAPTCHA_V2_INVISIBLE, RECAPTCHA_ENTERPRISE ->
                        enterprise ? "RecaptchaV2EnterpriseTaskProxyless" : "RecaptchaV2TaskProxyless";
                case HCAPTCHA -> "HCaptchaTaskProxyless";
                case TURNSTILE -> "TurnstileTaskProxyless";
                case FUNCAPTCHA -> "FunCaptchaTaskProxyless";
                default -> null;
            };
            case CAPSOLVER -> switch (w.type()) {
                case RECAPTCHA_V3 -> enterprise ? "ReCaptchaV3EnterpriseTaskProxyLess" : "ReCaptchaV3TaskProxyLess";
                case RECAPTCHA_V2, RECAPTCHA_V2_INVISIBLE, RECAPTCHA_ENTERPRISE ->
                        enterprise ? "ReCaptchaV2EnterpriseTaskProxyLess" : "ReCaptchaV2TaskProxyLess";
                case HCAPTCHA -> "HCaptchaTaskProxyLess";
                case TURNSTILE -> "AntiTurnstileTaskProxyLess";
                case FUNCAPTCHA -> "FunCaptchaTaskProxyLess";
                default -> null;
            };
            case CAPMONSTER -> switch (w.type()) {
                case RECAPTCHA_V3 -> enterprise ? "RecaptchaV3EnterpriseTask" : "RecaptchaV3TaskProxyless";
                case RECAPTCHA_V2, RECAPTCHA_V2_INVISIBLE, RECAPTCHA_ENTERPRISE ->
                        enterprise ? "RecaptchaV2EnterpriseTask" : "RecaptchaV2Task";
                case TURNSTILE -> "TurnstileTask";
                default -> null;
            };
        };
    }

    private static Dialect dialect(String providerType) {
        if (providerType == null) {
            return null;
        }
        return switch (providerType.toLowerCase(Locale.ROOT)) {
            case ProviderTypes.ANTICAPTCHA, ProviderTypes.UCAPTCHA, ProviderTypes.REGOTCHA -> Dialect.ANTICAPTCHA;
            case ProviderTypes.TWOCAPTCHA -> Dialect.TWOCAPTCHA;
            case ProviderTypes.CAPSOLVER -> Dialect.CAPSOLVER;
            case ProviderTypes.CAPMONSTER -> Dialect.CAPMONSTER;
            default -> null;
        };
    }

    private static void putIf(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
