package io.reflector.ingest.media;

/** The file has no audio stream at all (a video-only recording): it fails the same way however often it is tried. */
public class NoAudioStreamException extends MediaProcessingException {

    public NoAudioStreamException(String message, Throwable cause) {
        super(message, cause);
    }

    /** ffmpeg says a missing stream as "… matches no streams"; anything else is passed on as it is. */
    static MediaProcessingException recognise(MediaProcessingException failure, String file) {
        return failure.getMessage() != null && failure.getMessage().contains("matches no streams")
                ? new NoAudioStreamException(file + " has no audio stream", failure) : failure;
    }
}
