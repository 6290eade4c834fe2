package io.reflector.ingest.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.reflector.ingest.daily.DailyEnvelope;

/** Waits for inboxed Daily events to be worked. */
public final class InboxEvents {
    private static final Duration PROCESSING_LIMIT = Duration.ofSeconds(60);

    private final JdbcClient jdbc;

    public InboxEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public static String idOf(String envelope) {
        return DailyEnvelope.parse(envelope.getBytes(StandardCharsets.UTF_8)).id();
    }

    public void awaitProcessed(String envelope) {
        String id = idOf(envelope);
        Eventually.await(PROCESSING_LIMIT, () -> jdbc.sql("""
                        select processed_at is not null from inbox_event where provider = 'daily' and event_id = :id""")
                .param("id", id).query(Boolean.class).single(), "event " + id + " to be processed");
    }

    /** Processed without a failure noted on the way. */
    public boolean processedCleanly(String envelope) {
        return jdbc.sql("""
                        select processed_at is not null and error_msg is null from inbox_event
                        where provider = 'daily' and event_id = :id""")
                .param("id", idOf(envelope)).query(Boolean.class).single();
    }
}
