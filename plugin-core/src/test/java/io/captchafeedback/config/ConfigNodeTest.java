package io.captchafeedback.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigNodeTest {

    private static ConfigNode yaml(String text) {
        return ConfigNode.parse("inline.yml", text, false, Map.<String, String>of()::get);
    }

    private static ConfigNode json(String text) {
        return ConfigNode.parse("inline.json", text, true, Map.<String, String>of()::get);
    }

    @Test
    void contentEqualityIgnoresWhereNodesWereReadAndTheOrderOfKeys() {
        ConfigNode a = yaml("b: [1, two, true]\na: { x: 1.5 }\n");
        ConfigNode b = json("{\"a\": {\"x\": 1.5}, \"b\": [1, \"two\", true]}");

        assertThat(a.contentEquals(b)).isTrue();
        assertThat(a.contentHashCode()).isEqualTo(b.contentHashCode());
    }

    @Test
    void contentEqualityTellsKindsItemsAndValuesApart() {
        ConfigNode list = yaml("v: [1, 2]\n");

        assertThat(list.contentEquals(yaml("v: [2, 1]\n"))).as("item order").isFalse();
        assertThat(yaml("v: 1\n").contentEquals(yaml("v: '1'\n"))).as("number vs text").isFalse();
        assertThat(yaml("v: {a: 1}\n").contentEquals(yaml("v: {a: 1, b: 2}\n"))).as("extra key").isFalse();
        assertThat(list.contentEquals(null)).isFalse();
    }

    @Test
    void anUnknownKeyIsReportedWhereTheKeyIsWritten() {
        ConfigNode root = yaml("name: x\nwhne:\n  textContains: y\n");

        assertThatThrownBy(() -> root.checkKeys(List.of("name", "when")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("inline.yml:2:1: whne: unknown key 'whne' (did you mean 'when'?); expected one of: name, when");
    }

    @Test
    void keyErrorAndErrorPointAtTheKeyAndAtTheValue() {
        ConfigNode value = yaml("outer:\n  inner:   [1]\n").required("outer").required("inner");

        assertThat(value.keyError("p")).hasMessage("inline.yml:2:3: outer.inner: p");
        assertThat(value.error("p")).hasMessage("inline.yml:2:12: outer.inner: p");
        assertThat(value.items().get(0).keyError("p")).as("list items have no key")
                .hasMessage("inline.yml:2:13: outer.inner[0]: p");
    }

    @Test
    void anUnrecognizedJsonTokenIsNotQuoted() {
        assertThatThrownBy(() -> json("{\"a\": secretish}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("inline.json:1:16: malformed JSON: Unrecognized token: was expecting")
                .hasMessageNotContaining("secretish");
    }

    @Test
    void aYamlErrorGivesTheProblemWithoutQuotingTheLine() {
        assertThatThrownBy(() -> yaml("a:\n  b: secretish: c\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("inline.yml:2:15: malformed YAML: mapping values are not allowed here");
    }

    @Test
    void toStringShowsWhereButNeverTheValue() {
        ConfigNode key = yaml("key: secretish\n").required("key");

        assertThat(key).hasToString("ConfigNode[STRING at inline.yml:1:6 key]");
    }
}
