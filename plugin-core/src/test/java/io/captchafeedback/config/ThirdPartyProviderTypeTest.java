package io.captchafeedback.config;


import io.captchafeedback.CaptchaFeedbackConfig;
import static io.captchafeedback.config.ConfigFixtures.isolated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.captchafeedback.provider.ApiKey;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/** Types other than the built-in ones are accepted exactly when a third-party factory is on the class path. */
class ThirdPartyProviderTypeTest {

    private static ClassLoader loaderWith(String directory) {
        URL url = ThirdPartyProviderTypeTest.class.getResource("/config/" + directory + "/");
        assertThat(url).as(directory).isNotNull();
        return new URLClassLoader(new URL[] {url}, ThirdPartyProviderTypeTest.class.getClassLoader());
    }

    @Test
    void anUnknownTypeIsAcceptedWhenAThirdPartyFactoryIsFound() {
        CaptchaFeedbackConfig config = isolated().classLoader(loaderWith("third-party"))
                .provider("acme", "acme-captcha", ApiKey.of("k"))
                .build();

        assertThat(config.provider("acme").orElseThrow().type()).isEqualTo("acme-captcha");
    }

    @Test
    void anUnknownTypeIsRefusedWithoutAThirdPartyFactory() {
        assertThatThrownBy(() -> isolated().classLoader(ThirdPartyProviderTypeTest.class.getClassLoader())
                        .provider("acme", "acme-captcha", ApiKey.of("k")).build())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("builder: providers.acme.type: unknown provider type 'acme-captcha'");
    }

    @Test
    void aBrokenServiceFileIsAConfigurationError() {
        assertThatThrownBy(() -> isolated().classLoader(loaderWith("broken-service"))
                        .provider("acme", "acme-captcha", ApiKey.of("k")).build())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("builder: providers.acme.type: cannot load a provider adapter factory listed in META-INF/services/")
                .hasMessageContaining("io.captchafeedback.config.NoSuchFactory");
    }

    @Test
    void builtInTypesNeverLookForFactories() {
        CaptchaFeedbackConfig config = isolated().classLoader(loaderWith("broken-service"))
                .provider("ucaptcha", "ucaptcha", ApiKey.of("k")).build();

        assertThat(config.providers()).hasSize(1);
    }
}
