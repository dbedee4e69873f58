package io.captchafeedback.provider;

import io.captchafeedback.task.Feedback;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import okhttp3.OkHttpClient;

/**
 * A third-party factory, registered in this module's test resources under
 * {@code META-INF/services/io.captchafeedback.provider.ProviderAdapter$Factory}. It takes type
 * {@code echo} (an adapter that answers without a request), also claims {@code ucaptcha} (to show that
 * built-ins come first), and has two misbehaving types: {@code exploding} throws with the key in its
 * message, {@code misnamed} returns an adapter under another id.
 */
public final class ThirdPartyAdapterFactory implements ProviderAdapter.Factory {

    static final String ECHO = "echo";

    @Override
    public ProviderAdapter create(ProviderSettings settings, OkHttpClient client) {
        switch (settings.type()) {
            case ECHO:
            case ProviderTypes.UCAPTCHA:
                return new EchoAdapter(settings.id());
            case "exploding":
                throw new IllegalStateException("cannot use key " + settings.apiKey().reveal());
            case "misnamed":
                return new EchoAdapter(settings.id() + "-other");
            default:
                return null;
        }
    }

    /** Answers every feedback with {@code Delivered("echo")}. */
    static final class EchoAdapter implements ProviderAdapter {
        private final String id;

        EchoAdapter(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public ProviderCapabilities capabilities() {
            return new ProviderCapabilities(TaskIdKind.STRING, null, Map.of(), Map.of(), "echo");
        }

        @Override
        public CompletableFuture<FeedbackResult> send(Feedback feedback) {
            return CompletableFuture.completedFuture(new FeedbackResult.Delivered("echo"));
        }
    }
}
