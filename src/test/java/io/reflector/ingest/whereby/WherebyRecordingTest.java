package io.reflector.ingest.whereby;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.reflector.ingest.config.ReflectorProperties;
import io.reflector.ingest.support.EmbeddedDefaultTest;
import io.reflector.ingest.support.Eventually;
import io.reflector.ingest.support.Http;
import io.reflector.ingest.support.WherebyUploads;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Whereby recordings the way AWS delivers them: an MP4 put into the Whereby bucket with the AWS SDK makes the
 * (embedded) bucket notify the recordings queue; other deliveries are sent to the queue by hand.
 */
class WherebyRecordingTest extends EmbeddedDefaultTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PROCESSING_LIMIT = Duration.ofMinutes(2);
    private static final double TONE_SECONDS = 3.0;

    @TempDir
    static Path directory;
    private static Path withAudio;
    private static Path videoOnly;

    @Autowired
    S3Client s3;
    @Autowired
    SqsClient sqs;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ReflectorProperties properties;

    @BeforeAll
    static void encodeRecordings() {
        withAudio = WherebyUploads.toneMp4(directory.resolve("with-audio.mp4"), TONE_SECONDS);
        videoOnly = WherebyUploads.videoOnlyMp4(directory.resolve("video-only.mp4"));
    }

    @Test
    void anMp4PutIntoTheWherebyBucketIsProcessedToTheEnd() throws Exception {
        String room = "standup-" + UUID.randomUUID();
        http().apiPost("/v1/meetings", "{\"id\":\"" + UUID.randomUUID() + "\",\"room_name\":\"/" + room
                + "\",\"platform\":\"whereby\",\"start_date\":\"2026-11-25T11:59:00Z\"}");
        String key = room + "-2026-11-25T12:00:00Z.mp4";

        put(properties.storage().wherebyBucket(), key, withAudio);

        JsonNode transcript = awaitFinished(properties.storage().wherebyBucket(), key);
        assertThat(transcript.path("status").asText()).as(transcript.path("error_msg").asText()).isEqualTo("ended");
        assertThat(transcript.path("duration_ms").asDouble()).isCloseTo(TONE_SECONDS * 1000, within(50.0));
        assertThat(transcript.path("waveform")).hasSize(255);
        assertThat(transcript.path("meeting_id").isNull()).isFalse();
        String id = transcript.path("id").asText();
        for (String output : List.of("/audio.mp3", "/waveform.json")) {
            assertThat(s3.headObject(b -> b.bucket(properties.storage().transcriptBucket()).key(id + output))
                    .contentLength()).as(output).isPositive();
        }
        assertThat(transcript.path("transcription").asText()).isEqualTo("completed");
        assertThat(transcript.path("words")).as("a plain tone has no markers to hear").isEmpty();
        assertThat(s3.listObjectsV2(b -> b.bucket(properties.storage().transcriptBucket()).prefix(id + "/tracks/"))
                .contents()).as("padded tracks").isEmpty();
        JsonNode recording = JSON.readTree(http().api("/v1/recordings/" + transcript.path("recording_id").asText()).body());
        assertThat(recording.path("platform").asText()).isEqualTo("whereby");
        assertThat(recording.path("recorded_at").asText()).isEqualTo("2026-11-25T12:00:00Z");
        assertThat(recording.path("status").asText()).isEqualTo("completed");
    }

    @Test
    void keysWithSpacesPlusSignsAndNonAsciiAreDecodedWithFormSemantics() throws Exception {
        String key = "équipe hebdo+1-" + UUID.randomUUID() + "-2026-11-25T12:00:00Z.mp4";

        put(properties.storage().wherebyBucket(), key, withAudio);

        JsonNode transcript = awaitFinished(properties.storage().wherebyBucket(), key);
        assertThat(transcript.path("status").asText()).as(transcript.path("error_msg").asText()).isEqualTo("ended");
    }

    @Test
    void anSnsWrappedNotificationIsUnwrapped() throws Exception {
        String bucket = properties.storage().transcriptBucket();
        String key = "sns/room-" + UUID.randomUUID() + "-2026-11-25T12:00:00Z.mp4";
        put(bucket, key, withAudio);
        String s3Event = WherebyUploads.notification(bucket, key);

        send("{\"Type\":\"Notification\",\"MessageId\":\"" + UUID.randomUUID() + "\",\"TopicArn\":\"arn:aws:sns:us-east-1:1:t\","
                + "\"Message\":" + JSON.writeValueAsString(s3Event) + "}");

        assertThat(awaitFinished(bucket, key).path("status").asText()).isEqualTo("ended");
    }

    @Test
    void aRedeliveredNotificationMakesNoSecondRecordingOrRun() throws Exception {
        String key = "again-" + UUID.randomUUID() + "-2026-11-25T12:00:00Z.mp4";
        put(properties.storage().wherebyBucket(), key, withAudio);
        JsonNode first = awaitFinished(properties.storage().wherebyBucket(), key);

        send(WherebyUploads.notification(properties.storage().wherebyBucket(), key));
        send(WherebyUploads.notification(properties.storage().wherebyBucket(), key));
        Eventually.await(Duration.ofSeconds(30), () -> queueIsEmpty(properties.queues().recordingsUrl()), "the queue");

        assertThat(jdbc.sql("select count(*) from recording where object_key = :key").param("key", key)
                .query(Long.class).single()).isEqualTo(1);
        JsonNode again = transcript(first.path("recording_id").asText());
        assertThat(again.path("events")).hasSameSizeAs(first.path("events"));
    }

    @Test
    void aMissingObjectAndAFileWithoutAudioFailPermanentlyAfterOneAttemptAndTheSweepLeavesThemAlone() throws Exception {
        String missing = "missing-" + UUID.randomUUID() + "-2026-11-25T12:00:00Z.mp4";
        String silent = "video-only-" + UUID.randomUUID() + "-2026-11-25T12:00:00Z.mp4";
        String control = "transient-" + UUID.randomUUID() + "-2026-11-25T12:00:00Z.mp4";

        send(WherebyUploads.notification(properties.storage().wherebyBucket(), missing));
        put(properties.storage().wherebyBucket(), silent, videoOnly);
        put(properties.storage().wherebyBucket(), control, withAudio);

        JsonNode missingTranscript = awaitFinished(properties.storage().wherebyBucket(), missing);
        JsonNode silentTranscript = awaitFinished(properties.storage().wherebyBucket(), silent);
        assertThat(missingTranscript.path("status").asText()).isEqualTo("error");
        assertThat(missingTranscript.path("error_msg").asText()).startsWith("permanent failure").contains("does not exist");
        assertThat(silentTranscript.path("status").asText()).isEqualTo("error");
        assertThat(silentTranscript.path("error_msg").asText()).startsWith("permanent failure").contains("no audio stream");
        for (JsonNode failed : List.of(missingTranscript, silentTranscript)) {
            assertThat(failed.path("failure_kind").asText()).isEqualTo("permanent");
            assertThat(failed.path("run").asInt()).isEqualTo(1);
        }
        Eventually.await(Duration.ofSeconds(30), () -> queueIsEmpty(properties.queues().recordingsUrl()), "the queue");

        // all three past any back-off: the sweep runs the transient failure again, never the permanent ones
        JsonNode controlTranscript = awaitFinished(properties.storage().wherebyBucket(), control);
        jdbc.sql("""
                        update transcript set status = 'error', failure_kind = 'transient', error_msg = 'S3 was down'
                        where id = :id""").param("id", controlTranscript.path("id").asText()).update();
        jdbc.sql("update transcript set updated_at = now() - interval '30 days' where id in (:ids)")
                .param("ids", List.of(missingTranscript.path("id").asText(), silentTranscript.path("id").asText(),
                        controlTranscript.path("id").asText())).update();
        String controlRecording = controlTranscript.path("recording_id").asText();
        Eventually.await(PROCESSING_LIMIT, () -> {
            JsonNode again = transcriptOrNull(controlRecording);
            return again != null && again.path("run").asInt() == 2 && "ended".equals(again.path("status").asText());
        }, "the transient failure to be run again by the sweep");
        for (JsonNode failed : List.of(missingTranscript, silentTranscript)) {
            JsonNode now = transcript(failed.path("recording_id").asText());
            assertThat(now.path("status").asText()).isEqualTo("error");
            assertThat(now.path("run").asInt()).isEqualTo(1);
            assertThat(now.path("recovery_attempts").asInt()).isZero();
        }
    }

    @Test
    void aPoisonMessageEndsInTheDeadLetterQueueAndIsCounted() {
        int before = messages(properties.queues().recordingsDlqUrl());

        send("this is not an S3 notification");

        Eventually.await(Duration.ofMinutes(2), () -> messages(properties.queues().recordingsDlqUrl()) > before,
                "the dead-letter queue");
        Eventually.await(Duration.ofSeconds(30), () -> queueIsEmpty(properties.queues().recordingsUrl()), "the queue");
        assertThat(http().get("/actuator/prometheus", "Authorization", Http.OPS_BASIC).body())
                .containsPattern("reflector_sqs_dead_letters\\{queue=\"recordings\"[^}]*\\} [1-9]");
    }

    private void put(String bucket, String key, Path file) {
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(file));
    }

    private void send(String body) {
        sqs.sendMessage(b -> b.queueUrl(properties.queues().recordingsUrl()).messageBody(body));
    }

    private JsonNode awaitFinished(String bucket, String key) throws Exception {
        return new WherebyTranscripts(jdbc, http()).awaitFinished(bucket, key);
    }

    private JsonNode transcript(String recordingId) throws Exception {
        return new WherebyTranscripts(jdbc, http()).transcript(recordingId);
    }

    private JsonNode transcriptOrNull(String recordingId) {
        try {
            return transcript(recordingId);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean queueIsEmpty(String url) {
        var attributes = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return "0".equals(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                && "0".equals(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    private int messages(String url) {
        return Integer.parseInt(sqs.getQueueAttributes(b -> b.queueUrl(url)
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }
}
