package io.reflector.ingest.store;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class TranscriptRepository {
    private static final RowMapper<Transcript> TRANSCRIPT = (rs, i) -> new Transcript(rs.getString("id"),
            rs.getString("recording_id"), rs.getString("meeting_id"), rs.getString("room_id"),
            rs.getString("status"), rs.getString("error_msg"), rs.getString("failure_kind"), Rows.json(rs, "participants"),
            Rows.json(rs, "events"), Rows.json(rs, "words"), Rows.nullableDouble(rs, "duration_ms"),
            Rows.json(rs, "waveform"), rs.getString("audio_location"), rs.getString("audio_key"),
            rs.getString("waveform_key"), rs.getBoolean("audio_deleted"), rs.getString("transcription"),
            Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"), rs.getInt("run"),
            rs.getInt("recovery_attempts"));

    private final JdbcClient jdbc;

    TranscriptRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Transcript> findById(String id) {
        return jdbc.sql("select * from transcript where id = :id").param("id", id).query(TRANSCRIPT).optional();
    }

    /** Newest first, {@code limit} at most, from {@code cursor} on. */
    public Page<TranscriptSummary> summaries(String status, int limit, Page.Cursor cursor) {
        List<TranscriptSummary> rows = jdbc.sql("""
                        select id, recording_id, meeting_id, room_id, status, error_msg, failure_kind, duration_ms,
                            transcription, audio_deleted, created_at, updated_at, run, recovery_attempts
                        from transcript
                        where (:status::text is null or status = :status)
                          and (cast(:at as timestamptz) is null or (created_at, id) < (cast(:at as timestamptz), :id))
                        order by created_at desc, id desc limit :limit""")
                .param("status", status).param("at", Rows.timestamp(cursor.at())).param("id", cursor.id())
                .param("limit", limit + 1)
                .query((rs, i) -> new TranscriptSummary(rs.getString("id"), rs.getString("recording_id"),
                        rs.getString("meeting_id"), rs.getString("room_id"), rs.getString("status"),
                        rs.getString("error_msg"), rs.getString("failure_kind"), Rows.nullableDouble(rs, "duration_ms"),
                        rs.getString("transcription"), rs.getBoolean("audio_deleted"), Rows.instant(rs, "created_at"),
                        Rows.instant(rs, "updated_at"), rs.getInt("run"), rs.getInt("recovery_attempts")))
                .list();
        return Page.of(rows, limit, row -> new Page.Cursor(row.createdAt(), row.id()));
    }
}
