package io.captchafeedback.testkit.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the system's Chromium and ChromeDriver are and how to start them headless on a locked-down
 * machine: Debian's {@code chromium} and {@code chromium-driver} packages, never a downloaded browser.
 *
 * <p>Paths can be moved with the system properties {@code captchafeedback.chromium} /
 * {@code captchafeedback.chromedriver} or the environment variables {@code CAPTCHAFEEDBACK_CHROMIUM} /
 * {@code CAPTCHAFEEDBACK_CHROMEDRIVER}. {@link #requireInstalled()} fails loudly instead of letting
 * a browser test be skipped.
 *
 * <pre>{@code
 * Chromium.requireInstalled();
 * List<String> args = Chromium.headlessArguments();
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class Chromium {

    private Chromium() {
    }

    /** The Chromium executable (default {@code /usr/bin/chromium}). */
    public static Path binary() {
        return configured("captchafeedback.chromium", "CAPTCHAFEEDBACK_CHROMIUM", "/usr/bin/chromium");
    }

    /** The ChromeDriver executable (default {@code /usr/bin/chromedriver}). */
    public static Path driver() {
        return configured("captchafeedback.chromedriver", "CAPTCHAFEEDBACK_CHROMEDRIVER", "/usr/bin/chromedriver");
    }

    /**
     * Throws when Chromium or ChromeDriver is missing, saying how to install them. Browser tests call
     * this first so that a machine without a browser fails the build rather than skipping tests.
     */
    public static void requireInstalled() {
        for (Path p : List.of(binary(), driver())) {
            if (!Files.isExecutable(p)) {
                throw new IllegalStateException(p + " is missing: install Debian's browser with "
                        + "'apt-get install -y chromium chromium-driver' (./run-tests.sh does it when run as root)");
            }
        }
    }

    /**
     * Command-line switches for a quiet headless Chromium that stays on loopback: no sandbox (tests run
     * as root), no GPU, no background networking, and every host name except localhost unresolvable.
     */
    public static List<String> headlessArguments() {
        return List.of(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-default-apps",
                "--disable-extensions",
                "--disable-quic",
                "--no-first-run",
                "--no-default-browser-check",
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost",
                "--window-size=1280,900");
    }

    private static Path configured(String property, String env, String fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(env);
        }
        return Path.of(value == null || value.isBlank() ? fallback : value);
    }
}
