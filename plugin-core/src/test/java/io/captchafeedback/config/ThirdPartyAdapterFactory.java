package io.captchafeedback.config;

import io.captchafeedback.provider.ProviderAdapter;
import io.captchafeedback.provider.ProviderSettings;
import okhttp3.OkHttpClient;

/**
 * A third-party factory, registered only in {@code config/third-party/META-INF/services} so that just the
 * tests that load that directory see it. The configuration never creates adapters; it only looks for
 * factories, so this one creates none.
 */
public final class ThirdPartyAdapterFactory implements ProviderAdapter.Factory {
    @Override
    public ProviderAdapter create(ProviderSettings settings, OkHttpClient client) {
        return null;
    }
}
