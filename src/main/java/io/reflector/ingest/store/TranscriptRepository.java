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
            rs.getString("status"), rs.getString("error_msg"), Rows.json(rs, "participants"),
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

    public List<Transcript> findByStatus(String status, int limit) {
        return jdbc.sql("""
                        select * from transcript where (:status::text is null or status = :status)
                        order by created_at desc limit :limit""")
                .param("status", status).param("limit", limit)
                .query(TRANSCRIPT).list();
    }
}
