package io.captchafeedback.benchmarks.rule;

/**
 * The rule file both rule benchmarks use: one rule set of 100 rules mixing every condition the probe
 * checks (elements, visibility, text, regex text) with URL, cookie, response and widget conditions
 * and combinators, plus the built-in defaults.
 */
final class HundredRules {

    static final int RULES = 100;

    private HundredRules() {
    }

    /** The YAML of the rule file. */
    static String yaml() {
        StringBuilder y = new StringBuilder("rules:\n  - site: \"127.0.0.1\"\n    include: [defaults]\n    timeout: 10s\n    rules:\n");
        for (int i = 0; i < RULES - 1; i++) {
            y.append("      - name: rule-").append(i).append('\n');
            y.append("        verdict: ").append(i % 3 == 0 ? "REJECTED_OTHER" : "REJECTED_CAPTCHA").append('\n');
            y.append("        when: ");
            switch (i % 10) {
                case 0 -> y.append("{ element: { present: \"#missing-").append(i).append(" > .child\" } }");
                case 1 -> y.append("{ element: { visible: \".alert-").append(i).append(", .error-").append(i).append("\" } }");
                case 2 -> y.append("{ text: { contains: \"Error number ").append(i).append("\" } }");
                case 3 -> y.append("{ text: { contains: \"message ").append(i).append("\", in: \".messages li\" } }");
                case 4 -> y.append("{ text: { matches: \"(?i)code\\\\s+").append(i).append("\\\\b\" } }");
                case 5 -> y.append("{ url: { glob: \"**/error-").append(i).append("*\" } }");
                case 6 -> y.append("{ response: { url: \"**/api/").append(i).append("\", method: POST, status: [4xx], json: { pointer: /success, equals: false } } }");
                case 7 -> y.append("{ allOf: [ { element: { present: \"form#f").append(i).append("\" } }, { not: { cookie: \"c").append(i).append("\" } } ] }");
                case 8 -> y.append("{ anyOf: [ { widgetReset: { widgets: [turnstile] } }, { text: { matches: \"failed attempt #").append(i).append("\", in: \"main\" } } ] }");
                default -> y.append("{ element: { visible: \"[data-state='error-").append(i).append("']\" } }");
            }
            y.append('\n');
        }
        y.append("      - name: logged-in\n        verdict: ACCEPTED\n        when: { allOf: [ { url: { glob: \"**/account*\" } }, { element: { visible: \"#welcome\" } } ] }\n");
        return y.toString();
    }

    /** A page of realistic size for the probe to look at: 300 list items, a form, a few paragraphs. */
    static String page() {
        StringBuilder h = new StringBuilder("<!doctype html><title>Account</title><main><h1 id=\"welcome\">Welcome back</h1>");
        h.append("<form id=\"search\"><input name=\"q\"><button>Search</button></form><ul class=\"messages\">");
        for (int i = 0; i < 300; i++) {
            h.append("<li class=\"item item-").append(i).append("\"><a href=\"/item/").append(i).append("\">Item ")
                    .append(i).append("</a> <span>some description text for row ").append(i).append("</span></li>");
        }
        h.append("</ul><p>Lorem ipsum dolor sit amet, consectetur adipiscing elit.</p></main>");
        return h.toString();
    }
}
