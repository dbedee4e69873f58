package io.captchafeedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

import io.captchafeedback.config.ConfigException;
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
 * Every YAML and JSON block of README.md, docs/*.md and the modules' README.md files loads through the
 * real loaders: a configuration file (top-level {@code providers} or {@code reporter}) through
 * {@link CaptchaFeedbackConfig}, which checks every section, a rule file (only {@code rules}) through
 * {@link RuleFiles}. Two markers, on the last non-blank line before a fence:
 * <ul>
 *   <li>{@code <!-- fragment -->}: a part of a file, only required to be there on purpose;</li>
 *   <li>{@code <!-- invalid: text -->}: a deliberately wrong file, which must fail to load with a
 *       {@link ConfigException} whose message, after the file name, contains {@code text};</li>
 *   <li>{@code <!-- same as: path -->}: a file that needs another module (a third-party adapter type),
 *       which must have the same content as {@code path} (from the repository root); that module's tests
 *       load that file.</li>
 * </ul>
 */
class DocumentationExamplesTest {

    private static final Path ROOT = repositoryRoot();
    /** The marker, on the last non-blank line before a fence, of a block that is not a whole file. */
    static final String FRAGMENT = "<!-- fragment -->";
    private static final Pattern INVALID = Pattern.compile("^<!-- invalid: (.+) -->$");
    private static final Pattern SAME_AS = Pattern.compile("^<!-- same as: (\\S+) -->$");
    private static final Pattern FENCE = Pattern.compile("^```(yaml|yml|json)\\s*$");
    private static final Pattern ENV = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)");
    private static final Set<String> CONFIG_KEYS = Set.of("providers", "reporter");

    /** The repository root: the first directory up from the working directory (a module's) holding docs/ and pom.xml. */
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("docs")) && Files.isRegularFile(dir.resolve("pom.xml"))
                    && Files.isRegularFile(dir.resolve("README.md"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
    }

    /**
     * One block.
     *
     * @param file the markdown file, relative to the repository root
     * @param line the fence's line (1-based)
     * @param language yaml, yml or json
     * @param text the block's text
     * @param fragment whether it is marked as a fragment
     * @param invalid the error it must fail with, when marked as invalid; else {@code null}
     * @param sameAs the file (from the repository root) it must equal, when marked so; else {@code null}
     */
    record Block(String file, int line, String language, String text, boolean fragment, String invalid, String sameAs) {
        @Override
        public String toString() {
            return file + ":" + line + (fragment ? " (fragment)" : "") + (invalid != null ? " (invalid)" : "");
        }
    }

    static Stream<Block> blocks() throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        try (Stream<Path> modules = Files.list(ROOT)) {
            modules.map(m -> m.resolve("README.md")).filter(Files::isRegularFile).filter(f -> !f.equals(ROOT.resolve("README.md")))
                    .sorted().forEach(files::add);
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
            String marker = before >= 0 ? lines.get(before).trim() : "";
            Matcher invalid = INVALID.matcher(marker);
            Matcher sameAs = SAME_AS.matcher(marker);
            blocks.add(new Block(name, i + 1, fence.group(1), String.join("\n", lines.subList(i + 1, end)) + "\n",
                    marker.equals(FRAGMENT), invalid.matches() ? invalid.group(1) : null,
                    sameAs.matches() ? sameAs.group(1) : null));
            i = end;
        }
        return blocks;
    }

    @Test
    void theDocumentationHasExamplesToCheck() throws IOException {
        assertThat(blocks().filter(b -> !b.fragment())).hasSizeGreaterThanOrEqualTo(4);
    }

    @Test
    void theModulesReadmeFilesAreReadToo() throws IOException {
        assertThat(blocks().map(Block::file)).contains("samples/README.md");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blocks")
    void everyWholeFileExampleLoadsAndEveryInvalidOneFailsWithItsDocumentedError(Block block, @TempDir Path dir) {
        check(block, dir);
    }

    /** Loads a block as its marker says: a whole file must load, an invalid one must fail as documented. */
    private static void check(Block block, Path dir) {
        if (block.fragment()) {
            return;
        }
        if (block.invalid() != null) {
            Throwable thrown = catchThrowable(() -> load(block, dir));
            if (thrown == null) {
                throw new AssertionError(block + " is marked invalid and must not load, but it loads");
            }
            assertThat(thrown).as(block.toString()).isInstanceOf(ConfigException.class).hasMessageContaining(block.invalid());
            return;
        }
        if (block.sameAs() != null) {
            Path path = ROOT.resolve(block.sameAs());
            String fileText;
            try {
                fileText = Files.readString(path);
            } catch (IOException e) {
                throw new AssertionError(block + ": cannot read " + path, e);
            }
            Map<String, String> env = environmentFor(block.text() + fileText);
            ConfigNode written = ConfigNode.parse(block.toString(), block.text(), block.language().equals("json"), env::get);
            ConfigNode file = ConfigNode.parse(block.sameAs(), fileText, block.sameAs().endsWith(".json"), env::get);
            assertThat(written.contentEquals(file)).as("%s has the content of %s", block, block.sameAs()).isTrue();
            return;
        }
        try {
            load(block, dir);
        } catch (RuntimeException | IOException e) {
            throw new AssertionError(block + ": the example does not load: " + e.getMessage(), e);
        }
    }

    private static void load(Block block, Path dir) throws IOException {
        String suffix = block.language().equals("json") ? ".json" : ".yml";
        Path file = Files.writeString(dir.resolve("example" + suffix), block.text());
        Map<String, String> env = environmentFor(block.text());
        ConfigNode root = ConfigNode.parse(file, env::get);
        assertThat(root.isObject()).as("%s: a whole file is a mapping; mark a part with %s", block, FRAGMENT).isTrue();

        if (CONFIG_KEYS.stream().anyMatch(root::has) || !root.has("rules")) {
            // the configuration loader checks every section, rules included, and refuses unknown ones
            CaptchaFeedbackConfig config = CaptchaFeedbackConfig.builder()
                    .systemProperties(new Properties()).environment(env).file(file).build();
            assertThat(config.rules()).isNotNull();
        } else {
            Rules rules = RuleFiles.load(file, env::get);
            assertThat(rules).isNotNull();
        }
    }

    @Test
    void everyReporterKeyHasARowInTheConfigurationReference() throws IOException {
        String reference = Files.readString(ROOT.resolve("docs/configuration.md"));

        assertThat(ReporterSection.keys()).hasSizeGreaterThan(15)
                .allSatisfy(key -> assertThat(reference).as("a table row for reporter key %s", key).contains("| `" + key + "` |"));
    }

    @Test
    void aBlockMarkedAsAFragmentIsSkippedAndAnUnmarkedOneIsNot() {
        List<Block> blocks = blocksOf("x.md", List.of("text", FRAGMENT, "", "```json", "{ ... }", "```",
                "```yaml", "rules: []", "```"));

        assertThat(blocks).extracting(Block::fragment, Block::line).containsExactly(
                tuple(true, 4), tuple(false, 7));
    }

    @Test
    void aBlockMarkedInvalidCarriesItsExpectedError() {
        List<Block> blocks = blocksOf("x.md", List.of("<!-- invalid: detection: unknown key -->", "```yaml",
                "detection: {}", "```"));

        assertThat(blocks).extracting(Block::invalid).containsExactly("detection: unknown key");
    }

    @Test
    void anInvalidBlockThatLoadsFailsTheCheck(@TempDir Path dir) {
        Block wronglyMarked = blocksOf("x.md", List.of("<!-- invalid: something -->", "```yaml",
                "providers:", "  ucaptcha:", "    key: abcdef", "```")).get(0);

        assertThatThrownBy(() -> check(wronglyMarked, dir)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("must not load");
    }

    @Test
    void aBlockMarkedSameAsAFileMustHaveItsContent(@TempDir Path dir) {
        Block differs = blocksOf("x.md", List.of("<!-- same as: samples/src/main/resources/adapter/captcha-feedback.yml -->",
                "```yaml", "providers: { acme: { type: acme, key: x } }", "```")).get(0);

        assertThatThrownBy(() -> check(differs, dir)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("has the content of");
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
