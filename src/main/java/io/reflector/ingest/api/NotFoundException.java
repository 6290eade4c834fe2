package io.reflector.ingest.api;

/** An id in the path that names nothing: 404. */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String what, String id) {
        super(what + " " + id + " not found");
    }
}
