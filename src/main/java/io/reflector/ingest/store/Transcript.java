package io.reflector.ingest.store;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * @param failureKind   permanent or transient once the run failed, else null (see V7__permanent_failures.sql)
 * @param transcription pending, completed, not_configured or error (see V3__transcription.sql)
 */
public record Transcript(String id, String recordingId, String meetingId, String roomId, String status,
                         String errorMsg, String failureKind, JsonNode participants, JsonNode events, JsonNode words, Double durationMs,
                         JsonNode waveform, String audioLocation, String audioKey, String waveformKey,
                         boolean audioDeleted, String transcription, Instant createdAt, Instant updatedAt, int run,
                         int recoveryAttempts) {
}
