package io.captchafeedback.samples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The documentation's markdown files and their fenced blocks: README.md, docs/**&#47;*.md and every module's
 * README.md. A block's marker is the last non-blank line before its fence (an HTML comment, invisible
 * once rendered).
 */
final class DocumentationFiles {

    /** The repository root: the first directory up from the working directory holding docs/, pom.xml and README.md. */
    static final Path ROOT = repositoryRoot();

    private DocumentationFiles() {
    }

    /**
     * One fenced block.
     *
     * @param line the fence's line (1-based)
     * @param lines the block's lines, fences excluded
     * @param marker the last non-blank line before the fence, trimmed ({@code ""} when none)
     */
    record Fenced(int line, List<String> lines, String marker) {
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("docs")) && Files.isRegularFile(dir.resolve("pom.xml"))
                    && Files.isRegularFile(dir.resolve("README.md"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
    }

    /** README.md, then docs/**&#47;*.md, then the modules' README.md files, each group sorted. */
    static List<Path> all() {
        List<Path> files = new ArrayList<>();
        files.add(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"));
             Stream<Path> modules = Files.list(ROOT)) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
            modules.map(m -> m.resolve("README.md")).filter(Files::isRegularFile)
                    .filter(f -> !f.equals(ROOT.resolve("README.md"))).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** The blocks whose opening fence line matches {@code fence}; a block ends at the next line starting with three backticks. */
    static List<Fenced> fencedBlocks(List<String> lines, Pattern fence) {
        return fencedBlocks(lines, fence, line -> line.startsWith("```"));
    }

    /** The blocks from a line matching {@code open} to the next line that {@code closes} (both excluded). */
    static List<Fenced> fencedBlocks(List<String> lines, Pattern open, Predicate<String> closes) {
        List<Fenced> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!open.matcher(lines.get(i)).matches()) {
                continue;
            }
            int end = i + 1;
            while (end < lines.size() && !closes.test(lines.get(end))) {
                end++;
            }
            int before = i - 1;
            while (before >= 0 && lines.get(before).isBlank()) {
                before--;
            }
            blocks.add(new Fenced(i + 1, List.copyOf(lines.subList(i + 1, end)), before >= 0 ? lines.get(before).trim() : ""));
            i = end;
        }
        return blocks;
    }
}
