package io.captchafeedback.config;

import io.captchafeedback.task.Feedback;
import io.captchafeedback.provider.FeedbackResult;
import io.captchafeedback.provider.ProviderAdapter;
import io.captchafeedback.provider.ProviderCapabilities;
import io.captchafeedback.provider.ProviderSettings;
import io.captchafeedback.provider.TaskIdKind;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import okhttp3.OkHttpClient;

/**
 * A third-party factory, registered only in {@code config/third-party/META-INF/services} so that just the
 * tests that load that directory see it. It takes type {@code acme-captcha} with one option, {@code region}
 * ({@code eu} or {@code us}), and refuses any other option the way a built-in adapter does, with the key
 * path of the option, so that the configuration places the error in the file.
 */
public final class ThirdPartyAdapterFactory implements ProviderAdapter.Factory {
    @Override
    public ProviderAdapter create(ProviderSettings settings, OkHttpClient client) {
        if (!settings.type().equals("acme-captcha")) {
            return null;
        }
        for (Map.Entry<String, String> option : settings.options().entrySet()) {
            String path = "providers." + settings.id() + ".options." + option.getKey();
            if (!option.getKey().equals("region")) {
                throw new ConfigException(null, 0, 0, path, ConfigNode.unknownMessage("option", option.getKey(),
                        java.util.List.of("region")));
            }
            if (!option.getValue().equals("eu") && !option.getValue().equals("us")) {
                throw new ConfigException(null, 0, 0, path, "expected eu or us, got '" + option.getValue() + "'");
            }
        }
        return new ProviderAdapter() {
            @Override
            public String id() {
                return settings.id();
            }

            @Override
            public ProviderCapabilities capabilities() {
                return new ProviderCapabilities(TaskIdKind.STRING, null, Map.of(), Map.of(), "acme");
            }

            @Override
            public CompletableFuture<FeedbackResult> send(Feedback feedback) {
                return CompletableFuture.completedFuture(new FeedbackResult.Delivered("acme"));
            }
        };
    }
}
