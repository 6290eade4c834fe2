package io.reflector.ingest.media;

/** No ffmpeg that can do the app's work: the message names the executable and what is wrong with it. */
public class FfmpegUnavailableException extends RuntimeException {

    public FfmpegUnavailableException(String message) {
        super(message);
    }
}
