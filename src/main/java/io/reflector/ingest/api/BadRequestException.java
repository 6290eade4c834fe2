package io.reflector.ingest.api;

/** A request the API understood but cannot accept: 400 with this message. */
public class BadRequestException extends RuntimeException {
    public BadRequestException(String message) {
        super(message);
    }
}
