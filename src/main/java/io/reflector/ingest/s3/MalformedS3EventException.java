package io.reflector.ingest.s3;

/**
 * An SQS message body that is not an S3 event notification at all; retrying it cannot help, so it belongs in the
 * dead-letter queue. Problems of single records are reported per record instead, see
 * {@link S3EventNotification#problems()}.
 */
public class MalformedS3EventException extends RuntimeException {

    public MalformedS3EventException(String message) {
        super(message);
    }

    public MalformedS3EventException(String message, Throwable cause) {
        super(message, cause);
    }
}
