package io.captchafeedback.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.captchafeedback.task.Feedback;
import io.captchafeedback.task.SolvedTask;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The adapter behind every built-in provider type: the provider's {@link ProviderCapabilities} pick the
 * endpoint per captcha type and polarity (no endpoint: {@link FeedbackResult.Unsupported}, no request),
 * the {@link RequestStyle} spells the verdict, {@link ProviderAnswers} types the answer.
 *
 * <p>Thread-safe; calls run on the shared client's dispatcher.
 */
final class HttpFeedbackAdapter implements ProviderAdapter {

    /** One DEBUG line per call: provider id, endpoint path, task id, result. Never the body or key. */
    static final Logger LOG = LoggerFactory.getLogger("io.captchafeedback.provider");

    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    private static final Pattern INTEGER_ID = Pattern.compile("[0-9]{1,18}");
    private static final String USER_AGENT = "captcha-feedback";

    private final String id;
    private final String type;
    private final ApiKey key;
    private final ProviderCapabilities capabilities;
    private final RequestStyle style;
    private final Map<String, String> extraFields;
    private final Map<String, HttpUrl> urls;
    private final OkHttpClient client;
    private final Duration timeout;
    private final Clock clock;
    private final AnswerDialect dialect;
    private final HttpUrl baseUrl;

    /**
     * @param settings the provider's settings (id, type, key, timeout)
     * @param baseUrl the base URL endpoints are appended to
     * @param capabilities the endpoints per captcha type, the task id kind
     * @param style how the verdict is written
     * @param extraFields fields written after {@code clientKey} (CapSolver's {@code appId}), in order
     * @param client the shared client; a derived client with this provider's timeout is used
     * @param dialect what this provider means by the answers whose meaning is its own
     */
    HttpFeedbackAdapter(ProviderSettings settings, HttpUrl baseUrl, ProviderCapabilities capabilities,
            RequestStyle style, Map<String, String> extraFields, OkHttpClient client, Clock clock,
            AnswerDialect dialect) {
        this.id = settings.id();
        this.type = settings.type();
        this.key = settings.apiKey();
        this.capabilities = Objects.requireNonNull(capabilities, "capabilities == null");
        this.style = Objects.requireNonNull(style, "style == null");
        this.extraFields = Collections.unmodifiableMap(new LinkedHashMap<>(extraFields));
        this.timeout = settings.timeout();
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.dialect = Objects.requireNonNull(dialect, "dialect == null");
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl == null");
        this.client = client.newBuilder()
                .callTimeout(timeout)
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .writeTimeout(timeout)
                .build();
        Map<String, HttpUrl> endpoints = new LinkedHashMap<>();
        capabilities.positiveEndpoints().values().forEach(p -> endpoints.computeIfAbsent(p, k -> resolve(baseUrl, k)));
        capabilities.negativeEndpoints().values().forEach(p -> endpoints.computeIfAbsent(p, k -> resolve(baseUrl, k)));
        this.urls = Map.copyOf(endpoints);
    }

    /** The base URL this adapter's endpoints are appended to (the override or the provider's default). */
    HttpUrl baseUrl() {
        return baseUrl;
    }

    /** {@code https://host/api/} + {@code /feedbackTask} = {@code https://host/api/feedbackTask}. */
    static HttpUrl resolve(HttpUrl base, String path) {
        String prefix = base.toString();
        if (prefix.endsWith("/")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        return HttpUrl.get(prefix + path);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public ProviderCapabilities capabilities() {
        return capabilities;
    }

    /** The derived client this adapter calls with (shares the pool and dispatcher of the one it was given). */
    OkHttpClient client() {
        return client;
    }

    /** The URL an endpoint path resolves to, or {@code null} when this adapter has no such endpoint. */
    HttpUrl url(String path) {
        return urls.get(path);
    }

    @Override
    public CompletableFuture<FeedbackResult> send(Feedback feedback) {
        return send(feedback, Attempt.first());
    }

    @Override
    public CompletableFuture<FeedbackResult> send(Feedback feedback, Attempt attempt) {
        Objects.requireNonNull(feedback, "feedback == null");
        Objects.requireNonNull(attempt, "attempt == null");
        SolvedTask task = feedback.task();
        String path = capabilities.endpoint(task.type(), feedback.accepted()).orElse(null);
        if (path == null) {
            return completed(feedback, "(no endpoint)", new FeedbackResult.Unsupported(type
                    + " takes no " + polarity(feedback) + " report for this type (" + describe(task) + ")"));
        }
        boolean integerId = capabilities.taskIdKind() == TaskIdKind.INTEGER;
        if (integerId && !INTEGER_ID.matcher(task.taskId()).matches()) {
            return completed(feedback, path, new FeedbackResult.Refused(FeedbackResult.RefusalReason.INVALID_DATA,
                    "", "task id '" + task.taskId() + "' is not an integer; " + type + " takes integer task ids"));
        }
        Request request;
        try {
            request = new Request.Builder()
                    .url(urls.get(path))
                    .header("Accept", "application/json")
                    .header("User-Agent", USER_AGENT)
                    .post(RequestBody.create(body(feedback, integerId), JSON_TYPE))
                    .build();
        } catch (RuntimeException e) {
            return completed(feedback, path, new FeedbackResult.Refused(FeedbackResult.RefusalReason.INVALID_DATA,
                    "", "could not build the request: " + e.getClass().getSimpleName()));
        }
        CompletableFuture<FeedbackResult> future = new CompletableFuture<>();
        Call call = client.newCall(request);
        future.whenComplete((r, t) -> {
            if (future.isCancelled()) {
                call.cancel();
            }
        });
        try {
            call.enqueue(new Callback() {
                @Override
                public void onFailure(Call c, IOException e) {
                    finish(future, feedback, path, ProviderAnswers.failure(e, timeout, HttpFeedbackAdapter.this::redact));
                }

                @Override
                public void onResponse(Call c, Response response) {
                    finish(future, feedback, path, read(response, feedback, attempt));
                }
            });
        } catch (RuntimeException e) {
            finish(future, feedback, path, FeedbackResult.Retryable.notRecorded(
                    "could not start the call: " + e.getClass().getSimpleName(), null));
        }
        return future;
    }

    private byte[] body(Feedback feedback, boolean integerId) {
        ObjectNode body = ProviderAnswers.JSON.createObjectNode();
        body.put("clientKey", key.reveal());
        extraFields.forEach(body::put);
        if (integerId) {
            body.put("taskId", Long.parseLong(feedback.task().taskId()));
        } else {
            body.put("taskId", feedback.task().taskId());
        }
        style.writeVerdict(body, feedback);
        try {
            return ProviderAnswers.JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write JSON", e);
        }
    }

    private FeedbackResult read(Response response, Feedback feedback, Attempt attempt) {
        try (response) {
            ResponseBody body = response.body();
            byte[] bytes = new byte[0];
            if (body != null) {
                BufferedSource source = body.source();
                source.request(ProviderAnswers.MAX_ANSWER_BYTES + 1L);
                if (source.getBuffer().size() > ProviderAnswers.MAX_ANSWER_BYTES) {
                    return FeedbackResult.Retryable.notRecorded("answer is not the provider's JSON: larger than "
                            + ProviderAnswers.MAX_ANSWER_BYTES + " bytes (HTTP " + response.code() + ")", null);
                }
                bytes = source.getBuffer().readByteArray();
            }
            Instant now = clock.instant();
            FeedbackResult typed = ProviderAnswers.interpret(response.code(), response.header("Retry-After"), bytes,
                    now, this::redact);
            return dialect.refine(typed, response.code(), feedback, attempt, capabilities.reportWindow(), now);
        } catch (IOException e) {
            return ProviderAnswers.failure(e, timeout, this::redact);
        } catch (RuntimeException e) {
            // an answer came but could not be read: it may say the report was recorded
            return FeedbackResult.Retryable.mayHaveReached("could not read the answer: " + e.getClass().getSimpleName());
        }
    }

    private CompletableFuture<FeedbackResult> completed(Feedback feedback, String path, FeedbackResult result) {
        CompletableFuture<FeedbackResult> future = new CompletableFuture<>();
        finish(future, feedback, path, result);
        return future;
    }

    private void finish(CompletableFuture<FeedbackResult> future, Feedback feedback, String path,
            FeedbackResult result) {
        try {
            if (LOG.isDebugEnabled()) {
                LOG.debug("{}: {} feedback {} for task {} -> {}", id, polarity(feedback), path,
                        feedback.task().taskId(), result);
            }
        } finally {
            future.complete(result);
        }
    }

    /** Removes the key from a text the provider (or the transport) produced. */
    String redact(String text) {
        return text == null ? null : text.replace(key.reveal(), "[redacted]");
    }

    private static String describe(SolvedTask task) {
        return task.providerTaskType() == null ? task.type().name() : task.type() + " " + task.providerTaskType();
    }

    private static String polarity(Feedback feedback) {
        return feedback.accepted() ? "positive" : "negative";
    }

    @Override
    public String toString() {
        return "ProviderAdapter[id=" + id + ", type=" + type + "]";
    }
}
