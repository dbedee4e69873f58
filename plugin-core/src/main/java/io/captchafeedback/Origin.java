package io.captchafeedback;


import io.captchafeedback.config.ConfigException;
import io.captchafeedback.config.ConfigNode;
/**
 * Where a configuration value came from, for error messages: a file position, a system property, an
 * environment variable or the builder. A value that came from {@code ${...}}, a system property or an
 * environment variable ({@code hidden}) is never quoted: errors show {@code shownAs} in its place.
 */
record Origin(String source, int line, int column, String path, String hidden, String shownAs) {

    static final String BUILDER = "builder";

    static Origin of(ConfigNode node) {
        return new Origin(node.source(), node.line(), node.column(), node.path(), node.concealedText(),
                node.writtenText());
    }

    /** The key naming the node: {@code ucaptcha:} for the provider defined there. */
    static Origin ofKey(ConfigNode node) {
        return new Origin(node.source(), node.keyLine(), node.keyColumn(), node.path(), null, null);
    }

    static Origin systemProperty(String name) {
        return new Origin("system property " + name, 0, 0, "", null, null);
    }

    static Origin environment(String name) {
        return new Origin("environment variable " + name, 0, 0, "", null, null);
    }

    static Origin builder(String path) {
        return new Origin(BUILDER, 0, 0, path, null, null);
    }

    /** This origin holding {@code value}, which errors never quote (a system property or environment variable). */
    Origin holding(String value) {
        return new Origin(source, line, column, path, value, null);
    }

    ConfigException error(String problem) {
        return new ConfigException(source, line, column, path, ConfigNode.conceal(problem, hidden, shownAs));
    }
}
