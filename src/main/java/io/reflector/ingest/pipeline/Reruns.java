package io.reflector.ingest.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 * Runs the pipeline again for a stored recording, by hand or by the recovery sweep. The job is rebuilt from the
 * database alone (spec §10.1, #29): the stored microphone tracks when the recording has them, else its one file.
 */
@Component
public class Reruns {
    private static final Logger log = LoggerFactory.getLogger(Reruns.class);

    private final TranscriptStates states;
    private final TranscriptRepository transcripts;
    private final RecordingRepository recordings;
    private final RecoveryCandidates candidates;
    private final ReflectorProperties.Recovery recovery;

    public Reruns(TranscriptStates states, TranscriptRepository transcripts, RecordingRepository recordings,
                  RecoveryCandidates candidates, ReflectorProperties properties) {
        this.states = states;
        this.transcripts = transcripts;
        this.recordings = recordings;
        this.candidates = candidates;
        this.recovery = properties.recovery();
    }

    /** What a request to reprocess leads to. */
    public sealed interface Reprocess {
        record Started(MultitrackJob job) implements Reprocess {
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
        List<String> keys = keys(recording);
        if (keys.isEmpty()) {
            return new Reprocess.NothingToProcess("the recording has no microphone audio track");
        }
        OptionalInt run = states.reprocess(transcript.id());
        if (run.isEmpty()) {
            Transcript now = transcripts.findById(transcript.id()).orElseThrow();
            return now.audioDeleted() ? filesDeleted() : new Reprocess.InProgress(now.run());
        }
        log.info("Transcript {}: run {} started by hand", transcript.id(), run.getAsInt());
        return new Reprocess.Started(new MultitrackJob(transcript.id(), run.getAsInt(), recording.id(),
                recording.bucketName(), keys));
    }

    /**
     * One pass of the recovery sweep: ends the runs lost for good in error, and starts a new run for every lost,
     * failed-and-due or never-started one.
     */
    public List<MultitrackJob> sweep() {
        for (String transcriptId : candidates.lostForGood(recovery.maxAttempts())) {
            if (states.abandon(transcriptId, recovery.maxAttempts())) {
                log.error("Transcript {}: its run was lost after {} recovery attempt(s); left in error", transcriptId,
                        recovery.maxAttempts());
            }
        }
        List<MultitrackJob> jobs = new ArrayList<>();
        for (String orphan : candidates.transcriptsForOrphans()) {
            log.warn("Transcript {} created for a recording that had none", orphan);
            recover(orphan, "idle", 0).ifPresent(jobs::add);
        }
        for (RecoveryCandidates.Candidate candidate : candidates.due(recovery.backoff(), recovery.maxAttempts(),
                recovery.idleGrace())) {
            recover(candidate.transcriptId(), candidate.status(), candidate.recoveryAttempts()).ifPresent(jobs::add);
        }
        return jobs;
    }

    /**
     * Reads all the job needs before the run starts, so that a started run always gets its job; a transcript that
     * cannot be read is left for the next sweep, and the other candidates go on.
     */
    private Optional<MultitrackJob> recover(String transcriptId, String status, int attemptsMade) {
        Optional<Recording> found = transcripts.findById(transcriptId).flatMap(t -> recordings.findById(t.recordingId()));
        if (found.isEmpty()) {
            log.warn("Transcript {} or its recording is gone; not recovered", transcriptId);
            return Optional.empty();
        }
        Recording recording = found.get();
        OptionalInt run = states.recover(transcriptId, recovery.maxAttempts());
        if (run.isEmpty()) {
            return Optional.empty();
        }
        log.warn("Transcript {} ({}): recovery attempt {} of {}, run {}", transcriptId, describe(status),
                attemptsMade + 1, recovery.maxAttempts(), run.getAsInt());
        return Optional.of(new MultitrackJob(transcriptId, run.getAsInt(), recording.id(),
                recording.bucketName(), keys(recording)));
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

    private static List<String> keys(Recording recording) {
        return recording.trackKeys() != null ? recording.trackKeys() : List.of(recording.objectKey());
    }
}
