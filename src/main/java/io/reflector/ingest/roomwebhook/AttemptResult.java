package io.reflector.ingest.roomwebhook;

/** What one POST to a room's webhook URL came to. */
public sealed interface AttemptResult {

    /** The receiver answered; {@code bodyPreview} is the start of its body, for the attempt log. */
    record Answered(int statusCode, String bodyPreview) implements AttemptResult {
        public boolean isSuccess() {
            return statusCode >= 200 && statusCode < 300;
        }
    }

    /**
     * No answer. {@code worthRetrying} for timeouts and connection errors; not when the request cannot be made at
     * all (the URL is not one).
     */
    record NoAnswer(String error, boolean worthRetrying) implements AttemptResult {
    }
}
