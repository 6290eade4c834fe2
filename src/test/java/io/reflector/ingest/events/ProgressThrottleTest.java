package io.reflector.ingest.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class ProgressThrottleTest {
    private Instant now = Instant.parse("2026-12-01T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final ProgressThrottle throttle = new ProgressThrottle(clock, Duration.ofSeconds(1));

    @Test
    void theFirstFigureIsReportedThenAtMostOnePerIntervalAndOnlyWhenItMoved() {
        assertThat(throttle.shouldReport("t/1/FETCH/0", 0)).isTrue();
        assertThat(throttle.shouldReport("t/1/FETCH/0", 10)).isFalse();
        now = now.plusMillis(1000);
        assertThat(throttle.shouldReport("t/1/FETCH/0", 10)).isTrue();
        now = now.plusMillis(5000);
        assertThat(throttle.shouldReport("t/1/FETCH/0", 10)).as("unchanged").isFalse();
        assertThat(throttle.shouldReport("t/1/FETCH/0", 11)).isTrue();
    }

    @Test
    void oneHundredIsAlwaysReportedAndStartsTheStepOver() {
        assertThat(throttle.shouldReport("t/1/MIX", 0)).isTrue();
        assertThat(throttle.shouldReport("t/1/MIX", 100)).isTrue();
        assertThat(throttle.shouldReport("t/1/MIX", 100)).isTrue();
        assertThat(throttle.shouldReport("t/1/MIX", 3)).as("a step run again reports from its start").isTrue();
    }

    @Test
    void stepsAreThrottledEachOnItsOwn() {
        assertThat(throttle.shouldReport("t/1/FETCH/0", 0)).isTrue();
        assertThat(throttle.shouldReport("t/1/FETCH/1", 0)).isTrue();
        assertThat(throttle.shouldReport("t/2/FETCH/0", 0)).isTrue();
    }
}
