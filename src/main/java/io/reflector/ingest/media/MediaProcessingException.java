package io.reflector.ingest.media;

/** An ffmpeg/ffprobe run failed, or its output cannot be used; the message says which file and why. */
public class MediaProcessingException extends RuntimeException {

    public MediaProcessingException(String message) {
        super(message);
    }

    public MediaProcessingException(String message, Throwable cause) {
        super(message, cause);
    }
}
