package io.reflector.ingest.roomwebhook;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import io.reflector.ingest.store.WebhookAttempt.Outcome;

/**
 * When a room webhook is retried (spec §9.4 Recommend, §12 #31): 2xx is delivered; 408, 429, 5xx and no answer at
 * all are retried with exponential back-off, {@code firstRetryDelay} doubling up to {@code maxRetryDelay}, but
 * never later than {@code giveUpAfter} past the completion (or the last manual replay); any other answer (4xx,
 * redirects) would come again, so the delivery is given up at once.
 */
public record RetryPolicy(Duration firstRetryDelay, Duration maxRetryDelay, Duration giveUpAfter) {

    /**
     * @param error         why the attempt did not count as delivered; null when it did
     * @param nextAttemptAt for {@link Outcome#RETRY}; otherwise the attempt's own time
     */
    public record Decision(Outcome outcome, String error, Instant nextAttemptAt) {
    }

    /**
     * @param failedInWindow failed attempts since {@code retryingSince}, this one included
     */
    public Decision decide(AttemptResult result, int failedInWindow, Instant retryingSince, Instant now) {
        if (result instanceof AttemptResult.Answered answered) {
            if (answered.isSuccess()) {
                return new Decision(Outcome.DELIVERED, null, now);
            }
            return isRetryable(answered.statusCode())
                    ? retry(describe(answered), failedInWindow, retryingSince, now)
                    : new Decision(Outcome.GIVEN_UP, describe(answered) + " (not retried)", now);
        }
        AttemptResult.NoAnswer noAnswer = (AttemptResult.NoAnswer) result;
        return noAnswer.worthRetrying()
                ? retry(noAnswer.error(), failedInWindow, retryingSince, now)
                : new Decision(Outcome.GIVEN_UP, noAnswer.error(), now);
    }

    /** The wait after the {@code failedAttempts}-th failure in a row (1 = the first). */
    public Duration backOff(int failedAttempts) {
        Duration delay = firstRetryDelay;
        for (int i = 1; i < failedAttempts && delay.compareTo(maxRetryDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxRetryDelay) < 0 ? delay : maxRetryDelay;
    }

    static boolean isRetryable(int statusCode) {
        return statusCode == 408 || statusCode == 429 || statusCode >= 500;
    }

    private Decision retry(String error, int failedInWindow, Instant retryingSince, Instant now) {
        Instant next = now.plus(backOff(failedInWindow));
        if (next.isAfter(retryingSince.plus(giveUpAfter))) {
            return new Decision(Outcome.GIVEN_UP, error + "; given up after retrying for "
                    + giveUpAfter.toString().substring(2).toLowerCase(Locale.ROOT), now);
        }
        return new Decision(Outcome.RETRY, error, next);
    }

    private static String describe(AttemptResult.Answered answered) {
        String preview = answered.bodyPreview().strip();
        return "HTTP " + answered.statusCode() + (preview.isEmpty() ? "" : ": " + preview);
    }
}
