package io.reflector.ingest.store;

import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Deletes what only grows: inbox events, room webhook attempts and participant sessions older than the retention
 * age, in batches of a bounded size (short transactions, no long lock), at most {@value #MAX_BATCHES} batches per
 * table and run: a backlog is worked off over several runs.
 */
@Repository
public class Retention {
    static final int MAX_BATCHES = 20;
    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    /** Each: the table and which of its rows are past the cutoff {@code :cutoff}. */
    private static final String[][] TABLES = {
            {"inbox_event", "received_at < :cutoff"},
            {"room_webhook_attempt", "attempted_at < :cutoff"},
            {"participant_session", "coalesce(left_at, updated_at) < :cutoff"}};

    private final JdbcClient jdbc;
    private final Duration maxAge;
    private final int batchSize;

    Retention(JdbcClient jdbc, @Value("${reflector.retention.max-age:30d}") Duration maxAge,
              @Value("${reflector.retention.batch-size:1000}") int batchSize) {
        this.jdbc = jdbc;
        this.maxAge = maxAge;
        this.batchSize = batchSize;
    }

    /** @return the rows deleted */
    public int prune() {
        int total = 0;
        for (String[] table : TABLES) {
            int deleted = 0;
            for (int batch = 0; batch < MAX_BATCHES; batch++) {
                int count = jdbc.sql("delete from " + table[0] + " where ctid in (select ctid from " + table[0]
                                + " where " + table[1] + " limit :batch)")
                        .param("cutoff", Rows.timestamp(Instant.now().minus(maxAge)))
                        .param("batch", batchSize).update();
                deleted += count;
                if (count < batchSize) {
                    break;
                }
            }
            if (deleted > 0) {
                log.info("Retention: {} row(s) of {} older than {} deleted", deleted, table[0], maxAge);
            }
            total += deleted;
        }
        return total;
    }
}
