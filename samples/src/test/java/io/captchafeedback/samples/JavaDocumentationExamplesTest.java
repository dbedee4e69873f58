package io.captchafeedback.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```java} block of README.md, docs/**&#47;*.md and the modules' README.md files compiles, with
 * {@link JavaCompiler}, against this module's test class path (which holds every module). Blocks are
 * mostly fragments; each is wrapped by these rules:
 * <ol>
 *   <li>a block whose first code line (not blank, not a {@code //} comment) starts with {@code package} is
 *       a whole compilation unit and is compiled as it is;</li>
 *   <li>otherwise the block's {@code import} lines go to the top of a generated unit, after
 *       {@link #COMMON_IMPORTS} (a block's single-type import wins over those on-demand imports, which is
 *       how a block picks between two types of the same name);</li>
 *   <li>when the first other code line starts with an annotation, an access modifier, {@code static},
 *       {@code abstract}, {@code class}, {@code interface}, {@code enum} or {@code record}, the block is
 *       class members (methods, fields, types) and goes into the body of the generated class;</li>
 *   <li>otherwise the block is statements and goes into the body of a method that
 *       {@code throws Exception};</li>
 *   <li>the names a fragment uses without declaring them are static fields of the generated class's
 *       superclass (so that a block's own field of the same name hides them): the
 *       {@link #WELL_KNOWN} ones ({@code driver}, {@code page}, {@code task}, {@code feedback}, {@code log},
 *       ...), plus those a marker on the last non-blank line before the fence declares,
 *       {@code <!-- java: given Type name; Type name -->} (a given of a well-known name replaces it);</li>
 *   <li>a block that is not Java on purpose (pseudo-code) is marked
 *       {@code <!-- java: not compiled (reason) -->}; it is counted and listed, never compiled.</li>
 * </ol>
 * The Javadoc examples of the main sources (the lines between one ending in <code>&lt;pre&gt;{&#64;code</code> and
 * <code>&lt;/pre&gt;</code>, of every module on this class path but internal packages) are compiled by the
 * same rules, their file's package imported on demand, the marker being the comment line before
 * {@code <pre>}. The files listed in {@code javadoc-examples-unchecked.txt} are not checked yet; the list
 * may only shrink (a listed file whose examples compile fails the test).
 * A failing block is reported as the markdown file and line of its fence, the line of the error in the
 * file, and the compiler's message; the test lists every failing block at once.
 */
class JavaDocumentationExamplesTest {

    private static final Pattern FENCE = Pattern.compile("^```java\\s*$");
    private static final Pattern JAVADOC_PRE = Pattern.compile("^.*<pre>\\{@code\\s*$");
    private static final Pattern JAVADOC_LINE = Pattern.compile("^\\s*\\*( |$)|^\\s*/\\*\\*\\s?");
    private static final Pattern MARKER = Pattern.compile("^<!-- java: (.*) -->$");
    private static final Pattern NOT_COMPILED = Pattern.compile("^not compiled \\((.+)\\)$");
    private static final Pattern GIVEN = Pattern.compile("^given (.+)$");
    private static final Pattern MEMBERS = Pattern.compile(
            "^(@|(public|protected|private|static|abstract|class|interface|enum|record)\\b).*");
    private static final Pattern DECLARATION = Pattern.compile("^\\s*(.+?)\\s+([A-Za-z_$][A-Za-z0-9_$]*)\\s*$");
    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "^public\\s+(?:final\\s+|abstract\\s+|sealed\\s+)*(?:class|interface|enum|record)\\s+(\\w+)", Pattern.MULTILINE);

    /** On-demand imports every generated unit starts with. */
    static final List<String> COMMON_IMPORTS = List.of(
            "java.io", "java.net", "java.nio.file", "java.time", "java.util", "java.util.concurrent",
            "java.util.function",
            "io.captchafeedback", "io.captchafeedback.task", "io.captchafeedback.inject",
            "io.captchafeedback.provider", "io.captchafeedback.report", "io.captchafeedback.rule",
            "io.captchafeedback.solve", "io.captchafeedback.record", "io.captchafeedback.junit",
            "io.captchafeedback.verdictreport",
            "io.captchafeedback.selenium", "io.captchafeedback.playwright",
            "org.openqa.selenium", "org.openqa.selenium.chrome", "com.microsoft.playwright",
            "org.junit.jupiter.api", "org.junit.jupiter.api.extension", "org.slf4j");

    /** Names the documentation uses without declaring them, with their types. */
    static final Map<String, String> WELL_KNOWN = wellKnown(
            "org.openqa.selenium.WebDriver driver",
            "com.microsoft.playwright.Playwright playwright",
            "com.microsoft.playwright.BrowserContext context",
            "com.microsoft.playwright.Page page",
            "io.captchafeedback.CaptchaFeedback feedback",
            "io.captchafeedback.CaptchaFeedback captchaFeedback",
            "io.captchafeedback.CaptchaFeedbackConfig config",
            "io.captchafeedback.report.FeedbackReporter reporter",
            "io.captchafeedback.provider.ProviderAdapter adapter",
            "io.captchafeedback.task.Verdict verdict",
            "io.captchafeedback.solve.FoundWidget widget",
            "io.captchafeedback.testkit.emulator.ProviderEmulator emulator",
            "io.captchafeedback.testkit.site.DemoSite site",
            "io.captchafeedback.task.SolvedTask task",
            "io.captchafeedback.solve.Solver solver",
            "io.captchafeedback.provider.ProviderRegistry providers",
            "io.captchafeedback.provider.ProviderRegistry registry",
            "java.nio.file.Path dir",
            "org.slf4j.Logger log",
            "org.openqa.selenium.chrome.ChromeOptions options",
            "String url",
            "String pageUrl",
            "String siteKey",
            "String taskId",
            "String token");

    private static Map<String, String> wellKnown(String... declarations) {
        Map<String, String> names = new LinkedHashMap<>();
        for (String declaration : declarations) {
            Matcher m = DECLARATION.matcher(declaration);
            if (!m.matches()) {
                throw new IllegalArgumentException(declaration);
            }
            names.put(m.group(2), m.group(1));
        }
        return names;
    }

    /**
     * One {@code ```java} block.
     *
     * @param file the markdown file, relative to the repository root
     * @param line the fence's line (1-based)
     * @param lines the block's lines
     * @param notCompiled why it is not compiled, when marked so; else {@code null}
     * @param given the names it declares with its marker, name to type
     * @param pkg for a Javadoc example, the package of its source file (imported on demand); else {@code null}
     */
    record Block(String file, int line, List<String> lines, String notCompiled, Map<String, String> given, String pkg) {
        @Override
        public String toString() {
            return file + ":" + line;
        }
    }

    /** A generated compilation unit: its source, and the markdown line of each of its lines (0: generated). */
    record Unit(Block block, String className, String source, int[] markdownLines) {
    }

    @Test
    void everyJavaBlockOfTheDocumentationCompiles(@TempDir Path classes, TestReporter reporter) throws IOException {
        List<Block> blocks = DocumentationFiles.all().stream()
                .flatMap(f -> read(f, JavaDocumentationExamplesTest::blocksOf)).toList();
        List<Block> skipped = blocks.stream().filter(b -> b.notCompiled() != null).toList();
        List<Block> compiled = blocks.stream().filter(b -> b.notCompiled() == null).toList();

        List<String> failures = compile(compiled, classes);

        String count = compiled.size() + " compiled, " + skipped.size() + " not compiled"
                + (skipped.isEmpty() ? "" : skipped.stream().map(b -> b + " (" + b.notCompiled() + ")")
                        .collect(Collectors.joining(", ", ": ", "")));
        reporter.publishEntry("java blocks", count);
        System.out.println("java blocks of the documentation: " + count);
        assertThat(compiled).as("java blocks found in the documentation").hasSizeGreaterThan(20);
        assertThat(failures).as("java blocks of the documentation that do not compile").isEmpty();
    }

    @Test
    void everyJavadocExampleCompilesButThoseOfTheFilesStillListedAsUnchecked(@TempDir Path classes) throws IOException {
        Path list = DocumentationFiles.ROOT.resolve("samples/src/test/resources/javadoc-examples-unchecked.txt");
        List<String> unchecked = Files.readAllLines(list).stream()
                .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        List<Block> all = javadocBlocks().toList();
        List<Block> blocks = all.stream().filter(b -> b.notCompiled() == null).toList();

        Map<String, List<String>> failuresByFile = compile(blocks, classes).stream()
                .collect(Collectors.groupingBy(f -> f.split(":", 2)[0], LinkedHashMap::new, Collectors.toList()));
        List<Block> checked = blocks.stream().filter(b -> !unchecked.contains(b.file())).toList();

        System.out.println("javadoc examples: " + checked.size() + " compiled, " + (all.size() - blocks.size())
                + " not compiled (not Java), " + (blocks.size() - checked.size()) + " in the " + unchecked.size()
                + " files listed as unchecked");
        assertThat(checked).as("javadoc examples checked").hasSizeGreaterThan(20);
        assertThat(failuresByFile.entrySet().stream().filter(e -> !unchecked.contains(e.getKey()))
                .flatMap(e -> e.getValue().stream()).toList())
                .as("javadoc examples that do not compile (outside javadoc-examples-unchecked.txt)").isEmpty();
        assertThat(unchecked.stream().filter(f -> !failuresByFile.containsKey(f)).toList())
                .as("files whose javadoc examples all compile now: remove them from javadoc-examples-unchecked.txt").isEmpty();
    }

    /** The Javadoc examples of every module on this module's class path (benchmarks and cli are not), internal packages left out. */
    static Stream<Block> javadocBlocks() throws IOException {
        try (Stream<Path> files = Files.walk(DocumentationFiles.ROOT)) {
            return files.filter(f -> f.toString().endsWith(".java"))
                    .map(DocumentationFiles.ROOT::relativize)
                    .filter(f -> f.getNameCount() > 4 && f.subpath(1, 4).equals(Path.of("src/main/java"))
                            && !Set.of("benchmarks", "cli").contains(f.getName(0).toString())
                            && !f.toString().contains("/internal/"))
                    .sorted().toList().stream()
                    .flatMap(f -> read(DocumentationFiles.ROOT.resolve(f), JavaDocumentationExamplesTest::javadocBlocksOf));
        }
    }

    @Test
    void aJavadocExampleLosesTheCommentsStarsAndEscapesAndImportsItsOwnPackage() {
        List<Block> blocks = javadocBlocksOf("A.java", List.of("package io.captchafeedback.task;", "/**",
                " * Text.", " * <!-- java: given Outcome o -->", " * <pre>{@code", " * &#64;Deprecated Verdict v = Verdict.of(o);",
                " * List&lt;String&gt; names = List.of();", " * }</pre>", " */", "interface A {}")).toList();

        assertThat(blocks).singleElement().satisfies(b -> {
            assertThat(b.line()).isEqualTo(5);
            assertThat(b.lines()).containsExactly("@Deprecated Verdict v = Verdict.of(o);", "List<String> names = List.of();");
            assertThat(b.given()).containsEntry("o", "Outcome");
            assertThat(unit(b, 0).source()).contains("import io.captchafeedback.task.*;");
        });
    }

    @Test
    void aBlockThatDoesNotCompileIsReportedWithItsFileLineAndTheCompilersMessage(@TempDir Path classes) {
        List<Block> blocks = blocksOf("x.md", List.of("text", "", "```java",
                "SolvedTask t = task;", "t.noSuchMethod();", "```", "```java", "driver.get(url);", "```")).toList();

        assertThat(compile(blocks, classes)).singleElement().asString()
                .startsWith("x.md:3 (line 5): ").contains("noSuchMethod");
    }

    @Test
    void statementsGoIntoAMethodAndMembersIntoTheClassWithTheBlocksImportsFirst() {
        Block statements = blocksOf("x.md", List.of("```java", "// a comment", "int n = 1;", "```")).findFirst().orElseThrow();
        Block members = blocksOf("x.md", List.of("```java", "import org.testng.annotations.Test;", "",
                "@Test public void t() {}", "```")).findFirst().orElseThrow();

        assertThat(unit(statements, 0).source()).contains("void example() throws Exception {\n// a comment\nint n = 1;\n}");
        Unit unit = unit(members, 1);
        assertThat(unit.source()).contains("import org.testng.annotations.Test;\n")
                .doesNotContain("void example()").contains("@Test public void t() {}");
        assertThat(unit.markdownLines()[lineOf(unit.source(), "@Test public void t() {}")]).isEqualTo(4);
    }

    @Test
    void aMarkerDeclaresGivenNamesOrExcludesAPseudoCodeBlock() {
        List<Block> blocks = blocksOf("x.md", List.of("<!-- java: given ThreadLocal<WebDriver> driver; int n -->",
                "```java", "n++;", "```", "<!-- java: not compiled (pseudo-code) -->", "", "```java", "if it works", "```"))
                .toList();

        assertThat(blocks.get(0).given()).containsExactly(Map.entry("driver", "ThreadLocal<WebDriver>"), Map.entry("n", "int"));
        assertThat(unit(blocks.get(0), 0).source()).contains("static ThreadLocal<WebDriver> driver;")
                .doesNotContain("org.openqa.selenium.WebDriver driver;");
        assertThat(blocks.get(1).notCompiled()).isEqualTo("pseudo-code");
    }

    private static int lineOf(String source, String text) {
        List<String> lines = source.lines().toList();
        return lines.indexOf(text);
    }

    static Stream<Block> blocksOf(String name, List<String> lines) {
        return DocumentationFiles.fencedBlocks(lines, FENCE).stream()
                .map(fenced -> block(name, fenced.line(), fenced.lines(), fenced.marker(), null));
    }

    /** The blocks of a file (markdown or Java source) by {@code reader}, named by the path from the repository root. */
    static Stream<Block> read(Path file, BiFunction<String, List<String>, Stream<Block>> reader) {
        try {
            return reader.apply(DocumentationFiles.ROOT.relativize(file).toString(), Files.readAllLines(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A block, its marker read. */
    private static Block block(String name, int line, List<String> lines, String marker, String pkg) {
        Matcher m = MARKER.matcher(marker);
        String notCompiled = null;
        Map<String, String> given = Map.of();
        if (m.matches()) {
            Matcher skip = NOT_COMPILED.matcher(m.group(1).trim());
            Matcher names = GIVEN.matcher(m.group(1).trim());
            if (skip.matches()) {
                notCompiled = skip.group(1);
            } else if (names.matches()) {
                given = wellKnown(names.group(1).split(";"));
            } else {
                throw new IllegalArgumentException(name + ":" + line + ": unknown marker " + marker);
            }
        }
        return new Block(name, line, lines, notCompiled, given, pkg);
    }

    /**
     * The examples of a main source file's Javadoc: the lines between a line ending in
     * <code>&lt;pre&gt;{&#64;code</code> and the next line holding <code>&lt;/pre&gt;</code>, without the
     * comment's leading {@code *}, HTML escapes undone; the marker is the last non-blank comment line
     * before the {@code <pre>} line.
     */
    static Stream<Block> javadocBlocksOf(String name, List<String> lines) {
        String pkg = lines.stream().filter(l -> l.startsWith("package ")).findFirst()
                .map(l -> l.substring("package ".length()).replace(";", "").trim()).orElse(null);
        List<String> text = lines.stream().map(l -> JAVADOC_LINE.matcher(l).replaceFirst("")).toList();
        return DocumentationFiles.fencedBlocks(text, JAVADOC_PRE, line -> line.contains("</pre>")).stream()
                .map(pre -> block(name, pre.line(), pre.lines().stream().map(JavaDocumentationExamplesTest::unescape).toList(),
                        pre.marker(), pkg));
    }

    private static String unescape(String javadoc) {
        return javadoc.replace("{@literal @}", "@").replace("&#64;", "@").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&#123;", "{").replace("&#125;", "}").replace("&#42;", "*").replace("&#47;", "/")
                .replace("&amp;", "&");
    }

    /** The block wrapped in a compilation unit, by the rules of this class's Javadoc. */
    static Unit unit(Block block, int index) {
        List<String> lines = block.lines();
        String first = lines.stream().map(String::trim)
                .filter(l -> !l.isEmpty() && !l.startsWith("//") && !l.startsWith("import ")).findFirst().orElse("");
        int[] map = new int[lines.size() + 64];
        if (first.startsWith("package ")) {
            for (int i = 0; i < lines.size(); i++) {
                map[i] = block.line() + 1 + i;
            }
            Matcher type = PUBLIC_TYPE.matcher(String.join("\n", lines));
            String name = type.find() ? type.group(1) : "Example" + index;
            return new Unit(block, name, String.join("\n", lines) + "\n", map);
        }
        String className = "Example" + index + "_" + block.file().replaceAll("[^A-Za-z0-9]", "_") + "_" + block.line();
        List<String> out = new ArrayList<>();
        List<Integer> origin = new ArrayList<>();
        out.add("package docexamples;");
        origin.add(0);
        out.add(Stream.concat(COMMON_IMPORTS.stream(), Stream.ofNullable(block.pkg()))
                .map(p -> "import " + p + ".*;").collect(Collectors.joining(" ")));
        origin.add(0);
        List<String> body = new ArrayList<>();
        List<Integer> bodyOrigin = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            int markdownLine = block.line() + 1 + i;
            if (lines.get(i).startsWith("import ")) {
                out.add(lines.get(i));
                origin.add(markdownLine);
            } else {
                body.add(lines.get(i));
                bodyOrigin.add(markdownLine);
            }
        }
        Map<String, String> given = new LinkedHashMap<>(WELL_KNOWN);
        given.putAll(block.given());
        out.add("class " + className + "Given {");
        origin.add(0);
        given.forEach((name, type) -> {
            out.add("    static " + type + " " + name + ";");
            origin.add(0);
        });
        out.add("}");
        origin.add(0);
        out.add("@SuppressWarnings(\"all\") public class " + className + " extends " + className + "Given {");
        origin.add(0);
        boolean members = MEMBERS.matcher(first).matches();
        if (!members) {
            out.add("void example() throws Exception {");
            origin.add(0);
        }
        out.addAll(body);
        origin.addAll(bodyOrigin);
        out.add(members ? "}" : "}\n}");
        origin.add(0);
        return new Unit(block, className, String.join("\n", out) + "\n", origin.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Compiles the blocks in one compiler run; returns one line per error: the fence, the line, the message. */
    static List<String> compile(List<Block> blocks, Path classes) {
        List<Unit> units = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            units.add(unit(blocks.get(i), i));
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<JavaFileObject, Unit> sources = new LinkedHashMap<>();
        for (Unit unit : units) {
            sources.put(new Source(unit), unit);
        }
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            List<String> options = List.of("--release", "17", "-proc:none", "-Xmaxerrs", "1000",
                    "-XDshould-stop.ifError=FLOW", "-classpath", System.getProperty("java.class.path"),
                    "-d", classes.toString());
            compiler.getTask(null, files, diagnostics, options, null, sources.keySet()).call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> failures = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR) {
                continue;
            }
            Unit unit = sources.get(d.getSource());
            if (unit == null) {
                failures.add("(no block) " + d.getMessage(Locale.ROOT));
                continue;
            }
            long line = d.getLineNumber();
            int markdownLine = line > 0 && line <= unit.markdownLines().length ? unit.markdownLines()[(int) line - 1] : 0;
            failures.add(unit.block() + (markdownLine > 0 ? " (line " + markdownLine + ")" : " (generated line " + line + ")")
                    + ": " + d.getMessage(Locale.ROOT).replace('\n', ' '));
        }
        return failures;
    }

    /** A generated unit as the compiler's source file. */
    private static final class Source extends SimpleJavaFileObject {
        private final String source;

        Source(Unit unit) {
            super(URI.create("string:///" + (unit.source().startsWith("package docexamples;") ? "docexamples/" : "")
                    + unit.className() + Kind.SOURCE.extension), Kind.SOURCE);
            this.source = unit.source();
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return source;
        }
    }
}
