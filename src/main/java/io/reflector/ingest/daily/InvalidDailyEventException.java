package io.reflector.ingest.daily;

/**
 * A Daily webhook body or payload we will not accept. The message says what is wrong and is safe to return as a
 * 400 body: it quotes only what Daily (or whoever posted) sent.
 */
public class InvalidDailyEventException extends RuntimeException {

    public InvalidDailyEventException(String message) {
        super(message);
    }

    public InvalidDailyEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
