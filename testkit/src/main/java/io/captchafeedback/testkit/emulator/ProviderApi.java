package io.captchafeedback.testkit.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.captchafeedback.task.CaptchaType;
import io.captchafeedback.provider.ProviderTypes;
import io.captchafeedback.provider.TaskIdKind;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON APIs of the emulated providers: {@code createTask}, {@code getTaskResult}, {@code getBalance}
 * and the report endpoints, validated as providers.md documents them. Pure request-to-answer logic
 * over an {@link EmulatorState}; HTTP is the caller's business. Thread-safe.
 */
final class ProviderApi {
    static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A JSON answer: HTTP 200 with the error in the body, except where the provider documents another
     * status (CapSolver: 400, and 401 for a wrong key).
     */
    record Answer(int status, ObjectNode body) {
        Answer(ObjectNode body) {
            this(200, body);
        }
    }

    private final EmulatorState state;
    private final Map<String, String> keys;
    private final Map<String, Duration> windows;

    ProviderApi(EmulatorState state, Map<String, String> keys, Map<String, Duration> windows) {
        this.state = state;
        this.keys = keys;
        this.windows = windows;
    }

    /** Answers a POST to {@code path} under the provider's prefix, or {@code null} for an unknown path. */
    Answer handle(EmulatedProvider p, String path, byte[] body) {
        return switch (path) {
            case "/createTask" -> createTask(p, body);
            case "/getTaskResult" -> getTaskResult(p, body);
            case "/getBalance" -> getBalance(p, body);
            default -> p.reportEndpoints().containsKey(path) ? report(p, path, body) : null;
        };
    }

    Duration window(String provider) {
        return windows.get(provider);
    }

    private Answer createTask(EmulatedProvider p, byte[] body) {
        JsonNode req = parse(body);
        if (req == null) {
            return error(p.invalidData());
        }
        if (!keyOk(p, req)) {
            return error(p.badKey());
        }
        if (state.hasZeroBalance(p.name())) {
            return error(p.zeroBalance());
        }
        JsonNode task = req.get("task");
        if (task == null || !task.isObject() || !task.path("type").isTextual()) {
            return error(p.invalidData());
        }
        CaptchaType type = typeOf(task.get("type").asText(), task);
        if (type == null) {
            return error(p.taskNotSupported());
        }
        String pageUrl = text(task, "websiteURL");
        String siteKey = siteKey(type, task);
        boolean keyed = type.isInjectable();
        if (type == CaptchaType.IMAGE ? text(task, "body") == null : (pageUrl == null || (keyed && siteKey == null))) {
            return error(p.invalidData());
        }
        EmulatedTask t = state.create(p, type, pageUrl, siteKey, text(task, "pageAction"));
        ObjectNode ok = ok();
        putTaskId(p, ok, t.taskId);
        return new Answer(ok);
    }

    private Answer getTaskResult(EmulatedProvider p, byte[] body) {
        JsonNode req = parse(body);
        if (req == null) {
            return error(p.invalidData());
        }
        if (!keyOk(p, req)) {
            return error(p.badKey());
        }
        String taskId = taskId(p, req);
        if (taskId == null) {
            return error(p.invalidData());
        }
        EmulatedTask t = state.task(p.name(), taskId);
        if (t == null) {
            return error(p.unknownTask());
        }
        ObjectNode ok = ok();
        if (state.poll(t)) {
            ok.put("status", "processing");
            return new Answer(ok);
        }
        if (t.unsolvable) {
            return error(p.unsolvable());
        }
        ok.put("status", "ready");
        ObjectNode solution = ok.putObject("solution");
        switch (t.type) {
            case RECAPTCHA_V2, RECAPTCHA_V2_INVISIBLE, RECAPTCHA_V3, RECAPTCHA_ENTERPRISE -> {
                solution.put("gRecaptchaResponse", t.token);
                if (p.name().equals("2captcha")) {
                    solution.put("token", t.token);
                }
            }
            case HCAPTCHA -> {
                solution.put("gRecaptchaResponse", t.token);
                solution.put("respKey", "E0_emulator");
                solution.put("userAgent", "Mozilla/5.0 (captcha-feedback emulator)");
                if (p.name().equals("2captcha")) {
                    solution.put("token", t.token);
                }
            }
            case TURNSTILE -> {
                solution.put("token", t.token);
                solution.put("userAgent", "Mozilla/5.0 (captcha-feedback emulator)");
            }
            case FUNCAPTCHA, FRIENDLY_CAPTCHA, YANDEX_SMARTCAPTCHA, MTCAPTCHA, OTHER -> solution.put("token", t.token);
            case IMAGE -> solution.put("text", t.token);
            case GEETEST_V3 -> {
                solution.put("challenge", "emulated-challenge-" + t.taskId);
                solution.put("validate", t.token);
                solution.put("seccode", t.token + "|jordan");
            }
            case GEETEST_V4 -> {
                solution.put("captcha_id", t.siteKey == null ? "emulated" : t.siteKey);
                solution.put("lot_number", "emulated-lot-" + t.taskId);
                solution.put("pass_token", t.token);
                solution.put("gen_time", Long.toString(t.readyAt.getEpochSecond()));
                solution.put("captcha_output", "emulated-output");
            }
            case AWS_WAF -> solution.put("cookie", t.token);
        }
        if (p.name().equals(ProviderTypes.ANTICAPTCHA) || p.name().equals(ProviderTypes.TWOCAPTCHA)) {
            // Documented by these two only: anti-captcha.com/apidoc/methods/getTaskResult,
            // 2captcha.com/api-docs/get-task-result.
            ok.put("cost", "0.00100");
            ok.put("ip", "127.0.0.1");
            ok.put("createTime", t.createdAt.getEpochSecond());
            ok.put("endTime", t.readyAt.getEpochSecond());
            ok.put("solveCount", 0);
        }
        return new Answer(ok);
    }

    private Answer getBalance(EmulatedProvider p, byte[] body) {
        JsonNode req = parse(body);
        if (req == null) {
            return error(p.invalidData());
        }
        if (!keyOk(p, req)) {
            return error(p.badKey());
        }
        ObjectNode ok = ok();
        ok.put("balance", state.hasZeroBalance(p.name()) ? 0.0 : 10.0);
        return new Answer(ok);
    }

    private Answer report(EmulatedProvider p, String path, byte[] body) {
        JsonNode req = parse(body);
        if (req == null) {
            return error(p.invalidData());
        }
        EmulatedProvider.Endpoint endpoint = p.reportEndpoints().get(path);
        String sentTaskId = req.path("taskId").isValueNode() ? req.get("taskId").asText() : null;
        Attempt f = new Attempt(p, path, sentTaskId, state.now());
        if (!keyOk(p, req)) {
            return f.refuse(p.badKey());
        }
        Boolean positive = endpoint.positive();
        String code = null;
        String message = null;
        JsonNode result = req.get("result");
        switch (p.bodyStyle()) {
            case UCAPTCHA -> {
                if (!textual(req, "taskId") || result == null || !result.isObject()
                        || !result.path("invalid").isBoolean() || !result.path("message").isTextual()
                        || (result.has("code") && !result.get("code").isTextual())) {
                    return f.refuse(p.invalidData());
                }
                positive = !result.get("invalid").asBoolean();
                code = text(result, "code");
                message = result.get("message").asText();
            }
            case REGOTCHA -> {
                if (!textual(req, "taskId") || result == null || !result.isObject()
                        || !result.path("valid").isBoolean()) {
                    return f.refuse(p.invalidData());
                }
                positive = result.get("valid").asBoolean();
            }
            case CAPSOLVER -> {
                if (!textual(req, "taskId") || (req.has("appId") && !req.get("appId").isTextual())
                        || result == null || !result.isObject() || !result.path("invalid").isBoolean()
                        || (result.has("code") && !result.get("code").isIntegralNumber())
                        || (result.has("message") && !result.get("message").isTextual())) {
                    return f.refuse(p.invalidData());
                }
                positive = !result.get("invalid").asBoolean();
                code = result.has("code") ? result.get("code").asText() : null;
                message = text(result, "message");
            }
            case TASK_ID_ONLY -> {
                if (!req.path("taskId").isIntegralNumber()) {
                    return f.refuse(p.invalidData());
                }
            }
        }
        f.positive = positive;
        f.code = code;
        f.message = message;
        EmulatedTask task = state.task(p.name(), sentTaskId);
        if (task == null || !endpoint.types().contains(task.type)) {
            return f.refuse(p.unknownTask());
        }
        Duration window = windows.get(p.name());
        if (window != null && f.at.isAfter(task.readyAt.plus(window))) {
            return f.refuse(p.expired() != null ? p.expired() : p.unknownTask());
        }
        synchronized (state) {
            if (p.oncePerTask() && task.feedbackRecorded) {
                return f.refuse(p.duplicate());
            }
            task.feedbackRecorded = true;
            f.record(true, "");
        }
        ObjectNode ok = ok();
        switch (p.bodyStyle()) {
            case UCAPTCHA -> ok.put("message", "Feedback recorded");
            case REGOTCHA -> ok.put("message", "Feedback recorded: token " + (positive ? "valid" : "invalid"));
            case CAPSOLVER -> ok.put("message", "Feedback recorded");
            case TASK_ID_ONLY -> ok.put("status", "success");
        }
        return new Answer(ok);
    }

    /** A feedback attempt being answered: recorded in the state when it carries a task id. */
    private final class Attempt {
        final EmulatedProvider provider;
        final String endpoint;
        final String taskId;
        final Instant at;
        boolean positive;
        String code;
        String message;

        Attempt(EmulatedProvider provider, String endpoint, String taskId, Instant at) {
            this.provider = provider;
            this.endpoint = endpoint;
            this.taskId = taskId;
            this.at = at;
            Boolean fixed = provider.reportEndpoints().get(endpoint).positive();
            this.positive = fixed != null && fixed;
        }

        Answer refuse(EmulatedProvider.Error e) {
            record(false, e.code());
            return error(e);
        }

        void record(boolean recorded, String errorCode) {
            if (taskId != null) {
                state.record(new ReceivedFeedback(provider.name(), taskId, positive, endpoint, at, recorded,
                        errorCode, code, message));
            }
        }
    }

    static CaptchaType typeOf(String taskType, JsonNode task) {
        String t = taskType.toLowerCase(Locale.ROOT);
        if (t.contains("enterprise")) {
            return CaptchaType.RECAPTCHA_ENTERPRISE;
        }
        if (t.contains("recaptchav3")) {
            return CaptchaType.RECAPTCHA_V3;
        }
        if (t.contains("recaptchav2") || t.equals("norecaptchatask") || t.equals("norecaptchataskproxyless")) {
            return task.path("isInvisible").asBoolean(false)
                    ? CaptchaType.RECAPTCHA_V2_INVISIBLE : CaptchaType.RECAPTCHA_V2;
        }
        if (t.contains("hcaptcha")) {
            return CaptchaType.HCAPTCHA;
        }
        if (t.contains("turnstile")) {
            return CaptchaType.TURNSTILE;
        }
        if (t.contains("funcaptcha")) {
            return CaptchaType.FUNCAPTCHA;
        }
        if (t.contains("imagetotext")) {
            return CaptchaType.IMAGE;
        }
        if (t.contains("geetest")) {
            return "4".equals(task.path("version").asText("3")) ? CaptchaType.GEETEST_V4 : CaptchaType.GEETEST_V3;
        }
        CaptchaType other = CaptchaType.fromTaskType(taskType).orElse(null);
        return other == CaptchaType.OTHER ? null : other;
    }

    /** The widget key a createTask names, by type ({@code websiteKey}, GeeTest's {@code gt}...). */
    private static String siteKey(CaptchaType type, JsonNode task) {
        return switch (type) {
            case FUNCAPTCHA -> text(task, "websitePublicKey");
            case GEETEST_V3 -> text(task, "gt");
            case GEETEST_V4 -> text(task, "captchaId") != null ? text(task, "captchaId") : text(task, "gt");
            default -> text(task, "websiteKey");
        };
    }

    private boolean keyOk(EmulatedProvider p, JsonNode req) {
        JsonNode key = req.get("clientKey");
        return key != null && key.isTextual() && key.asText().equals(keys.get(p.name()));
    }

    private static String taskId(EmulatedProvider p, JsonNode req) {
        JsonNode id = req.get("taskId");
        if (id == null) {
            return null;
        }
        if (p.taskIdKind() == TaskIdKind.INTEGER) {
            return id.isIntegralNumber() ? id.asText() : null;
        }
        return id.isTextual() ? id.asText() : null;
    }

    private static void putTaskId(EmulatedProvider p, ObjectNode node, String taskId) {
        if (p.taskIdKind() == TaskIdKind.INTEGER) {
            node.put("taskId", Long.parseLong(taskId));
        } else {
            node.put("taskId", taskId);
        }
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean textual(JsonNode node, String field) {
        return node.path(field).isTextual() && !node.get(field).asText().isBlank();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
    }

    private static ObjectNode ok() {
        ObjectNode ok = JSON.createObjectNode();
        ok.put("errorId", 0);
        return ok;
    }

    static Answer error(EmulatedProvider.Error e) {
        ObjectNode body = JSON.createObjectNode();
        body.put("errorId", e.errorId());
        body.put("errorCode", e.code());
        body.put("errorDescription", e.description());
        return new Answer(e.status(), body);
    }
}
