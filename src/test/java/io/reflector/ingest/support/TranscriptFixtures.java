package io.reflector.ingest.support;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.reflector.ingest.store.Meeting;
import io.reflector.ingest.store.MeetingRepository;
import io.reflector.ingest.store.Platform;
import io.reflector.ingest.store.RecordingRegistry;
import io.reflector.ingest.store.RegisteredRecording;
import io.reflector.ingest.store.TranscriptStates;
import io.reflector.ingest.store.TranscriptWord;
import io.reflector.ingest.transcription.TranscriptMerge;

/**
 * Meetings, recordings and transcripts in a given state, made through the application's own repositories instead
 * of the audio pipeline (which other tests cover), for tests of what happens after processing.
 */
public final class TranscriptFixtures {
    public static final Instant MEETING_START = Instant.parse("2026-03-02T09:00:00Z");
    public static final double DURATION_MS = 15130.25;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MeetingRepository meetings;
    private final RecordingRegistry recordings;
    private final TranscriptStates states;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    public TranscriptFixtures(ApplicationContext context) {
        this.meetings = context.getBean(MeetingRepository.class);
        this.recordings = context.getBean(RecordingRegistry.class);
        this.states = context.getBean(TranscriptStates.class);
        this.jdbc = context.getBean(JdbcClient.class);
        this.transaction = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
    }

    /**
     * Claims the transcript's first run and takes its job off the queue in the same transaction, as a worker of the
     * test would: no run worker of the application ever sees it, and the test drives the run itself.
     */
    public int claimedByTheTest(String transcriptId) {
        return transaction.execute(status -> {
            int run = states.claim(transcriptId).orElseThrow();
            jdbc.sql("delete from run_job where transcript_id = :id").param("id", transcriptId).update();
            return run;
        });
    }

    /** A meeting with a room name of its own, so recordings match it and nothing else. */
    public Meeting meeting(String roomId, Platform platform) {
        String roomName = "fixture-" + UUID.randomUUID().toString().substring(0, 8) + "-20260302090000";
        return meetings.create(UUID.randomUUID().toString(), roomId, roomName, platform, MEETING_START, null);
    }

    /** A recording of the meeting with its idle transcript, as the platforms' intakes register them. */
    public RegisteredRecording recording(Meeting meeting, String bucket, String objectKey, List<String> trackKeys,
                                         List<String> rawKeys) {
        return recordings.register(UUID.randomUUID().toString(), meeting.platform(), bucket, objectKey, trackKeys,
                rawKeys, MEETING_START.plusSeconds(30), meeting.roomName());
    }

    /** Processing ran and ended, with the outputs the pipeline names. */
    public void ended(String transcriptId) {
        ended(transcriptId, "[]");
    }

    /** @param wordsJson the words as transcription stores them: {@code [{text, start, end, speaker}]} */
    public void ended(String transcriptId, String wordsJson) {
        int run = claimedByTheTest(transcriptId);
        states.audioStored(transcriptId, run, DURATION_MS, List.of(0.25, 1.0), transcriptId + "/audio.mp3",
                transcriptId + "/waveform.json");
        try {
            List<TranscriptWord> words = JSON.readValue(wordsJson, new TypeReference<List<TranscriptWord>>() { });
            states.transcribed(transcriptId, run, words, TranscriptMerge.text(words));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a list of words: " + wordsJson, e);
        }
    }
}
