package io.reflector.ingest.pipeline;

import java.util.OptionalInt;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.reflector.ingest.config.ReflectorProperties;
import io.reflector.ingest.store.Recording;
import io.reflector.ingest.store.RecordingRepository;
import io.reflector.ingest.store.RecoveryCandidates;
import io.reflector.ingest.store.Transcript;
import io.reflector.ingest.store.TranscriptRepository;
import io.reflector.ingest.store.TranscriptStates;

/**
 * Runs the pipeline again for a stored recording, by hand or by the recovery sweep. The run is queued with its
 * start ({@link RunStarter}); its job is rebuilt from the database alone when a worker takes it.
 */
@Component
public class Reruns {
    private static final Logger log = LoggerFactory.getLogger(Reruns.class);

    private final RunStarter starter;
    private final TranscriptStates states;
    private final TranscriptRepository transcripts;
    private final RecordingRepository recordings;
    private final RecoveryCandidates candidates;
    private final ReflectorProperties.Recovery recovery;

    public Reruns(RunStarter starter, TranscriptStates states, TranscriptRepository transcripts,
                  RecordingRepository recordings, RecoveryCandidates candidates, ReflectorProperties properties) {
        this.starter = starter;
        this.states = states;
        this.transcripts = transcripts;
        this.recordings = recordings;
        this.candidates = candidates;
        this.recovery = properties.recovery();
    }

    /** What a request to reprocess leads to. */
    public sealed interface Reprocess {
        record Started(int run) implements Reprocess {
        }

        record InProgress(int run) implements Reprocess {
        }

        record NothingToProcess(String reason) implements Reprocess {
        }
    }

    /** @param transcript an existing transcript */
    public Reprocess reprocess(Transcript transcript) {
        if (transcript.audioDeleted()) {
            return filesDeleted();
        }
        Recording recording = recordings.findById(transcript.recordingId()).orElseThrow();
        if (MultitrackJob.trackKeys(recording).isEmpty()) {
            return new Reprocess.NothingToProcess("the recording has no microphone audio track");
        }
        OptionalInt run = starter.byHand(transcript.id());
        if (run.isEmpty()) {
            Transcript now = transcripts.findById(transcript.id()).orElseThrow();
            return now.audioDeleted() ? filesDeleted() : new Reprocess.InProgress(now.run());
        }
        log.info("Transcript {}: run {} started by hand", transcript.id(), run.getAsInt());
        return new Reprocess.Started(run.getAsInt());
    }

    /**
     * One pass of the recovery sweep: ends the runs lost for good in error, and queues a new run for every lost,
     * failed-and-due or never-started one.
     *
     * @return how many runs it queued
     */
    public int sweep() {
        for (String transcriptId : candidates.lostForGood(recovery.maxAttempts())) {
            if (states.abandon(transcriptId, recovery.maxAttempts())) {
                log.error("Transcript {}: its run was lost after {} recovery attempt(s); left in error", transcriptId,
                        recovery.maxAttempts());
            }
        }
        int queued = 0;
        for (String orphan : candidates.transcriptsForOrphans()) {
            log.warn("Transcript {} created for a recording that had none", orphan);
            queued += recover(orphan, "idle", 0);
        }
        for (RecoveryCandidates.Candidate candidate : candidates.due(recovery.backoff(), recovery.maxAttempts(),
                recovery.idleGrace())) {
            queued += recover(candidate.transcriptId(), candidate.status(), candidate.recoveryAttempts());
        }
        return queued;
    }

    /** A transcript whose recording is gone is left alone; the other candidates go on. */
    private int recover(String transcriptId, String status, int attemptsMade) {
        if (transcripts.findById(transcriptId).flatMap(t -> recordings.findById(t.recordingId())).isEmpty()) {
            log.warn("Transcript {} or its recording is gone; not recovered", transcriptId);
            return 0;
        }
        OptionalInt run = starter.recovery(transcriptId, recovery.maxAttempts());
        if (run.isEmpty()) {
            return 0;
        }
        log.warn("Transcript {} ({}): recovery attempt {} of {}, run {} queued", transcriptId, describe(status),
                attemptsMade + 1, recovery.maxAttempts(), run.getAsInt());
        return 1;
    }

    private static Reprocess filesDeleted() {
        return new Reprocess.NothingToProcess("the recording's files were deleted because consent was refused");
    }

    private static String describe(String status) {
        return switch (status) {
            case "processing" -> "its run was lost";
            case "idle" -> "its first run never started";
            default -> "its last run failed";
        };
    }
}
