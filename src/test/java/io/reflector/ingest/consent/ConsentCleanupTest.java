package io.reflector.ingest.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.reflector.ingest.config.ReflectorProperties;
import io.reflector.ingest.store.Meeting;
import io.reflector.ingest.store.Platform;
import io.reflector.ingest.store.RegisteredRecording;
import io.reflector.ingest.store.Room;
import io.reflector.ingest.store.RoomRepository;
import io.reflector.ingest.support.EmbeddedDefaultTest;
import io.reflector.ingest.support.Eventually;
import io.reflector.ingest.support.RoomWebhookReceiver;
import io.reflector.ingest.support.TranscriptFixtures;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Refused meetings lose exactly their audio: every object the platform wrote for the recording (a Daily recording's
 * audio, video and screen-share tracks; a Whereby MP4) and everything of the transcript in the transcript bucket,
 * while other recordings' objects stay. Transcripts are set up through the repositories, objects put with the S3
 * client.
 */
class ConsentCleanupTest extends EmbeddedDefaultTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LIMIT = Duration.ofSeconds(30);

    @Autowired
    ApplicationContext context;
    @Autowired
    S3Client s3;
    @Autowired
    ReflectorProperties properties;
    @Autowired
    RoomRepository rooms;
    @Autowired
    JdbcClient jdbc;

    /** A Daily recording's raw objects in the Daily bucket and its transcript's outputs. */
    private record Stored(Meeting meeting, String transcriptId, String bucket, List<String> rawKeys,
                          List<String> outputs) {
        List<String> everything() {
            return Stream.concat(rawKeys.stream(), outputs.stream()).toList();
        }
    }

    @Test
    void aRefusalBeforeProcessingDeletesEveryRawObjectAndOutputOnceTheTranscriptEnded() throws Exception {
        Stored refused = dailyRecording(null);
        Stored kept = dailyRecording(null);
        consent(refused.meeting(), false);
        consent(kept.meeting(), true);

        fixtures().ended(refused.transcriptId());
        fixtures().ended(kept.transcriptId());

        awaitAudioDeleted(refused.transcriptId());
        assertAbsent(refused);
        assertPresent(kept);
        JsonNode transcript = transcript(refused.transcriptId());
        assertThat(transcript.path("status").asText()).isEqualTo("ended");
        assertThat(transcript.path("audio_key").isNull()).isTrue();
        assertThat(transcript.path("waveform_key").isNull()).isTrue();
        assertThat(transcript.path("audio_location").isNull()).isTrue();
        JsonNode event = last(transcript.path("events"));
        assertThat(event.path("event").asText()).isEqualTo("AUDIO_DELETED");
        assertThat(event.path("data").path("raw_objects").asInt()).isEqualTo(4);
        assertThat(event.path("data").path("outputs").asInt()).isEqualTo(3);
        assertThat(transcript(kept.transcriptId()).path("audio_deleted").asBoolean()).isFalse();
    }

    @Test
    void aRefusalAfterProcessingDeletesToo() throws Exception {
        Stored recording = dailyRecording(null);
        fixtures().ended(recording.transcriptId());
        assertPresent(recording);

        consent(recording.meeting(), false);

        awaitAudioDeleted(recording.transcriptId());
        assertAbsent(recording);
    }

    @Test
    void aSecondRunOverAlreadyDeletedObjectsSucceeds() throws Exception {
        Stored recording = dailyRecording(null);
        Stored neighbour = dailyRecording(null);
        consent(recording.meeting(), false);
        fixtures().ended(recording.transcriptId());
        awaitAudioDeleted(recording.transcriptId());

        jdbc.sql("update transcript set audio_deleted = false where id = :id")
                .param("id", recording.transcriptId()).update();

        awaitAudioDeleted(recording.transcriptId());
        assertThat(transcript(recording.transcriptId()).path("events")).filteredOn(
                e -> e.path("event").asText().equals("AUDIO_DELETED")).hasSize(2);
        assertAbsent(recording);
        assertPresent(neighbour);
    }

    @Test
    void aWherebyMp4IsDeletedAlsoFromARowWithoutRawKeys() throws Exception {
        String bucket = properties.storage().wherebyBucket();
        Meeting meeting = fixtures().meeting(null, Platform.WHEREBY);
        String registeredByIntake = mp4Key(meeting);
        String withoutRawKeys = mp4Key(meeting);
        Meeting other = fixtures().meeting(null, Platform.WHEREBY);
        String otherMeeting = mp4Key(other);
        // as WherebyRecordingIntake registers it: one file, no tracks, the file as the raw key
        RegisteredRecording first = fixtures().recording(meeting, bucket, registeredByIntake, null, List.of(registeredByIntake));
        RegisteredRecording second = fixtures().recording(meeting, bucket, withoutRawKeys, null, null);
        RegisteredRecording third = fixtures().recording(other, bucket, otherMeeting, null, List.of(otherMeeting));
        Stream.of(first, second, third).forEach(recording -> fixtures().ended(recording.transcriptId()));
        // after the transcripts ended: the Whereby bucket announces new objects, and the intake leaves ended ones be
        Stream.of(registeredByIntake, withoutRawKeys, otherMeeting).forEach(key -> put(bucket, key));
        put(properties.storage().transcriptBucket(), first.transcriptId() + "/audio.mp3");

        consent(meeting, false);

        awaitAudioDeleted(first.transcriptId());
        awaitAudioDeleted(second.transcriptId());
        assertThat(exists(bucket, registeredByIntake)).isFalse();
        assertThat(exists(bucket, withoutRawKeys)).isFalse();
        assertThat(exists(properties.storage().transcriptBucket(), first.transcriptId() + "/audio.mp3")).isFalse();
        assertThat(exists(bucket, otherMeeting)).isTrue();
    }

    @Test
    void aFailingCleanupIsLoggedAndRetriedUntilItSucceedsWithoutBlockingTheRoomWebhookOrChangingTheStatus() {
        RoomWebhookReceiver.Endpoint receiver = RoomWebhookReceiver.INSTANCE.endpoint(null);
        Room room = rooms.create("consent-" + UUID.randomUUID().toString().substring(0, 8), Platform.DAILY, null,
                receiver.url(), null);
        Meeting meeting = fixtures().meeting(room.id(), Platform.DAILY);
        String track = "testdomain/" + meeting.roomName() + "/track";
        RegisteredRecording recording = fixtures().recording(meeting, properties.storage().dailyBucket(),
                "testdomain/" + meeting.roomName(), List.of(track), List.of(track));
        // a row the cleanup cannot read fails it, every run, until the row is corrected
        jdbc.sql("update recording set raw_keys = '[{\"not\": \"a key\"}]' where id = :id")
                .param("id", recording.recordingId()).update();
        consent(meeting, false);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger routeLog = (Logger) LoggerFactory.getLogger("consent-cleanup");
        routeLog.addAppender(log);
        try {
            fixtures().ended(recording.transcriptId());

            Eventually.await(LIMIT, () -> log.list.stream().anyMatch(event -> event.getFormattedMessage()
                    .contains(recording.transcriptId())), "the logged failure");
            assertThat(log.list.get(0).getFormattedMessage()).contains("failed")
                    .contains("raw_keys is not a JSON array of strings");
            Eventually.await(LIMIT, () -> receiver.received().size() == 1, "the room webhook");
            assertThat(transcript(recording.transcriptId()).path("audio_deleted").asBoolean()).isFalse();

            jdbc.sql("update recording set raw_keys = cast(:keys as jsonb) where id = :id")
                    .param("keys", "[\"" + track + "\"]").param("id", recording.recordingId()).update();
            awaitAudioDeleted(recording.transcriptId());
            assertThat(transcript(recording.transcriptId()).path("status").asText()).isEqualTo("ended");
        } finally {
            routeLog.detachAppender(log);
        }
    }

    private Stored dailyRecording(String roomId) {
        String bucket = properties.storage().dailyBucket();
        Meeting meeting = fixtures().meeting(roomId, Platform.DAILY);
        String folder = "testdomain/" + meeting.roomName();
        long recordingStartMs = 1_772_442_030_000L;
        String participant = UUID.randomUUID().toString();
        List<String> rawKeys = Stream.of("cam-audio", "cam-video", "screen-audio", "screen-video")
                .map(kind -> folder + "/" + recordingStartMs + "-" + participant + "-" + kind + "-" + (recordingStartMs + 400))
                .toList();
        rawKeys.forEach(key -> put(bucket, key));
        // as the Daily intake registers it: the microphone track as the track list, every track as raw keys
        RegisteredRecording recording = fixtures().recording(meeting, bucket, folder, rawKeys.subList(0, 1), rawKeys);
        List<String> outputs = Stream.of("audio.mp3", "waveform.json", "tracks/padded_0.webm")
                .map(name -> recording.transcriptId() + "/" + name).toList();
        outputs.forEach(key -> put(properties.storage().transcriptBucket(), key));
        return new Stored(meeting, recording.transcriptId(), bucket, rawKeys, outputs);
    }

    private static String mp4Key(Meeting meeting) {
        return meeting.roomName() + "-" + UUID.randomUUID() + "-2026-03-02T09:00:30Z.mp4";
    }

    private void consent(Meeting meeting, boolean given) {
        assertThat(http().apiPost("/v1/meetings/" + meeting.id() + "/consent", "{\"consent_given\":" + given + "}")
                .statusCode()).isEqualTo(201);
    }

    private void awaitAudioDeleted(String transcriptId) {
        Eventually.await(LIMIT, () -> transcript(transcriptId).path("audio_deleted").asBoolean(),
                "audio_deleted of transcript " + transcriptId);
    }

    private void assertAbsent(Stored stored) {
        assertThat(stored.rawKeys()).allSatisfy(key -> assertThat(exists(stored.bucket(), key)).as(key).isFalse());
        assertThat(s3.listObjectsV2(b -> b.bucket(properties.storage().transcriptBucket())
                .prefix(stored.transcriptId() + "/")).contents()).isEmpty();
    }

    private void assertPresent(Stored stored) {
        List<String> missing = new ArrayList<>();
        stored.rawKeys().stream().filter(key -> !exists(stored.bucket(), key)).forEach(missing::add);
        stored.outputs().stream().filter(key -> !exists(properties.storage().transcriptBucket(), key)).forEach(missing::add);
        assertThat(missing).as("objects of %s", stored.everything()).isEmpty();
    }

    private boolean exists(String bucket, String key) {
        try {
            s3.headObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        }
    }

    private void put(String bucket, String key) {
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(("bytes of " + key).getBytes(StandardCharsets.UTF_8)));
    }

    private JsonNode transcript(String transcriptId) {
        try {
            return JSON.readTree(http().api("/v1/transcripts/" + transcriptId).body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode last(JsonNode array) {
        return array.get(array.size() - 1);
    }

    private TranscriptFixtures fixtures() {
        return new TranscriptFixtures(context);
    }
}
