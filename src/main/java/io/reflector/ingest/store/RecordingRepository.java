package io.reflector.ingest.store;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;

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

    /**
     * The ids among {@code ids} whose files are registered, i.e. that have a transcript; a placeholder left by
     * {@code recording.started} or {@code recording.error} has none and is not counted.
     */
    public Set<String> registered(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.sql("select recording_id from transcript where recording_id in (:ids)")
                .param("ids", ids).query(String.class).list());
    }

    /** The keys among {@code keys} of a bucket that have a recording. */
    public Set<String> recordedKeys(String bucket, Collection<String> keys) {
        if (keys.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.sql("select object_key from recording where bucket_name = :bucket and object_key in (:keys)")
                .param("bucket", bucket).param("keys", keys).query(String.class).list());
    }
}
