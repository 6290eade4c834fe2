package io.reflector.ingest.transcription;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

import io.reflector.ingest.config.ReflectorProperties;
import io.reflector.ingest.pipeline.FailureKind;
import io.reflector.ingest.pipeline.PipelineFailure;
import io.reflector.ingest.pipeline.StoredAudio;
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
    public void completed(StoredAudio audio, List<TrackTranscript> tracks) {
        String failures = tracks.stream().filter(TrackTranscript::failedTrack)
                .sorted(Comparator.comparingInt(TrackTranscript::index))
                .map(TrackTranscript::failure).collect(Collectors.joining("; "));
        if (!failures.isEmpty()) {
            throw new PipelineFailure("transcription failed for " + failures, FailureKind.worst(tracks.stream()
                    .filter(TrackTranscript::failedTrack).map(TrackTranscript::failureKind).toList()));
        }
        List<TranscriptWord> words = TranscriptMerge.merge(tracks);
        String transcriptId = audio.ref().transcriptId();
        if (transcripts.transcribed(transcriptId, audio.ref().run(), words, TranscriptMerge.text(words))) {
            log.info("Transcript {} ended: {} words from {} tracks", transcriptId, words.size(), tracks.size());
        }
    }

    public void notConfigured(StoredAudio audio) {
        if (transcripts.transcriptionNotConfigured(audio.ref().transcriptId(), audio.ref().run())) {
            log.info("Transcript {} ended without transcription: none is configured", audio.ref().transcriptId());
        }
    }

    /** The transcript fails with the reason and stays retryable; its audio outputs stay. */
    public void failed(StoredAudio audio, Exception cause) {
        String reason = PipelineFailure.reason(cause);
        log.warn("Transcript {} failed: {}", audio.ref().transcriptId(), reason);
        transcripts.transcriptionFailed(audio.ref().transcriptId(), audio.ref().run(), reason,
                FailureKind.of(cause).permanent());
    }
}
