package io.captchafeedback.provider;

/**
 * Which request about one feedback an adapter is sending: the first, or a repeat after an earlier
 * request that may have reached the provider (a timeout, a lost answer, a 5xx after the provider
 * recorded it, a restart after a crash).
 *
 * <p>Some answers mean different things depending on it. Anti-Captcha answers
 * {@code ERROR_NO_SUCH_CAPCHA_ID} both to a second report about a task ("Only one report can be sent per
 * task") and to a report after its 60-second window; after an earlier request it is read as
 * {@link FeedbackResult.AlreadyRecorded}.
 *
 * <!-- java: given Feedback feedback -->
 * <pre>{@code
 * adapter.send(feedback, Attempt.first());
 * adapter.send(feedback, Attempt.number(2));        // a retry: an earlier request was sent
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param number 1 for the first request about this feedback, counting up with every retry
 * @param sentBefore whether an earlier request about this feedback was sent and may have been recorded
 *     (true for every retry, and for a feedback recovered from the outbox that was in flight before)
 */
public record Attempt(int number, boolean sentBefore) {

    private static final Attempt FIRST = new Attempt(1, false);

    public Attempt {
        if (number < 1) {
            throw new IllegalArgumentException("number must be at least 1: " + number);
        }
    }

    /** The first request, nothing sent before. */
    public static Attempt first() {
        return FIRST;
    }

    /** Request number {@code number} (1-based); {@code sentBefore} is {@code number > 1}. */
    public static Attempt number(int number) {
        return number == 1 ? FIRST : new Attempt(number, number > 1);
    }
}
