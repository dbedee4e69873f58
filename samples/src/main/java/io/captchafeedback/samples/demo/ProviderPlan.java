package io.captchafeedback.samples.demo;

import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.CaptchaFeedbackConfig;
import io.captchafeedback.config.ConfigException;
import io.captchafeedback.provider.ApiKey;
import io.captchafeedback.provider.ProviderAdapter;
import io.captchafeedback.provider.ProviderSettings;
import io.captchafeedback.provider.ProviderTypes;
import io.captchafeedback.provider.TaskIdKind;
import io.captchafeedback.testkit.site.DemoWidget;
import io.captchafeedback.testkit.emulator.ProviderEmulator;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Which provider solves the token of each flow, and the configuration that sends the feedback to it.
 *
 * <p>On the local emulator every built-in provider is configured against it and the widgets are
 * spread over them, so that the table shows each provider's rules: Anti-Captcha takes positive reports
 * only for reCAPTCHA v3, CapMonster takes negative reports only, NextCaptcha takes none. With the
 * user's configuration the configured providers take the widgets in turn.
 *
 * <p>Either way the token itself comes from the local emulator, because the demo site verifies tokens
 * with it; the task is then attributed to the chosen provider id, with a task id of the kind that
 * provider issues.
 */
final class ProviderPlan {

    /** The provider of each widget's tokens, per engine, on the emulator. */
    private static final Map<Engine, Map<DemoWidget, String>> ON_THE_EMULATOR = Map.of(
            Engine.SELENIUM, widgets(ProviderTypes.UCAPTCHA, ProviderTypes.REGOTCHA, ProviderTypes.ANTICAPTCHA,
                    ProviderTypes.CAPSOLVER, ProviderTypes.TWOCAPTCHA, ProviderTypes.CAPMONSTER),
            Engine.PLAYWRIGHT, widgets(ProviderTypes.ANTICAPTCHA, ProviderTypes.CAPSOLVER, ProviderTypes.CAPMONSTER,
                    ProviderTypes.TWOCAPTCHA, ProviderTypes.NEXTCAPTCHA, ProviderTypes.REGOTCHA));

    private final ProviderEmulator emulator;
    private final CaptchaFeedbackConfig config;
    private final boolean realProviders;

    private ProviderPlan(ProviderEmulator emulator, CaptchaFeedbackConfig config, boolean realProviders) {
        this.emulator = emulator;
        this.config = config;
        this.realProviders = realProviders;
    }

    /** Every built-in provider type, configured against the emulator with its key. */
    static ProviderPlan emulated(ProviderEmulator emulator) {
        CaptchaFeedbackConfig.Builder builder = CaptchaFeedbackConfig.builder()
                .environment(Map.of())                   // the demo's own setup: no CAPTCHAFEEDBACK_* overrides
                .systemProperties(new Properties());
        for (String type : ProviderEmulator.providers()) {
            builder.provider(new ProviderSettings(type, type, ApiKey.of(emulator.apiKey(type)), emulator.baseUri(type),
                    null, Map.of()));
        }
        return new ProviderPlan(emulator, builder.build(), false);
    }

    /** The user's providers (real keys and endpoints); tokens still come from {@code emulator}. */
    static ProviderPlan configured(ProviderEmulator emulator, CaptchaFeedbackConfig config) {
        if (config.providers().isEmpty()) {
            throw new ConfigException(config.file().map(Path::toString).orElse(null), 0, 0, "providers",
                    "names no provider: the demo needs at least one to send the feedback to");
        }
        return new ProviderPlan(emulator, config, true);
    }

    /** The configuration the demo's {@code CaptchaFeedback} is built from. */
    CaptchaFeedbackConfig config() {
        return config;
    }

    /** Whether the feedback goes to the user's providers rather than to the local emulator. */
    boolean realProviders() {
        return realProviders;
    }

    /** The provider id whose tokens the flows of {@code widget} use in {@code engine}. */
    String providerFor(Engine engine, DemoWidget widget) {
        if (!realProviders) {
            return ON_THE_EMULATOR.get(engine).get(widget);
        }
        List<ProviderSettings> providers = config.providers();
        return providers.get((widget.ordinal() + engine.ordinal()) % providers.size()).id();
    }

    /**
     * A token for the flow's page, as if the flow's provider had solved it: created at the emulator (the
     * demo site trusts only its tokens), attributed to the flow's provider id, and made bad when the flow
     * wants a bad one.
     */
    SolvedTask solve(Flow flow, String pageUrl, ProviderAdapter adapter) {
        DemoWidget widget = flow.page().widget();
        SolvedTask solved = emulator.solve(emulatedType(flow.provider(), adapter), widget.captchaType(), pageUrl,
                widget.siteKey());
        if (!flow.goodToken()) {
            emulator.markBad(solved.taskId());
        }
        return new SolvedTask(flow.provider(), solved.taskId(), solved.type(), solved.token(), solved.solvedAt(),
                solved.pageUrl(), solved.siteKey());
    }

    /** {@code --solve}: makes the token of a bad-token flow bad at the emulator, before it is injected. */
    void spoilIfBad(Flow flow, SolvedTask task) {
        if (!flow.goodToken()) {
            emulator.markBad(task.taskId());
        }
    }

    /**
     * The emulated provider that issues a provider's task ids: the same type when the emulator speaks it,
     * otherwise one whose ids have the same kind (integer or string).
     */
    String emulatedType(String providerId, ProviderAdapter adapter) {
        String type = config.provider(providerId).map(ProviderSettings::type).orElse(providerId).toLowerCase(Locale.ROOT);
        if (ProviderEmulator.providers().contains(type)) {
            return type;
        }
        return adapter.capabilities().taskIdKind() == TaskIdKind.INTEGER ? ProviderTypes.TWOCAPTCHA : ProviderTypes.UCAPTCHA;
    }

    private static Map<DemoWidget, String> widgets(String... providers) {
        Map<DemoWidget, String> byWidget = new EnumMap<>(DemoWidget.class);
        for (DemoWidget widget : DemoWidget.values()) {
            byWidget.put(widget, providers[widget.ordinal()]);
        }
        return byWidget;
    }
}
