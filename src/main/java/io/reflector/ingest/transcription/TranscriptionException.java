package io.reflector.ingest.transcription;

/** The service refused a track or answered something we cannot read; asking again would not help. */
public class TranscriptionException extends RuntimeException {
    public TranscriptionException(String message) {
        super(message);
    }

    public TranscriptionException(String message, Throwable cause) {
        super(message, cause);
    }
}
