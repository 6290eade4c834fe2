package io.reflector.ingest.pipeline;

import java.util.Collection;

import io.reflector.ingest.media.MediaProcessingException;
import io.reflector.ingest.transcription.RejectedTranscriptionException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Whether a failure will fail the same way every time. Permanent: the object is missing or access to it is denied,
 * the media has no audio stream or ffmpeg cannot read it, the transcription service refused the request (a 4xx
 * other than 408 and 429). Such a run ends in {@code error} at once and is never retried by the recovery sweep;
 * anything else (S3 or network trouble, a 5xx, a full disk, a lost run) is transient and keeps its back-off.
 */
public enum FailureKind {
    PERMANENT,
    TRANSIENT;

    public static FailureKind of(Throwable failure) {
        if (failure instanceof PipelineFailure pipeline) {
            return pipeline.kind();
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof NoSuchKeyException || t instanceof NoSuchBucketException
                    || t instanceof RejectedTranscriptionException) {
                return PERMANENT;
            }
            if (t instanceof AwsServiceException aws && (aws.statusCode() == 403 || aws.statusCode() == 404)) {
                return PERMANENT;
            }
            if (t instanceof MediaProcessingException media) {
                return mediaFailure(media.getMessage());
            }
        }
        return TRANSIENT;
    }

    /** For the track-errors redelivery decision: only a transient failure is worth fetching again. */
    public static boolean isTransient(Throwable failure) {
        return of(failure) == TRANSIENT;
    }

    /** A run with several failures fails for good when one of them does. */
    public static FailureKind worst(Collection<FailureKind> kinds) {
        return kinds.contains(PERMANENT) ? PERMANENT : TRANSIENT;
    }

    public boolean permanent() {
        return this == PERMANENT;
    }

    /** ffmpeg and ffprobe fail on the media itself, unless the machine failed them (not started, disk full). */
    private static FailureKind mediaFailure(String message) {
        String text = message == null ? "" : message;
        boolean machine = text.contains("cannot be started") || text.contains("interrupted")
                || text.contains("No space left on device") || text.contains("Cannot allocate memory");
        return machine ? TRANSIENT : PERMANENT;
    }
}
