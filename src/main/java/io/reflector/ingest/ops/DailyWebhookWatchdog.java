package io.reflector.ingest.ops;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.camel.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.reflector.ingest.daily.DailyApiClient;
import io.reflector.ingest.daily.DailyApiException;
import io.reflector.ingest.daily.DailyWebhook;

/**
 * Watches Daily's circuit breaker (spec 2.9): a webhook that is not ACTIVE receives nothing until someone
 * re-activates it at Daily. Each check logs a warning naming every such webhook and keeps the result for gauge
 * {@code reflector.daily.webhook.failed} (how many are not ACTIVE) and the {@code dailyWebhook} health detail. A
 * check that cannot reach Daily keeps the last known state and says so.
 */
@Component
public class DailyWebhookWatchdog {
    private static final Logger log = LoggerFactory.getLogger(DailyWebhookWatchdog.class);

    /**
     * @param webhooks     what Daily answered last, null before the first successful check
     * @param checkedAt    when it answered
     * @param failedCheck  why the latest check did not get an answer, null when it did
     */
    public record Observation(List<DailyWebhook> webhooks, Instant checkedAt, String failedCheck) {
        static final Observation NONE = new Observation(null, null, null);

        public List<DailyWebhook> notDelivering() {
            return webhooks == null ? List.of() : webhooks.stream().filter(w -> !w.isDelivering()).toList();
        }
    }

    private final DailyApiClient daily;
    private final Clock clock;
    private final AtomicReference<Observation> last = new AtomicReference<>(Observation.NONE);

    DailyWebhookWatchdog(DailyApiClient daily, Clock clock, MeterRegistry registry) {
        this.daily = daily;
        this.clock = clock;
        Gauge.builder("reflector.daily.webhook.failed", () -> last.get().notDelivering().size())
                .description("Daily webhooks that are not ACTIVE: Daily sends no events through them")
                .register(registry);
    }

    @Handler
    public void check() {
        Observation previous = last.get();
        try {
            List<DailyWebhook> webhooks = daily.webhooks();
            Observation now = new Observation(List.copyOf(webhooks), clock.instant(), null);
            last.set(now);
            now.notDelivering().forEach(webhook -> log.warn("Daily webhook {} ({}) is {} after {} failed deliveries: "
                            + "Daily sends it no events until it is re-activated (POST /webhooks/{} with the same url); "
                            + "recordings still arrive through the poller", webhook.uuid(), webhook.url(),
                    webhook.state(), webhook.failedCount(), webhook.uuid()));
            previous.notDelivering().stream()
                    .filter(before -> webhooks.stream().anyMatch(w -> w.isDelivering() && w.uuid() != null
                            && w.uuid().equals(before.uuid())))
                    .forEach(recovered -> log.info("Daily webhook {} ({}) is ACTIVE again", recovered.uuid(),
                            recovered.url()));
        } catch (DailyApiException e) {
            last.set(new Observation(previous.webhooks(), previous.checkedAt(), e.getMessage()));
            log.warn("Daily webhooks could not be checked, last known state kept: {}", e.getMessage());
        }
    }

    public Observation last() {
        return last.get();
    }

    public boolean isWatching() {
        return daily.isConfigured();
    }
}
