package io.reflector.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.reflector.ingest.support.EmbeddedDefaultTest;

class SchemaTest extends EmbeddedDefaultTest {
    @Autowired
    JdbcClient jdbc;

    @Test
    void flywayAppliedEveryMigration() {
        assertThat(jdbc.sql("select count(*) from flyway_schema_history where success").query(Integer.class).single())
                .isPositive();
        assertThat(jdbc.sql("select count(*) from flyway_schema_history where not success").query(Integer.class).single())
                .isZero();
    }

    @Test
    void roomNamesAreUnique() {
        insertRoom("unique-room");
        assertThatThrownBy(() -> insertRoom("unique-room")).isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void aBucketAndKeyMakeOneRecordingAndARecordingOneTranscript() {
        String key = "room-" + UUID.randomUUID() + "-2025-10-08T12:00:00Z.mp4";
        String recording = insertRecording("reflector-whereby-recordings", key);
        assertThatThrownBy(() -> insertRecording("reflector-whereby-recordings", key))
                .isInstanceOf(DuplicateKeyException.class);

        insertTranscript(recording);
        assertThatThrownBy(() -> insertTranscript(recording)).isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void anInboundEventIsStoredOncePerProviderAndEventId() {
        String eventId = UUID.randomUUID().toString();
        insertInbox("daily", eventId);
        assertThatThrownBy(() -> insertInbox("daily", eventId)).isInstanceOf(DuplicateKeyException.class);
        insertInbox("whereby", eventId);
    }

    @Test
    void statusesOutsideTheStateMachineAreRefused() {
        String recording = insertRecording("reflector-dailyco-recordings", "x/" + UUID.randomUUID());
        assertThatThrownBy(() -> jdbc.sql("insert into transcript (id, recording_id, status) values (:id, :rec, 'done')")
                .param("id", UUID.randomUUID().toString()).param("rec", recording).update())
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    private void insertRoom(String name) {
        jdbc.sql("insert into room (id, name) values (:id, :name)")
                .param("id", UUID.randomUUID().toString()).param("name", name).update();
    }

    private String insertRecording(String bucket, String key) {
        String id = UUID.randomUUID().toString();
        jdbc.sql("""
                        insert into recording (id, platform, bucket_name, object_key, recorded_at)
                        values (:id, 'whereby', :bucket, :key, now())""")
                .param("id", id).param("bucket", bucket).param("key", key).update();
        return id;
    }

    private void insertTranscript(String recordingId) {
        jdbc.sql("insert into transcript (id, recording_id) values (:id, :rec)")
                .param("id", UUID.randomUUID().toString()).param("rec", recordingId).update();
    }

    private void insertInbox(String provider, String eventId) {
        jdbc.sql("insert into inbox_event (provider, event_id, payload) values (:provider, :id, '{}')")
                .param("provider", provider).param("id", eventId).update();
    }
}
