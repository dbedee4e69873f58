package io.captchafeedback.provider;

import java.util.Objects;

/**
 * A provider API key that does not leak: {@link #toString()} never shows it, so it can sit in records,
 * settings and exception messages safely. Only an adapter building a request calls {@link #reveal()}.
 *
 * <pre>{@code
 * ApiKey key = ApiKey.of(System.getenv("UCAPTCHA_KEY"));
 * log.info("using {}", key); // prints ApiKey[redacted]
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class ApiKey {
    private final String value;

    private ApiKey(String value) {
        this.value = value;
    }

    /** Wraps a key; fails on null or blank without echoing the value. */
    public static ApiKey of(String value) {
        Objects.requireNonNull(value, "api key == null");
        if (value.isBlank()) {
            throw new IllegalArgumentException("api key is blank");
        }
        return new ApiKey(value);
    }

    /** The key itself, for putting into a request body. Never log the result. */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ApiKey other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "ApiKey[redacted]";
    }
}
