package io.captchafeedback;


import io.captchafeedback.config.ConfigException;
import io.captchafeedback.provider.ApiKey;
import io.captchafeedback.provider.ProviderSettings;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A typed configuration setting with one name in two spellings: the system property
 * {@code captchafeedback.providers.ucaptcha.timeout} and the environment variable
 * {@code CAPTCHAFEEDBACK_PROVIDERS_UCAPTCHA_TIMEOUT} (upper case, {@code .} and {@code -} become
 * {@code _}). Where each level stands is documented once, on {@link CaptchaFeedbackConfig}.
 *
 * <pre>{@code
 * CaptchaFeedbackConfig config = CaptchaFeedbackConfig.builder()
 *         .set(ConfigKey.providerTimeout("ucaptcha"), Duration.ofSeconds(3))
 *         .build();
 * ConfigKey.providerKey("my-router").environmentName(); // CAPTCHAFEEDBACK_PROVIDERS_MY_ROUTER_KEY
 * }</pre>
 *
 * <p>Immutable and thread-safe; two keys are equal when their names are.
 *
 * @param <T> the type of the value
 */
public final class ConfigKey<T> {

    /** Property prefix of every per-provider key. */
    static final String PROVIDERS_PREFIX = "captchafeedback.providers.";
    /** Environment prefix of every per-provider key. */
    static final String PROVIDERS_ENV_PREFIX = "CAPTCHAFEEDBACK_PROVIDERS_";

    /**
     * The configuration file ({@code captchafeedback.config} / {@code CAPTCHAFEEDBACK_CONFIG}), used when
     * the builder names none; YAML, or JSON when the name ends with {@code .json}. No default.
     */
    public static final ConfigKey<Path> CONFIG_FILE = new ConfigKey<>("captchafeedback.config", Path.class, null,
            ConfigKey::path, "the YAML or JSON configuration file", null, null);

    private final String name;
    private final Class<T> type;
    private final T defaultValue;
    private final Function<String, T> parser;
    private final String description;
    private final String providerId;
    private final ProviderField field;

    private ConfigKey(String name, Class<T> type, T defaultValue, Function<String, T> parser, String description,
            String providerId, ProviderField field) {
        this.name = name;
        this.type = type;
        this.defaultValue = defaultValue;
        this.parser = parser;
        this.description = description;
        this.providerId = providerId;
        this.field = field;
    }

    /** The API key of provider {@code id}: {@code captchafeedback.providers.<id>.key}. No default. */
    public static ConfigKey<ApiKey> providerKey(String id) {
        return provider(id, ProviderField.KEY, ApiKey.class, null, Values::apiKey);
    }

    /**
     * The adapter type of provider {@code id}: {@code captchafeedback.providers.<id>.type}. Defaults to the
     * id when the id is a built-in type ({@link io.captchafeedback.provider.ProviderTypes#BUILT_IN}).
     */
    public static ConfigKey<String> providerType(String id) {
        return provider(id, ProviderField.TYPE, String.class, null, Values::type);
    }

    /** The base URL override of provider {@code id}: {@code captchafeedback.providers.<id>.baseUrl}. No default. */
    public static ConfigKey<URI> providerBaseUrl(String id) {
        return provider(id, ProviderField.BASE_URL, URI.class, null, Values::baseUrl);
    }

    /**
     * The request timeout of provider {@code id}: {@code captchafeedback.providers.<id>.timeout}, such as
     * {@code 10s}, {@code 500ms} or {@code PT10S}. Defaults to {@link ProviderSettings#DEFAULT_TIMEOUT}.
     */
    public static ConfigKey<Duration> providerTimeout(String id) {
        return provider(id, ProviderField.TIMEOUT, Duration.class, ProviderSettings.DEFAULT_TIMEOUT, Values::timeout);
    }

    private static <T> ConfigKey<T> provider(String id, ProviderField field, Class<T> type, T defaultValue,
            Function<String, T> parser) {
        Objects.requireNonNull(id, "id == null");
        Values.providerId(id);
        return new ConfigKey<>(PROVIDERS_PREFIX + id + "." + field.fileName(), type, defaultValue, parser,
                field.description(), id, field);
    }

    /** The system property name, such as {@code captchafeedback.providers.ucaptcha.key}. */
    public String name() {
        return name;
    }

    /** The environment variable name, such as {@code CAPTCHAFEEDBACK_PROVIDERS_UCAPTCHA_KEY}. */
    public String environmentName() {
        return environmentName(name);
    }

    /** The type of the value. */
    public Class<T> type() {
        return type;
    }

    /** The value used when no level sets one, if there is such a value. */
    public Optional<T> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /** What the setting means. */
    public String description() {
        return description;
    }

    /**
     * Parses a value written as text, as in a system property or environment variable.
     *
     * @param source names where the text came from in the error ({@code "system property x"})
     * @throws ConfigException when the text is not a valid value; the message never quotes an API key
     */
    public T parse(String source, String text) {
        Objects.requireNonNull(source, "source == null");
        Objects.requireNonNull(text, "text == null");
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source, 0, 0, "", e.getMessage());
        }
    }

    /** The environment spelling of a property name: upper case, {@code .} and {@code -} become {@code _}. */
    static String environmentName(String propertyName) {
        return propertyName.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The provider id of a per-provider key, or {@code null}. */
    String providerId() {
        return providerId;
    }

    /** The provider setting of a per-provider key, or {@code null}. */
    ProviderField field() {
        return field;
    }

    private static Path path(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("expected a file name, got a blank value");
        }
        try {
            return Path.of(text.trim());
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("expected a file name, got " + Values.quote(text));
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfigKey<?> other && name.equals(other.name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return "ConfigKey[" + name + "]";
    }
}
