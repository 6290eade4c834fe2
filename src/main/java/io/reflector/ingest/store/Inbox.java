package io.reflector.ingest.store;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Inbound events as received (webhook bodies, queue messages), unique per provider and event id. An event is
 * worked by {@link #work}, from a queue or in its request, and marked processed when done; the replay sweep re-queues
 * what a lost queue message or a crash left behind, a bounded number of times.
 */
@Repository
public class Inbox {
    private final JdbcClient jdbc;

    Inbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Event(String provider, String eventId, String type, String payload, int attempts) {
    }

    /** @return whether the event is new; a repeated event id leaves the stored one as it is */
    public boolean add(String provider, String eventId, String type, String payload) {
        return jdbc.sql("""
                        insert into inbox_event (provider, event_id, event_type, payload)
                        values (:provider, :eventId, :type, :payload)
                        on conflict (provider, event_id) do nothing""")
                .param("provider", provider).param("eventId", eventId).param("type", type).param("payload", payload)
                .update() == 1;
    }

    /** What is done with one event; it throws {@link InvalidEvent} for an event that can never be worked. */
    @FunctionalInterface
    public interface Work<E extends Exception> {
        void on(Event event) throws E;
    }

    /** The event is not what its type says: it would fail again, so it is done with, its reason kept. */
    public static class InvalidEvent extends RuntimeException {
        public InvalidEvent(String reason, Throwable cause) {
            super(reason, cause);
        }
    }

    /**
     * Works one event, if it is there and not yet processed. Deliberately not one transaction: the attempt is counted
     * and committed before the work starts, so an event that kills its worker is not retried for ever; the work
     * commits its own effects, which must be idempotent, and only then is the event marked processed, so a crash in
     * between means another attempt, never a lost event.
     *
     * @return false when there was nothing to do: the event is already processed, or unknown
     * @throws E after noting it on the event's row; the event stays unprocessed, for the next delivery or the replay
     */
    public <E extends Exception> boolean work(String provider, String eventId, Work<E> work) throws E {
        Optional<Event> event = startAttempt(provider, eventId);
        if (event.isEmpty()) {
            return false;
        }
        try {
            work.on(event.get());
        } catch (InvalidEvent e) {
            invalid(provider, eventId, e.getMessage());
            return true;
        } catch (Exception e) {
            failed(provider, eventId, e.toString());
            throw e;
        }
        processed(provider, eventId);
        return true;
    }

    private Optional<Event> startAttempt(String provider, String eventId) {
        return jdbc.sql("""
                        update inbox_event set attempts = attempts + 1, last_attempt_at = now()
                        where provider = :provider and event_id = :eventId and processed_at is null
                        returning provider, event_id, event_type, payload, attempts""")
                .param("provider", provider).param("eventId", eventId)
                .query((rs, i) -> new Event(rs.getString("provider"), rs.getString("event_id"),
                        rs.getString("event_type"), rs.getString("payload"), rs.getInt("attempts")))
                .optional();
    }

    private void processed(String provider, String eventId) {
        jdbc.sql("update inbox_event set processed_at = now(), error_msg = null where provider = :provider and event_id = :eventId")
                .param("provider", provider).param("eventId", eventId).update();
    }

    private void invalid(String provider, String eventId, String reason) {
        jdbc.sql("""
                        update inbox_event set processed_at = now(), error_msg = :reason
                        where provider = :provider and event_id = :eventId""")
                .param("provider", provider).param("eventId", eventId).param("reason", "invalid event: " + reason)
                .update();
    }

    private void failed(String provider, String eventId, String reason) {
        jdbc.sql("update inbox_event set error_msg = :reason where provider = :provider and event_id = :eventId")
                .param("provider", provider).param("eventId", eventId).param("reason", reason).update();
    }

    /** Unprocessed events nobody has tried for {@code quietFor}, with attempts left. */
    public List<String> replayable(String provider, Duration quietFor, int maxAttempts) {
        return jdbc.sql("""
                        select event_id from inbox_event
                        where provider = :provider and processed_at is null and attempts < :maxAttempts
                          and coalesce(last_attempt_at, received_at) < now() - make_interval(secs => :quiet)
                        order by received_at limit 100""")
                .param("provider", provider).param("maxAttempts", maxAttempts).param("quiet", quietFor.toSeconds())
                .query(String.class).list();
    }
}
