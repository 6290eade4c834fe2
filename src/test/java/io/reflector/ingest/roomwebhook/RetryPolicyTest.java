package io.reflector.ingest.roomwebhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.reflector.ingest.store.WebhookAttempt.Outcome;

class RetryPolicyTest {
    private static final RetryPolicy POLICY = new RetryPolicy(Duration.ofMinutes(1), Duration.ofHours(1),
            Duration.ofHours(24));
    private static final Instant COMPLETED = Instant.parse("2026-03-02T10:00:00Z");
    private static final Instant NOW = COMPLETED.plusSeconds(5);

    @Test
    void backOffDoublesFromOneMinuteUpToAnHour() {
        assertThat(IntStream.rangeClosed(1, 9).mapToObj(POLICY::backOff).map(Duration::toMinutes))
                .containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L);
        assertThat(POLICY.backOff(1_000)).isEqualTo(Duration.ofHours(1));
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 201, 202, 204, 299})
    void aSuccessIsDelivered(int status) {
        RetryPolicy.Decision decision = POLICY.decide(new AttemptResult.Answered(status, "ok"), 1, COMPLETED, NOW);

        assertThat(decision.outcome()).isEqualTo(Outcome.DELIVERED);
        assertThat(decision.error()).isNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 500, 502, 503, 504})
    void timeoutsThrottlingAndServerErrorsAreRetriedAfterTheBackOff(int status) {
        RetryPolicy.Decision decision = POLICY.decide(new AttemptResult.Answered(status, " busy \n"), 3, COMPLETED, NOW);

        assertThat(decision.outcome()).isEqualTo(Outcome.RETRY);
        assertThat(decision.nextAttemptAt()).isEqualTo(NOW.plus(Duration.ofMinutes(4)));
        assertThat(decision.error()).isEqualTo("HTTP " + status + ": busy");
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 400, 401, 403, 404, 410, 422})
    void otherAnswersWouldComeAgainSoTheDeliveryIsGivenUpAtOnce(int status) {
        RetryPolicy.Decision decision = POLICY.decide(new AttemptResult.Answered(status, ""), 1, COMPLETED, NOW);

        assertThat(decision.outcome()).isEqualTo(Outcome.GIVEN_UP);
        assertThat(decision.error()).isEqualTo("HTTP " + status + " (not retried)");
    }

    @Test
    void noAnswerIsRetriedUnlessTheRequestCannotBeMade() {
        assertThat(POLICY.decide(new AttemptResult.NoAnswer("no answer within 30 s", true), 1, COMPLETED, NOW))
                .isEqualTo(new RetryPolicy.Decision(Outcome.RETRY, "no answer within 30 s", NOW.plusSeconds(60)));
        assertThat(POLICY.decide(new AttemptResult.NoAnswer("'x' is not an http(s) URL", false), 1, COMPLETED, NOW))
                .isEqualTo(new RetryPolicy.Decision(Outcome.GIVEN_UP, "'x' is not an http(s) URL", NOW));
    }

    @Test
    void noRetryIsScheduledPastTheGiveUpTime() {
        Instant lateFailure = COMPLETED.plus(Duration.ofHours(23).plusMinutes(30));

        RetryPolicy.Decision lastRetry = POLICY.decide(new AttemptResult.Answered(503, ""), 2, COMPLETED, lateFailure);
        RetryPolicy.Decision givenUp = POLICY.decide(new AttemptResult.Answered(503, ""), 20, COMPLETED, lateFailure);

        assertThat(lastRetry.outcome()).isEqualTo(Outcome.RETRY);
        assertThat(givenUp.outcome()).isEqualTo(Outcome.GIVEN_UP);
        assertThat(givenUp.error()).isEqualTo("HTTP 503; given up after retrying for 24h");
    }

    @Test
    void aManualReplayOpensAFreshWindow() {
        Instant replayed = COMPLETED.plus(Duration.ofDays(3));

        RetryPolicy.Decision decision = POLICY.decide(new AttemptResult.Answered(503, ""), 1, replayed,
                replayed.plusSeconds(1));

        assertThat(decision.outcome()).isEqualTo(Outcome.RETRY);
        assertThat(decision.nextAttemptAt()).isEqualTo(replayed.plusSeconds(61));
    }
}
