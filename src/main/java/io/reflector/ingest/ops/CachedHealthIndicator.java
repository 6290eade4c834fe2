package io.reflector.ingest.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * A health indicator that calls the service it checks at most once per interval, however often health is asked: the
 * health endpoint is public and polled by load balancers, so its cost must not grow with their number. While one
 * caller refreshes an expired answer the others get the previous one instead of waiting on a slow service; only the
 * very first callers wait. Each answer says when it was checked.
 */
abstract class CachedHealthIndicator implements HealthIndicator {
    private static final Logger log = LoggerFactory.getLogger(CachedHealthIndicator.class);

    private record Checked(Health health, Instant at) {
    }

    private final Clock clock;
    private final Duration interval;
    private final ReentrantLock refreshing = new ReentrantLock();
    private volatile Checked last;

    CachedHealthIndicator(Clock clock, Duration interval) {
        this.clock = clock;
        this.interval = interval;
    }

    /** Fills in the status and details by calling the service; an exception makes the answer DOWN with its reason. */
    protected abstract void check(Health.Builder builder) throws Exception;

    @Override
    public Health health() {
        Checked seen = last;
        if (seen != null && isFresh(seen)) {
            return seen.health();
        }
        if (seen != null && !refreshing.tryLock()) {
            return seen.health();
        }
        if (seen == null) {
            refreshing.lock();
        }
        try {
            Checked current = last;
            if (current == null || !isFresh(current)) {
                current = checkNow();
                last = current;
            }
            return current.health();
        } finally {
            refreshing.unlock();
        }
    }

    private boolean isFresh(Checked checked) {
        return checked.at().plus(interval).isAfter(clock.instant());
    }

    private Checked checkNow() {
        Instant at = clock.instant();
        Health.Builder builder = new Health.Builder();
        try {
            check(builder);
        } catch (Exception e) {
            log.warn("{} health check failed: {}", getClass().getSimpleName(), e.toString());
            builder.down(e);
        }
        return new Checked(builder.withDetail("checkedAt", at.toString()).build(), at);
    }
}
