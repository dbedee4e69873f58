package io.captchafeedback.config;

import io.captchafeedback.task.CaptchaFeedbackException;

/**
 * Bad input in a configuration or rule file, or in a builder: says where (source, line, column, key
 * path) and what was expected.
 *
 * <pre>{@code
 * captcha-feedback.yml:12:14: providers.ucaptcha.timeout: expected a positive duration such as 10s, 500ms, 2m or PT10S, got 'soon'
 * system property captchafeedback.providers.ucaptcha.timeout: expected a positive duration such as 10s, 500ms, 2m or PT10S, got 'soon'
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
