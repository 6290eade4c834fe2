package io.reflector.ingest.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

class CachedHealthIndicatorTest {
    private static final Duration INTERVAL = Duration.ofSeconds(10);

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private volatile Instant now = Instant.parse("2026-12-01T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    private final ManualClock clock = new ManualClock();
    private final AtomicInteger calls = new AtomicInteger();

    @Test
    void theServiceIsAskedOncePerIntervalHoweverManyAsk() throws Exception {
        CachedHealthIndicator indicator = counting(builder -> builder.up().withDetail("call", calls.get()));
        ExecutorService askers = Executors.newFixedThreadPool(8);
        try {
            List<Future<Health>> answers = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                answers.add(askers.submit(indicator::health));
            }
            for (Future<Health> answer : answers) {
                assertThat(answer.get(10, TimeUnit.SECONDS).getStatus()).isEqualTo(Status.UP);
            }
        } finally {
            askers.shutdownNow();
        }
        assertThat(calls).hasValue(1);

        clock.advance(INTERVAL.minusMillis(1));
        indicator.health();
        assertThat(calls).hasValue(1);
        clock.advance(Duration.ofMillis(1));
        assertThat(indicator.health().getDetails()).containsEntry("call", 2)
                .containsEntry("checkedAt", clock.instant().toString());
        assertThat(calls).hasValue(2);
    }

    @Test
    void aFailingServiceIsDownWithTheReasonAndAskedAgainAfterTheInterval() {
        CachedHealthIndicator indicator = counting(builder -> {
            throw new IllegalStateException("bucket gone");
        });
        Health health = indicator.health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("error", "java.lang.IllegalStateException: bucket gone");

        indicator.health();
        assertThat(calls).hasValue(1);
        clock.advance(INTERVAL);
        indicator.health();
        assertThat(calls).hasValue(2);
    }

    @Test
    void whileOneCallerRefreshesTheOthersGetThePreviousAnswer() throws Exception {
        CountDownLatch refreshing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CachedHealthIndicator indicator = counting(builder -> {
            if (calls.get() == 2) {
                refreshing.countDown();
                release.await(10, TimeUnit.SECONDS);
            }
            builder.up().withDetail("call", calls.get());
        });
        indicator.health();
        clock.advance(INTERVAL);
        ExecutorService slow = Executors.newSingleThreadExecutor();
        try {
            Future<Health> refreshed = slow.submit(indicator::health);
            assertThat(refreshing.await(10, TimeUnit.SECONDS)).isTrue();

            assertThat(indicator.health().getDetails()).containsEntry("call", 1);

            release.countDown();
            assertThat(refreshed.get(10, TimeUnit.SECONDS).getDetails()).containsEntry("call", 2);
        } finally {
            slow.shutdownNow();
        }
        assertThat(calls).hasValue(2);
    }

    private interface Check {
        void check(Health.Builder builder) throws Exception;
    }

    private CachedHealthIndicator counting(Check check) {
        return new CachedHealthIndicator(clock, INTERVAL) {
            @Override
            protected void check(Health.Builder builder) throws Exception {
                calls.incrementAndGet();
                check.check(builder);
            }
        };
    }
}
