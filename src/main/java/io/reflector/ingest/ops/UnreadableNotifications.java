package io.reflector.ingest.ops;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.reflector.ingest.store.NotificationFailures;

/**
 * Makes the notification records that could not be read visible: gauge
 * {@code reflector.notification.unreadable.records} and the health detail {@code wherebyNotifications} (the count
 * and the latest one). UP all the same: the instance serves, and the bucket listing finds the object such a record
 * announced; the row says which message to look at.
 */
@Component("wherebyNotifications")
class UnreadableNotifications extends AbstractHealthIndicator {
    private final NotificationFailures failures;

    UnreadableNotifications(NotificationFailures failures, MeterRegistry registry) {
        super("Reading notification_failure failed");
        this.failures = failures;
        Gauge.builder("reflector.notification.unreadable.records", failures::count)
                .description("records of queue notifications that could not be read, kept in notification_failure")
                .register(registry);
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.up().withDetail("unreadableRecords", failures.count());
        failures.latest().ifPresent(latest -> builder.withDetail("latestUnreadable", latest));
    }
}
