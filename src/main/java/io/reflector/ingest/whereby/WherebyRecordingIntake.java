package io.reflector.ingest.whereby;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

import org.apache.camel.Body;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.reflector.ingest.pipeline.MultitrackJob;
import io.reflector.ingest.s3.S3EventNotification;
import io.reflector.ingest.store.NotificationFailures;
import io.reflector.ingest.store.Platform;
import io.reflector.ingest.store.RecordingRegistry;
import io.reflector.ingest.store.RegisteredRecording;
import io.reflector.ingest.store.TranscriptStates;

/**
 * Turns one SQS message of the Whereby bucket's S3 notifications into recordings and the jobs that process them.
 * Records are independent: a record the notification cannot describe is kept in {@code notification_failure}
 * (gauge and health detail) and skipped, its siblings go on.
 * A body that is not a notification at all fails, so SQS redelivers it and finally moves it to the dead-letter
 * queue, where it stays visible.
 */
@Component
public class WherebyRecordingIntake {
    /** The queue's name in {@code notification_failure}, the dead-letter metric and the redrive. */
    static final String QUEUE = "recordings";
    private static final Logger log = LoggerFactory.getLogger(WherebyRecordingIntake.class);

    private final RecordingRegistry recordings;
    private final TranscriptStates transcripts;
    private final NotificationFailures failures;

    public WherebyRecordingIntake(RecordingRegistry recordings, TranscriptStates transcripts,
                                  NotificationFailures failures) {
        this.recordings = recordings;
        this.transcripts = transcripts;
        this.failures = failures;
    }

    public List<MultitrackJob> jobs(@Body String body, @Header("CamelAwsSqsMessageId") String messageId,
                                    @Header("CamelAwsSqsAttributes") Map<String, String> attributes) {
        try {
            return register(S3EventNotification.parse(body), messageId);
        } catch (RuntimeException e) {
            log.error("SQS message {} of the recordings queue failed (receive {}); it is retried and, after the "
                            + "queue's maximum receive count, moved to its dead-letter queue: {}", messageId,
                    attributes == null ? "?" : attributes.getOrDefault("ApproximateReceiveCount", "?"), e.getMessage());
            throw e;
        }
    }

    private List<MultitrackJob> register(S3EventNotification notification, String messageId) {
        if (notification.testEvent()) {
            log.info("S3 test event {} acknowledged", messageId);
            return List.of();
        }
        for (S3EventNotification.RecordProblem problem : notification.problems()) {
            log.warn("SQS message {}, record {} cannot be read and is kept in notification_failure: {}", messageId,
                    problem.index(), problem.message());
            failures.add(QUEUE, messageId, problem.index(), problem.message(), problem.record());
        }
        List<MultitrackJob> jobs = new ArrayList<>();
        for (S3EventNotification.ObjectCreated created : notification.objectsCreated()) {
            ingest(created.bucket(), created.key(), created.eventTime()).ifPresent(jobs::add);
        }
        return jobs;
    }

    /**
     * Registers one object of the bucket as a recording with its transcript and claims the transcript's first run:
     * what a notification of the object does, whoever found it (the notification or the bucket listing).
     *
     * @param createdAt when the object was written, if known: the recording time of a key that does not tell it
     * @return the job of the first run; empty when the recording is already being processed or done
     */
    public Optional<MultitrackJob> ingest(String bucket, String key, Optional<Instant> createdAt) {
        RegisteredRecording registered = register(bucket, key, createdAt);
        OptionalInt run = transcripts.claim(registered.transcriptId());
        if (run.isEmpty()) {
            log.info("s3://{}/{} is already being processed or done; ignored", bucket, key);
            return Optional.empty();
        }
        return Optional.of(new MultitrackJob(registered.transcriptId(), run.getAsInt(), registered.recordingId(),
                bucket, List.of(key)));
    }

    private RegisteredRecording register(String bucket, String objectKey, Optional<Instant> createdAt) {
        String roomName = null;
        Instant recordedAt = createdAt.orElseGet(Instant::now);
        try {
            WherebyRecordingKey key = WherebyRecordingKey.parse(objectKey);
            roomName = key.meetingRoomName();
            recordedAt = key.recordedAt();
        } catch (IllegalArgumentException e) {
            log.warn("Whereby recording s3://{}/{} has a key we cannot read ({}); processed without a meeting",
                    bucket, objectKey, e.getMessage());
        }
        RegisteredRecording registered = recordings.register(recordingId(bucket, objectKey),
                Platform.WHEREBY, bucket, objectKey, null, List.of(objectKey), recordedAt, roomName);
        if (!registered.matched()) {
            log.warn("Whereby recording s3://{}/{}: no meeting with room name {}; processed unmatched, linked when the "
                    + "meeting appears", bucket, objectKey, roomName);
        }
        return registered;
    }

    /** The same object always gets the same id, so a redelivered notification finds its recording. */
    static String recordingId(String bucket, String key) {
        return UUID.nameUUIDFromBytes(("s3://" + bucket + "/" + key).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
