package io.captchafeedback;


import io.captchafeedback.config.ConfigException;
import io.captchafeedback.config.ConfigNode;
import io.captchafeedback.provider.ApiKey;
import io.captchafeedback.provider.ProviderAdapter;
import io.captchafeedback.provider.ProviderRegistry;
import io.captchafeedback.provider.ProviderSettings;
import io.captchafeedback.provider.ProviderTypes;
import io.captchafeedback.rule.RuleFiles;
import io.captchafeedback.rule.Rules;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves one {@link CaptchaFeedbackConfig} from its levels, lowest first: defaults, the file, the
 * environment, system properties, the builder. Every value is checked where it is read, so a bad value
 * is reported with its own location even when a higher level overrides it. Checking goes on past a
 * problem (each key, provider, option and section on its own) and all of them are thrown together, in
 * file order, as one {@link ConfigException}; only a file that cannot be read at all stops it at once.
 */
final class ConfigResolver {

    static final List<String> TOP_LEVEL_KEYS = List.of("providers", "reporter", "rules");
    static final List<String> SECTIONS = List.of("reporter", "rules");

    private static final Logger LOG = LoggerFactory.getLogger(CaptchaFeedbackConfig.class);
    private static final String CONFIG_ENV = ConfigKey.CONFIG_FILE.environmentName();

    private final Map<String, String> properties;
    private final Map<String, String> environment;
    private final ClassLoader classLoader;
    private final Map<String, Draft> drafts = new LinkedHashMap<>();
    private List<ProviderAdapter.Factory> factories;
    private ConfigNode root;
    /** Every problem found so far. */
    private final List<ConfigException> problems = new ArrayList<>();

    /** One parsed system property or environment variable. */
    private record Setting(String id, ProviderField field, Object value, Origin origin) {
    }

    /** One provider being assembled: the winning value of each field and where it came from. */
    private static final class Draft {
        final String id;
        final Origin definedAt;
        final Map<ProviderField, Object> values = new EnumMap<>(ProviderField.class);
        final Map<ProviderField, Origin> origins = new EnumMap<>(ProviderField.class);
        final Map<String, String> options = new LinkedHashMap<>();
        /** Where each option's value and name were written. */
        final Map<String, Origin> optionValues = new LinkedHashMap<>();
        final Map<String, Origin> optionNames = new LinkedHashMap<>();
        /** The fields whose value at some level was bad: nothing is said about them missing. */
        final Set<ProviderField> failed = EnumSet.noneOf(ProviderField.class);

        Draft(String id, Origin definedAt) {
            this.id = id;
            this.definedAt = definedAt;
        }

        void put(ProviderField field, Object value, Origin origin) {
            values.put(field, value);
            origins.put(field, origin);
        }
    }

    /**
     * @param properties system properties (only the {@code captchafeedback.} ones are read)
     * @param environment environment variables, also used for {@code ${VAR}} in the file
     */
    ConfigResolver(Map<String, String> properties, Map<String, String> environment, ClassLoader classLoader) {
        this.properties = new TreeMap<>(properties);
        this.environment = environment;
        this.classLoader = classLoader;
    }

    CaptchaFeedbackConfig resolve(Path builderFile, Map<String, ProviderSettings> builderProviders,
            Map<ConfigKey<?>, Object> builderValues) {
        // The file: builder, else system property, else environment.
        Path file = builderFile;
        if (file == null) {
            file = fileFrom(Origin.systemProperty(ConfigKey.CONFIG_FILE.name()), properties.get(ConfigKey.CONFIG_FILE.name()));
        }
        if (file == null) {
            file = fileFrom(Origin.environment(CONFIG_ENV), environment.get(CONFIG_ENV));
        }
        Map<String, ConfigNode> sections = new LinkedHashMap<>();
        if (file != null) {
            readFile(file, sections);
        }
        // Every id the properties and the builder name is known before environment variables are matched to ids.
        List<Setting> propertyLevel = readProperties();
        builderProviders.keySet().forEach(id -> draft(id, Origin.builder("providers." + id)));
        builderValues.keySet().stream().filter(k -> k.providerId() != null)
                .forEach(k -> draft(k.providerId(), Origin.builder(path(k.providerId(), k.field()))));
        List<Setting> environmentLevel = readEnvironment();
        // Lowest level first, so that each level overwrites the one below.
        environmentLevel.forEach(this::apply);
        propertyLevel.forEach(this::apply);
        builderProviders.values().forEach(p -> {
            if (!ConfigException.collect(problems, () -> applyBuilder(p))) {
                drafts.get(p.id()).failed.addAll(List.of(ProviderField.TYPE, ProviderField.BASE_URL));
            }
        });
        builderValues.forEach((k, v) -> {
            if (!ConfigException.collect(problems, () -> applyBuilder(k, v)) && k.providerId() != null) {
                drafts.get(k.providerId()).failed.add(k.field());
            }
        });

        List<ProviderSettings> providers = new ArrayList<>();
        for (Draft d : drafts.values()) {
            ConfigException.collect(problems, () -> {
                ProviderSettings p = settings(d);
                if (p == null) {
                    return; // a bad key, type or base URL is reported: what the adapter says would follow from it
                }
                providers.add(p);
                // the adapter checks its options (and whatever else it takes) now; its errors point into the file
                try {
                    ProviderRegistry.check(p, ProviderTypes.BUILT_IN.contains(p.type()) ? List.of()
                            : factories(d.origins.get(ProviderField.TYPE)));
                } catch (ConfigException e) {
                    throw ConfigException.of(e.problems().stream().map(one -> locate(one, d)).toList());
                }
            });
        }
        // the other sections, read from the same located nodes, once
        Rules[] rules = {Rules.none()};
        ReporterSection[] reporter = {ReporterSection.none()};
        ConfigException.collect(problems, () -> section(sections, "rules").ifPresent(n -> rules[0] = RuleFiles.parse(n)));
        ConfigException.collect(problems, () -> section(sections, "reporter")
                .ifPresent(n -> reporter[0] = ReporterSection.parse(n)));
        if (!problems.isEmpty()) {
            throw ConfigException.of(problems);
        }
        // all built-in: no third-party factory was needed, none is looked for
        return new CaptchaFeedbackConfig(providers, sections, file, root, factories == null ? List.of() : factories,
                rules[0], reporter[0]);
    }

    private static Optional<ConfigNode> section(Map<String, ConfigNode> sections, String name) {
        return Optional.ofNullable(sections.get(name));
    }

    /**
     * An adapter's error (key path {@code providers.<id>.options.<name>}, no position) at the place the
     * value was written: the file's line and column, the system property, the environment variable or the
     * builder.
     */
    private static ConfigException locate(ConfigException e, Draft d) {
        String prefix = "providers." + d.id;
        if (e.line() > 0 || !e.path().startsWith(prefix)) {
            return e;
        }
        String rest = e.path().substring(prefix.length());
        Origin origin = null;
        if (rest.startsWith(".options.")) {
            String option = rest.substring(".options.".length());
            boolean unknown = e.problem().startsWith("unknown option") || e.problem().contains("takes no options");
            origin = (unknown ? d.optionNames : d.optionValues).get(option);
        } else if (rest.equals(".type")) {
            origin = d.origins.get(ProviderField.TYPE);
        } else if (rest.equals(".baseUrl")) {
            origin = d.origins.get(ProviderField.BASE_URL);
        } else if (rest.isEmpty()) {
            origin = d.definedAt;
        }
        return origin == null ? e : origin.error(e.problem());
    }

    /**
     * An adapter's error at the node of the file it is about, when that value came from the file; otherwise
     * as it is (for adapters created after the configuration was built).
     */
    static ConfigException locate(ConfigNode root, ConfigException e, ProviderSettings settings) {
        String prefix = "providers." + settings.id();
        if (root == null || e.line() > 0 || !(e.path().equals(prefix) || e.path().startsWith(prefix + "."))) {
            return e;
        }
        ConfigNode provider = root.optional("providers").filter(ConfigNode::isObject)
                .flatMap(p -> p.optional(settings.id())).filter(ConfigNode::isObject).orElse(null);
        if (provider == null) {
            return e;
        }
        String rest = e.path().substring(prefix.length());
        if (rest.isEmpty()) {
            return provider.keyError(e.problem());
        }
        if (rest.startsWith(".options.")) {
            String option = rest.substring(".options.".length());
            ConfigNode options = provider.optional("options").filter(ConfigNode::isObject).orElse(null);
            ConfigNode value = options == null ? null : options.optional(option).orElse(null);
            if (value == null || !value.isScalar() || !settings.option(option).orElse("").equals(value.asText())) {
                return e; // the option came from the builder
            }
            boolean unknown = e.problem().startsWith("unknown option") || e.problem().contains("takes no options");
            return unknown ? value.keyError(e.problem()) : value.error(e.problem());
        }
        String written = rest.equals(".type") ? settings.type()
                : rest.equals(".baseUrl") ? settings.baseUrlOverride().map(Object::toString).orElse(null) : null;
        ConfigNode value = written == null ? null : provider.optional(rest.substring(1)).orElse(null);
        if (value != null && value.isScalar() && value.asText().trim().equalsIgnoreCase(written)) {
            return value.error(e.problem());
        }
        return e;
    }

    /** The third-party adapter factories, discovered once with this resolver's class loader. */
    private List<ProviderAdapter.Factory> factories(Origin origin) {
        if (factories == null) {
            try {
                factories = ProviderRegistry.discover(classLoader);
            } catch (ConfigException e) {
                throw origin == null ? e : origin.error(e.problem());
            }
        }
        return factories;
    }

    private Path fileFrom(Origin origin, String value) {
        if (value == null) {
            return null;
        }
        Path file = ConfigKey.CONFIG_FILE.parse(origin.source(), value);
        if (!Files.isRegularFile(file)) {
            throw origin.error("file not found: " + file);
        }
        return file;
    }

    // ---- file ----

    private void readFile(Path file, Map<String, ConfigNode> sections) {
        ConfigNode root = ConfigNode.parse(file, environment::get);
        this.root = root;
        if (!root.isObject()) {
            throw root.error("expected a mapping with the keys " + String.join(", ", TOP_LEVEL_KEYS) + ", got "
                    + kindOf(root));
        }
        try {
            root.checkKeys(TOP_LEVEL_KEYS);
        } catch (ConfigException unknown) {
            for (ConfigException e : unknown.problems()) {
                problems.add(!e.path().equals("detection") ? e : new ConfigException(e.source(), e.line(), e.column(),
                        e.path(), e.problem() + " (nothing reads a detection section: how long a detection waits and lets"
                                + " the page settle is set per rule set with timeout: and settle:, see docs/rules.md)"));
            }
        }
        for (String name : SECTIONS) {
            root.optional(name).ifPresent(node -> sections.put(name, node));
        }
        ConfigNode providers = root.optional("providers").orElse(null);
        if (providers == null) {
            return;
        }
        // Values that should be mappings are described by kind only: a key pasted here must not be echoed.
        if (!providers.isObject()) {
            problems.add(providers.error("expected a mapping of provider ids to their settings, got " + kindOf(providers)));
            return;
        }
        for (Map.Entry<String, ConfigNode> e : providers.fields().entrySet()) {
            ConfigException.collect(problems, () -> readProvider(e.getKey(), e.getValue()));
        }
    }

    /** One provider of the file, each setting and option on its own: a bad one is a problem, the next is read. */
    private void readProvider(String id, ConfigNode node) {
        try {
            Values.providerId(id);
        } catch (IllegalArgumentException bad) {
            throw node.keyError(bad.getMessage());
        }
        if (node.kind() == ConfigNode.Kind.NULL) {
            draft(id, Origin.ofKey(node)); // "ucaptcha:" alone: settings come from other levels
            return;
        }
        if (!node.isObject()) {
            throw node.error("expected a mapping of provider settings (" + String.join(", ", ProviderField.FILE_KEYS)
                    + "), got " + kindOf(node));
        }
        ConfigException.collect(problems, () -> node.checkKeys(ProviderField.FILE_KEYS));
        Draft d = draft(id, Origin.ofKey(node));
        for (ProviderField field : ProviderField.values()) {
            node.optional(field.fileName()).ifPresent(n -> {
                if (!ConfigException.collect(problems, () -> d.put(field,
                        field == ProviderField.KEY ? fileKey(n) : fileValue(n, field), Origin.of(n)))) {
                    d.failed.add(field);
                }
            });
        }
        node.optional("options").ifPresent(options -> {
            if (!options.isObject()) {
                throw options.error("expected a mapping of option names to values, got " + kindOf(options));
            }
            for (Map.Entry<String, ConfigNode> o : options.fields().entrySet()) {
                ConfigNode value = o.getValue();
                if (!value.isScalar()) {
                    problems.add(value.error("expected a text value, got " + value.describe()));
                    continue;
                }
                d.options.put(o.getKey(), value.asText());
                d.optionValues.put(o.getKey(), Origin.of(value));
                d.optionNames.put(o.getKey(), Origin.ofKey(value));
            }
        });
    }

    /** The key node as an ApiKey; errors say what kind of value was found, never the value. */
    private static ApiKey fileKey(ConfigNode node) {
        if (node.kind() != ConfigNode.Kind.STRING) {
            throw node.error("expected the API key as text (best as ${ENV_VAR}), got " + kindOf(node)
                    + " (quote it if the key looks like one)");
        }
        try {
            return Values.apiKey(node.asString());
        } catch (IllegalArgumentException e) {
            throw node.error(e.getMessage());
        }
    }

    /** What kind of value a node holds, without the value. */
    private static String kindOf(ConfigNode node) {
        return switch (node.kind()) {
            case STRING -> "text";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "a list";
            case OBJECT -> "a mapping";
            case NULL -> "nothing (null)";
        };
    }

    private static Object fileValue(ConfigNode node, ProviderField field) {
        if (node.kind() != ConfigNode.Kind.STRING) {
            String expected = switch (field) {
                case TYPE -> "expected a provider type such as " + ProviderTypes.UCAPTCHA;
                case BASE_URL -> Values.URL_EXPECTED;
                case TIMEOUT -> Values.DURATION_EXPECTED;
                default -> throw new IllegalStateException(field.name());
            };
            throw node.error(expected + ", got " + node.describe());
        }
        try {
            return parse(field, node.asString());
        } catch (IllegalArgumentException e) {
            throw node.error(e.getMessage());
        }
    }

    private static Object parse(ProviderField field, String text) {
        return switch (field) {
            case KEY -> Values.apiKey(text);
            case TYPE -> Values.type(text);
            case BASE_URL -> Values.baseUrl(text);
            case TIMEOUT -> Values.timeout(text);
        };
    }

    // ---- environment and system properties ----

    private List<Setting> readEnvironment() {
        List<Setting> settings = new ArrayList<>();
        for (Map.Entry<String, String> e : new TreeMap<>(environment).entrySet()) {
            String name = e.getKey();
            if (!name.startsWith(ConfigKey.PROVIDERS_ENV_PREFIX)) {
                continue;
            }
            ConfigException.collect(problems, () -> settings.add(environmentSetting(name, e.getValue())));
        }
        return settings;
    }

    /** One {@code CAPTCHAFEEDBACK_PROVIDERS_<ID>_<SETTING>} variable. */
    private Setting environmentSetting(String name, String text) {
        Origin origin = Origin.environment(name).holding(text);
        String rest = name.substring(ConfigKey.PROVIDERS_ENV_PREFIX.length());
        int cut = rest.lastIndexOf('_');
        if (cut <= 0) {
            throw origin.error("expected " + ConfigKey.PROVIDERS_ENV_PREFIX
                    + "<ID>_<SETTING> with SETTING one of " + String.join(", ", ProviderField.envNames()));
        }
        String setting = rest.substring(cut + 1);
        ProviderField field = ProviderField.byEnvName(setting).orElseThrow(
                () -> origin.error(ConfigNode.unknownMessage("setting", setting, ProviderField.envNames())));
        String envId = rest.substring(0, cut);
        String id = drafts.keySet().stream()
                .filter(known -> ConfigKey.environmentName(known).equals(envId))
                .findFirst()
                .orElseGet(() -> checkedId(envId.toLowerCase(Locale.ROOT), origin));
        draft(id, origin);
        return new Setting(id, field, parseText(field, text, origin, drafts.get(id)), origin);
    }

    private List<Setting> readProperties() {
        List<Setting> settings = new ArrayList<>();
        for (Map.Entry<String, String> e : properties.entrySet()) {
            String name = e.getKey();
            if (!name.startsWith(ConfigKey.PROVIDERS_PREFIX)) {
                continue;
            }
            ConfigException.collect(problems, () -> settings.add(propertySetting(name, e.getValue())));
        }
        return settings;
    }

    /** One {@code captchafeedback.providers.<id>.<setting>} property. */
    private Setting propertySetting(String name, String text) {
        Origin origin = Origin.systemProperty(name).holding(text);
        String rest = name.substring(ConfigKey.PROVIDERS_PREFIX.length());
        int cut = rest.lastIndexOf('.');
        if (cut <= 0) {
            throw origin.error("expected " + ConfigKey.PROVIDERS_PREFIX + "<id>.<setting> with setting one of "
                    + String.join(", ", ProviderField.fileNames()));
        }
        String setting = rest.substring(cut + 1);
        ProviderField field = ProviderField.byFileName(setting).orElseThrow(
                () -> origin.error(ConfigNode.unknownMessage("setting", setting, ProviderField.fileNames())));
        String id = checkedId(rest.substring(0, cut), origin);
        draft(id, origin);
        return new Setting(id, field, parseText(field, text, origin, drafts.get(id)), origin);
    }

    private void apply(Setting setting) {
        drafts.get(setting.id()).put(setting.field(), setting.value(), setting.origin());
    }

    private static String checkedId(String id, Origin origin) {
        try {
            return Values.providerId(id);
        } catch (IllegalArgumentException e) {
            throw origin.error(e.getMessage());
        }
    }

    /** The value of a property or variable; when bad, {@code field} of {@code draft} is marked as failed. */
    private static Object parseText(ProviderField field, String text, Origin origin, Draft draft) {
        try {
            return parse(field, text);
        } catch (IllegalArgumentException e) {
            draft.failed.add(field);
            throw origin.error(e.getMessage());
        }
    }

    // ---- builder ----

    private void applyBuilder(ProviderSettings s) {
        Draft d = drafts.get(s.id());
        d.put(ProviderField.KEY, s.apiKey(), Origin.builder(path(s.id(), ProviderField.KEY)));
        d.put(ProviderField.TYPE, builderType(s.id(), s.type()), Origin.builder(path(s.id(), ProviderField.TYPE)));
        if (s.baseUrl() != null) {
            d.put(ProviderField.BASE_URL, builderUrl(s.id(), s.baseUrl()), Origin.builder(path(s.id(), ProviderField.BASE_URL)));
        }
        d.put(ProviderField.TIMEOUT, s.timeout(), Origin.builder(path(s.id(), ProviderField.TIMEOUT)));
        d.options.putAll(s.options());
        s.options().keySet().forEach(name -> {
            Origin origin = Origin.builder("providers." + s.id() + ".options." + name);
            d.optionValues.put(name, origin);
            d.optionNames.put(name, origin);
        });
    }

    private void applyBuilder(ConfigKey<?> key, Object value) {
        if (key.providerId() == null) {
            return; // the file key was used to pick the file
        }
        String id = key.providerId();
        ProviderField field = key.field();
        Origin origin = Origin.builder(path(id, field));
        Object checked = switch (field) {
            case KEY -> value;
            case TYPE -> builderType(id, (String) value);
            case BASE_URL -> builderUrl(id, (URI) value);
            case TIMEOUT -> {
                try {
                    yield Values.checkTimeout((Duration) value, value.toString());
                } catch (IllegalArgumentException e) {
                    throw origin.error(e.getMessage());
                }
            }
        };
        drafts.get(id).put(field, checked, origin);
    }

    private static String builderType(String id, String type) {
        try {
            return Values.type(type);
        } catch (IllegalArgumentException e) {
            throw Origin.builder(path(id, ProviderField.TYPE)).error(e.getMessage());
        }
    }

    private static URI builderUrl(String id, URI url) {
        try {
            return Values.checkBaseUrl(url, url.toString());
        } catch (IllegalArgumentException e) {
            throw Origin.builder(path(id, ProviderField.BASE_URL)).error(e.getMessage());
        }
    }

    // ---- assembly ----

    private Draft draft(String id, Origin definedAt) {
        return drafts.computeIfAbsent(id, k -> new Draft(k, definedAt));
    }

    private static String path(String id, ProviderField field) {
        return "providers." + id + "." + field.fileName();
    }

    /**
     * The provider's settings; {@code null} when a key, type or base URL it needs was bad at some level
     * (that is the problem reported: the adapter's check would only follow from it).
     */
    private ProviderSettings settings(Draft d) {
        ApiKey key = (ApiKey) d.values.get(ProviderField.KEY);
        if (d.failed.contains(ProviderField.TYPE) || (key == null && d.failed.contains(ProviderField.KEY))) {
            return null;
        }
        if (key == null) {
            throw d.definedAt.error("missing required key 'key'" + elsewhere(d.id, ProviderField.KEY));
        }
        String type = (String) d.values.get(ProviderField.TYPE);
        if (type == null) {
            type = Values.type(d.id);
            if (!ProviderTypes.BUILT_IN.contains(type)) {
                throw d.definedAt.error("missing required key 'type' ('" + d.id
                        + "' is not a built-in type, so the id cannot stand for it; built-in types: "
                        + String.join(", ", new TreeSet<>(ProviderTypes.BUILT_IN)) + ")");
            }
        } else if (!ProviderTypes.BUILT_IN.contains(type) && factories(d.origins.get(ProviderField.TYPE)).isEmpty()) {
            throw d.origins.get(ProviderField.TYPE).error(
                    ConfigNode.unknownMessage("provider type", type, ProviderTypes.BUILT_IN)
                            + " (other types need a ProviderAdapter.Factory on the class path)");
        }
        URI baseUrl = (URI) d.values.get(ProviderField.BASE_URL);
        if (baseUrl == null && type.equals(ProviderTypes.GENERIC) && d.failed.contains(ProviderField.BASE_URL)) {
            return null;
        }
        if (baseUrl == null && type.equals(ProviderTypes.GENERIC)) {
            throw d.definedAt.error("missing required key 'baseUrl' (type generic has no default base URL)"
                    + elsewhere(d.id, ProviderField.BASE_URL));
        }
        Duration timeout = (Duration) d.values.get(ProviderField.TIMEOUT);
        if (LOG.isDebugEnabled()) {
            Map<String, String> from = new LinkedHashMap<>();
            d.origins.forEach((field, origin) -> from.put(field.fileName(), describe(origin)));
            LOG.debug("provider {}: type {}, settings from {}", d.id, type, from); // where from, never values
        }
        return new ProviderSettings(d.id, type, key, baseUrl, timeout, d.options);
    }

    private static String describe(Origin origin) {
        return origin.source() + (origin.line() > 0 ? ":" + origin.line() : "");
    }

    private static String elsewhere(String id, ProviderField field) {
        String property = ConfigKey.PROVIDERS_PREFIX + id + "." + field.fileName();
        return "; it may also come from system property " + property + " or environment variable "
                + ConfigKey.environmentName(property);
    }
}
