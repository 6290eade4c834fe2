package io.reflector.ingest.transcription;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

import io.reflector.ingest.config.ReflectorProperties;
import io.reflector.ingest.pipeline.Mixdown;
import io.reflector.ingest.pipeline.FailureKind;
import io.reflector.ingest.pipeline.PipelineFailure;
import io.reflector.ingest.store.TranscriptStates;
import io.reflector.ingest.store.TranscriptWord;

/**
 * The recording-level steps of the transcription route: whether there is a service at all, the merge of the
 * tracks' words, and the end of the run in every outcome.
 */
public class Transcription {
    private static final Logger log = LoggerFactory.getLogger(Transcription.class);

    private final ReflectorProperties.Transcription settings;
    private final TranscriptStates transcripts;

    public Transcription(ReflectorProperties.Transcription settings, TranscriptStates transcripts) {
        this.settings = settings;
        this.transcripts = transcripts;
    }

    public boolean isConfigured() {
        return settings.isConfigured();
    }

    @EventListener(ApplicationReadyEvent.class)
    public void announce() {
        if (isConfigured()) {
            log.info("Transcription: {} backend at {}, {} tracks at once, up to {} attempts each",
                    settings.backend().name().toLowerCase(), settings.url(), settings.parallelism(),
                    settings.maxAttempts());
        } else if (settings.backend() == ReflectorProperties.Transcription.Backend.WHISPER) {
            log.warn("Transcription is not configured: TRANSCRIPT_BACKEND=whisper is Reflector's in-process model,"
                    + " which this service does not run; set TRANSCRIPT_BACKEND=modal (or openai) and TRANSCRIPT_URL."
                    + " Until then recordings end with their audio and transcription = not_configured");
        } else {
            log.warn("Transcription is not configured (TRANSCRIPT_URL is not set): recordings get their audio "
                    + "outputs and end with transcription = not_configured, without words");
        }
    }

    /** Every track must be transcribed; the words of all go on the transcript, and the run ends. */
    public void completed(List<TrackTranscript> tracks, @ExchangeProperty(Mixdown.TRANSCRIPT_ID) String transcriptId,
                          @ExchangeProperty(Mixdown.RUN) int run) {
        String failures = tracks.stream().filter(TrackTranscript::failedTrack)
                .sorted(Comparator.comparingInt(TrackTranscript::index))
                .map(TrackTranscript::failure).collect(Collectors.joining("; "));
        if (!failures.isEmpty()) {
            throw new PipelineFailure("transcription failed for " + failures, FailureKind.worst(tracks.stream()
                    .filter(TrackTranscript::failedTrack).map(TrackTranscript::failureKind).toList()));
        }
        List<TranscriptWord> words = TranscriptMerge.merge(tracks);
        if (transcripts.transcribed(transcriptId, run, words, TranscriptMerge.text(words))) {
            log.info("Transcript {} ended: {} words from {} tracks", transcriptId, words.size(), tracks.size());
        }
    }

    public void notConfigured(@ExchangeProperty(Mixdown.TRANSCRIPT_ID) String transcriptId,
                              @ExchangeProperty(Mixdown.RUN) int run) {
        if (transcripts.transcriptionNotConfigured(transcriptId, run)) {
            log.info("Transcript {} ended without transcription: none is configured", transcriptId);
        }
    }

    /** The transcript fails with the reason and stays retryable; its audio outputs stay. */
    public void failed(Exchange exchange) {
        String transcriptId = exchange.getProperty(Mixdown.TRANSCRIPT_ID, String.class);
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String reason = PipelineFailure.reason(cause);
        log.warn("Transcript {} failed: {}", transcriptId, reason);
        transcripts.transcriptionFailed(transcriptId, exchange.getProperty(Mixdown.RUN, Integer.class), reason,
                FailureKind.of(cause).permanent());
    }
}
