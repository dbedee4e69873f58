package io.captchafeedback.testkit.emulator;

import io.captchafeedback.task.CaptchaType;
import io.captchafeedback.provider.TaskIdKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/** Tasks, tokens, received feedback and verifications of one emulator. Thread-safe (one lock). */
final class EmulatorState {
    private static final String ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final String TOKEN_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private final Clock clock;
    private final Random random;
    private final Duration solveTime;
    private final Map<String, EmulatedTask> tasks = new HashMap<>();   // provider + "/" + taskId
    private final Map<String, EmulatedTask> byToken = new HashMap<>();
    private final List<ReceivedFeedback> feedback = new ArrayList<>();
    private final List<SiteVerification> verifications = new ArrayList<>();
    private final Deque<Boolean> scripted = new ArrayDeque<>();
    private double badTokenRate;
    private int processingPolls;
    private int unsolvableNext;
    private final java.util.Set<String> zeroBalance = new java.util.HashSet<>();
    private long nextIntegerId = 73_000_001L;

    EmulatorState(Clock clock, long seed, Duration solveTime, double badTokenRate) {
        this.clock = clock;
        this.random = new Random(seed);
        this.solveTime = solveTime;
        this.badTokenRate = badTokenRate;
    }

    Instant now() {
        return clock.instant();
    }

    synchronized EmulatedTask create(EmulatedProvider provider, CaptchaType type, String pageUrl, String siteKey,
            String action) {
        String taskId = newTaskId(provider);
        Instant now = now();
        Boolean script = scripted.pollFirst();
        boolean good = script != null ? script : random.nextDouble() >= badTokenRate;
        EmulatedTask task = new EmulatedTask(provider.name(), taskId, type, pageUrl, siteKey, action, now,
                now.plus(solveTime), newToken(type), good);
        task.processingPolls = processingPolls;
        if (unsolvableNext > 0) {
            unsolvableNext--;
            task.unsolvable = true;
        }
        tasks.put(key(provider.name(), taskId), task);
        byToken.put(task.token, task);
        return task;
    }

    synchronized EmulatedTask task(String provider, String taskId) {
        return tasks.get(key(provider, taskId));
    }

    synchronized EmulatedTask anyTask(String taskId) {
        for (EmulatedTask t : tasks.values()) {
            if (t.taskId.equals(taskId)) {
                return t;
            }
        }
        return null;
    }

    synchronized EmulatedTask byToken(String token) {
        return byToken.get(token);
    }

    synchronized void setProcessingPolls(int n) {
        this.processingPolls = n;
    }

    synchronized void addUnsolvable(int n) {
        this.unsolvableNext += n;
    }

    synchronized void setZeroBalance(String provider, boolean zero) {
        if (zero) {
            zeroBalance.add(provider);
        } else {
            zeroBalance.remove(provider);
        }
    }

    synchronized boolean hasZeroBalance(String provider) {
        return zeroBalance.contains(provider);
    }

    /** Counts a poll of {@code task}; returns whether it is still processing after it. */
    synchronized boolean poll(EmulatedTask task) {
        task.polls++;
        return task.polls <= task.processingPolls || now().isBefore(task.readyAt);
    }

    synchronized int polls(EmulatedTask task) {
        return task.polls;
    }

    synchronized void setBadTokenRate(double rate) {
        this.badTokenRate = rate;
    }

    synchronized void script(boolean good) {
        scripted.addLast(good);
    }

    synchronized void setGood(EmulatedTask task, boolean good) {
        task.good = good;
    }

    synchronized void record(ReceivedFeedback f) {
        feedback.add(f);
    }

    synchronized List<ReceivedFeedback> feedback() {
        return List.copyOf(feedback);
    }

    synchronized void recordVerification(SiteVerification v) {
        verifications.add(v);
    }

    synchronized List<SiteVerification> verifications() {
        return List.copyOf(verifications);
    }

    synchronized void reset() {
        tasks.clear();
        byToken.clear();
        feedback.clear();
        verifications.clear();
        scripted.clear();
        processingPolls = 0;
        unsolvableNext = 0;
        zeroBalance.clear();
    }

    private String newTaskId(EmulatedProvider provider) {
        if (provider.taskIdKind() == TaskIdKind.INTEGER) {
            return Long.toString(nextIntegerId++);
        }
        if (provider.name().equals("regotcha")) {
            return "task_" + randomString(ALNUM, 12);
        }
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    private String newToken(CaptchaType type) {
        return switch (type) {
            case RECAPTCHA_V2, RECAPTCHA_V2_INVISIBLE, RECAPTCHA_V3, RECAPTCHA_ENTERPRISE ->
                    "03AFcWeA" + randomString(TOKEN_CHARS, 180);
            case HCAPTCHA -> "P1_eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9." + randomString(TOKEN_CHARS, 120);
            case TURNSTILE -> "0." + randomString(TOKEN_CHARS, 150);
            case FUNCAPTCHA -> randomString("0123456789abcdef", 17) + "." + randomString("0123456789", 10)
                    + "|r=eu-west-1|meta=3|metabgclr=transparent|pk=EMULATOR|at=40|ag=101|cdn_url=|surl=";
            case IMAGE -> randomString(ALNUM, 6);
            case GEETEST_V3, GEETEST_V4 -> randomString("0123456789abcdef", 32);
            case AWS_WAF -> randomString(TOKEN_CHARS, 40) + ":" + randomString(TOKEN_CHARS, 60);
            case FRIENDLY_CAPTCHA, YANDEX_SMARTCAPTCHA, MTCAPTCHA, OTHER -> randomString(TOKEN_CHARS, 120);
        };
    }

    private String randomString(String alphabet, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private static String key(String provider, String taskId) {
        return provider + "/" + taskId;
    }
}
