package io.reflector.ingest.daily;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;

import org.apache.camel.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.reflector.ingest.config.ReflectorProperties;
import io.reflector.ingest.pipeline.RunStarter;
import io.reflector.ingest.store.Inbox;
import io.reflector.ingest.store.ParticipantSessions;
import io.reflector.ingest.store.Platform;
import io.reflector.ingest.store.RecordingAnnouncements;
import io.reflector.ingest.store.RecordingRegistry;
import io.reflector.ingest.store.TranscriptStates;

/**
 * Works one inboxed Daily event: records what it says in the database and, for a recording that is ready, starts
 * its first run (registered, claimed and queued in one transaction, {@link RunStarter}). The event is marked
 * processed only after its effects are committed, so a crash means a retry, and every effect is idempotent.
 */
@Component
public class DailyEventDispatcher {
    public static final String PROVIDER = "daily";
    static final Duration REPLAY_AFTER = Duration.ofMinutes(2);
    static final int MAX_ATTEMPTS = 5;
    private static final Logger log = LoggerFactory.getLogger(DailyEventDispatcher.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Inbox inbox;
    private final RecordingRegistry recordings;
    private final RecordingAnnouncements announcements;
    private final RunStarter runs;
    private final TranscriptStates transcripts;
    private final DailyParticipantNames names;
    private final ParticipantSessions sessions;
    private final String bucket;

    public DailyEventDispatcher(Inbox inbox, RecordingRegistry recordings, RecordingAnnouncements announcements,
                                RunStarter runs, TranscriptStates transcripts, DailyParticipantNames names,
                                ParticipantSessions sessions, ReflectorProperties properties) {
        this.inbox = inbox;
        this.recordings = recordings;
        this.announcements = announcements;
        this.runs = runs;
        this.transcripts = transcripts;
        this.names = names;
        this.sessions = sessions;
        this.bucket = properties.storage().dailyBucket();
    }

    /**
     * @throws RuntimeException after noting the reason on the inbox row, so the queue redelivers the message
     */
    @Handler
    public void dispatch(String eventId) throws JsonProcessingException {
        if (!inbox.work(PROVIDER, eventId, this::work)) {
            log.info("Daily event {} is already processed (or unknown); nothing to do", eventId);
        }
    }

    /** Events left unprocessed with attempts to spare: their queue message was lost or their worker died. */
    public List<String> replayable() {
        return inbox.replayable(PROVIDER, REPLAY_AFTER, MAX_ATTEMPTS);
    }

    private void work(Inbox.Event event) throws JsonProcessingException {
        String eventId = event.eventId();
        try {
            DailyEnvelope envelope = DailyEnvelope.parse(event.payload().getBytes(StandardCharsets.UTF_8));
            switch (envelope.type()) {
                case "recording.ready-to-download" -> recordingReady(DailyRecordingReady.parse(envelope.payload()));
                case "participant.joined", "participant.left" ->
                        participantChanged(eventId, DailyParticipantEvent.parse(envelope));
                case "recording.started" -> recordingStarted(eventId, DailyRecordingStarted.parse(envelope));
                case "recording.error" -> recordingFailed(eventId, DailyRecordingError.parse(envelope));
                default -> log.info("Daily event {} of type {} needs no work here", eventId, envelope.type());
            }
        } catch (InvalidDailyEventException | DateTimeException e) {
            // signed by Daily but not what its type says: kept, visible and never retried, since it would fail again
            log.warn("Daily event {} is invalid and is not worked: {}", eventId, e.getMessage());
            throw new Inbox.InvalidEvent(e.getMessage(), e);
        }
    }

    private void recordingReady(DailyRecordingReady ready) throws JsonProcessingException {
        if (!ready.isRawTracks()) {
            log.info("Daily recording {} is of type {}; only raw-tracks recordings are processed", ready.recordingId(),
                    ready.type());
            return;
        }
        if (!ready.tracks().unrecognisedKeys().isEmpty()) {
            log.warn("Daily recording {} has keys outside Daily's track layout (not treated as audio): {}",
                    ready.recordingId(), ready.tracks().unrecognisedKeys());
        }
        List<String> trackKeys = ready.tracks().microphoneAudioKeys();
        Instant recordedAt = ready.startedAt() != null ? ready.startedAt() : Instant.now();
        RunStarter.FirstRun started = runs.firstRun(ready.recordingId(), Platform.DAILY, bucket, ready.objectKey(),
                trackKeys, ready.tracks().allKeys(), recordedAt, ready.roomName());
        if (!started.registered().matched()) {
            log.warn("Daily recording {}: no meeting with room name {} near {}; processed unmatched, linked when the "
                    + "meeting appears", ready.recordingId(), ready.roomName(), recordedAt);
        }
        OptionalInt run = started.run();
        if (run.isPresent() && trackKeys.isEmpty()) {
            transcripts.failed(started.transcriptId(), run.getAsInt(), "the recording has no microphone audio track (keys: "
                    + JSON.writeValueAsString(ready.tracks().allKeys()) + ")", true);
        } else if (run.isEmpty()) {
            log.info("Daily recording {} is already being processed or done (transcript {}); duplicate ignored",
                    ready.recordingId(), started.transcriptId());
        }
        // after the run is queued, so neither a slow Daily API nor a failure here can hold it up; a redelivery of the
        // event names the speakers of a transcript that still has none
        if (!trackKeys.isEmpty() && !recordings.hasParticipants(started.transcriptId())) {
            recordings.participants(started.transcriptId(), names.forTracks(ready.recordingId(), trackKeys));
        }
    }

    /** Presence is informative only: an event we cannot place is logged, never retried. */
    private void participantChanged(String eventId, DailyParticipantEvent event) {
        if (!event.identifiesASession()) {
            log.warn("Daily event {} names no room or no session (room {}, session {}); ignored", eventId,
                    event.roomName(), event.sessionId());
            return;
        }
        sessions.record(event.roomName(), event.session()).ifPresentOrElse(
                presence -> log.info("Daily meeting {}: session {} {}; {} participant(s) present",
                        presence.meetingId(), event.sessionId(), event.leftAt() == null ? "joined" : "left",
                        presence.openSessions()),
                () -> log.warn("Daily event {}: no meeting with room name {}; participant session {} ignored",
                        eventId, event.roomName(), event.sessionId()));
    }

    private void recordingStarted(String eventId, DailyRecordingStarted started) {
        if (started.recordingId() == null) {
            log.warn("Daily event {}: a recording started in room {} without a recording id; ignored", eventId,
                    started.roomName());
            return;
        }
        announcements.started(started.recordingId(), bucket, started.roomName(), started.startedAt());
        log.info("Daily recording {} started in room {}", started.recordingId(), started.roomName());
    }

    private void recordingFailed(String eventId, DailyRecordingError error) {
        if (error.recordingId() == null) {
            log.warn("Daily event {}: a recording in room {} failed ({}); Daily gave no recording id to mark",
                    eventId, error.roomName(), error.reason());
            return;
        }
        if (announcements.failed(error.recordingId(), bucket, error.roomName(), error.at(), error.reason())) {
            log.warn("Daily recording {} in room {} failed: {}", error.recordingId(), error.roomName(), error.reason());
        } else {
            log.warn("Daily recording {} in room {} reported failing ({}) once our pipeline had its files; the "
                    + "pipeline's status is kept", error.recordingId(), error.roomName(), error.reason());
        }
    }
}
