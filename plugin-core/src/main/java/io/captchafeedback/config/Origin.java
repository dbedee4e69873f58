package io.captchafeedback.config;

/**
 * Where a configuration value came from, for error messages: a file position, a system property, an
 * environment variable or the builder.
 */
record Origin(String source, int line, int column, String path) {

    static final String BUILDER = "builder";

    static Origin of(ConfigNode node) {
        return new Origin(node.source(), node.line(), node.column(), node.path());
    }

    /** The key naming the node: {@code ucaptcha:} for the provider defined there. */
    static Origin ofKey(ConfigNode node) {
        return new Origin(node.source(), node.keyLine(), node.keyColumn(), node.path());
    }

    static Origin systemProperty(String name) {
        return new Origin("system property " + name, 0, 0, "");
    }

    static Origin environment(String name) {
        return new Origin("environment variable " + name, 0, 0, "");
    }

    static Origin builder(String path) {
        return new Origin(BUILDER, 0, 0, path);
    }

    ConfigException error(String problem) {
        return new ConfigException(source, line, column, path, problem);
    }
}
