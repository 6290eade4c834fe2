package io.reflector.ingest.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides which percentages of a long step are worth an event: the first, the last (100), and in between at most
 * one per interval, and only when the figure moved. Keyed by whatever names one step of one track of one run.
 */
final class ProgressThrottle {
    /** Steps that stop short of 100 (a failed fetch) leave their entry; past this many, stale ones are dropped. */
    private static final int MAX_ENTRIES = 10_000;

    private record Reported(Instant at, int percent) {
    }

    private final Map<String, Reported> reported = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration interval;

    ProgressThrottle(Clock clock, Duration interval) {
        this.clock = clock;
        this.interval = interval;
    }

    /** Whether this percentage of that step should be published now; remembers it when so. */
    boolean shouldReport(String step, int percent) {
        Instant now = clock.instant();
        if (percent >= 100) {
            reported.remove(step);
            return true;
        }
        Reported last = reported.get(step);
        if (last != null && (percent <= last.percent() || now.isBefore(last.at().plus(interval)))) {
            return false;
        }
        if (reported.size() >= MAX_ENTRIES) {
            Instant stale = now.minus(interval.multipliedBy(1000));
            reported.values().removeIf(entry -> entry.at().isBefore(stale));
        }
        reported.put(step, new Reported(now, percent));
        return true;
    }
}
