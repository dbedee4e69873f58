package io.captchafeedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.captchafeedback.config.CaptchaFeedbackConfig;
import io.captchafeedback.config.ConfigNode;
import io.captchafeedback.rule.RuleFiles;
import io.captchafeedback.rule.Rules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every YAML and JSON block of README.md and docs/*.md loads: configuration files through the
 * configuration loader (and their {@code rules:} section through the rule loader), rule files through the
 * rule loader. A block that is only a part of a file is marked with {@code <!-- fragment -->} on the line
 * before its fence, and is then only required to be there on purpose.
 */
class DocumentationExamplesTest {

    private static final Path ROOT = Path.of("..");
    /** The marker, on the last non-blank line before a fence, of a block that is not a whole file. */
    static final String FRAGMENT = "<!-- fragment -->";
    private static final Pattern FENCE = Pattern.compile("^```(yaml|yml|json)\\s*$");
    private static final Pattern ENV = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)");
    private static final Set<String> CONFIG_KEYS = Set.of("providers", "reporter", "detection");

    /**
     * One block.
     *
     * @param file the markdown file, relative to the repository root
     * @param line the fence's line (1-based)
     * @param language yaml, yml or json
     * @param text the block's text
     * @param fragment whether it is marked as a fragment
     */
    record Block(String file, int line, String language, String text, boolean fragment) {
        @Override
        public String toString() {
            return file + ":" + line + (fragment ? " (fragment)" : "");
        }
    }

    static Stream<Block> blocks() throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        List<Block> blocks = new ArrayList<>();
        for (Path file : files) {
            blocks.addAll(blocksOf(ROOT.relativize(file).toString(), Files.readAllLines(file)));
        }
        return blocks.stream();
    }

    static List<Block> blocksOf(String name, List<String> lines) {
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher fence = FENCE.matcher(lines.get(i));
            if (!fence.matches()) {
                continue;
            }
            int end = i + 1;
            while (end < lines.size() && !lines.get(end).startsWith("```")) {
                end++;
            }
            int before = i - 1;
            while (before >= 0 && lines.get(before).isBlank()) {
                before--;
            }
            boolean fragment = before >= 0 && lines.get(before).trim().equals(FRAGMENT);
            blocks.add(new Block(name, i + 1, fence.group(1), String.join("\n", lines.subList(i + 1, end)) + "\n",
                    fragment));
            i = end;
        }
        return blocks;
    }

    @Test
    void theDocumentationHasExamplesToCheck() throws IOException {
        assertThat(blocks().filter(b -> !b.fragment())).hasSizeGreaterThanOrEqualTo(4);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blocks")
    void everyWholeFileExampleLoads(Block block, @TempDir Path dir) throws IOException {
        if (block.fragment()) {
            return;
        }
        try {
            load(block, dir);
        } catch (RuntimeException e) {
            throw new AssertionError(block + ": the example does not load: " + e.getMessage(), e);
        }
    }

    private static void load(Block block, Path dir) throws IOException {
        String suffix = block.language().equals("json") ? ".json" : ".yml";
        Path file = Files.writeString(dir.resolve("example" + suffix), block.text());
        Map<String, String> env = environmentFor(block.text());
        ConfigNode root = ConfigNode.parse(file, env::get);
        assertThat(root.isObject()).as("%s: a whole file is a mapping; mark a part with %s", block, FRAGMENT).isTrue();

        if (CONFIG_KEYS.stream().anyMatch(root::has)) {
            CaptchaFeedbackConfig config = CaptchaFeedbackConfig.builder()
                    .systemProperties(new Properties()).environment(env).file(file).build();
            config.section("rules").ifPresent(rules -> assertThat(RuleFiles.parse(rules)).isNotNull());
        } else {
            assertThat(root.has("rules")).as("%s: neither a configuration nor a rule file; mark it %s", block, FRAGMENT)
                    .isTrue();
            Rules rules = RuleFiles.load(file, env::get);
            assertThat(rules).isNotNull();
        }
    }

    @Test
    void aBlockMarkedAsAFragmentIsSkippedAndAnUnmarkedOneIsNot() {
        List<Block> blocks = blocksOf("x.md", List.of("text", FRAGMENT, "", "```json", "{ ... }", "```",
                "```yaml", "rules: []", "```"));

        assertThat(blocks).extracting(Block::fragment, Block::line).containsExactly(
                tuple(true, 4), tuple(false, 7));
    }

    /** A value for every {@code ${VAR}} the block names (defaults stay unused). */
    private static Map<String, String> environmentFor(String text) {
        Map<String, String> env = new HashMap<>();
        Matcher m = ENV.matcher(text);
        while (m.find()) {
            env.put(m.group(1), "doc-example-" + m.group(1).toLowerCase(Locale.ROOT));
        }
        return env;
    }
}
