package io.reflector.ingest.store;

import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Records of queue messages that could not be read, kept instead of only logged. A redelivered message records
 * nothing twice: a record is identified by its queue, message and position.
 */
@Repository
public class NotificationFailures {
    private final JdbcClient jdbc;

    NotificationFailures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @param recordIndex position of the record in its message */
    public record Failure(String queue, String messageId, int recordIndex, String reason, String record,
                          Instant receivedAt) {
    }

    public void add(String queue, String messageId, int recordIndex, String reason, String record) {
        jdbc.sql("""
                        insert into notification_failure (queue, message_id, record_index, reason, record)
                        values (:queue, :messageId, :index, :reason, :record)
                        on conflict do nothing""")
                .param("queue", queue).param("messageId", storable(messageId)).param("index", recordIndex)
                .param("reason", storable(reason)).param("record", storable(record)).update();
    }

    public long count() {
        return jdbc.sql("select count(*) from notification_failure").query(Long.class).single();
    }

    public Optional<Failure> latest() {
        return jdbc.sql("select * from notification_failure order by received_at desc limit 1")
                .query((rs, i) -> new Failure(rs.getString("queue"), rs.getString("message_id"),
                        rs.getInt("record_index"), rs.getString("reason"), rs.getString("record"),
                        Rows.instant(rs, "received_at")))
                .optional();
    }

    /** What a failure quotes comes from the unreadable input: NULs and lone surrogates, which PostgreSQL refuses, are replaced. */
    static String storable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (c == '\u0000' || Character.isSurrogate(c)) {
                out.append('\uFFFD');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
