package io.captchafeedback.testkit.site;


import io.captchafeedback.testkit.http.HttpExchanges;
import static io.captchafeedback.testkit.http.HttpExchanges.html;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The demo site's pages under {@code /engines/}, built the way real sites do what the engine integrations
 * must cope with: a widget inside an iframe (same- or cross-origin), an XHR whose handler navigates away
 * before the answer's body arrives, a widget reset and a JSON answer in either order, a result shown in
 * the parent of the widget's iframe, a result shown in a popup. Every widget is the invisible reCAPTCHA
 * stand-in, whose callback submits by itself. {@link EngineFlows} lists them with their expected
 * verdicts; {@code engine-flows.yml} holds their rules.
 *
 * <p>Stateless and thread-safe.
 */
final class EnginePages {
    static final String PREFIX = "/engines/";
    private static final DemoWidget WIDGET = DemoWidget.RECAPTCHA_V2_INVISIBLE;
    private static final String HTML = "text/html; charset=utf-8";
    private static final String JSON = "application/json";

    private final Predicate<String> verifies;

    /** @param verifies whether the site's siteverify call accepts a token */
    EnginePages(Predicate<String> verifies) {
        this.verifies = verifies;
    }

    /** Serves {@code /engines/...}. */
    void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        Map<String, String> query = HttpExchanges.params(ex, null);
        String name = path.substring(PREFIX.length());
        if ("POST".equals(ex.getRequestMethod()) && name.endsWith("/verify")) {
            verify(ex, name.substring(0, name.length() - "/verify".length()));
            return;
        }
        switch (name) {
            case "frame" -> HttpExchanges.send(ex, 200, HTML, page("Sign in (framed)",
                    "<iframe id=\"login-frame\" title=\"login\" src=\"" + html(query.getOrDefault("src", "")) + "\" width=\"640\" height=\"420\"></iframe>", ""));
            case "xhr-away" -> HttpExchanges.send(ex, 200, HTML, widgetPage("Sign in", "xhr-away", XHR_AWAY));
            case "reset-json" -> HttpExchanges.send(ex, 200, HTML, widgetPage("Sign in", "reset-json",
                    "reset-first".equals(query.get("order")) ? RESET_FIRST : JSON_FIRST));
            case "parent-success" -> HttpExchanges.send(ex, 200, HTML, page("Sign in (result above the frame)",
                    "<iframe id=\"login-frame\" title=\"login\" src=\"" + PREFIX + "parent-success/frame\" width=\"640\" height=\"300\"></iframe>",
                    "window.addEventListener('message', function (e) { if (e.data && e.data.signIn !== undefined) {"
                            + " show(e.data.signIn ? 'success' : 'error', e.data.signIn ? 'Welcome, demo' : 'Invalid captcha, please try again'); } });"));
            case "parent-success/frame" -> HttpExchanges.send(ex, 200, HTML, widgetPage("Login frame", "parent-success", TO_PARENT));
            case "popup" -> HttpExchanges.send(ex, 200, HTML, widgetPage("Sign in (result in a popup)", "popup", TO_POPUP));
            case "popup/result" -> HttpExchanges.send(ex, 200, HTML, page("Result", "",
                    "show(" + ("1".equals(query.get("ok")) ? "'success', 'Welcome, demo'" : "'error', 'Invalid captcha, please try again'") + ");"));
            case "welcome" -> HttpExchanges.send(ex, 200, HTML, page("Welcome", "", "show('success', 'Welcome, demo');"));
            default -> HttpExchanges.send(ex, 404, "text/plain; charset=utf-8", "Not found: " + path);
        }
    }

    /**
     * The answer to a token: 200 {@code {"success":true}} or 403 with the siteverify error code; the
     * body follows the headers after {@code delayMillis}, so pages can act on the status first.
     */
    private void verify(HttpExchange ex, String name) throws IOException {
        Map<String, String> form = HttpExchanges.params(ex, HttpExchanges.body(ex));
        boolean ok = verifies.test(form.get(WIDGET.responseField()));
        byte[] body = (ok ? "{\"success\":true}" : "{\"success\":false,\"error-codes\":[\"invalid-input-response\"]}")
                .getBytes(StandardCharsets.UTF_8);
        long delayMillis = name.equals("xhr-away") ? 1500 : name.equals("reset-json") ? 300 : 0;
        ex.getResponseHeaders().set("Content-Type", JSON);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        // Chromium holds the headers back from the page until it could sniff the body's first bytes; a
        // declared type (nosniff) lets the page see the status at once, as the xhr-away page needs
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        try (OutputStream out = ex.getResponseBody()) {
            ex.sendResponseHeaders(ok ? 200 : 403, delayMillis == 0 ? body.length : 0);
            if (delayMillis > 0) {
                // the JDK server sends the headers with the first bytes: one space of JSON whitespace now
                out.write(' ');
                out.flush();
                Thread.sleep(delayMillis);
            }
            out.write(body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the page went away before the body: what these pages are about
        } finally {
            ex.close();
        }
    }

    /** The XHR handler leaves as soon as the status is known: the body never arrives in the page. */
    private static final String XHR_AWAY = """
            var xhr = new XMLHttpRequest();
            xhr.open('POST', verifyPath);
            xhr.setRequestHeader('Content-Type', 'application/x-www-form-urlencoded');
            xhr.onreadystatechange = function () {
              if (xhr.readyState === 2) {
                location.href = xhr.status === 200 ? '/engines/welcome' : '/engines/xhr-away?error=captcha';
              }
            };
            xhr.send(formBody());""";

    /** The widget is reset as soon as the refusal's status arrives, before its JSON body. */
    private static final String RESET_FIRST = """
            fetch(verifyPath, post()).then(function (r) {
              if (!r.ok) { grecaptcha.reset(); }
              return r.json();
            }).then(function (d) { if (d.success) { show('success', 'Signed in'); } });""";

    /** The JSON answer is read first, the widget reset 200 ms later. */
    private static final String JSON_FIRST = """
            fetch(verifyPath, post()).then(function (r) { return r.json(); }).then(function (d) {
              if (d.success) { show('success', 'Signed in'); } else { setTimeout(function () { grecaptcha.reset(); }, 200); }
            });""";

    /** The frame tells its parent, which shows the result. */
    private static final String TO_PARENT = """
            fetch(verifyPath, post()).then(function (r) { return r.json(); }).then(function (d) {
              parent.postMessage({ signIn: !!d.success }, '*');
            });""";

    /** The result opens in a popup. */
    private static final String TO_POPUP = """
            fetch(verifyPath, post()).then(function (r) { return r.json(); }).then(function (d) {
              window.open('/engines/popup/result?ok=' + (d.success ? '1' : '0'), 'result');
            });""";

    private static String widgetPage(String title, String name, String onToken) {
        String body = "<script src=\"" + WIDGET.script() + "\" async defer></script>\n"
                + "<form id=\"demo-form\" method=\"post\" action=\"#\">\n"
                + "<label>Username <input type=\"text\" name=\"username\" value=\"demo\"></label>\n"
                + "<button id=\"sign-in\" type=\"submit\" class=\"g-recaptcha\" data-sitekey=\"" + WIDGET.siteKey()
                + "\" data-size=\"invisible\" data-callback=\"onSubmit\">Sign in</button>\n</form>\n";
        String script = "var verifyPath = '" + PREFIX + name + "/verify';\n"
                + "var form = document.getElementById('demo-form');\n"
                + "function formBody() { return new URLSearchParams(new FormData(form)).toString(); }\n"
                + "function post() { return { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: formBody() }; }\n"
                + "form.addEventListener('submit', function (e) { e.preventDefault(); grecaptcha.execute(); });\n"
                + "function onSubmit(token) {\n" + onToken + "\n}\n";
        return page(title, body, script);
    }

    private static String page(String title, String body, String script) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + html(title) + "</title></head><body>\n"
                + "<h1>" + html(title) + "</h1>\n<div id=\"messages\"></div>\n" + body
                + "<script>\nfunction show(cssClass, text) { var box = document.getElementById('messages'); box.innerHTML = '';"
                + " var p = document.createElement('p'); p.className = cssClass; p.textContent = text; box.appendChild(p); }\n"
                + script + "\n</script>\n</body></html>\n";
    }
}
