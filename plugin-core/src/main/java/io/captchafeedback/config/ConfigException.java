package io.captchafeedback.config;

import io.captchafeedback.task.CaptchaFeedbackException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Bad input in a configuration or rule file, or in a builder: says where (source, line, column, key
 * path) and what was expected.
 *
 * <!-- java: not compiled (error messages) -->
 * <pre>{@code
 * captcha-feedback.yml:12:14: providers.ucaptcha.timeout: expected a positive duration such as 10s, 500ms, 2m or PT10S, got 'soon'
 * system property captchafeedback.providers.ucaptcha.timeout: expected a positive duration such as 10s, 500ms, 2m or PT10S, got 'soon'
 * }</pre>
 *
 * <p>Loading a file checks all of it and throws one exception for every problem found: its message
 * then reads {@code N problems:} followed by each located problem on its own line, in file order, and
 * {@link #problems()} lists them; {@link #line()}, {@link #path()} and the other accessors describe the
 * first.
 *
 * <pre>{@code
 * try {
 *     CaptchaFeedbackConfig.load(Path.of("captcha-feedback.yml"));
 * } catch (ConfigException e) {
 *     e.problems().forEach(p -> System.err.println(p.getMessage())); // file:line:column: key path: problem
 * }
 * }</pre>
 *
 * <p>Messages never contain API keys. Immutable and thread-safe.
 */
public class ConfigException extends CaptchaFeedbackException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final int column;
    private final String path;
    private final String problem;
    /** Every problem when this stands for several (each a single one), else {@code null}: only this one. */
    private final List<ConfigException> all;

    /**
     * @param source the file name or other source ({@code "builder"}, {@code "system property x"})
     * @param line 1-based line, or 0 when unknown
     * @param column 1-based column, or 0 when unknown
     * @param path the key path such as {@code providers.ucaptcha.timeout} or {@code rules[2].when}, or
     *     empty for the whole document
     * @param problem what is wrong and what was expected
     */
    public ConfigException(String source, int line, int column, String path, String problem) {
        this(source, line, column, path, problem, null);
    }

    /**
     * Like {@link #ConfigException(String, int, int, String, String)}, with the exception that caused it.
     * The cause's message must not contain a key either.
     */
    public ConfigException(String source, int line, int column, String path, String problem, Throwable cause) {
        super(format(source, line, column, path, problem), cause);
        this.source = source;
        this.line = line;
        this.column = column;
        this.path = path == null ? "" : path;
        this.problem = problem;
        this.all = null;
    }

    /** Several problems: located as the first, with a message listing them all. */
    private ConfigException(List<ConfigException> all) {
        super(all.size() + " problems:" + all.stream().map(p -> "\n  " + p.getMessage()).reduce("", String::concat),
                all.get(0).getCause());
        ConfigException first = all.get(0);
        this.source = first.source;
        this.line = first.line;
        this.column = first.column;
        this.path = first.path;
        this.problem = first.problem;
        this.all = List.copyOf(all);
    }

    /**
     * One exception for all of {@code problems} (those that stand for several count as each of theirs):
     * the only one itself, or one listing them in file order (by line and column; problems without a
     * position last, in the order given). The same message twice counts once, and a missing key is not
     * reported next to an unknown key of the same mapping that suggests it ({@code verdit:} is one problem,
     * not also "missing verdict").
     *
     * @throws IllegalArgumentException when {@code problems} is empty
     */
    public static ConfigException of(List<ConfigException> problems) {
        Objects.requireNonNull(problems, "problems == null");
        Map<String, ConfigException> distinct = new LinkedHashMap<>();
        for (ConfigException e : problems) {
            for (ConfigException p : e.problems()) {
                distinct.putIfAbsent(p.getMessage(), p);
            }
        }
        if (distinct.isEmpty()) {
            throw new IllegalArgumentException("no problems");
        }
        List<ConfigException> sorted = new ArrayList<>(distinct.values());
        sorted.removeIf(p -> misspelled(p, distinct.values()));
        sorted.sort(Comparator.comparingInt((ConfigException p) -> p.line > 0 ? p.line : Integer.MAX_VALUE)
                .thenComparingInt(p -> p.column));
        return sorted.size() == 1 ? sorted.get(0) : new ConfigException(sorted);
    }

    private static final String MISSING = "missing required key '";

    /** Whether {@code p} says a key is missing that an unknown key beside it is a misspelling of. */
    private static boolean misspelled(ConfigException p, Iterable<ConfigException> all) {
        if (!p.problem.startsWith(MISSING) || p.problem.indexOf('\'', MISSING.length()) < 0) {
            return false;
        }
        String hint = "(did you mean '" + p.problem.substring(MISSING.length(), p.problem.indexOf('\'', MISSING.length())) + "'?)";
        String parent = p.path.isEmpty() ? "" : p.path + ".";
        for (ConfigException other : all) {
            if (Objects.equals(other.source, p.source) && other.path.startsWith(parent)
                    && other.path.indexOf('.', parent.length()) < 0 && other.problem.startsWith("unknown key ")
                    && other.problem.contains(hint)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs {@code check}; a {@code ConfigException} it throws is added to {@code into} instead of
     * propagating, so that checking goes on with the next part. For readers that report every problem
     * at once with {@link #of(List)}.
     *
     * @return {@code true} when {@code check} passed
     */
    public static boolean collect(List<ConfigException> into, Runnable check) {
        try {
            check.run();
            return true;
        } catch (ConfigException e) {
            into.add(e);
            return false;
        }
    }

    /**
     * Every problem this exception stands for, in file order, each with its own location: this exception
     * alone when it is about one problem.
     */
    public List<ConfigException> problems() {
        return all == null ? List.of(this) : all;
    }

    private static String format(String source, int line, int column, String path, String problem) {
        StringBuilder sb = new StringBuilder(source == null ? "configuration" : source);
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        sb.append(": ");
        if (path != null && !path.isEmpty()) {
            sb.append(path).append(": ");
        }
        return sb.append(problem).toString();
    }

    /** The file name or other source of the bad input. */
    public String source() {
        return source;
    }

    /** 1-based line, or 0 when unknown. */
    public int line() {
        return line;
    }

    /** 1-based column, or 0 when unknown. */
    public int column() {
        return column;
    }

    /** The key path, or empty for the whole document. */
    public String path() {
        return path;
    }

    /** What is wrong, without the location. */
    public String problem() {
        return problem;
    }
}
