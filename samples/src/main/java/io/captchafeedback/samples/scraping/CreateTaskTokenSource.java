package io.captchafeedback.samples.scraping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.provider.ProviderSettings;
import io.captchafeedback.solve.FoundWidget;
import io.captchafeedback.webmagic.TokenSource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A {@link TokenSource} (the WebMagic downloader's) written by hand for the {@code createTask}/{@code getTaskResult} JSON API shared by most solving
 * providers (uCaptcha, reGOTCHA, CapSolver, Anti-Captcha, CapMonster...): creates a proxyless task for
 * the widget, polls until it is ready and returns the token with its task id, so the feedback can
 * name the task later. The sample points it at the testkit's provider emulator; with a real
 * provider's settings it talks to that provider.
 *
 * <pre>{@code
 * import io.captchafeedback.webmagic.TokenSource;
 *
 * TokenSource tokens = new CreateTaskTokenSource(config.provider("ucaptcha").orElseThrow(), Duration.ofMinutes(2));
 * }</pre>
 *
 * <p>Thread-safe. The API key goes into request bodies only, never into a message.
 */
public final class CreateTaskTokenSource implements TokenSource {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(250);

    private final ProviderSettings provider;
    private final URI baseUrl;
    private final Duration maxSolveTime;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param provider the provider's settings; its base URL override must be set (the sample has no
     *     table of the providers' default URLs)
     * @param maxSolveTime how long to wait for a task to be ready
     */
    public CreateTaskTokenSource(ProviderSettings provider, Duration maxSolveTime) {
        this.provider = Objects.requireNonNull(provider, "provider == null");
        this.baseUrl = provider.baseUrlOverride().orElseThrow(() -> new IllegalArgumentException(
                "provider '" + provider.id() + "' needs a baseUrl for createTask"));
        this.maxSolveTime = Objects.requireNonNull(maxSolveTime, "maxSolveTime == null");
    }

    @Override
    public SolvedTask solve(FoundWidget challenge) throws IOException, InterruptedException {
        ObjectNode task = JSON.createObjectNode().put("websiteURL", challenge.pageUrl());
        switch (challenge.type()) {
            case RECAPTCHA_V2 -> task.put("type", "RecaptchaV2TaskProxyless").put("websiteKey", challenge.siteKey());
            case RECAPTCHA_V2_INVISIBLE -> task.put("type", "RecaptchaV2TaskProxyless").put("websiteKey", challenge.siteKey())
                    .put("isInvisible", true);
            case RECAPTCHA_V3 -> task.put("type", "RecaptchaV3TaskProxyless").put("websiteKey", challenge.siteKey())
                    .put("pageAction", challenge.action() == null ? "login" : challenge.action());
            case HCAPTCHA -> task.put("type", "HCaptchaTaskProxyless").put("websiteKey", challenge.siteKey());
            case TURNSTILE -> task.put("type", "TurnstileTaskProxyless").put("websiteKey", challenge.siteKey());
            case FUNCAPTCHA -> task.put("type", "FunCaptchaTaskProxyless").put("websitePublicKey", challenge.siteKey());
            default -> throw new IllegalArgumentException("no proxyless task type for " + challenge.type());
        }
        ObjectNode create = JSON.createObjectNode().put("clientKey", provider.apiKey().reveal());
        create.set("task", task);
        // Keep task ids as text: some providers use integers, others UUIDs.
        String taskId = call("/createTask", create).path("taskId").asText();

        Instant deadline = Instant.now().plus(maxSolveTime);
        ObjectNode poll = JSON.createObjectNode().put("clientKey", provider.apiKey().reveal());
        if (taskId.chars().allMatch(Character::isDigit)) {
            poll.put("taskId", Long.parseLong(taskId));   // integer ids go back as numbers
        } else {
            poll.put("taskId", taskId);
        }
        while (true) {
            JsonNode answer = call("/getTaskResult", poll);
            if ("ready".equals(answer.path("status").asText())) {
                JsonNode solution = answer.path("solution");
                String token = solution.hasNonNull("gRecaptchaResponse")
                        ? solution.get("gRecaptchaResponse").asText() : solution.path("token").asText();
                return SolvedTask.builder(provider.id(), taskId, challenge.type(), token)
                        .pageUrl(challenge.pageUrl()).siteKey(challenge.siteKey()).build();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IOException(provider.id() + ": task " + taskId + " not ready within " + maxSolveTime);
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private JsonNode call(String path, ObjectNode body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl.toString().replaceAll("/+$", "") + path))
                .timeout(provider.timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IOException(provider.id() + path + ": HTTP " + response.statusCode() + ", not JSON");
        }
        if (response.statusCode() != 200 || answer.path("errorId").asInt(-1) != 0) {
            String problem = answer.path("errorCode").asText("") + " " + answer.path("errorDescription").asText("");
            // A provider may echo the key it refused: never let it into a message.
            throw new IOException(provider.id() + path + ": HTTP " + response.statusCode() + " "
                    + problem.replace(provider.apiKey().reveal(), "[redacted]"));
        }
        return answer;
    }
}
