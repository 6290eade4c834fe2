package io.reflector.ingest.api;

/** A request that clashes with the resource's current state: 409 with this message. */
public class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}
