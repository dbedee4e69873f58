package io.captchafeedback.samples.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.captchafeedback.task.CaptchaType;
import io.captchafeedback.task.Feedback;
import io.captchafeedback.provider.ApiKey;
import io.captchafeedback.provider.FeedbackResult;
import io.captchafeedback.provider.FeedbackResult.RefusalReason;
import io.captchafeedback.provider.ProviderAdapter;
import io.captchafeedback.provider.ProviderCapabilities;
import io.captchafeedback.provider.ProviderSettings;
import io.captchafeedback.provider.TaskIdKind;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The adapter of the made-up provider Acme, whose report API is
 *
 * <pre>
 * POST {base}/v1/reports
 * Authorization: Bearer KEY
 * {"taskId": "...", "accepted": true|false, "captchaType": "recaptcha_v2", "note": "...", "project": "..."}
 *
 * 200 {"status": "recorded"}                          the report is in
 * 409 {"status": "duplicate"}                         there already is one for this task
 * 422 {"status": "refused", "reason": "...", "detail": "..."}   final: window_closed, unknown_task, invalid
 * 401 / 403                                           the key is wrong
 * 429 / 5xx (Retry-After)                             try again later
 * </pre>
 *
 * Everything the library needs from an adapter is here: the capability table, one request per
 * feedback, every answer typed as a {@link FeedbackResult}, a future that never fails, and the key kept
 * out of every message.
 *
 * <p>Thread-safe: OkHttp's shared dispatcher runs the calls.
 */
final class AcmeAdapter implements ProviderAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(AcmeAdapter.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType JSON_TYPE = MediaType.get("application/json");

    private final String id;
    private final ApiKey key;
    private final String project;
    private final HttpUrl reportsUrl;
    private final OkHttpClient client;
    private final ProviderCapabilities capabilities;

    AcmeAdapter(ProviderSettings settings, HttpUrl baseUrl, OkHttpClient client) {
        this.id = settings.id();
        this.key = settings.apiKey();
        this.project = settings.option(AcmeAdapterFactory.OPTION_PROJECT).orElse(null);
        this.reportsUrl = baseUrl.newBuilder().addPathSegments("v1/reports").build();
        // Derive from the shared client: same connection pool, this provider's timeout.
        this.client = client.newBuilder().callTimeout(settings.timeout()).build();
        // Acme takes both polarities for every captcha type, within 24 hours of solving.
        Map<CaptchaType, String> every = new EnumMap<>(CaptchaType.class);
        for (CaptchaType type : CaptchaType.values()) {
            every.put(type, "/v1/reports");
        }
        this.capabilities = new ProviderCapabilities(TaskIdKind.STRING, Duration.ofHours(24), every, every,
                "Acme: one report per task within 24 h");
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public ProviderCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public CompletableFuture<FeedbackResult> send(Feedback feedback) {
        CompletableFuture<FeedbackResult> result = new CompletableFuture<>();
        Request request;
        try {
            request = new Request.Builder()
                    .url(reportsUrl)
                    .header("Authorization", "Bearer " + key.reveal())
                    .post(RequestBody.create(JSON.writeValueAsBytes(body(feedback)), JSON_TYPE))
                    .build();
        } catch (IOException | RuntimeException e) {
            // The contract: the future never completes exceptionally.
            result.complete(new FeedbackResult.Refused(RefusalReason.INVALID_DATA, "", redact(String.valueOf(e.getMessage()))));
            return result;
        }
        client.newCall(request).enqueue(new Callback() {
            @Override
            public void onFailure(Call call, IOException e) {
                complete(result, feedback, new FeedbackResult.Retryable(
                        "Acme unreachable: " + e.getClass().getSimpleName() + " " + redact(String.valueOf(e.getMessage())), null));
            }

            @Override
            public void onResponse(Call call, Response response) {
                try (response) {
                    complete(result, feedback, answer(response));
                } catch (RuntimeException | IOException e) {
                    complete(result, feedback, new FeedbackResult.Retryable("Acme answer unreadable: " + redact(String.valueOf(e.getMessage())), null));
                }
            }
        });
        return result;
    }

    private ObjectNode body(Feedback feedback) {
        ObjectNode body = JSON.createObjectNode()
                .put("taskId", feedback.task().taskId())
                .put("accepted", feedback.accepted())
                .put("captchaType", feedback.task().type().name().toLowerCase(Locale.ROOT))
                .put("note", feedback.message());
        if (project != null) {
            body.put("project", project);
        }
        return body;
    }

    /** Types Acme's answer. Any text from the provider is redacted: a provider may echo the key. */
    private FeedbackResult answer(Response response) throws IOException {
        int status = response.code();
        ResponseBody responseBody = response.body();
        String text = responseBody == null ? "" : responseBody.string();
        if (status == 429 || status >= 500) {
            return new FeedbackResult.Retryable("Acme answered HTTP " + status, retryAfter(response));
        }
        if (status == 401 || status == 403) {
            return new FeedbackResult.BadKey("HTTP_" + status, "Acme refused the API key");
        }
        JsonNode json;
        try {
            json = JSON.readTree(text);
        } catch (IOException e) {
            json = null;
        }
        if (json == null || !json.isObject()) {
            // A proxy's error page, a captive portal...: not Acme's answer, so worth another try.
            return new FeedbackResult.Retryable("Acme answered HTTP " + status + " without JSON", null);
        }
        String answer = json.path("status").asText("");
        if (status == 200 && answer.equals("recorded")) {
            return new FeedbackResult.Delivered("recorded");
        }
        if (status == 409 || answer.equals("duplicate")) {
            return new FeedbackResult.AlreadyRecorded("duplicate");
        }
        if (answer.equals("refused")) {
            String reason = json.path("reason").asText("");
            RefusalReason typed = switch (reason) {
                case "window_closed" -> RefusalReason.EXPIRED;
                case "unknown_task" -> RefusalReason.UNKNOWN_TASK;
                case "invalid" -> RefusalReason.INVALID_DATA;
                default -> RefusalReason.OTHER;
            };
            return new FeedbackResult.Refused(typed, reason, redact(json.path("detail").asText("")));
        }
        return new FeedbackResult.Retryable("Acme answered HTTP " + status + " with an unknown status '"
                + redact(answer) + "'", null);
    }

    private static Duration retryAfter(Response response) {
        String header = response.header("Retry-After");
        if (header == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(header.trim()));
        } catch (NumberFormatException e) {
            return null;   // an HTTP date: let the reporter's backoff decide
        }
    }

    private void complete(CompletableFuture<FeedbackResult> future, Feedback feedback, FeedbackResult result) {
        // One DEBUG line per call: provider, task, result. Never the body, never the key.
        LOG.debug("{}: {} report for task {} -> {}", id, feedback.accepted() ? "positive" : "negative",
                feedback.task().taskId(), result);
        future.complete(result);
    }

    private String redact(String text) {
        return text.replace(key.reveal(), "[redacted]");
    }

    @Override
    public String toString() {
        return "AcmeAdapter[id=" + id + ", url=" + reportsUrl + ", project=" + project + "]";
    }
}
