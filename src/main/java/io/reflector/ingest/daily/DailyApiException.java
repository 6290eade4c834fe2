package io.reflector.ingest.daily;

public class DailyApiException extends RuntimeException {
    public DailyApiException(String message) {
        super(message);
    }

    public DailyApiException(String message, Throwable cause) {
        super(message, cause);
    }
}
