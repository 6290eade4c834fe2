package io.reflector.ingest.transcription;

/** The service refused the request with a 4xx other than 408 and 429: sending it again gets the same answer. */
public class RejectedTranscriptionException extends TranscriptionException {
    public RejectedTranscriptionException(String message) {
        super(message);
    }
}
