package io.captchafeedback.samples;

import io.captchafeedback.CaptchaFeedbackConfig;
import io.captchafeedback.provider.ApiKey;
import io.captchafeedback.provider.ProviderSettings;
import io.captchafeedback.testkit.emulator.ProviderEmulator;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/** The few helpers the samples' tests share. */
public final class SampleSupport {
    private SampleSupport() {
    }

    /**
     * A fresh outbox directory under {@code target/}: the reporter's default ({@code ~/.captcha-feedback})
     * would outlive the test run and replay old reports to the next run's emulator.
     */
    public static Path freshOutbox() {
        return Path.of("target", "outbox", UUID.randomUUID().toString());
    }

    /** A configuration with one provider, pointed at the emulator, that ignores the real environment. */
    public static CaptchaFeedbackConfig emulatorConfig(ProviderEmulator emulator, String provider) {
        return CaptchaFeedbackConfig.builder()
                .environment(Map.of())
                .provider(new ProviderSettings(provider, provider, ApiKey.of(emulator.apiKey(provider)),
                        emulator.baseUri(provider), null, Map.of()))
                .build();
    }
}
