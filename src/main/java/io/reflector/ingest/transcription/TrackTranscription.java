package io.reflector.ingest.transcription;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.reflector.ingest.events.RunProgress;
import io.reflector.ingest.pipeline.FailureKind;
import io.reflector.ingest.pipeline.PipelineFailure;
import io.reflector.ingest.pipeline.TrackResult;

/** The steps of the per-track transcription route: transcribe, or report why not. */
@Component
public class TrackTranscription {
    static final String ATTEMPTS = "transcriptionAttempts";
    private static final Logger log = LoggerFactory.getLogger(TrackTranscription.class);

    private final Transcriber transcriber;
    private final RunProgress progress;

    public TrackTranscription(Transcriber transcriber, RunProgress progress) {
        this.transcriber = transcriber;
        this.progress = progress;
    }

    /** Counts its attempts on the exchange: Camel drops its redelivery counter once the failure is handled. */
    public TrackTranscript transcribe(TrackResult track, Exchange exchange) {
        exchange.setProperty(ATTEMPTS, exchange.getProperty(ATTEMPTS, 0, Integer.class) + 1);
        TrackTranscript transcript = TrackTranscript.transcribed(track, transcriber.transcribe(track));
        progress.trackTranscribed(track.transcriptId(), track.run(), track.index(), transcript.words().size());
        log.info("Transcript {}: track {} of {} transcribed, {} words", track.transcriptId(), track.index(),
                track.trackCount(), transcript.words().size());
        return transcript;
    }

    /** Once the retries are spent (or for an error no retry can fix): the reason, naming the track. */
    public TrackTranscript failed(Exchange exchange) {
        TrackResult track = exchange.getMessage().getBody(TrackResult.class);
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        int attempts = exchange.getProperty(ATTEMPTS, 0, Integer.class);
        String reason = "track " + track.index() + " of " + track.trackCount()
                + (attempts > 1 ? " (" + attempts + " attempts)" : "") + ": "
                + PipelineFailure.reason(cause);
        log.warn("Transcript {}: transcription failed for {}", track.transcriptId(), reason);
        return TrackTranscript.failed(track, reason, FailureKind.of(cause));
    }
}
