package io.captchafeedback;


import io.captchafeedback.config.ConfigException;
import io.captchafeedback.config.ConfigNode;
import io.captchafeedback.provider.ApiKey;
import io.captchafeedback.provider.ProviderAdapter;
import io.captchafeedback.provider.ProviderRegistry;
import io.captchafeedback.provider.ProviderSettings;
import io.captchafeedback.report.FeedbackReporter;
import io.captchafeedback.rule.Rules;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * The resolved and validated configuration of captcha-feedback: the providers to report to (each checked
 * by its adapter, options included), the outcome {@link #rules()} and the {@code reporter} settings
 * ({@link #reporterBuilder()}). The file is parsed once into located nodes and every section is checked
 * when the configuration is built: {@link Builder#build()} checks all of it and then fails once with every
 * mistake found, in any section, each with its file, line and column ({@link ConfigException#problems()}).
 * Top-level keys: {@code providers}, {@code reporter}, {@code rules}; any
 * other (including the former {@code detection}) is refused.
 *
 * <pre>{@code
 * CaptchaFeedbackConfig fromFile = CaptchaFeedbackConfig.load(Path.of("captcha-feedback.yml"));
 * // or, in Java:
 * CaptchaFeedbackConfig inJava = CaptchaFeedbackConfig.builder()
 *         .provider("ucaptcha", ProviderTypes.UCAPTCHA, ApiKey.of(System.getenv("UCAPTCHA_KEY")))
 *         .set(ConfigKey.providerTimeout("ucaptcha"), Duration.ofSeconds(5))
 *         .build();
 * }</pre>
 *
 * <h2>Precedence</h2>
 * Each provider setting ({@code key}, {@code type}, {@code baseUrl}, {@code timeout}) is taken from the
 * first level that sets it:
 * <ol>
 *   <li><b>builder</b>: {@link Builder#set(ConfigKey, Object)}, which wins over
 *       {@link Builder#provider(ProviderSettings)} (a {@code null} base URL there sets nothing);</li>
 *   <li><b>system property</b> {@code captchafeedback.providers.<id>.<setting>};</li>
 *   <li><b>environment variable</b> {@code CAPTCHAFEEDBACK_PROVIDERS_<ID>_<SETTING>} (the property name in
 *       upper case with {@code .} and {@code -} turned into {@code _}; {@code baseUrl} becomes
 *       {@code BASEURL});</li>
 *   <li><b>file</b>: the one given to {@link Builder#file(Path)}, else the one named by system property
 *       {@code captchafeedback.config}, else by environment variable {@code CAPTCHAFEEDBACK_CONFIG};</li>
 *   <li><b>default</b>: {@code timeout} 10s; {@code type} the id itself when the id is a built-in type;
 *       no base URL override.</li>
 * </ol>
 * A provider exists when any level names it, so a provider may be defined by environment variables or
 * system properties alone. An environment variable belongs to the provider whose id spells the same in
 * the environment form ({@code my-router} for {@code CAPTCHAFEEDBACK_PROVIDERS_MY_ROUTER_KEY}); otherwise
 * it defines a provider whose id is the lower-case form ({@code my_router}). Adapter {@code options} come
 * from the file and the builder (builder entries win). Every value is checked at the level it is written,
 * so a bad value fails even when a higher level overrides it. {@code docs/configuration.md} describes the
 * same order with a full file example.
 *
 * <p>Every bad input is a problem naming the file, line, column and key path (or the system property or
 * environment variable) and what was expected; all of them are thrown together as one
 * {@link ConfigException} ({@code "N problems:"} and one line each when there are several). {@link #toString()} and error messages
 * never show an API key. Immutable and thread-safe.
 */
public final class CaptchaFeedbackConfig {

    private final List<ProviderSettings> providers;
    private final Map<String, ProviderSettings> byId;
    private final Map<String, ConfigNode> sections;
    private final Path file;
    private final ConfigNode root;
    private final List<ProviderAdapter.Factory> factories;
    private final Rules rules;
    private final ReporterSection reporter;

    CaptchaFeedbackConfig(List<ProviderSettings> providers, Map<String, ConfigNode> sections, Path file,
            ConfigNode root, List<ProviderAdapter.Factory> factories, Rules rules, ReporterSection reporter) {
        this.providers = List.copyOf(providers);
        Map<String, ProviderSettings> index = new LinkedHashMap<>();
        for (ProviderSettings p : this.providers) {
            index.put(p.id(), p);
        }
        this.byId = Collections.unmodifiableMap(index);
        this.sections = Collections.unmodifiableMap(new LinkedHashMap<>(sections));
        this.file = file;
        this.root = root;
        this.factories = List.copyOf(factories);
        this.rules = rules;
        this.reporter = reporter;
    }

    /**
     * Loads a YAML file (JSON when the name ends with {@code .json}), with the real system properties and
     * environment applied over it as described above. Same as {@code builder().file(file).build()}.
     *
     * @throws ConfigException on any bad input
     */
    public static CaptchaFeedbackConfig load(Path file) {
        return builder().file(file).build();
    }

    /** A builder: the Java equivalent of a configuration file. */
    public static Builder builder() {
        return new Builder();
    }

    /** The providers, file order first, then those only the builder, system properties or environment name. */
    public List<ProviderSettings> providers() {
        return providers;
    }

    /** The provider with this id, if configured. */
    public Optional<ProviderSettings> provider(String id) {
        Objects.requireNonNull(id, "id == null");
        return Optional.ofNullable(byId.get(id));
    }

    /** The outcome rules of the file's {@code rules} section ({@link Rules#none()} without one), checked when built. */
    public Rules rules() {
        return rules;
    }

    /**
     * A new reporter builder holding the file's {@code reporter} settings (read once, when this
     * configuration was built); add a registry, a listener or other settings, then build. Setters called
     * on it win over the file.
     *
     * <!-- java: given ReportListener listener -->
     * <pre>{@code
     * FeedbackReporter reporter = config.reporterBuilder().registry(config.providerRegistry()).listener(listener).build();
     * }</pre>
     */
    public FeedbackReporter.Builder reporterBuilder() {
        FeedbackReporter.Builder builder = FeedbackReporter.builder();
        reporter.applyTo(builder);
        return builder;
    }

    /**
     * Creates the providers' adapters, with the third-party factories found when this configuration was
     * built (one {@link java.util.ServiceLoader} pass, with the class loader of
     * {@link Builder#classLoader(ClassLoader)}, by default the thread's context class loader falling back to
     * the library's). The caller closes the registry.
     *
     * @throws ConfigException when an adapter refuses its settings, at their place in the file when they
     *     came from it
     */
    public ProviderRegistry providerRegistry() {
        try {
            return ProviderRegistry.createWith(providers, factories);
        } catch (ConfigException e) {
            ProviderSettings about = providers.stream()
                    .filter(p -> e.path().equals("providers." + p.id()) || e.path().startsWith("providers." + p.id() + "."))
                    .findFirst().orElse(null);
            throw about == null ? e : ConfigException.of(e.problems().stream().map(p -> ConfigResolver.locate(root, p, about)).toList());
        }
    }

    /**
     * A section of the file, as located nodes: {@code reporter} or {@code rules} (already read into
     * {@link #reporterBuilder()} and {@link #rules()}; this is for tools that show or re-check the file).
     *
     * @throws IllegalArgumentException for any other name
     */
    public Optional<ConfigNode> section(String name) {
        Objects.requireNonNull(name, "name == null");
        if (!ConfigResolver.SECTIONS.contains(name)) {
            throw new IllegalArgumentException(ConfigNode.unknownMessage("section", name, ConfigResolver.SECTIONS));
        }
        return Optional.ofNullable(sections.get(name));
    }

    /**
     * Fails unless at least one provider is configured, pointing at the file (or saying where providers
     * may come from): a reporter built from this configuration needs one.
     *
     * @throws ConfigException when there is none
     */
    public void requireProviders() {
        if (!providers.isEmpty()) {
            return;
        }
        throw new ConfigException(file == null ? "configuration" : file.toString(), file == null ? 0 : 1,
                file == null ? 0 : 1, "providers", "no provider is configured; expected at least one, such as"
                        + " providers: { ucaptcha: { key: ${UCAPTCHA_KEY} } } in the file, system property "
                        + ConfigKey.PROVIDERS_PREFIX + "<id>.key or environment variable "
                        + ConfigKey.PROVIDERS_ENV_PREFIX + "<ID>_KEY");
    }

    /** The file the configuration was read from, if any. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /**
     * Equal when the providers and the sections' content are equal, wherever they were read from: a
     * YAML file and its JSON equivalent give equal configurations.
     */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CaptchaFeedbackConfig other)) {
            return false;
        }
        if (!providers.equals(other.providers) || !sections.keySet().equals(other.sections.keySet())) {
            return false;
        }
        for (Map.Entry<String, ConfigNode> e : sections.entrySet()) {
            if (!e.getValue().contentEquals(other.sections.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = providers.hashCode();
        for (Map.Entry<String, ConfigNode> e : sections.entrySet()) {
            h = 31 * h + (e.getKey().hashCode() ^ e.getValue().contentHashCode());
        }
        return h;
    }

    /** Providers (keys redacted), section names and the file; never a key. */
    @Override
    public String toString() {
        return "CaptchaFeedbackConfig[file=" + (file == null ? "none" : file) + ", providers=" + providers
                + ", sections=" + sections.keySet() + "]";
    }

    /**
     * Builds a {@link CaptchaFeedbackConfig}; {@link #build()} resolves the levels, validates everything and
     * copies. Setters validate their arguments at once. Not thread-safe; use one builder per thread.
     *
     * <pre>{@code
     * CaptchaFeedbackConfig config = CaptchaFeedbackConfig.builder()
     *         .file(Path.of("captcha-feedback.yml"))
     *         .set(ConfigKey.providerBaseUrl("ucaptcha"), URI.create("http://127.0.0.1:8089/ucaptcha"))
     *         .build();
     * }</pre>
     */
    public static final class Builder {
        private Path file;
        private final Map<String, ProviderSettings> providers = new LinkedHashMap<>();
        private final Map<ConfigKey<?>, Object> values = new LinkedHashMap<>();
        private Map<String, String> systemProperties;
        private Map<String, String> environment;
        private ClassLoader classLoader;

        private Builder() {
        }

        /** The configuration file; YAML, or JSON when the name ends with {@code .json}. */
        public Builder file(Path file) {
            this.file = Objects.requireNonNull(file, "file == null");
            return this;
        }

        /** A provider with all its settings; replaces an earlier one with the same id. */
        public Builder provider(ProviderSettings settings) {
            Objects.requireNonNull(settings, "settings == null");
            Values.providerId(settings.id());
            providers.put(settings.id(), settings);
            return this;
        }

        /** A provider with the default base URL, timeout and no options. */
        public Builder provider(String id, String type, ApiKey key) {
            Objects.requireNonNull(id, "id == null");
            Objects.requireNonNull(type, "type == null");
            Objects.requireNonNull(key, "key == null");
            return provider(ProviderSettings.of(id, type, key));
        }

        /**
         * One typed setting, the highest level of all; a setting of a provider nothing else names defines
         * that provider. {@link ConfigKey#CONFIG_FILE} is the same as {@link #file(Path)}.
         */
        public <T> Builder set(ConfigKey<T> key, T value) {
            Objects.requireNonNull(key, "key == null");
            Objects.requireNonNull(value, "value == null");
            if (!key.type().isInstance(value)) {
                throw new IllegalArgumentException(key.name() + " takes a " + key.type().getSimpleName());
            }
            if (key.equals(ConfigKey.CONFIG_FILE)) {
                return file((Path) value);
            }
            values.put(key, value);
            return this;
        }

        /** The system properties to read (default: {@link System#getProperties()} at {@link #build()}); copied. */
        public Builder systemProperties(Properties properties) {
            Objects.requireNonNull(properties, "properties == null");
            Map<String, String> copy = new LinkedHashMap<>();
            for (String name : properties.stringPropertyNames()) {
                copy.put(name, properties.getProperty(name));
            }
            this.systemProperties = copy;
            return this;
        }

        /**
         * The environment variables to read, also for {@code ${VAR}} in the file (default:
         * {@link System#getenv()}); copied.
         */
        public Builder environment(Map<String, String> environment) {
            Objects.requireNonNull(environment, "environment == null");
            this.environment = Map.copyOf(environment);
            return this;
        }

        /**
         * Where to look for third-party {@link io.captchafeedback.provider.ProviderAdapter.Factory}
         * implementations, which make types other than the built-in ones acceptable (default:
         * {@link ProviderRegistry#defaultClassLoader()}, the thread's context class loader falling back to
         * the library's). They are looked for once, when the configuration is built.
         */
        public Builder classLoader(ClassLoader classLoader) {
            this.classLoader = Objects.requireNonNull(classLoader, "classLoader == null");
            return this;
        }

        /**
         * Resolves the levels and validates the result.
         *
         * @throws ConfigException on bad input: one exception carrying every problem found, each naming where
         *     it is ({@link ConfigException#problems()})
         */
        public CaptchaFeedbackConfig build() {
            Map<String, String> properties = systemProperties;
            if (properties == null) {
                properties = new LinkedHashMap<>();
                Properties system = System.getProperties();
                for (String name : system.stringPropertyNames()) {
                    if (name.startsWith("captchafeedback.")) {
                        properties.put(name, system.getProperty(name));
                    }
                }
            }
            Map<String, String> env = environment == null ? System.getenv() : environment;
            ClassLoader loader = classLoader != null ? classLoader : ProviderRegistry.defaultClassLoader();
            return new ConfigResolver(properties, env, loader).resolve(file, providers, values);
        }
    }
}
