package io.reflector.ingest.daily;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

class DailyListedRecordingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-01-15T13:00:00Z");
    private static final Duration LIMIT = Duration.ofHours(24);
    private static final String PREFIX = "testdomain/standup-20260115120000/1768478430000";
    private static final String MIC = PREFIX + "-52f7f48b-fbab-431f-9a50-87b9abfc8255-cam-audio-1768478430100";
    private static final String CAMERA = PREFIX + "-52f7f48b-fbab-431f-9a50-87b9abfc8255-cam-video-1768478430120";
    private static final String SCREEN = PREFIX + "-0c4bd5c8-6b63-4a0f-9c41-3f1e9e0c1d22-screen-audio-1768478431000";

    /** Daily's recording object as GET /recordings lists a raw-tracks recording: no type, tracks as in the webhook. */
    private static final String RAW_TRACKS = """
            {"id": "08fa0b24-9220-44c5-846c-3f116cf8e738", "room_name": "standup-20260115120000",
             "start_ts": 1768478430, "status": "finished", "max_participants": 2, "duration": 1800,
             "share_token": null, "s3key": "%s", "mtgSessionId": "f7c1b2c4-4d7e-4b8a-9a3c-1e2f3a4b5c6d",
             "s3": {"bucket_name": "reflector-dailyco-recordings", "bucket_region": "us-east-1", "key": "%s"},
             "tracks": [{"type": "audio", "s3Key": "%s", "size": 1000},
                        {"type": "video", "s3Key": "%s", "size": 9000},
                        {"type": "audio", "s3Key": "%s", "size": 800}]}
            """.formatted(PREFIX, PREFIX, MIC, CAMERA, SCREEN);

    @Test
    void readsDailysRecordingObject() {
        DailyListedRecording recording = parse(RAW_TRACKS);

        assertThat(recording.id()).isEqualTo("08fa0b24-9220-44c5-846c-3f116cf8e738");
        assertThat(recording.roomName()).isEqualTo("standup-20260115120000");
        assertThat(recording.status()).isEqualTo("finished");
        assertThat(recording.startTs()).isEqualTo(1768478430L);
        assertThat(recording.duration()).isEqualTo(1800L);
        assertThat(recording.s3Key()).isEqualTo(PREFIX);
        assertThat(recording.microphoneTrackCount()).isEqualTo(1);
    }

    @Test
    void anEntryWithoutAnIdIsRefused() {
        assertThatThrownBy(() -> parse("{\"room_name\": \"r\", \"status\": \"finished\"}"))
                .isInstanceOf(DailyApiException.class).hasMessageContaining("without an id");
    }

    @Test
    void aFinishedRawTracksRecordingWithAudioIsIngestible() {
        assertThat(parse(RAW_TRACKS).isIngestible()).isTrue();
    }

    @Test
    void onlyFinishedRawTracksRecordingsWithAnAudioTrackAreIngestible() {
        assertThat(parse(withStatus("in-progress")).isIngestible()).isFalse();
        assertThat(parse(withStatus("canceled")).isIngestible()).isFalse();
        assertThat(parse(cloud()).isIngestible()).isFalse();
        assertThat(parse(withTracks("null")).isIngestible()).isFalse();
        assertThat(parse(withTracks("[]")).isIngestible()).isFalse();
        DailyListedRecording videoOnly = parse(withTracks("[{\"type\": \"video\", \"s3Key\": \"" + CAMERA + "\", \"size\": 9}]"));
        assertThat(videoOnly.isIngestible()).isFalse();
        assertThat(videoOnly.isSilentRawTracks()).isTrue();
        assertThat(parse(cloud()).isSilentRawTracks()).isFalse();
        DailyListedRecording screenOnly = parse(withTracks("[{\"type\": \"audio\", \"s3Key\": \"" + SCREEN + "\", \"size\": 9}]"));
        assertThat(screenOnly.isIngestible()).isFalse();
        assertThat(screenOnly.isSilentRawTracks()).isTrue();
    }

    @Test
    void finishedAndCanceledRecordingsAreSettledOnesInProgressAreNot() {
        assertThat(parse(RAW_TRACKS).isSettled(NOW, LIMIT)).isTrue();
        assertThat(parse(withStatus("canceled")).isSettled(NOW, LIMIT)).isTrue();
        assertThat(parse(cloud()).isSettled(NOW, LIMIT)).isTrue();
        assertThat(parse(withStatus("in-progress")).isSettled(NOW, LIMIT)).isFalse();
        assertThat(parse(withStatus("in-progress")).isGivenUp(NOW, LIMIT)).isFalse();
    }

    @Test
    void aRecordingInProgressForLongerThanTheLimitIsGivenUp() {
        DailyListedRecording stuck = parse(withStatus("in-progress"));
        Instant muchLater = Instant.ofEpochSecond(stuck.startTs()).plus(LIMIT).plusSeconds(1);

        assertThat(stuck.isGivenUp(muchLater, LIMIT)).isTrue();
        assertThat(stuck.isSettled(muchLater, LIMIT)).isTrue();
        assertThat(stuck.isIngestible()).isFalse();
    }

    @Test
    void aRecordingInProgressWithoutAStartTimeCannotBeWaitedFor() {
        DailyListedRecording undated = parse("{\"id\": \"x\", \"room_name\": \"r\", \"status\": \"in-progress\"}");

        assertThat(undated.isGivenUp(NOW, LIMIT)).isTrue();
    }

    @Test
    void theSyntheticEventReadsLikeTheWebhooksReadyToDownload() {
        DailyListedRecording recording = parse(RAW_TRACKS);

        String event = recording.readyToDownloadEvent(NOW);
        DailyEnvelope envelope = DailyEnvelope.parse(event.getBytes(StandardCharsets.UTF_8));
        DailyRecordingReady ready = DailyRecordingReady.parse(envelope.payload());

        assertThat(envelope.id()).isEqualTo("poll:08fa0b24-9220-44c5-846c-3f116cf8e738").isEqualTo(recording.eventId());
        assertThat(envelope.type()).isEqualTo("recording.ready-to-download");
        assertThat(envelope.sentAt()).isEqualTo(NOW);
        assertThat(ready.isRawTracks()).isTrue();
        assertThat(ready.recordingId()).isEqualTo(recording.id());
        assertThat(ready.roomName()).isEqualTo("standup-20260115120000");
        assertThat(ready.startedAt()).isEqualTo(Instant.ofEpochSecond(1768478430L));
        assertThat(ready.objectKey()).isEqualTo(PREFIX);
        assertThat(ready.tracks().microphoneAudioKeys()).containsExactly(MIC);
        assertThat(ready.tracks().allKeys()).containsExactly(MIC, CAMERA, SCREEN);
        assertThat(envelope.payload().path("duration").asLong()).isEqualTo(1800L);
        assertThat(envelope.payload().path("status").asText()).isEqualTo("finished");
    }

    private static DailyListedRecording parse(String json) {
        return DailyListedRecording.parse(tree(json));
    }

    private static ObjectNode tree(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String withStatus(String status) {
        return tree(RAW_TRACKS).put("status", status).toString();
    }

    private static String withTracks(String tracks) {
        ObjectNode recording = tree(RAW_TRACKS);
        recording.set("tracks", tree("{\"tracks\": " + tracks + "}").get("tracks"));
        return recording.toString();
    }

    /** A cloud recording: one composed file under s3key, no tracks field. */
    private static String cloud() {
        ObjectNode recording = tree(RAW_TRACKS);
        recording.remove("tracks");
        return recording.toString();
    }
}
