package io.captchafeedback.testkit.site;


import io.captchafeedback.testkit.http.HttpExchanges;
import static io.captchafeedback.testkit.http.HttpExchanges.html;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Serves the {@link PatternPage}s of a {@link DemoSite}: {@code /patterns/}, {@code /patterns/<name>}
 * (GET: the page; POST: its form), {@code /patterns/<name>/api} (its XHR), the unrelated SMS gateway
 * {@code /api/phone/verify} and the Arkose stand-in scripts. Thread-safe.
 */
final class PatternPages {
    private static final String HTML = "text/html; charset=utf-8";
    private static final String JSON = "application/json";
    private static final String STYLE = "<style>body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:56rem}"
            + ".error{color:#b00020;font-weight:bold}.success{color:#006e2e;font-weight:bold}"
            + "section{border:1px solid #ddd;padding:.5rem 1rem;margin:1rem 0}</style>\n";

    private final DemoSite site;

    PatternPages(DemoSite site) {
        this.site = site;
    }

    /** Handles the request if it is one of the pattern pages' paths. */
    boolean handle(HttpExchange ex, String path) throws IOException {
        if (path.equals("/api/phone/verify")) {
            HttpExchanges.body(ex);
            HttpExchanges.send(ex, 503, JSON, "{\"success\": false, \"error\": \"sms gateway unavailable\"}");
            return true;
        }
        if (!path.startsWith("/patterns/")) {
            return false;
        }
        String rest = path.substring("/patterns/".length());
        if (rest.isEmpty()) {
            HttpExchanges.send(ex, 200, HTML, index());
        } else if (rest.startsWith("arkose/")) {
            arkoseScript(ex);
        } else {
            String[] parts = rest.split("/");
            PatternPage page = PatternPage.byName(parts[0]);
            if (page == null || parts.length > 2) {
                HttpExchanges.send(ex, 404, "text/plain; charset=utf-8", "Not found: " + path);
            } else if (parts.length == 2) {
                api(ex, page, parts[1]);
            } else if (ex.getRequestMethod().equals("POST")) {
                formPost(ex, page);
            } else {
                HttpExchanges.send(ex, 200, HTML, page(page, null));
            }
        }
        return true;
    }

    private static String index() {
        StringBuilder sb = new StringBuilder(head("Pattern pages")).append("<h1>Pattern pages</h1>\n<ul>\n");
        for (PatternPage p : PatternPage.values()) {
            sb.append("<li><a href=\"").append(p.path()).append("\">").append(p.pageName()).append("</a></li>\n");
        }
        return sb.append("</ul>\n</body></html>\n").toString();
    }

    private static String head(String title) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + html(title) + "</title>\n"
                + STYLE + "</head><body>\n";
    }

    private static String messages(String error) {
        return "<div id=\"messages\">" + (error == null ? "" : "<p class=\"error\">" + html(error) + "</p>") + "</div>\n";
    }

    /** The widget's box in the page, as the vendor's docs show it. */
    private static String widgetBox(DemoWidget w, String siteKey, String callback) {
        String cb = callback == null ? "" : " data-callback=\"" + callback + "\"";
        return switch (w) {
            case HCAPTCHA -> "<div class=\"h-captcha\" data-sitekey=\"" + siteKey + "\"" + cb + "></div>\n";
            case TURNSTILE -> "<div class=\"cf-turnstile\" data-sitekey=\"" + siteKey + "\"" + cb + "></div>\n";
            default -> "<div class=\"g-recaptcha\" data-sitekey=\"" + siteKey + "\"" + cb + "></div>\n";
        };
    }

    private static final String SHOW = """
            function show(cssClass, text) {
              var box = document.getElementById('messages');
              box.innerHTML = '';
              var p = document.createElement('p');
              p.className = cssClass;
              p.textContent = text;
              box.appendChild(p);
            }
            function post(url, form) {
              return fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
                body: new URLSearchParams(new FormData(form)).toString() });
            }
            """;

    private String page(PatternPage p, String error) {
        DemoWidget w = p.widget();
        String api = p.path() + "/api";
        StringBuilder sb = new StringBuilder(head(p.pageName()));
        switch (p) {
            case RESET_WRONG_PASSWORD -> sb.append("<script src=\"/static/recaptcha/api.js\" async defer></script>\n")
                    .append("<h1>Sign in</h1>\n").append(messages(null))
                    .append("<form id=\"login\"><label>Username <input name=\"username\" value=\"demo\"></label>\n")
                    .append("<label>Password <input type=\"password\" name=\"password\" value=\"wrong-password\"></label>\n")
                    .append(widgetBox(w, w.siteKey(), null))
                    .append("<button id=\"sign-in\" type=\"submit\">Sign in</button></form>\n<script>\n").append(SHOW)
                    .append("""
                            document.getElementById('login').addEventListener('submit', function (e) {
                              e.preventDefault();
                              post('%s', e.target).then(function (r) { return r.json(); }).then(function (data) {
                                if (data.success) { show('success', 'Welcome back, demo'); return; }
                                // what most sites do after any failed attempt: reset, then say why
                                grecaptcha.reset();
                                show('error', data.error === 'wrong_password' ? 'Wrong password'
                                    : 'Captcha verification failed, please try again');
                              });
                            });
                            </script>
                            """.formatted(api));
            case PHONE_VERIFY_503 -> sb.append("<script src=\"/static/hcaptcha.js\" async defer></script>\n")
                    .append("<h1>Create an account</h1>\n").append(messages(null))
                    .append("<form id=\"signup\"><label>Username <input name=\"username\" value=\"demo\"></label>\n")
                    .append("<label>Phone <input name=\"phone\" value=\"+15550100\"></label>\n")
                    .append(widgetBox(w, w.siteKey(), null))
                    .append("<button id=\"sign-up\" type=\"submit\">Sign up</button></form>\n<p id=\"sms\"></p>\n<script>\n")
                    .append(SHOW).append("""
                            document.getElementById('signup').addEventListener('submit', function (e) {
                              e.preventDefault();
                              post('%s', e.target).then(function (r) { return r.json(); }).then(function (data) {
                                if (!data.success) { show('error', 'Sign-up failed'); return; }
                                show('success', 'Account created');
                                // an unrelated service: send the SMS code for the phone number
                                fetch('/api/phone/verify', { method: 'POST', headers: { 'Content-Type': 'application/json' },
                                  body: JSON.stringify({ phone: '+15550100' }) })
                                  .then(function (r) { return r.json(); })
                                  .then(function (answer) {
                                    document.getElementById('sms').textContent = answer.success ? 'SMS code sent'
                                        : 'We could not send the SMS code.';
                                  });
                              });
                            });
                            </script>
                            """.formatted(api));
            case TWO_WIDGETS -> sb.append("<script src=\"/static/recaptcha/api.js\" async defer></script>\n")
                    .append("<section id=\"newsletter\"><h2>Newsletter</h2>\n<form id=\"newsletter-form\">")
                    .append("<label>E-mail <input name=\"email\" value=\"demo@example.test\"></label>\n")
                    .append(widgetBox(w, PatternPage.NEWSLETTER_SITE_KEY, "subscribe"))
                    .append("</form><p id=\"newsletter-status\"></p></section>\n")
                    .append("<section id=\"login-box\"><h1>Sign in</h1>\n").append(messages(error))
                    .append("<form id=\"login\" method=\"post\" action=\"").append(p.path()).append("\">")
                    .append("<label>Username <input name=\"username\" value=\"demo\"></label>\n")
                    .append(widgetBox(w, w.siteKey(), "onCaptchaSolved"))
                    .append("<button id=\"sign-in\" type=\"submit\">Sign in</button></form></section>\n<script>\n")
                    .append(SHOW).append("""
                            function subscribe(token) {
                              post('%s', document.getElementById('newsletter-form')).then(function () {
                                document.getElementById('newsletter-status').textContent = 'Subscribed to the newsletter';
                              });
                            }
                            function onCaptchaSolved(token) { /* the sign-in button is always enabled */ }
                            </script>
                            """.formatted(api));
            case STALE_ERROR -> sb.append("<script src=\"/static/turnstile.js\" async defer></script>\n")
                    .append("<h1>Sign in</h1>\n")
                    .append(messages("Invalid captcha, please try again")) // left from the previous attempt
                    .append("<form id=\"login\"><label>Username <input name=\"username\" value=\"demo\"></label>\n")
                    .append(widgetBox(w, w.siteKey(), null))
                    .append("<button id=\"sign-in\" type=\"submit\">Sign in</button></form>\n<p id=\"status\"></p>\n<script>\n")
                    .append(SHOW).append("""
                            document.getElementById('login').addEventListener('submit', function (e) {
                              e.preventDefault();
                              post('%s', e.target).then(function (r) { return r.json(); }).then(function (data) {
                                if (data.success) {
                                  var s = document.getElementById('status');
                                  s.className = 'success';
                                  s.textContent = 'Signed in';
                                  return; // the old error stays where it was
                                }
                                show('error', 'Invalid captcha, please try again');
                                turnstile.reset();
                              });
                            });
                            </script>
                            """.formatted(api));
            case RECAPTCHA_TEXT, HCAPTCHA_TEXT, TURNSTILE_TEXT -> sb.append("<script src=\"").append(w.script())
                    .append("\" async defer></script>\n<h1>Sign in</h1>\n").append(messages(error))
                    .append("<form id=\"login\" method=\"post\" action=\"").append(p.path()).append("\">")
                    .append("<label>Username <input name=\"username\" value=\"demo\"></label>\n")
                    .append(widgetBox(w, w.siteKey(), null))
                    .append("<button id=\"sign-in\" type=\"submit\">Sign in</button></form>\n");
            case ARKOSE_LEGACY -> sb.append("<script src=\"/patterns/arkose/fc/api/?onload=loadChallenge\" async defer></script>\n")
                    .append("<h1>Register</h1>\n").append(messages(error))
                    .append("<form id=\"register\" method=\"post\" action=\"").append(p.path()).append("\">")
                    .append("<label>Username <input name=\"username\" value=\"demo\"></label>\n")
                    .append("<div id=\"arkose\"></div></form>\n<script>\n").append("""
                            function loadChallenge() {
                              new ArkoseEnforcement({
                                public_key: '%s',
                                target_html: 'arkose',
                                callback: function () {
                                  // the legacy callback takes no argument: the token is in #FunCaptcha-Token
                                  if (document.getElementById('FunCaptcha-Token').value) {
                                    HTMLFormElement.prototype.submit.call(document.getElementById('register'));
                                  }
                                }
                              });
                            }
                            </script>
                            """.formatted(w.siteKey()));
            case ARKOSE_ENFORCEMENT -> sb.append("<script src=\"/patterns/arkose/v2/").append(w.siteKey())
                    .append("/api.js\" data-callback=\"setupEnforcement\" async defer></script>\n")
                    .append("<h1>Register</h1>\n").append(messages(null))
                    .append("<form id=\"register\"><label>Username <input name=\"username\" value=\"demo\"></label>\n")
                    .append("<input type=\"hidden\" name=\"arkose-token\" id=\"arkose-token\">\n")
                    .append("<div id=\"arkose-ec\"></div></form>\n<script>\n").append(SHOW).append("""
                            var enforcement = null;
                            function setupEnforcement(myEnforcement) {
                              enforcement = myEnforcement;
                              myEnforcement.setConfig({
                                selector: '#arkose-ec',
                                mode: 'inline',
                                onCompleted: function (response) {
                                  document.getElementById('arkose-token').value = response.token;
                                  register();
                                },
                                onReset: function () { document.getElementById('arkose-token').value = ''; },
                                onError: function () { show('error', 'The challenge could not be loaded'); }
                              });
                            }
                            function register() {
                              post('%s', document.getElementById('register')).then(function (r) { return r.json(); })
                                .then(function (data) {
                                  if (data.success) { show('success', 'Signed in'); return; }
                                  enforcement.reset();
                                  show('error', 'Please try the challenge again');
                                });
                            }
                            </script>
                            """.formatted(api));
        }
        return sb.append("</body></html>\n").toString();
    }

    private void formPost(HttpExchange ex, PatternPage p) throws IOException {
        Map<String, String> form = HttpExchanges.params(ex, HttpExchanges.body(ex));
        DemoSite.Verification v = site.verify(form.get(p.widget().responseField()));
        if (v.success()) {
            HttpExchanges.send(ex, 200, HTML, DemoPages.result("Signed in", "success", "Welcome back, demo"));
            return;
        }
        String error = switch (p) {
            case RECAPTCHA_TEXT -> "reCAPTCHA validation failed. Please try again.";
            case HCAPTCHA_TEXT -> "hCaptcha verification failed. Please try again.";
            case TURNSTILE_TEXT -> "The Turnstile token is invalid or has expired.";
            case ARKOSE_LEGACY -> "Arkose Labs verification failed";
            default -> "Invalid captcha, please try again";
        };
        HttpExchanges.send(ex, 200, HTML, page(p, error));
    }

    private void api(HttpExchange ex, PatternPage p, String what) throws IOException {
        Map<String, String> form = HttpExchanges.params(ex, HttpExchanges.body(ex));
        if (!ex.getRequestMethod().equals("POST") || !what.equals("api")) {
            HttpExchanges.send(ex, 404, "text/plain; charset=utf-8", "Not found");
            return;
        }
        if (p == PatternPage.TWO_WIDGETS) { // the newsletter
            HttpExchanges.send(ex, 200, JSON, "{\"success\": true}");
            return;
        }
        String field = p == PatternPage.ARKOSE_ENFORCEMENT ? "arkose-token" : p.widget().responseField();
        DemoSite.Verification v = site.verify(form.get(field));
        ObjectNode answer = HttpExchanges.JSON.createObjectNode();
        int status = 200;
        switch (p) {
            case RESET_WRONG_PASSWORD -> {
                if (!v.success()) {
                    status = 400;
                    answer.put("success", false).put("error", "captcha");
                } else if (DemoSite.PASSWORD.equals(form.get("password"))) {
                    answer.put("success", true);
                } else {
                    status = 401;
                    answer.put("success", false).put("error", "wrong_password");
                }
            }
            case ARKOSE_ENFORCEMENT -> {
                answer.put("success", v.success());
                if (!v.success()) {
                    answer.put("error", "captcha_invalid");
                }
            }
            default -> {
                answer.put("success", v.success());
                if (!v.success()) {
                    v.errorCodes().forEach(answer.putArray("error-codes")::add);
                }
            }
        }
        HttpExchanges.send(ex, status, JSON, HttpExchanges.JSON.writeValueAsBytes(answer));
    }

    private static void arkoseScript(HttpExchange ex) throws IOException {
        String js = "(function () {\n'use strict';\n" + resource("static/standin-common.js") + "\n"
                + resource("patterns/arkose.js") + "\n})();\n";
        HttpExchanges.send(ex, 200, "text/javascript; charset=utf-8", js);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = PatternPages.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
