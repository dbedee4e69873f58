package io.captchafeedback.spi;



import io.captchafeedback.inject.InjectionException;
import io.captchafeedback.inject.InjectionResult;
import io.captchafeedback.task.CaptchaType;
import io.captchafeedback.task.SolvedTask;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The in-page injection script ({@code io/captchafeedback/js/inject.js}) and the glue around it: the
 * argument it takes and the parsing of what it returns. Per captcha type it writes the response
 * fields (dispatching {@code input} and {@code change}) and calls at most one widget callback, in this
 * order of preference (for the widget whose site key is the task's, when the page has several; with
 * several and no site key nothing is injected and the result is {@linkplain InjectionResult#ambiguous
 * ambiguous}): the callback captured from {@code render} by the
 * {@linkplain io.captchafeedback.spi.WidgetHooks widget hooks}, the widget element's
 * {@code data-callback}, a callback found in {@code ___grecaptcha_cfg.clients}. For reCAPTCHA v3 it
 * overrides {@code grecaptcha.execute} and {@code grecaptcha.enterprise.execute} to resolve with the token.
 *
 * <!-- java: given JavascriptExecutor js -->
 * <pre>{@code
 * Object raw = js.executeScript(Injection.statement(), Injection.argument(task));   // Selenium
 * // Playwright: Object raw = page.evaluate(Injection.script(), Injection.argument(task));
 * InjectionResult result = Injection.parse(task.type(), raw);
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class Injection {

    private static final String SCRIPT = load();
    private static final String STATEMENT = "return (" + SCRIPT + ")(arguments[0]);";

    private Injection() {
    }

    /**
     * The injection as a JavaScript function expression taking one argument (see {@link #argument}) and
     * returning a plain object; for engines that call a function with an argument (Playwright's
     * {@code evaluate}).
     */
    public static String script() {
        return SCRIPT;
    }

    /** The injection as a statement list that calls the function with {@code arguments[0]} and returns its result (Selenium's {@code executeScript}). */
    public static String statement() {
        return STATEMENT;
    }

    /** The script's argument for a task: its type, token and site key, callback enabled. */
    public static Map<String, Object> argument(SolvedTask task) {
        return argument(task, true);
    }

    /**
     * The script's argument for a task.
     *
     * @param callWidgetCallback whether to call the widget's callback after writing the fields
     */
    public static Map<String, Object> argument(SolvedTask task, boolean callWidgetCallback) {
        Objects.requireNonNull(task, "task == null");
        if (!task.type().isToken()) {
            throw new IllegalArgumentException("a " + task.type() + " answer is typed, not injected: task " + task.key());
        }
        if (!task.type().isInjectable()) {
            throw new IllegalArgumentException("injecting a " + task.type() + " token is not supported yet (its widget"
                    + " is reported, not injected or detected): task " + task.key() + "; hand the token to the page"
                    + " yourself and report its verdict through the reporter (reporter().report(task, verdict))");
        }
        Map<String, Object> arg = new LinkedHashMap<>();
        arg.put("type", task.type().name());
        arg.put("token", task.token());
        arg.put("siteKey", task.siteKey());
        arg.put("callback", callWidgetCallback);
        return Collections.unmodifiableMap(arg);
    }

    /**
     * Reads what the script returned (a map as the engine converts it).
     *
     * @throws InjectionException if the value is not the script's result at all
     */
    public static InjectionResult parse(CaptchaType type, Object raw) {
        Objects.requireNonNull(type, "type == null");
        if (!(raw instanceof Map<?, ?> map)) {
            throw new InjectionException("the injection script returned " + (raw == null ? "nothing" : raw.getClass().getSimpleName())
                    + " instead of its result object", (InjectionResult) null);
        }
        Object callback = map.get("callback");
        Object error = map.get("callbackError");
        Object url = map.get("url");
        return new InjectionResult(type, strings(map.get("fields")),
                callback == null ? null : callback.toString(),
                error == null ? null : error.toString(),
                url == null ? null : url.toString(),
                strings(map.get("notes")), Boolean.TRUE.equals(map.get("ambiguous")));
    }

    private static List<String> strings(Object value) {
        if (!(value instanceof List<?> list)) {
            return List.of();
        }
        List<String> out = new ArrayList<>(list.size());
        for (Object o : list) {
            if (o != null) {
                out.add(o.toString());
            }
        }
        return out;
    }

    private static String load() {
        return ScriptResources.withoutLeadingComments(ScriptResources.load(Injection.class, "/io/captchafeedback/js/inject.js"));
    }
}
