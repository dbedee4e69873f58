package io.captchafeedback.testkit.site;

import static io.captchafeedback.testkit.http.HttpExchanges.html;

import java.util.List;

/** The demo site's HTML. Stateless. */
final class DemoPages {
    private static final String STYLE = """
            <style>
              body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 56rem; color: #222; }
              label { display: block; margin: .5rem 0; }
              input[type=text], input[type=password] { padding: .3rem; width: 16rem; }
              button { margin-top: .8rem; padding: .45rem 1.2rem; font-size: 15px; }
              .error { color: #b00020; font-weight: bold; }
              .success { color: #006e2e; font-weight: bold; }
              .lead { color: #555; }
              table { border-collapse: collapse; width: 100%; }
              td, th { border: 1px solid #ddd; padding: .3rem .5rem; text-align: left; vertical-align: top; font-size: 13px; }
            </style>
            """;

    private DemoPages() {
    }

    static String index(List<DemoPage> pages) {
        StringBuilder sb = new StringBuilder(head("captcha-feedback demo site"));
        sb.append("<h1>captcha-feedback demo site</h1>\n<p class=\"lead\">Forms protected by local stand-ins of "
                + "captcha widgets. Click a widget's box for a good token (or its small link for a bad one), then "
                + "submit. Tokens are issued and verified by the provider emulator; nothing leaves this machine.</p>\n");
        sb.append("<table>\n<tr><th>page</th><th>widget</th><th>good token</th><th>bad token</th><th>signal</th></tr>\n");
        for (DemoPage p : pages) {
            sb.append("<tr><td><a href=\"").append(p.path()).append("\">").append(p.path()).append("</a></td><td>")
                    .append(html(p.widget().label())).append("</td><td>").append(html(p.reaction().onGoodToken()))
                    .append("</td><td>").append(html(p.reaction().onBadToken())).append("</td><td>")
                    .append(html(p.reaction().signal())).append("</td></tr>\n");
        }
        return sb.append("</table>\n</body></html>\n").toString();
    }

    static String welcome(DemoWidget widget) {
        return head("Welcome") + "<h1>Welcome, demo</h1>\n<p class=\"success\">Welcome, demo. You are signed in ("
                + html(widget.label()) + ").</p>\n<p><a href=\"/\">All demo pages</a></p>\n</body></html>\n";
    }

    static String result(String title, String cssClass, String message) {
        return head(title) + "<h1>" + html(title) + "</h1>\n<div id=\"messages\"><p class=\"" + cssClass + "\">"
                + html(message) + "</p></div>\n<p><a href=\"/\">All demo pages</a></p>\n</body></html>\n";
    }

    /** The form page; {@code message}/{@code messageClass} render a server-side message above the form. */
    static String form(DemoPage page, String messageClass, String message) {
        DemoWidget w = page.widget();
        DemoReaction r = page.reaction();
        String scriptSrc = w == DemoWidget.RECAPTCHA_V3 ? w.script() + "?render=" + w.siteKey() : w.script();
        StringBuilder sb = new StringBuilder(head(w.label() + " \u2014 " + r.path()));
        sb.append("<script src=\"").append(html(scriptSrc)).append("\" async defer></script>\n");
        // The lead names the page only: the documented reaction texts live on the index, so that a rule
        // matching page text never sees them before the site has reacted.
        sb.append("<h1>Sign in</h1>\n<p class=\"lead\">").append(html(w.label())).append(" \u00b7 reaction <b>")
                .append(r.path()).append("</b> (described on <a href=\"/\">the index</a>)</p>\n");
        sb.append("<div id=\"messages\">");
        if (message != null) {
            sb.append("<p class=\"").append(messageClass).append("\">").append(html(message)).append("</p>");
        }
        sb.append("</div>\n");
        sb.append("<form id=\"demo-form\" method=\"post\" action=\"").append(page.path()).append("\">\n");
        sb.append("<label>Username <input type=\"text\" name=\"username\" value=\"demo\"></label>\n");
        if (r == DemoReaction.WRONG_PASSWORD) {
            sb.append("<label>Password <input type=\"password\" name=\"password\" value=\"wrong-password\"></label>\n");
        }
        switch (w) {
            case RECAPTCHA_V2 -> sb.append("<div class=\"g-recaptcha\" data-sitekey=\"").append(w.siteKey())
                    .append("\" data-callback=\"onCaptchaSolved\"></div>\n<button id=\"sign-in\" type=\"submit\">Sign in</button>\n");
            case RECAPTCHA_V2_INVISIBLE -> sb.append("<button id=\"sign-in\" type=\"submit\" class=\"g-recaptcha\" data-sitekey=\"")
                    .append(w.siteKey()).append("\" data-size=\"invisible\" data-callback=\"onSubmit\">Sign in</button>\n");
            case RECAPTCHA_V3 -> sb.append("<input type=\"hidden\" name=\"g-recaptcha-response\" id=\"g-recaptcha-response\">\n")
                    .append("<button id=\"sign-in\" type=\"submit\">Sign in</button>\n");
            case HCAPTCHA -> sb.append("<div class=\"h-captcha\" data-sitekey=\"").append(w.siteKey())
                    .append("\" data-callback=\"onCaptchaSolved\"></div>\n<button id=\"sign-in\" type=\"submit\">Sign in</button>\n");
            case TURNSTILE -> sb.append("<div class=\"cf-turnstile\" data-sitekey=\"").append(w.siteKey())
                    .append("\" data-callback=\"onCaptchaSolved\"></div>\n<button id=\"sign-in\" type=\"submit\">Sign in</button>\n");
            case FUNCAPTCHA -> sb.append("<div id=\"FunCaptcha\" data-pkey=\"").append(w.siteKey())
                    .append("\" data-callback=\"onCaptchaSolved\"></div>\n<button id=\"sign-in\" type=\"submit\">Sign in</button>\n");
        }
        sb.append("</form>\n<p id=\"captcha-status\"></p>\n<p><a href=\"/\">All demo pages</a></p>\n");
        sb.append(script(page));
        return sb.append("</body></html>\n").toString();
    }

    private static String script(DemoPage page) {
        DemoWidget w = page.widget();
        DemoReaction r = page.reaction();
        String onSubmit = switch (w) {
            case RECAPTCHA_V3 -> """
                    e.preventDefault();
                    grecaptcha.ready(function () {
                      grecaptcha.execute('%s', { action: 'login' }).then(function (token) {
                        document.getElementById('g-recaptcha-response').value = token;
                        submitForm();
                      });
                    });""".formatted(w.siteKey());
            case RECAPTCHA_V2_INVISIBLE -> """
                    e.preventDefault();
                    grecaptcha.execute();""";
            default -> r.usesXhr() ? "e.preventDefault();\n  submitForm();" : "";
        };
        return """
                <script>
                var form = document.getElementById('demo-form');
                var usesXhr = %s;
                var reaction = '%s';
                function show(cssClass, text) {
                  var box = document.getElementById('messages');
                  box.innerHTML = '';
                  var p = document.createElement('p');
                  p.className = cssClass;
                  p.textContent = text;
                  box.appendChild(p);
                }
                function onCaptchaSolved(token) {
                  document.getElementById('captcha-status').textContent = 'Captcha solved, you can sign in.';
                }
                function onSubmit(token) {
                  submitForm();
                }
                function submitForm() {
                  if (!usesXhr) { HTMLFormElement.prototype.submit.call(form); return; }
                  fetch('%s', {
                    method: 'POST',
                    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
                    body: new URLSearchParams(new FormData(form)).toString()
                  }).then(function (response) {
                    if (response.status === 204) { return null; }
                    return response.json();
                  }).then(function (data) {
                    if (!data || reaction === 'silent') { return; }
                    if (data.success) {
                      show('success', 'Signed in');
                    } else if (reaction === 'widget-reset') {
                      %s;
                    }
                  });
                }
                form.addEventListener('submit', function (e) {
                  %s
                });
                </script>
                """.formatted(r.usesXhr(), r.path(), page.verifyPath(), w.resetCall(), onSubmit);
    }

    private static String head(String title) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + html(title)
                + "</title>\n" + STYLE + "</head><body>\n";
    }
}
