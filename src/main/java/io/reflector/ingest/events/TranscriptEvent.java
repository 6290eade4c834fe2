package io.reflector.ingest.events;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One row of {@code transcript_event}: what a client of the event stream receives, as JSON, with {@code id} also
 * as the SSE event id.
 *
 * @param event STATUS, DURATION, WAVEFORM, TRANSCRIPT, AUDIO_DELETED (as in {@code transcript.events}) or one of
 *              the progress events of {@link RunProgress}
 */
public record TranscriptEvent(long id, String transcriptId, int run, String event, JsonNode data, Instant createdAt) {
}
