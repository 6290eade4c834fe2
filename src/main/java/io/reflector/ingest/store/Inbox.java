package io.reflector.ingest.store;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Inbound events as received (webhook bodies, queue messages), unique per provider and event id. An event is
 * worked on from a queue and marked processed when done; the replay sweep re-queues what a lost queue message or a
 * crash left behind, a bounded number of times.
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

    /** Counts the attempt as it starts, so an event that kills the worker is not retried for ever. */
    public Optional<Event> startAttempt(String provider, String eventId) {
        return jdbc.sql("""
                        update inbox_event set attempts = attempts + 1, last_attempt_at = now()
                        where provider = :provider and event_id = :eventId and processed_at is null
                        returning provider, event_id, event_type, payload, attempts""")
                .param("provider", provider).param("eventId", eventId)
                .query((rs, i) -> new Event(rs.getString("provider"), rs.getString("event_id"),
                        rs.getString("event_type"), rs.getString("payload"), rs.getInt("attempts")))
                .optional();
    }

    public void processed(String provider, String eventId) {
        jdbc.sql("update inbox_event set processed_at = now(), error_msg = null where provider = :provider and event_id = :eventId")
                .param("provider", provider).param("eventId", eventId).update();
    }

    /** An event that can never be worked (it is not what its type says): done with, its reason kept. */
    public void invalid(String provider, String eventId, String reason) {
        jdbc.sql("""
                        update inbox_event set processed_at = now(), error_msg = :reason
                        where provider = :provider and event_id = :eventId""")
                .param("provider", provider).param("eventId", eventId).param("reason", "invalid event: " + reason)
                .update();
    }

    public void failed(String provider, String eventId, String reason) {
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
