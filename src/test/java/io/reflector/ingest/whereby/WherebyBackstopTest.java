package io.reflector.ingest.whereby;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import org.apache.camel.CamelContext;
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
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** What happens to a Whereby recording when its S3 notification does not do its job. */
class WherebyBackstopTest extends EmbeddedDefaultTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INTAKE = "whereby-recording-intake";

    @TempDir
    static Path directory;
    private static Path withAudio;

    @Autowired
    S3Client s3;
    @Autowired
    SqsClient sqs;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CamelContext camel;
    @Autowired
    ReflectorProperties properties;

    @BeforeAll
    static void encodeRecording() {
        withAudio = WherebyUploads.toneMp4(directory.resolve("tone.mp4"), 2.0);
    }

    @Test
    void anUploadWhoseNotificationWasDeletedUnseenIsFoundByTheListingAndProcessedOnce() throws Exception {
        String bucket = properties.storage().wherebyBucket();
        String key = "lost-" + UUID.randomUUID() + "-2026-11-25T12:00:00Z.mp4";
        camel.getRouteController().stopRoute(INTAKE);
        try {
            s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(withAudio));
            deleteNotificationOf(key);
        } finally {
            camel.getRouteController().startRoute(INTAKE);
        }

        JsonNode transcript = awaitFinished(bucket, key);
        assertThat(transcript.path("status").asText()).as(transcript.path("error_msg").asText()).isEqualTo("ended");
        assertThat(transcript.path("run").asInt()).isEqualTo(1);
        assertOneRecordingAndTranscript(key);

        sqs.sendMessage(b -> b.queueUrl(properties.queues().recordingsUrl())
                .messageBody(WherebyUploads.notification(bucket, key)));
        Eventually.await(Duration.ofSeconds(30), () -> queueIsEmpty(properties.queues().recordingsUrl()),
                "the late notification to be worked");

        JsonNode after = transcript(transcript.path("recording_id").asText());
        assertThat(after.path("status").asText()).isEqualTo("ended");
        assertThat(after.path("run").asInt()).isEqualTo(1);
        assertThat(after.path("events")).hasSameSizeAs(transcript.path("events"));
        assertOneRecordingAndTranscript(key);
    }

    @Test
    void anUnreadableNotificationRecordIsKeptAsAFailureCountedAndShownInHealth() {
        String bucket = "unreadable-" + UUID.randomUUID();
        String messageId = sqs.sendMessage(b -> b.queueUrl(properties.queues().recordingsUrl()).messageBody(
                "{\"Records\":[{\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"" + bucket
                        + "\"},\"object\":{\"size\":7}}}]}")).messageId();

        String reason = Eventually.await(Duration.ofSeconds(30), () -> jdbc.sql(
                        "select reason from notification_failure where queue = 'recordings' and message_id = :id")
                .param("id", messageId).query(String.class).optional().orElse(null), "the failure row");
        assertThat(reason).isEqualTo("Records[0]: s3.object.key is missing");
        assertThat(jdbc.sql("select record from notification_failure where message_id = :id").param("id", messageId)
                .query(String.class).single()).contains(bucket);
        Eventually.await(Duration.ofSeconds(30), () -> queueIsEmpty(properties.queues().recordingsUrl()),
                "the message to be deleted");
        assertThat(http().get("/actuator/prometheus", "Authorization", Http.OPS_BASIC).body())
                .containsPattern("reflector_notification_unreadable_records(\\{[^}]*\\})? [1-9]");
        assertThat(http().get("/actuator/health", "Authorization", Http.OPS_BASIC).body())
                .contains("\"wherebyNotifications\"").contains("\"unreadableRecords\"");
    }

    @Test
    void aDeadLetteredNotificationIsSentBackByTheOpsCallAndThenProcessed() throws Exception {
        // a bucket the listing does not scan, so only the redriven notification can start this recording
        String bucket = properties.storage().transcriptBucket();
        String key = "redrive/room-" + UUID.randomUUID() + "-2026-11-25T12:00:00Z.mp4";
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(withAudio));
        String deadLetters = properties.queues().recordingsDlqUrl();
        sqs.sendMessage(b -> b.queueUrl(deadLetters).messageBody(WherebyUploads.notification(bucket, key)));

        assertThat(http().postJson("/actuator/deadletters/recordings", "{}").statusCode()).isEqualTo(401);
        assertThat(http().postJson("/actuator/deadletters/nonsense", "{}", "Authorization", Http.OPS_BASIC)
                .statusCode()).isEqualTo(400);
        HttpResponse<String> redrive = http().postJson("/actuator/deadletters/recordings", "{\"max\":1000}",
                "Authorization", Http.OPS_BASIC);

        assertThat(redrive.statusCode()).as(redrive.body()).isEqualTo(200);
        JsonNode report = JSON.readTree(redrive.body());
        assertThat(report.path("queue").asText()).isEqualTo("recordings");
        assertThat(report.path("moved").asInt()).isPositive();
        assertThat(report.path("remaining").asInt()).isZero();
        JsonNode transcript = awaitFinished(bucket, key);
        assertThat(transcript.path("status").asText()).as(transcript.path("error_msg").asText()).isEqualTo("ended");
        assertThat(transcript.path("run").asInt()).isEqualTo(1);
    }

    private void deleteNotificationOf(String key) {
        String queue = properties.queues().recordingsUrl();
        Message notification = Eventually.await(Duration.ofSeconds(30), () -> sqs.receiveMessage(b -> b.queueUrl(queue)
                        .maxNumberOfMessages(10).waitTimeSeconds(1)).messages().stream()
                .filter(message -> message.body().contains(key.substring(0, 20))).findFirst().orElse(null),
                "the notification of " + key);
        sqs.deleteMessage(b -> b.queueUrl(queue).receiptHandle(notification.receiptHandle()));
    }

    private void assertOneRecordingAndTranscript(String key) {
        assertThat(jdbc.sql("select count(*) from recording where object_key = :key").param("key", key)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from transcript t join recording r on r.id = t.recording_id "
                + "where r.object_key = :key").param("key", key).query(Long.class).single()).isEqualTo(1);
    }

    private JsonNode awaitFinished(String bucket, String key) throws Exception {
        return new WherebyTranscripts(jdbc, http()).awaitFinished(bucket, key);
    }

    private JsonNode transcript(String recordingId) throws Exception {
        return new WherebyTranscripts(jdbc, http()).transcript(recordingId);
    }

    private boolean queueIsEmpty(String url) {
        var attributes = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return "0".equals(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                && "0".equals(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }
}
