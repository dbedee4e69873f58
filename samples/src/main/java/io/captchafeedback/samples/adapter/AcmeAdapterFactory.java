package io.captchafeedback.samples.adapter;

import io.captchafeedback.config.ConfigException;
import io.captchafeedback.provider.ProviderAdapter;
import io.captchafeedback.provider.ProviderSettings;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Creates the adapter of the (made-up) provider type {@value #TYPE}. Registered for
 * {@link java.util.ServiceLoader} in {@code META-INF/services/io.captchafeedback.provider.ProviderAdapter$Factory},
 * so a configuration can say {@code type: acme}:
 *
 * <!-- java: not compiled (YAML) -->
 * <pre>{@code
 * providers:
 *   acme:
 *     key: ${ACME_KEY}
 *     options: { project: checkout }
 * }</pre>
 *
 * <p>Stateless and thread-safe; needs its public no-argument constructor for the {@code ServiceLoader}.
 */
public final class AcmeAdapterFactory implements ProviderAdapter.Factory {

    /** The provider type this factory takes (case-insensitive). */
    public static final String TYPE = "acme";
    /** Used when the configuration sets no {@code baseUrl}. */
    public static final String DEFAULT_BASE_URL = "https://api.acme-solver.example";
    /** Optional: the Acme project the reports are filed under. */
    public static final String OPTION_PROJECT = "project";

    @Override
    public ProviderAdapter create(ProviderSettings settings, OkHttpClient client) {
        // Factories are tried in turn: null means "not mine", so the next factory gets a chance.
        if (!TYPE.equals(settings.type().toLowerCase(Locale.ROOT))) {
            return null;
        }
        Set<String> unknown = new TreeSet<>(settings.options().keySet());
        unknown.remove(OPTION_PROJECT);
        if (!unknown.isEmpty()) {
            throw invalid(settings, "unknown option(s) " + unknown + "; type '" + TYPE + "' takes: " + OPTION_PROJECT);
        }
        String base = settings.baseUrlOverride().map(Object::toString).orElse(DEFAULT_BASE_URL);
        HttpUrl baseUrl = HttpUrl.parse(base);
        if (baseUrl == null || baseUrl.query() != null) {
            throw invalid(settings, "baseUrl: expected an http or https URL without a query, got '" + base + "'");
        }
        return new AcmeAdapter(settings, baseUrl, client);
    }

    /** Settings that are ours but wrong: a configuration error naming the provider, never its key. */
    private static ConfigException invalid(ProviderSettings settings, String problem) {
        return new ConfigException(null, 0, 0, "providers." + settings.id(),
                problem.replace(settings.apiKey().reveal(), "[redacted]"));
    }
}
