package io.reflector.ingest.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.reflector.ingest.config.ReflectorProperties;
import io.reflector.ingest.daily.DailyApiClient;
import io.reflector.ingest.support.DailyApiStub;

/** The watchdog against the Daily API stub, whose one webhook the tests switch between ACTIVE and FAILED. */
class DailyWebhookWatchdogTest {
    private static final Instant NOW = Instant.parse("2026-01-15T13:00:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DailyWebhookWatchdog watchdog = watchdog(DailyApiStub.API_KEY, registry);
    private final DailyWebhookHealthIndicator health = new DailyWebhookHealthIndicator(watchdog);

    @AfterEach
    void webhookActiveAgain() {
        DailyApiStub.INSTANCE.webhooksUnavailable(false);
        DailyApiStub.INSTANCE.webhook("ACTIVE", 0);
    }

    @Test
    void beforeTheFirstCheckNothingIsKnown() {
        Health before = health.health();

        assertThat(before.getStatus()).isEqualTo(Status.UP);
        assertThat(before.getDetails()).containsEntry("webhooks", "not checked yet");
        assertThat(failedGauge()).isZero();
    }

    @Test
    void aFailedWebhookDegradesHealthAndCountsInTheGaugeUntilItIsActiveAgain() {
        DailyApiStub.INSTANCE.webhook("FAILED", 3);
        watchdog.check();

        Health failed = health.health();
        assertThat(failed.getStatus()).isEqualTo(DailyWebhookHealthIndicator.DEGRADED);
        assertThat(failed.getDetails()).containsEntry("webhooks", 1);
        assertThat(failed.getDetails().get("webhook " + DailyApiStub.WEBHOOK_UUID).toString())
                .startsWith("FAILED, ").endsWith(", 3 failed deliveries");
        assertThat(failed.getDetails()).containsEntry("checkedAt", NOW.toString());
        assertThat(failedGauge()).isOne();

        DailyApiStub.INSTANCE.webhook("ACTIVE", 0);
        watchdog.check();

        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(failedGauge()).isZero();
    }

    @Test
    void aCheckThatCannotReachDailyKeepsTheLastKnownStateAndSaysWhy() {
        DailyApiStub.INSTANCE.webhook("FAILED", 4);
        watchdog.check();
        DailyApiStub.INSTANCE.webhooksUnavailable(true);
        watchdog.check();

        Health unknown = health.health();
        assertThat(unknown.getStatus()).isEqualTo(DailyWebhookHealthIndicator.DEGRADED);
        assertThat(unknown.getDetails().get("lastCheckFailed").toString()).contains("503");
        assertThat(failedGauge()).isOne();

        DailyApiStub.INSTANCE.webhooksUnavailable(false);
        watchdog.check();
        assertThat(health.health().getDetails()).doesNotContainKey("lastCheckFailed");
    }

    @Test
    void withoutAnApiKeyTheWatchdogIsOff() {
        Health off = new DailyWebhookHealthIndicator(watchdog("", new SimpleMeterRegistry())).health();

        assertThat(off.getStatus()).isEqualTo(Status.UP);
        assertThat(off.getDetails()).containsEntry("watchdog", "off (DAILY_API_KEY not set)");
    }

    private double failedGauge() {
        return registry.get("reflector.daily.webhook.failed").gauge().value();
    }

    private static DailyWebhookWatchdog watchdog(String apiKey, MeterRegistry registry) {
        ReflectorProperties properties = new ReflectorProperties(null, null, null, null, null, null,
                new ReflectorProperties.Daily(null, Duration.ZERO, 1, DailyApiStub.INSTANCE.url(), apiKey,
                        Duration.ofSeconds(10), Duration.ofMinutes(3), Duration.ofHours(24), Duration.ofMinutes(5)),
                null, null, null, null, null, null, null);
        return new DailyWebhookWatchdog(new DailyApiClient(properties), Clock.fixed(NOW, ZoneOffset.UTC), registry);
    }
}
