package io.reflector.ingest.whereby;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.camel.Body;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.reflector.ingest.pipeline.RunStarter;
import io.reflector.ingest.s3.S3EventNotification;
import io.reflector.ingest.store.NotificationFailures;
import io.reflector.ingest.store.Platform;

/**
 * Turns one SQS message of the Whereby bucket's S3 notifications into recordings whose first runs are queued.
 * Records are independent: each is registered, claimed and queued in a transaction of its own, so a record that
 * fails leaves its siblings done and a redelivery finds them as duplicates; a record the notification cannot
 * describe is kept in {@code notification_failure} (gauge and health detail) and skipped. A body that is not a notification at all fails, so SQS redelivers it and finally
 * moves it to the dead-letter queue, where it stays visible.
 */
@Component
public class WherebyRecordingIntake {
    /** The queue's name in {@code notification_failure}, the dead-letter metric and the redrive. */
    static final String QUEUE = "recordings";
    private static final Logger log = LoggerFactory.getLogger(WherebyRecordingIntake.class);

    private final RunStarter runs;
    private final NotificationFailures failures;

    public WherebyRecordingIntake(RunStarter runs, NotificationFailures failures) {
        this.runs = runs;
        this.failures = failures;
    }

    public void notified(@Body String body, @Header("CamelAwsSqsMessageId") String messageId,
                         @Header("CamelAwsSqsAttributes") Map<String, String> attributes) {
        try {
            register(S3EventNotification.parse(body), messageId);
        } catch (RuntimeException e) {
            log.error("SQS message {} of the recordings queue failed (receive {}); it is retried and, after the "
                            + "queue's maximum receive count, moved to its dead-letter queue: {}", messageId,
                    attributes == null ? "?" : attributes.getOrDefault("ApproximateReceiveCount", "?"), e.getMessage());
            throw e;
        }
    }

    private void register(S3EventNotification notification, String messageId) {
        if (notification.testEvent()) {
            log.info("S3 test event {} acknowledged", messageId);
            return;
        }
        for (S3EventNotification.RecordProblem problem : notification.problems()) {
            log.warn("SQS message {}, record {} cannot be read and is kept in notification_failure: {}", messageId,
                    problem.index(), problem.message());
            failures.add(QUEUE, messageId, problem.index(), problem.message(), problem.record());
        }
        for (S3EventNotification.ObjectCreated created : notification.objectsCreated()) {
            ingest(created.bucket(), created.key(), created.eventTime().orElseGet(Instant::now));
        }
    }

    /**
     * One Whereby object, however it was found (a notification, a listing of the bucket): registered as a recording
     * with its transcript, and its first run claimed and queued, in one transaction. Safe to call again for the same
     * object: it starts nothing the second time.
     *
     * @param seenAt when the object was created, used when its key does not say when the meeting was recorded
     * @return whether a run was started (false: the object was already registered and claimed)
     */
    public boolean ingest(String bucket, String key, Instant seenAt) {
        String roomName = null;
        Instant recordedAt = seenAt;
        try {
            WherebyRecordingKey parsed = WherebyRecordingKey.parse(key);
            roomName = parsed.meetingRoomName();
            recordedAt = parsed.recordedAt();
        } catch (IllegalArgumentException e) {
            log.warn("Whereby recording s3://{}/{} has a key we cannot read ({}); processed without a meeting",
                    bucket, key, e.getMessage());
        }
        RunStarter.FirstRun started = runs.firstRun(recordingId(bucket, key), Platform.WHEREBY, bucket, key, null,
                List.of(key), recordedAt, roomName);
        if (!started.registered().matched()) {
            log.warn("Whereby recording s3://{}/{}: no meeting with room name {}; processed unmatched, linked when the "
                    + "meeting appears", bucket, key, roomName);
        }
        if (started.run().isEmpty()) {
            log.info("s3://{}/{} is already being processed or done; nothing started", bucket, key);
            return false;
        }
        return true;
    }

    /** The same object always gets the same id, so a redelivered notification finds its recording. */
    static String recordingId(String bucket, String key) {
        return UUID.nameUUIDFromBytes(("s3://" + bucket + "/" + key).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
