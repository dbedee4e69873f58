package io.captchafeedback;


import io.captchafeedback.config.ConfigNode;
import io.captchafeedback.provider.ApiKey;
import io.captchafeedback.provider.ProviderTypes;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parses and checks single configuration values, whatever their source. Each method throws
 * {@link IllegalArgumentException} whose message is the problem, ready for a located
 * {@link ConfigException}. Nothing here ever quotes an API key.
 */
final class Values {

    static final String DURATION_EXPECTED = "expected a positive duration such as 10s, 500ms, 2m or PT10S";
    static final String URL_EXPECTED = "expected an absolute http or https URL such as https://api.example.com";

    private static final Pattern PROVIDER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

    private Values() {
    }

    static ApiKey apiKey(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("expected a non-blank API key, got a blank value");
        }
        return ApiKey.of(text);
    }

    /** A type; built-in types match case-insensitively and come back in their canonical spelling. */
    static String type(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("expected a provider type such as " + ProviderTypes.UCAPTCHA
                    + ", got a blank value");
        }
        for (String builtIn : ProviderTypes.BUILT_IN) {
            if (builtIn.equalsIgnoreCase(t)) {
                return builtIn;
            }
        }
        return t;
    }

    static URI baseUrl(String text) {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            // Without a scheme the parser's reason ("Illegal character in scheme name") only misleads.
            String reason = text.contains("://") ? " (" + e.getReason() + ")" : "";
            throw new IllegalArgumentException(URL_EXPECTED + ", got " + quote(text) + reason);
        }
        return checkBaseUrl(uri, text);
    }

    static URI checkBaseUrl(URI uri, String written) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException(URL_EXPECTED + ", got " + quote(written));
        }
        return uri;
    }

    static Duration timeout(String text) {
        Duration d = ConfigNode.parseDuration(text);
        if (d == null) {
            throw new IllegalArgumentException(DURATION_EXPECTED + ", got " + quote(text)
                    + (ConfigNode.isTooLargeDuration(text) ? ", which is too large (at most "
                            + ConfigNode.MAX_DURATION_TEXT + ")" : ""));
        }
        return checkTimeout(d, text);
    }

    static Duration checkTimeout(Duration d, String written) {
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(DURATION_EXPECTED + ", got " + quote(written));
        }
        return d;
    }

    static String providerId(String id) {
        if (!PROVIDER_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("expected a provider id of letters, digits, '-' and '_', got "
                    + quote(id));
        }
        return id;
    }


    /** {@code 'value'}, shortened when long. */
    static String quote(String text) {
        return "'" + (text.length() > 60 ? text.substring(0, 57) + "..." : text) + "'";
    }
}
