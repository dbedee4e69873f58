package io.captchafeedback.provider;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The configuration of one provider: the id tasks refer to, the adapter type that talks to it, its key,
 * an optional base URL (tests, proxies, routers), the request timeout and adapter-specific options
 * (for the generic adapter {@code style: invalid|valid}; for CapSolver {@code appId}).
 *
 * <!-- java: given String key -->
 * <pre>{@code
 * ProviderSettings ucaptcha = new ProviderSettings("ucaptcha", "ucaptcha", ApiKey.of(key),
 *         null, Duration.ofSeconds(10), Map.of());
 * }</pre>
 *
 * <p>{@link #toString()} never shows the key. Immutable and thread-safe.
 *
 * @param id the provider id that {@link io.captchafeedback.task.SolvedTask#providerId()} names
 * @param type the adapter type: {@code ucaptcha}, {@code regotcha}, {@code capsolver}, {@code 2captcha},
 *     {@code anticaptcha}, {@code capmonster}, {@code nextcaptcha}, {@code generic}, or a third-party one
 * @param apiKey the key
 * @param baseUrl overrides the adapter's default base URL, or {@code null}
 * @param timeout the timeout of one feedback request
 * @param options adapter-specific options
 */
public record ProviderSettings(
        String id, String type, ApiKey apiKey, URI baseUrl, Duration timeout, Map<String, String> options) {

    /** The request timeout used when none is configured. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public ProviderSettings {
        Objects.requireNonNull(id, "id == null");
        Objects.requireNonNull(type, "type == null");
        Objects.requireNonNull(apiKey, "apiKey == null");
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        options = Map.copyOf(options == null ? Map.of() : options);
    }

    /** Settings with the default base URL, timeout and no options. */
    public static ProviderSettings of(String id, String type, ApiKey apiKey) {
        return new ProviderSettings(id, type, apiKey, null, null, Map.of());
    }

    /** The base URL override, if any. */
    public Optional<URI> baseUrlOverride() {
        return Optional.ofNullable(baseUrl);
    }

    /** An adapter option, if set. */
    public Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    /** Shows everything but the key, which is also removed from the other values should it appear there. */
    @Override
    public String toString() {
        String text = "ProviderSettings[id=" + id + ", type=" + type + ", apiKey=" + apiKey + ", baseUrl=" + baseUrl
                + ", timeout=" + timeout + ", options=" + new java.util.TreeMap<>(options) + "]";
        return text.replace(apiKey.reveal(), "[redacted]");
    }
}
