package io.reflector.ingest.media;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a missing or broken ffmpeg into Spring Boot's short "APPLICATION FAILED TO START" report (what failed, what
 * to do) instead of a page of stack trace.
 */
public class FfmpegFailureAnalyzer extends AbstractFailureAnalyzer<FfmpegUnavailableException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, FfmpegUnavailableException cause) {
        return new FailureAnalysis("No usable ffmpeg: " + cause.getMessage(),
                "Unset FFMPEG_PATH to use an ffmpeg on the PATH or the bundled one, point FFMPEG_PATH at an ffmpeg"
                        + " with libopus, libmp3lame and the amix, aresample, asplit and aformat filters,"
                        + " or install one (Debian/Ubuntu: apt-get install ffmpeg).", cause);
    }
}
