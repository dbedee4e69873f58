package io.captchafeedback.rule;

import static org.assertj.core.api.Assertions.assertThat;

import io.captchafeedback.rule.internal.Patterns;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PatternsTest {

    @ParameterizedTest(name = "{0} ~ {1} -> {2}")
    @CsvSource({
            "**/account*, https://shop.example/account, true",
            "**/account*, https://shop.example/account/orders, false",
            "**/account**, https://shop.example/account/orders, true",
            "**/login, https://shop.example/login?next=/cart, true",
            "**/login, https://shop.example/login/x, false",
            "https://*.example/done, https://shop.example/done#top, true",
            "https://*.example/done, https://a.b.example/done, true",
            "https://shop.example/p?ge, https://shop.example/page, true",
            "https://shop.example/a.b, https://shop.example/aXb, false"})
    void urlGlobsMatchTheWholeUrlWithOrWithoutItsQuery(String glob, String url, boolean matches) {
        assertThat(UrlPattern.glob(glob).matches(url)).isEqualTo(matches);
    }

    @ParameterizedTest(name = "{0} ~ {1} -> {2}")
    @CsvSource({
            "*.shop.example, www.shop.example, true",
            "*.shop.example, shop.example, true",
            "*.shop.example, a.b.shop.example, true",
            "*.shop.example, evilshop.example, false",
            "shop.example, SHOP.example, true",
            "127.0.0.1, 127.0.0.1, true",
            "127.0.0.1, 127.0.0.10, false"})
    void hostGlobsIgnoreCaseAndCoverTheApexDomain(String glob, String host, boolean matches) {
        assertThat(Patterns.hostMatches(glob, host)).isEqualTo(matches);
    }

    @Test
    void requiredLiteralsAreOnlyWhatEveryMatchMustContain() {
        assertThat(Patterns.requiredLiterals("(?i)code\\s+12\\b")).containsExactly("code");
        assertThat(Patterns.requiredLiterals("(?i)\\binvalid\\s+(re)?captcha\\b|\\bcaptcha\\s+failed")).containsExactly("invalid", "captcha");
        assertThat(Patterns.requiredLiterals("colou?r")).containsExactly("colo");
        assertThat(Patterns.requiredLiterals("ab+cde")).containsExactly("cde");
        assertThat(Patterns.requiredLiterals("Order\\.confirmed")).containsExactly("order.confirmed");
        assertThat(Patterns.requiredLiterals("error|x")).isEmpty();
        assertThat(Patterns.requiredLiterals("(welcome|hello)")).isEmpty();
        assertThat(Patterns.requiredLiterals("[abc]{3}")).isEmpty();
    }

    @Test
    void everyMatchContainsItsRequiredLiteral() {
        List<String> regexes = List.of("(?i)code\\s+12\\b", "colou?r name", "ab+cde|x{2}yzw", "a[b-d]+efg(h|i)jkl");
        List<String> texts = List.of("see CODE  12 now", "colour name", "colo name", "abbbcde", "xxyzw", "acefghjkl", "abdefgijkl");
        for (String regex : regexes) {
            Pattern p = Pattern.compile(regex.startsWith("(?i)") ? regex : regex, Pattern.CASE_INSENSITIVE);
            List<String> literals = Patterns.requiredLiterals(regex);
            for (String text : texts) {
                if (p.matcher(text).find() && !literals.isEmpty()) {
                    assertThat(literals).as(regex + " on " + text).anyMatch(l -> text.toLowerCase().contains(l));
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "div > .error:not(.hidden)| ",
            "a[title='x]y'], b| ",
            "div[data-x| a '[' is not closed",
            "p:is(.a, .b| a '(' is not closed",
            "a)| ')' at position 2 closes nothing",
            ".a, , .b| an empty selector in a comma-separated list",
            "div +| it ends with the combinator '+'",
            "div {color: red}| '{' at position 5 cannot appear in a selector",
            "input[value=\"x]| a quote (\") is not closed",
            "div.| it ends with '.' and no name"})
    void cssSelectorsAreCheckedForWhatCanBeSeenWithoutABrowser(String css, String problem) {
        String found = Patterns.cssProblem(css);
        if (problem == null) {
            assertThat(found).isNull();
        } else {
            assertThat(found).isEqualTo("invalid CSS selector '" + css + "': " + problem);
        }
    }
}
