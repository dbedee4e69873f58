package io.captchafeedback.benchmarks.rule;

import com.sun.net.httpserver.HttpServer;
import io.captchafeedback.config.ConfigNode;
import io.captchafeedback.spi.CompiledRuleSet;
import io.captchafeedback.spi.CompiledRules;
import io.captchafeedback.spi.Detection;
import io.captchafeedback.rule.RuleFiles;
import io.captchafeedback.testkit.browser.SeleniumChromium;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Evaluating a rule set of 100 rules in the page: one {@code executeScript} round trip per evaluation,
 * and the in-page time the probe measures with {@code performance.now()} (target: under 2 ms). Run on
 * demand (headless system Chromium on 127.0.0.1):
 * <pre>{@code
 * java -cp "$(cat benchmarks/target/classpath.txt):benchmarks/target/classes" \
 *     io.captchafeedback.benchmarks.rule.ProbeRoundTripBenchmark [iterations]
 * }</pre>
 * Prints percentiles of the in-page time, of the whole round trip, and of the Java-side evaluation.
 */
public final class ProbeRoundTripBenchmark {

    private ProbeRoundTripBenchmark() {
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] page = HundredRules.page().getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page);
            }
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/account";
        CompiledRuleSet compiled = CompiledRules.of(RuleFiles.parse(ConfigNode.parse("hundred-rules.yml", HundredRules.yaml(), false,
                System::getenv))).forUrl(URI.create(url)).orElseThrow();
        ChromeDriver driver = SeleniumChromium.start();
        try {
            driver.get(url);
            JavascriptExecutor js = driver;
            String statement = compiled.probeStatement();
            Histogram inPage = new Histogram(3);
            Histogram roundTrip = new Histogram(3);
            Histogram evaluate = new Histogram(3);
            String rule = null;
            Map<String, Object> last = null;
            for (int i = -50; i < iterations; i++) {
                long t0 = System.nanoTime();
                Map<String, Object> result = (Map<String, Object>) js.executeScript(statement);
                long t1 = System.nanoTime();
                Detection detection = compiled.start(URI.create(url));
                detection.onProbe(result);
                rule = detection.decide().map(v -> v.evidence().rule()).orElse("none");
                long t2 = System.nanoTime();
                last = result;
                if (i >= 0) {
                    inPage.recordValue(Math.round(((Number) result.get("t")).doubleValue() * 1000)); // µs
                    roundTrip.recordValue((t1 - t0) / 1000);
                    evaluate.recordValue((t2 - t1) / 1000);
                }
            }
            System.out.printf("rules: %d (%d own + defaults), in-page checks: %d, probe size: %d chars, decided by: %s%n",
                    compiled.rules().size(), HundredRules.RULES, compiled.probeChecks(), compiled.probeFunction().length(), rule);
            System.out.printf("round trips per evaluation: 1 (one executeScript), iterations: %d%n", iterations);
            print("in-page time (performance.now)", inPage);
            print("executeScript round trip", roundTrip);
            print("Java evaluation (start + onProbe + decide)", evaluate);
            java.util.List<Map<String, Object>> checks = (java.util.List<Map<String, Object>>) last.get("c");
            java.util.List<Integer> order = new java.util.ArrayList<>();
            for (int i = 0; i < checks.size(); i++) {
                order.add(i);
            }
            order.sort((a, b) -> Double.compare(((Number) checks.get(b).get("ms")).doubleValue(), ((Number) checks.get(a).get("ms")).doubleValue()));
            System.out.print("slowest checks of the last run (index: ms):");
            for (int i = 0; i < Math.min(5, order.size()); i++) {
                System.out.printf(" %d: %.3f", order.get(i), ((Number) checks.get(order.get(i)).get("ms")).doubleValue());
            }
            System.out.println();
        } finally {
            driver.quit();
            server.stop(0);
        }
    }

    private static void print(String what, Histogram h) {
        System.out.printf("%-45s p50 %7.3f ms  p90 %7.3f ms  p99 %7.3f ms  max %7.3f ms%n", what,
                h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(90) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0);
    }
}
