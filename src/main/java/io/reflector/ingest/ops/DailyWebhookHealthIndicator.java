package io.reflector.ingest.ops;

import java.util.List;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

import io.reflector.ingest.daily.DailyWebhook;

/**
 * The Daily webhooks as the watchdog last saw them, without calling Daily. A webhook that is not ACTIVE makes the
 * status {@code DEGRADED}, not DOWN: the poller still brings every recording in (later, by up to one poll period),
 * and a DOWN instance would be taken out of service or restarted, which stops the API and fixes nothing, since only
 * updating the webhook at Daily does. DEGRADED ranks between DOWN and UP and answers 200
 * ({@code management.endpoint.health.status.order}).
 */
@Component("dailyWebhook")
class DailyWebhookHealthIndicator extends AbstractHealthIndicator {
    static final Status DEGRADED = new Status("DEGRADED", "a Daily webhook is not ACTIVE; recordings arrive through the poller");

    private final DailyWebhookWatchdog watchdog;

    DailyWebhookHealthIndicator(DailyWebhookWatchdog watchdog) {
        super("Daily webhook health check failed");
        this.watchdog = watchdog;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        if (!watchdog.isWatching()) {
            builder.up().withDetail("watchdog", "off (DAILY_API_KEY not set)");
            return;
        }
        DailyWebhookWatchdog.Observation seen = watchdog.last();
        List<DailyWebhook> notDelivering = seen.notDelivering();
        builder.status(notDelivering.isEmpty() ? Status.UP : DEGRADED);
        if (seen.webhooks() == null) {
            builder.withDetail("webhooks", "not checked yet");
        } else {
            // one plain text per webhook: Hawtio's Spring Boot page cannot render a list of objects
            builder.withDetail("webhooks", seen.webhooks().size());
            seen.webhooks().forEach(webhook -> builder.withDetail("webhook " + webhook.uuid(), describe(webhook)));
            builder.withDetail("checkedAt", seen.checkedAt().toString());
        }
        if (seen.failedCheck() != null) {
            builder.withDetail("lastCheckFailed", seen.failedCheck());
        }
    }

    private static String describe(DailyWebhook webhook) {
        return webhook.state() + ", " + webhook.url() + ", " + webhook.failedCount() + " failed deliveries";
    }
}
