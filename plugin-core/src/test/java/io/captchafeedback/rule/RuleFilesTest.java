package io.captchafeedback.rule;

import io.captchafeedback.spi.CompiledRules;

import io.captchafeedback.spi.CompiledRuleSet;
import static io.captchafeedback.rule.Condition.allOf;
import static io.captchafeedback.rule.Condition.anyOf;
import static io.captchafeedback.rule.Condition.cookie;
import static io.captchafeedback.rule.Condition.not;
import static io.captchafeedback.rule.Condition.present;
import static io.captchafeedback.rule.Condition.response;
import static io.captchafeedback.rule.Condition.textContains;
import static io.captchafeedback.rule.Condition.urlGlob;
import static io.captchafeedback.rule.Condition.visible;
import static io.captchafeedback.rule.Condition.widgetReset;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.captchafeedback.task.Outcome;
import io.captchafeedback.config.ConfigException;
import io.captchafeedback.config.ConfigNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RuleFilesTest {

    static Path resource(String name) {
        try {
            return Path.of(RuleFilesTest.class.getResource("/rules/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Rules yaml(String content) {
        return RuleFiles.parse(ConfigNode.parse("rules.yml", content, false, Map.of("SITE", "shop.example")::get));
    }

    /** The Java builder form of rules/shop.yml. */
    static Rules shopInJava() {
        RuleSet shop = RuleSet.builder("*.shop.example")
                .path("/login*")
                .include("defaults")
                .timeout(Duration.ofSeconds(10))
                .rule("logged-in", urlGlob("**/account*"), Outcome.ACCEPTED)
                .rule("wrong-password", textContains("Wrong password", ".error"), Outcome.REJECTED_OTHER)
                .rule(Rule.of("captcha-refused", anyOf(response("**/login", 403), widgetReset()), Outcome.REJECTED_CAPTCHA)
                        .withFeedback("ERROR_CAPTCHA_UNSOLVABLE", "Site answered 403"))
                .rule("verify-failed", allOf(
                        new Condition.Response(UrlPattern.regex("/api/verify$"), null,
                                Set.copyOf(IntStream.range(400, 500).boxed().toList()), null, null, null)
                                .method("POST").json("/success", false),
                        not(visible("#welcome"))), Outcome.REJECTED_CAPTCHA)
                .rule("session", cookie("sid"), Outcome.ACCEPTED)
                .build();
        RuleSet forum = RuleSet.builder("forum.example").name("forum")
                .rule("posted", present("article.post.new"), Outcome.ACCEPTED).build();
        return Rules.of(shop, forum);
    }

    @Test
    void aYamlFileAJsonFileAndTheJavaBuilderDescribeTheSameRules() {
        Rules fromYaml = RuleFiles.load(resource("shop.yml"), name -> null);
        Rules fromJson = RuleFiles.load(resource("shop.json"), name -> null);

        assertThat(fromYaml.sets()).isEqualTo(shopInJava().sets());
        assertThat(fromJson.sets()).isEqualTo(shopInJava().sets());
    }

    @Test
    void environmentVariablesAreInterpolatedInRuleFiles() {
        Rules rules = RuleFiles.load(resource("shop.yml"), Map.of("SESSION_COOKIE", "shop_session")::get);

        assertThat(rules.sets().get(0).rules().get(4).when()).isEqualTo(cookie("shop_session"));
    }

    @Test
    void theFirstRuleSetForTheHostAndPathIsChosenAndIncludesAreAppended() {
        Rules rules = shopInJava();

        assertThat(rules.forUrl(URI.create("https://www.shop.example/login?next=1"))).map(RuleSet::site).contains("*.shop.example");
        assertThat(rules.forUrl(URI.create("https://shop.example/login"))).isPresent();
        assertThat(rules.forUrl(URI.create("https://www.shop.example/cart"))).isEmpty();
        assertThat(rules.forUrl(URI.create("https://forum.example/new"))).map(RuleSet::name).contains("forum");
        assertThat(rules.forUrl(URI.create("https://evil-shop.example/login"))).isEmpty();

        CompiledRuleSet compiled = CompiledRules.of(rules).forUrl(URI.create("https://www.shop.example/login")).orElseThrow();
        assertThat(compiled.rules()).hasSize(5 + RuleSet.defaults().rules().size());
        assertThat(compiled.rules().subList(5, compiled.rules().size())).isEqualTo(RuleSet.defaults().rules());
    }

    @Test
    void theConfigurationsRulesSectionIsAcceptedAsIs() {
        ConfigNode config = ConfigNode.parse("captcha-feedback.yml", """
                providers: {}
                rules:
                  - site: "${SITE}"
                    include: defaults
                """, false, Map.of("SITE", "shop.example")::get);

        Rules rules = RuleFiles.parse(config.required("rules"));

        assertThat(rules.sets()).singleElement().satisfies(set -> {
            assertThat(set.site()).isEqualTo("shop.example");
            assertThat(set.includes()).containsExactly("defaults");
        });
    }

    @Test
    void namedRuleSetsCanBeIncluded() {
        Rules rules = yaml("""
                rules:
                  - site: "a.example"
                    include: [common, defaults]
                    rules:
                      - { name: own, when: { urlChanged: true }, verdict: ACCEPTED }
                  - site: "never.invalid"
                    name: common
                    rules:
                      - { name: shared, when: { text: { contains: "Too many attempts" } }, verdict: REJECTED_OTHER }
                """);

        CompiledRuleSet compiled = CompiledRules.of(rules).forUrl(URI.create("https://a.example/")).orElseThrow();
        assertThat(compiled.rules()).extracting(Rule::name).startsWith("own", "shared", "verification-error-code");
    }

    static Stream<Arguments> badFiles() {
        return Stream.of(
                Arguments.of("unknown rule key", """
                        rules:
                          - site: a.example
                            rules:
                              - name: x
                                when: { urlChanged: true }
                                verdit: ACCEPTED
                        """, "rules.yml:6:9: rules[0].rules[0].verdit: unknown key 'verdit' (did you mean 'verdict'?)"),
                Arguments.of("unknown rule set key", """
                        rules:
                          - site: a.example
                            timout: 5s
                            include: defaults
                        """, "rules.yml:3:5: rules[0].timout: unknown key 'timout' (did you mean 'timeout'?)"),
                Arguments.of("misspelled verdict", """
                        rules:
                          - site: a.example
                            rules:
                              - { name: x, when: { urlChanged: true }, verdict: REJECTED_CAPCHA }
                        """, "rules.yml:4:57: rules[0].rules[0].verdict: unknown value 'REJECTED_CAPCHA' (did you mean 'REJECTED_CAPTCHA'?)"),
                Arguments.of("UNKNOWN is not a rule verdict", """
                        rules:
                          - site: a.example
                            rules:
                              - { name: x, when: { urlChanged: true }, verdict: UNKNOWN }
                        """, "rules.yml:4:57: rules[0].rules[0].verdict: a rule cannot decide UNKNOWN"),
                Arguments.of("unknown condition type", """
                        rules:
                          - site: a.example
                            rules:
                              - { name: x, when: { textt: { contains: a } }, verdict: ACCEPTED }
                        """, "rules.yml:4:35: rules[0].rules[0].when.textt: unknown condition type 'textt' (did you mean 'text'?)"),
                Arguments.of("two condition types in one mapping", """
                        rules:
                          - site: a.example
                            rules:
                              - { name: x, when: { urlChanged: true, widgetShown: {} }, verdict: ACCEPTED }
                        """, "when.widgetShown: a condition has exactly one type, found 'urlChanged' and 'widgetShown': combine them with allOf: or anyOf:"),
                Arguments.of("invalid regex", """
                        rules:
                          - site: a.example
                            rules:
                              - name: x
                                when: { url: { regex: "/account(/" } }
                                verdict: ACCEPTED
                        """, "rules.yml:5:31: rules[0].rules[0].when.url.regex: invalid regular expression '/account(/': Unclosed group"),
                Arguments.of("invalid regex in a response body pattern", """
                        rules:
                          - site: a.example
                            rules:
                              - name: x
                                when: { response: { url: "**", body: "[oops" } }
                                verdict: REJECTED_CAPTCHA
                        """, "when.response.body: invalid regular expression '[oops': Unclosed character class"),
                Arguments.of("unbalanced CSS", """
                        rules:
                          - site: a.example
                            rules:
                              - name: x
                                when: { element: { visible: "div[data-x='1'" } }
                                verdict: ACCEPTED
                        """, "rules.yml:5:37: rules[0].rules[0].when.element.visible: invalid CSS selector 'div[data-x='1'': a '[' is not closed"),
                Arguments.of("CSS with a dangling combinator", """
                        rules:
                          - site: a.example
                            rules:
                              - { name: x, when: { text: { contains: Welcome, in: "main >" } }, verdict: ACCEPTED }
                        """, "when.text.in: invalid CSS selector 'main >': it ends with the combinator '>'"),
                Arguments.of("empty CSS", """
                        rules:
                          - site: a.example
                            rules:
                              - { name: x, when: { element: { present: " " } }, verdict: ACCEPTED }
                        """, "when.element.present: expected a CSS selector, got ' '"),
                Arguments.of("empty rule set", """
                        rules:
                          - site: a.example
                            rules: []
                        """, "rules.yml:3:12: rules[0].rules: empty rule set: expected at least one rule (or include: [defaults])"),
                Arguments.of("rule set without rules", """
                        rules:
                          - site: a.example
                        """, "rules.yml:2:5: rules[0]: a rule set needs rules: (a non-empty list) or include: [defaults]"),
                Arguments.of("missing site", """
                        rules:
                          - include: defaults
                        """, "rules.yml:2:5: rules[0]: missing required key 'site'"),
                Arguments.of("script without opt-in", """
                        rules:
                          - site: a.example
                            rules:
                              - { name: x, when: { script: "window.ok === true" }, verdict: ACCEPTED }
                        """, "when.script: script conditions run code in the page: set allowScripts: true"),
                Arguments.of("unknown include", """
                        rules:
                          - site: a.example
                            include: [default]
                        """, "rules.yml:3:15: rules[0].include[0]: unknown rule set 'default' (did you mean 'defaults'?)"),
                Arguments.of("duplicate rule name", """
                        rules:
                          - site: a.example
                            rules:
                              - { name: x, when: { urlChanged: true }, verdict: ACCEPTED }
                              - { name: x, when: { widgetShown: true }, verdict: REJECTED_CAPTCHA }
                        """, "rules.yml:5:17: rules[0].rules[1].name: another rule of this set is already named 'x' (line 4)"),
                Arguments.of("bad status", """
                        rules:
                          - site: a.example
                            rules:
                              - { name: x, when: { response: { url: "**", status: [403, 4040] } }, verdict: REJECTED_CAPTCHA }
                        """, "when.response.status[1]: expected an HTTP status from 100 to 599 or a class such as 4xx, got the number 4040"),
                Arguments.of("bad JSON pointer", """
                        rules:
                          - site: a.example
                            rules:
                              - { name: x, when: { response: { url: "**", json: { pointer: success, equals: false } } }, verdict: REJECTED_CAPTCHA }
                        """, "json.pointer: invalid JSON pointer 'success'"),
                Arguments.of("feedback on a REJECTED_OTHER rule", """
                        rules:
                          - site: a.example
                            rules:
                              - { name: x, when: { urlChanged: true }, verdict: REJECTED_OTHER, feedback: { code: X } }
                        """, "feedback: a REJECTED_OTHER rule sends no feedback"),
                Arguments.of("unset environment variable", """
                        rules:
                          - site: "${NOPE}"
                            include: defaults
                        """, "rules.yml:2:11: rules[0].site: environment variable NOPE is not set"),
                Arguments.of("include cycle", """
                        rules:
                          - { site: a.example, name: a, include: [b] }
                          - { site: b.example, name: b, include: [a] }
                        """, "rule set includes form a cycle: a -> b -> a"),
                Arguments.of("malformed YAML", """
                        rules:
                          - site: a.example
                            rules: [ { name: x
                        """, "rules.yml:4:1: malformed YAML: expected ',' or '}', but got <stream end> (while parsing a flow mapping at line 3, column 14)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void badRuleFilesAreRefusedWithTheirLocationAndWhatWasExpected(String what, String content, String message) {
        assertThatThrownBy(() -> yaml(content))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(message);
    }

    @Test
    void aMissingRuleFileIsReportedByName() {
        assertThatThrownBy(() -> RuleFiles.load(Path.of("target/no-such-rules.yml")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("target/no-such-rules.yml: file not found");
    }

    @Test
    void theBuilderRefusesWhatTheFileFormatRefuses() {
        assertThatThrownBy(() -> Condition.visible("a[href"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a '[' is not closed");
        assertThatThrownBy(() -> Condition.urlRegex("("))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid regular expression");
        assertThatThrownBy(() -> RuleSet.builder("a.example").rule("x", Condition.script("1"), Outcome.ACCEPTED).build())
                .hasMessageContaining("set allowScripts");
        assertThatThrownBy(() -> RuleSet.builder("a.example").build())
                .hasMessageContaining("has no rules and includes nothing");
        assertThatThrownBy(() -> Rule.of("x", Condition.urlChanged(), Outcome.UNKNOWN))
                .hasMessageContaining("ACCEPTED, REJECTED_CAPTCHA or REJECTED_OTHER");
        assertThatThrownBy(() -> Rules.of(RuleSet.builder("a.example").include("nope").build()))
                .hasMessageContaining("includes 'nope'");
        assertThat(RuleSet.builder("a.example").allowScripts(true).rule("x", Condition.script("1"), Outcome.ACCEPTED).build()
                .rules()).hasSize(1);
        assertThat(List.of(Condition.present("form#login > button[type=submit]:not(.x)"),
                Condition.present("a[title='a]b']"))).hasSize(2);
    }
}
