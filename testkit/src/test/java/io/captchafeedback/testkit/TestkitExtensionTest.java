package io.captchafeedback.testkit;


import io.captchafeedback.testkit.emulator.ProviderEmulator;
import io.captchafeedback.testkit.site.DemoSite;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.captchafeedback.task.CaptchaType;
import java.io.IOException;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestkitExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TestkitExtensionTest {
    private static ProviderEmulator first;
    private static String firstTaskId;

    @Test
    @Order(1)
    void injectsARunningEmulatorAndADemoSiteVerifyingAgainstIt(ProviderEmulator emulator, DemoSite site) throws IOException {
        first = emulator;
        firstTaskId = emulator.solve("ucaptcha", CaptchaType.TURNSTILE, "https://x.example", "k").taskId();
        assertThat(Http.get(site.url("/")).statusCode()).isEqualTo(200);
        assertThat(Http.get(emulator.url("/")).statusCode()).isEqualTo(200);
        emulator.faults().down();
    }

    @Test
    @Order(2)
    void sharesTheEmulatorWithinTheClassAndResetsItBeforeEachTest(ProviderEmulator emulator) throws IOException {
        assertThat(emulator).isSameAs(first);
        assertThat(emulator.faults().isUp()).isTrue();
        assertThatThrownBy(() -> emulator.isGood(firstTaskId)).hasMessageContaining("no task");
        assertThat(Http.get(emulator.url("/")).statusCode()).isEqualTo(200);
    }
}
