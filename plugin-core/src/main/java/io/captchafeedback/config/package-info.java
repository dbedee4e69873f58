/**
 * Configuration: one YAML or JSON file and an equivalent Java builder, {@code ${ENV_VAR}} interpolation,
 * and one documented precedence (builder &gt; system property &gt; environment &gt; file &gt; default).
 * Bad input raises a {@link io.captchafeedback.config.ConfigException} naming the file, line, column and
 * key; {@link io.captchafeedback.config.ConfigNode} is the located document tree every loader reads.
 */
package io.captchafeedback.config;
