package io.reflector.ingest.events;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The {@code transcript_event} table (V9): ids grow in commit order, so "everything after id n" is a complete
 * answer. Rows copied from {@code transcript.events} are written by the table's trigger; progress rows here.
 */
@Repository
public class EventLog {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RowMapper<TranscriptEvent> EVENT = EventLog::event;

    private final JdbcClient jdbc;
    private final Duration retention;

    EventLog(JdbcClient jdbc, EventsProperties properties) {
        this.jdbc = jdbc;
        this.retention = properties.retention();
    }

    /** Appends an event in its own transaction and wakes every instance's listener; returns its id. */
    public long publish(String transcriptId, int run, String event, Object data) {
        return jdbc.sql("select publish_transcript_event(:transcript, :run, :event, cast(:data as jsonb))")
                .param("transcript", transcriptId).param("run", run).param("event", event).param("data", json(data))
                .query(Long.class).single();
    }

    /** Up to {@code limit} events after the given id, oldest first: of one transcript, or of all when null. */
    public List<TranscriptEvent> after(long id, String transcriptId, int limit) {
        return jdbc.sql("""
                        select * from transcript_event
                        where id > :after and (cast(:transcript as text) is null or transcript_id = :transcript)
                        order by id limit :limit""")
                .param("after", id).param("transcript", transcriptId).param("limit", limit)
                .query(EVENT).list();
    }

    /** The newest id, 0 when there is none: where a stream that asks for no replay starts. */
    public long latestId() {
        return jdbc.sql("select coalesce(max(id), 0) from transcript_event").query(Long.class).single();
    }

    /**
     * The id just before the first event of the oldest run in progress (else the newest id): replaying every
     * transcript's events from there brings the progress of all running recordings up to date.
     */
    public long beforeRunsInProgress() {
        return jdbc.sql("""
                        select coalesce((select min(e.id) - 1 from transcript_event e
                                         join transcript t on t.id = e.transcript_id and t.run = e.run
                                         where t.status = 'processing'),
                                        (select max(id) from transcript_event), 0)""")
                .query(Long.class).single();
    }

    /**
     * Deletes the rows older than {@code reflector.events.retention} (route {@code events-prune}); returns how many.
     * A client that reconnects with an older {@code Last-Event-ID} gets what is left after it.
     */
    public int pruneExpired() {
        return jdbc.sql("delete from transcript_event where created_at < now() - make_interval(secs => :seconds)")
                .param("seconds", retention.toSeconds()).update();
    }

    private static TranscriptEvent event(ResultSet rs, int row) throws SQLException {
        try {
            return new TranscriptEvent(rs.getLong("id"), rs.getString("transcript_id"), rs.getInt("run"),
                    rs.getString("event"), JSON.readTree(rs.getString("data")),
                    rs.getTimestamp("created_at").toInstant());
        } catch (JsonProcessingException e) {
            throw new SQLException("transcript_event " + rs.getLong("id") + " holds invalid JSON", e);
        }
    }

    private static String json(Object data) {
        try {
            return JSON.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + data.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
