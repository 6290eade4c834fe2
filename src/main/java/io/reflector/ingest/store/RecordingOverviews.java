package io.reflector.ingest.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the recordings page lists: a transcript with its recording, room and meeting, one row each, newest first.
 */
@Repository
public class RecordingOverviews {
    /**
     * @param room        the room's name, else the platform's room name of the meeting or the recording
     * @param trackCount  microphone tracks; 1 for a single-file (Whereby) recording
     */
    public record RecordingOverview(String transcriptId, String recordingId, String platform, String room,
                                    Instant recordedAt, Double durationMs, JsonNode participants, int trackCount,
                                    String status, String transcription, String errorMsg, int run,
                                    boolean audioDeleted, Instant updatedAt) {
    }

    private static final String SELECT = """
            select t.id, t.recording_id, r.platform, coalesce(room.name, m.room_name, r.room_name) as room,
                r.recorded_at, t.duration_ms, t.participants,
                coalesce(jsonb_array_length(r.track_keys), 1) as track_count, t.status, t.transcription, t.error_msg,
                t.run, t.audio_deleted, t.updated_at
            from transcript t
            join recording r on r.id = t.recording_id
            left join meeting m on m.id = coalesce(t.meeting_id, r.meeting_id)
            left join room on room.id = coalesce(t.room_id, m.room_id)
            """;
    private static final RowMapper<RecordingOverview> OVERVIEW = (rs, i) -> new RecordingOverview(rs.getString("id"),
            rs.getString("recording_id"), rs.getString("platform"), rs.getString("room"),
            Rows.instant(rs, "recorded_at"), Rows.nullableDouble(rs, "duration_ms"), Rows.json(rs, "participants"),
            rs.getInt("track_count"), rs.getString("status"), rs.getString("transcription"),
            rs.getString("error_msg"), rs.getInt("run"), rs.getBoolean("audio_deleted"),
            Rows.instant(rs, "updated_at"));

    private final JdbcClient jdbc;

    RecordingOverviews(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The newest recordings, of one status or of all when null. */
    public List<RecordingOverview> recent(String status, int limit) {
        return jdbc.sql(SELECT + """
                        where (cast(:status as text) is null or t.status = :status)
                        order by r.recorded_at desc, t.created_at desc limit :limit""")
                .param("status", status).param("limit", limit).query(OVERVIEW).list();
    }

    public Optional<RecordingOverview> find(String transcriptId) {
        return jdbc.sql(SELECT + "where t.id = :id").param("id", transcriptId).query(OVERVIEW).optional();
    }
}
