package io.captchafeedback.testkit.browser;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URL;
import org.openqa.selenium.grid.commands.Standalone;
import org.openqa.selenium.grid.config.TomlConfig;
import org.openqa.selenium.grid.server.Server;

/**
 * A Selenium Grid standalone in this JVM, on a free port of 127.0.0.1, with Chromium session slots on the
 * system's {@code chromedriver}. Needs {@code selenium-grid} on the test class path.
 *
 * <pre>{@code
 * import org.openqa.selenium.remote.RemoteWebDriver;
 *
 * try (InProcessGrid grid = InProcessGrid.start(1)) {
 *     WebDriver driver = new RemoteWebDriver(grid.url(), SeleniumChromium.options());
 * }
 * }</pre>
 *
 * <p>Thread-safe (the Grid is).
 */
public final class InProcessGrid implements AutoCloseable {
    private final Server<?> server;

    private InProcessGrid(Server<?> server) {
        this.server = server;
    }

    /** Starts the Grid with {@code maxSessions} Chromium slots. */
    public static InProcessGrid start(int maxSessions) {
        Chromium.requireInstalled();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for the Grid", e);
        }
        String toml = """
                [server]
                host = "127.0.0.1"
                port = %d

                [node]
                detect-drivers = false
                selenium-manager = false

                [[node.driver-configuration]]
                display-name = "chromium"
                stereotype = '{"browserName": "chrome"}'
                webdriver-executable = "%s"
                max-sessions = %d
                """.formatted(port, Chromium.driver(), maxSessions);
        return new InProcessGrid(new Standalone().asServer(new TomlConfig(new StringReader(toml))).start());
    }

    /** The Grid's URL (the router), for {@code RemoteWebDriver} or a WebDriver session request. */
    public URL url() {
        return server.getUrl();
    }

    /** The underlying server. */
    public Server<?> server() {
        return server;
    }

    @Override
    public void close() {
        server.stop();
    }
}
