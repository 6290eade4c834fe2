package io.reflector.ingest.store;

import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class RecordingRepository {
    private static final RowMapper<Recording> RECORDING = (rs, i) -> new Recording(rs.getString("id"),
            Platform.of(rs.getString("platform")), rs.getString("bucket_name"), rs.getString("object_key"),
            Rows.stringList(rs, "track_keys"), Rows.instant(rs, "recorded_at"), rs.getString("room_name"),
            rs.getString("meeting_id"), rs.getString("status"), rs.getString("error_msg"),
            Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"));

    private final JdbcClient jdbc;

    RecordingRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Recording> findById(String id) {
        return jdbc.sql("select * from recording where id = :id").param("id", id).query(RECORDING).optional();
    }
}
