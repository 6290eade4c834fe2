package io.reflector.ingest.whereby;

/**
 * A Whereby webhook body we will not accept. The message says what is wrong and is safe to return as a 400 body:
 * it quotes only what Whereby (or whoever posted) sent.
 */
public class InvalidWherebyEventException extends RuntimeException {

    public InvalidWherebyEventException(String message) {
        super(message);
    }

    public InvalidWherebyEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
