package io.reflector.ingest.store;

import java.time.Instant;

/** A transcript in a list: what it is and where it stands, without its words, events, participants or waveform. */
public record TranscriptSummary(String id, String recordingId, String meetingId, String roomId, String status,
                                String errorMsg, String failureKind, Double durationMs, String transcription,
                                boolean audioDeleted, Instant createdAt, Instant updatedAt, int run,
                                int recoveryAttempts) {
}
