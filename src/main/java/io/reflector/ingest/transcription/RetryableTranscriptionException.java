package io.reflector.ingest.transcription;

/**
 * The service was busy, overloaded, down or slow (5xx, 429, a timeout, no connection): the route retries the track
 * with exponential back-off.
 */
public class RetryableTranscriptionException extends TranscriptionException {
    public RetryableTranscriptionException(String message) {
        super(message);
    }

    public RetryableTranscriptionException(String message, Throwable cause) {
        super(message, cause);
    }
}
