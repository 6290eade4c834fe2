package io.reflector.ingest.pipeline;

import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.reflector.ingest.store.Platform;
import io.reflector.ingest.store.RecordingRegistry;
import io.reflector.ingest.store.RegisteredRecording;
import io.reflector.ingest.store.TranscriptStates;

/**
 * The one place that starts a run: a new recording from Daily or Whereby, a reprocess asked for by hand, a
 * recovery, a run handed back by a stopping instance. Starting a run queues its job in the same transaction
 * ({@link TranscriptStates}), and a worker of any instance with a free slot takes it ({@link RunWorkers}): nothing
 * between a claim and its job can fail.
 */
@Component
public class RunStarter {
    private final RecordingRegistry recordings;
    private final TranscriptStates states;

    public RunStarter(RecordingRegistry recordings, TranscriptStates states) {
        this.recordings = recordings;
        this.states = states;
    }

    /**
     * What registering a recording led to.
     *
     * @param run empty when the recording was already claimed (a duplicate delivery): nothing was started
     */
    public record FirstRun(RegisteredRecording registered, OptionalInt run) {
        public String transcriptId() {
            return registered.transcriptId();
        }
    }

    /**
     * Registers the recording with its transcript (or finds them) and claims its first run, in one transaction.
     *
     * @param trackKeys null for a single-file recording; otherwise the microphone tracks, index = speaker
     * @param rawKeys   every object of the recording, for consent cleanup
     */
    @Transactional
    public FirstRun firstRun(String recordingId, Platform platform, String bucket, String objectKey,
                             List<String> trackKeys, List<String> rawKeys, Instant recordedAt, String roomName) {
        RegisteredRecording registered = recordings.register(recordingId, platform, bucket, objectKey, trackKeys,
                rawKeys, recordedAt, roomName);
        return new FirstRun(registered, states.claim(registered.transcriptId()));
    }

    /** A run asked for by hand; empty while another run holds the transcript or its files are deleted. */
    public OptionalInt byHand(String transcriptId) {
        return states.reprocess(transcriptId);
    }

    /** A run of the recovery sweep; empty when the transcript no longer needs it or has no attempts left. */
    public OptionalInt recovery(String transcriptId, int maxAttempts) {
        return states.recover(transcriptId, maxAttempts);
    }

    /** A run this stopping instance gives up, queued again as a new run; empty when it is no longer its own. */
    public OptionalInt handBack(RunRef ref) {
        return states.handBack(ref.transcriptId(), ref.run());
    }
}
