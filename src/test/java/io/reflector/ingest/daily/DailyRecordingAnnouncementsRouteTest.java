package io.reflector.ingest.daily;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.reflector.ingest.config.ReflectorProperties;
import io.reflector.ingest.store.Recording;
import io.reflector.ingest.store.RecordingRepository;
import io.reflector.ingest.support.DailyWebhooks;
import io.reflector.ingest.support.EmbeddedDefaultTest;
import io.reflector.ingest.support.Eventually;
import io.reflector.ingest.support.InboxEvents;

/**
 * recording.started and recording.error through the real webhook, queue and database, and how the
 * recording.ready-to-download that follows takes the row over. The tracks of the ready events do not exist, so their
 * processing ends in error: what is checked is the recording row, not audio.
 */
class DailyRecordingAnnouncementsRouteTest extends EmbeddedDefaultTest {
    private static final Instant START = Instant.parse("2026-01-15T12:00:30Z");
    private static final Duration PROCESSING_LIMIT = Duration.ofMinutes(2);

    @Autowired
    JdbcClient jdbc;
    @Autowired
    RecordingRepository recordings;
    @Autowired
    ReflectorProperties properties;

    @Test
    void aStartedRecordingIsAPlaceholderThatItsReadyEventFillsIn() {
        String room = room();
        String meetingId = createMeeting(room);
        String recordingId = UUID.randomUUID().toString();

        post(started(room, recordingId));

        Recording placeholder = recordings.findById(recordingId).orElseThrow();
        assertThat(placeholder.status()).isEqualTo("recording");
        assertThat(placeholder.bucketName()).isEqualTo(properties.storage().dailyBucket());
        assertThat(placeholder.objectKey()).isEqualTo(recordingId);
        assertThat(placeholder.trackKeys()).isNull();
        assertThat(placeholder.recordedAt()).isEqualTo(START);
        assertThat(placeholder.roomName()).isEqualTo(room);
        assertThat(placeholder.meetingId()).isEqualTo(meetingId);

        String prefix = "testdomain/" + room + "/" + START.toEpochMilli();
        List<String> audio = List.of(prefix + "-" + UUID.randomUUID() + "-cam-audio-" + (START.toEpochMilli() + 100),
                prefix + "-" + UUID.randomUUID() + "-cam-audio-" + (START.toEpochMilli() + 900));
        post(ready(room, recordingId, prefix, audio));
        Eventually.await(PROCESSING_LIMIT, () -> "error".equals(status(recordingId)), "processing to end");

        Recording filledIn = recordings.findById(recordingId).orElseThrow();
        assertThat(filledIn.objectKey()).isEqualTo(prefix);
        assertThat(filledIn.trackKeys()).isEqualTo(audio);
        assertThat(filledIn.recordedAt()).isEqualTo(START);
        assertThat(filledIn.meetingId()).isEqualTo(meetingId);
        assertThat(filledIn.errorMsg()).contains("does not exist");
        assertThat(count("select count(*) from recording where id = :id", recordingId)).isOne();
        assertThat(count("select count(*) from transcript where recording_id = :id", recordingId)).isOne();

        post(started(room, recordingId));
        assertThat(recordings.findById(recordingId).orElseThrow()).isEqualTo(filledIn);
    }

    @Test
    void anErrorMarksTheRecordingWithDailysMessageKnownBeforeOrNot() {
        String room = room();
        String started = UUID.randomUUID().toString();
        String unknown = UUID.randomUUID().toString();
        post(started(room, started));

        post(error(room, started, "Recording stopped: bucket unreachable"));
        post(error(room, unknown, "Recording failed to start"));

        Recording failed = recordings.findById(started).orElseThrow();
        assertThat(failed.status()).isEqualTo("error");
        assertThat(failed.errorMsg()).isEqualTo("Recording stopped: bucket unreachable");
        assertThat(failed.recordedAt()).isEqualTo(START);
        Recording neverStarted = recordings.findById(unknown).orElseThrow();
        assertThat(neverStarted.status()).isEqualTo("error");
        assertThat(neverStarted.errorMsg()).isEqualTo("Recording failed to start");
        assertThat(neverStarted.objectKey()).isEqualTo(unknown);
        assertThat(neverStarted.recordedAt()).isEqualTo(START.plusSeconds(60));
    }

    @Test
    void anErrorWithoutRecordingIdIsOnlyLogged() {
        String room = room();
        String event = DailyWebhooks.envelope("rec-err-" + UUID.randomUUID(), "recording.error",
                "{\"action\":\"clourd-recording-err\",\"error_msg\":\"boom\",\"instance_id\":\"i-1\",\"room_name\":\""
                        + room + "\",\"timestamp\":" + START.getEpochSecond() + "}");

        post(event);

        assertThat(new InboxEvents(jdbc).processedCleanly(event)).isTrue();
        assertThat(count("select count(*) from recording where room_name = :id", room)).isZero();
    }

    @Test
    void aRecordingOurPipelineHasKeepsItsStatusWhenDailyReportsAnError() {
        String recordingId = UUID.randomUUID().toString();
        jdbc.sql("""
                        insert into recording (id, platform, bucket_name, object_key, recorded_at, status)
                        values (:id, 'daily', :bucket, :id, now(), 'completed')""")
                .param("id", recordingId).param("bucket", properties.storage().dailyBucket()).update();

        post(error(room(), recordingId, "late news"));

        Recording kept = recordings.findById(recordingId).orElseThrow();
        assertThat(kept.status()).isEqualTo("completed");
        assertThat(kept.errorMsg()).isNull();
    }

    @Test
    void aReadyEventAfterAnErrorStillFillsInThePlaceholder() {
        String room = room();
        String recordingId = UUID.randomUUID().toString();
        post(error(room, recordingId, "Recording interrupted"));

        String prefix = "testdomain/" + room + "/" + START.toEpochMilli();
        List<String> audio = List.of(prefix + "-" + UUID.randomUUID() + "-cam-audio-" + START.toEpochMilli());
        post(ready(room, recordingId, prefix, audio));
        Eventually.await(PROCESSING_LIMIT, () -> jdbc.sql(
                        "select status = 'error' from transcript where recording_id = :id")
                .param("id", recordingId).query(Boolean.class).optional().orElse(false), "processing to end");

        Recording filledIn = recordings.findById(recordingId).orElseThrow();
        assertThat(filledIn.objectKey()).isEqualTo(prefix);
        assertThat(filledIn.trackKeys()).isEqualTo(audio);
        assertThat(filledIn.recordedAt()).isEqualTo(START);
        assertThat(filledIn.errorMsg()).contains("does not exist").doesNotContain("Recording interrupted");
    }

    private void post(String event) {
        assertThat(new DailyWebhooks(http()).post(event).statusCode()).isEqualTo(200);
        new InboxEvents(jdbc).awaitProcessed(event);
    }

    private static String started(String room, String recordingId) {
        return DailyWebhooks.envelope("rec-start-" + UUID.randomUUID(), "recording.started",
                "{\"room_name\":\"" + room + "\",\"recording_id\":\"" + recordingId + "\",\"start_ts\":"
                        + START.getEpochSecond() + "}");
    }

    private static String error(String room, String recordingId, String message) {
        return DailyWebhooks.envelope("rec-err-" + UUID.randomUUID(), "recording.error",
                "{\"action\":\"cloud-recording-error\",\"error_msg\":\"" + message + "\",\"instance_id\":\"i-1\","
                        + "\"room_name\":\"" + room + "\",\"timestamp\":" + (START.getEpochSecond() + 60)
                        + ",\"recording_id\":\"" + recordingId + "\"}");
    }

    private static String ready(String room, String recordingId, String prefix, List<String> audioKeys) {
        StringBuilder tracks = new StringBuilder("[");
        audioKeys.forEach(key -> tracks.append("{\"type\":\"audio\",\"s3Key\":\"").append(key)
                .append("\",\"size\":1000},"));
        tracks.append("{\"type\":\"video\",\"s3Key\":\"").append(prefix).append("-").append(UUID.randomUUID())
                .append("-cam-video-").append(START.toEpochMilli()).append("\",\"size\":9}]");
        return DailyWebhooks.envelope("rec-rtd-" + UUID.randomUUID(), "recording.ready-to-download",
                "{\"type\":\"raw-tracks\",\"recording_id\":\"" + recordingId + "\",\"room_name\":\"" + room
                        + "\",\"start_ts\":" + START.getEpochSecond() + ",\"status\":\"finished\",\"s3_key\":\""
                        + prefix + "\",\"tracks\":" + tracks + "}");
    }

    private String createMeeting(String room) {
        String id = UUID.randomUUID().toString();
        assertThat(http().apiPost("/v1/meetings", "{\"id\":\"" + id + "\",\"room_name\":\"" + room
                + "\",\"platform\":\"daily\",\"start_date\":\"" + START.minusSeconds(30) + "\"}").statusCode())
                .isEqualTo(201);
        return id;
    }

    private String status(String recordingId) {
        return recordings.findById(recordingId).map(Recording::status).orElse("none");
    }

    private long count(String sql, String id) {
        return jdbc.sql(sql).param("id", id).query(Long.class).single();
    }

    private static String room() {
        return "rec-" + UUID.randomUUID().toString().substring(0, 8) + "-20260115120000";
    }
}
